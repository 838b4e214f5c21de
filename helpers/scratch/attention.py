"""Scaled dot-product and multi-head attention in NumPy, equal to Keras `MultiHeadAttention`.

Attention(Q, K, V) = softmax(Q K^T / sqrt(d)) V: every query position takes a weighted
mean of the value vectors, weighted by how well its query matches each key.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_array, as_float_array, check_positive_int
from helpers.scratch.activations import softmax


def scaled_dot_product_attention(
    query: ArrayLike, key: ArrayLike, value: ArrayLike, mask: ArrayLike | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``(softmax(Q K^T / sqrt(d)) V, weights)`` for arrays (..., positions, features).

    ``query`` is (..., n_q, d), ``key`` (..., n_k, d) and ``value`` (..., n_k, d_v), with
    the same leading axes. ``mask`` (broadcast to (..., n_q, n_k)) is True where a query
    may look at a key; masked keys get weight 0 (every query must see at least one key).
    """
    q = as_float_array(query, "query")
    k = as_float_array(key, "key")
    v = as_float_array(value, "value")
    if q.ndim < 2 or k.ndim != q.ndim or v.ndim != q.ndim:
        raise ValueError(
            f"`query`, `key` and `value` must be arrays of the same rank >= 2 (positions, "
            f"features), but have shapes {q.shape}, {k.shape} and {v.shape}."
        )
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(
            f"`key` must have the query's feature size {q.shape[-1]} in its last axis, but has "
            f"shape {k.shape}: a query is compared with each key by a dot product."
        )
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(
            f"`value` must have one row per key ({k.shape[-2]}), but has shape {v.shape}."
        )
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        allowed = as_array(mask, "mask")
        if allowed.dtype.kind not in "bi" or not np.isin(allowed, (0, 1)).all():
            raise TypeError(f"`mask` must hold True/False (or 1/0), but holds {allowed.dtype}.")
        try:
            allowed = np.broadcast_to(allowed.astype(bool), scores.shape)
        except ValueError:
            raise ValueError(
                f"`mask` of shape {allowed.shape} does not broadcast to the attention scores' "
                f"shape {scores.shape} (..., queries, keys)."
            ) from None
        if not allowed.any(axis=-1).all():
            raise ValueError("`mask` hides every key from some query; let each query see one.")
        scores = np.where(allowed, scores, -1e9)
    weights = softmax(scores)
    return weights @ v, weights


def multi_head_attention(
    query: ArrayLike, value: ArrayLike, weights: Sequence[ArrayLike], num_heads: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Keras' ``MultiHeadAttention(num_heads, key_dim)(query, value)`` in NumPy.

    ``query`` (batch, n_q, d_model) and ``value`` (batch, n_k, d_model), which is also the
    key. ``weights`` is the layer's ``get_weights()``: query, key and value kernels of
    shape (d_model, heads, key_dim) with biases (heads, key_dim), then the output kernel
    (heads, key_dim, d_model) and bias (d_model,). Returns the output (batch, n_q,
    d_model) and the weights (batch, heads, n_q, n_k).
    """
    num_heads = check_positive_int(num_heads, "num_heads")
    x_q = as_float_array(query, "query", ndim=3)
    x_v = as_float_array(value, "value", ndim=3)
    if not isinstance(weights, Sequence) or len(weights) != 8:
        raise ValueError(
            "`weights` must be the 8 arrays of a built MultiHeadAttention layer's get_weights() "
            "(query, key, value and output kernels, each with its bias)."
        )
    arrays = [as_float_array(w, f"weights[{i}]") for i, w in enumerate(weights)]
    wq, bq, wk, bk, wv, bv, wo, bo = arrays
    if wq.ndim != 3 or wq.shape[1] != num_heads or wq.shape[0] != x_q.shape[-1]:
        raise ValueError(
            f"`weights[0]` (query kernel) must have shape (d_model={x_q.shape[-1]}, "
            f"num_heads={num_heads}, key_dim), but has shape {wq.shape}."
        )
    if x_v.shape[-1] != wk.shape[0] or x_v.shape[0] != x_q.shape[0]:
        raise ValueError(
            f"`value` of shape {x_v.shape} does not fit `query` {x_q.shape} and the key "
            f"kernel {wk.shape}: same batch, features = the kernel's first axis."
        )
    q = np.einsum("bnd,dhk->bhnk", x_q, wq) + bq[:, None, :]
    k = np.einsum("bnd,dhk->bhnk", x_v, wk) + bk[:, None, :]
    v = np.einsum("bnd,dhk->bhnk", x_v, wv) + bv[:, None, :]
    heads, attention = scaled_dot_product_attention(q, k, v)
    return np.einsum("bhnk,hkd->bnd", heads, wo) + bo, attention
