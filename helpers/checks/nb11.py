"""Exercise self-checks of notebook 11 (NLP, embeddings and attention)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.checks.engine import Student, run_check
from helpers.scratch.activations import softmax

_RNG = np.random.default_rng(11)


def _log_softmax(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    """Reference: z - logsumexp(z) over the last axis, with the maximum taken out first."""
    logits = np.asarray(logits, dtype=float)
    top = logits.max(axis=-1, keepdims=True)
    return np.asarray(logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True)))


def check_log_softmax(student: Student) -> bool:
    """Exercise 1 of notebook 11: ``log_softmax(logits)`` of (notes, classes) logits, per row.

    The large-logit cases catch the naive ``np.log(softmax)`` that overflows to NaN or -inf.
    """
    cases = [
        ("two notes, three classes", (np.array([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]]),)),
        ("large logits", (np.array([[1000.0, 0.0, -1000.0], [800.0, 801.0, 5.0]]),)),
        ("random logits, five classes", (_RNG.normal(scale=4.0, size=(6, 5)),)),
    ]
    return run_check(
        "log_softmax",
        student,
        _log_softmax,
        cases,
        "log softmax(z)_i = z_i - log sum_j exp(z_j), over the classes (the last axis, "
        "keepdims=True); subtract the row's maximum before exp so that nothing overflows.",
    )


def _attention_weights(query: NDArray[np.float64], key: NDArray[np.float64]) -> NDArray[np.float64]:
    """Reference: softmax(Q K^T / sqrt(d)) over the keys."""
    query, key = np.asarray(query, dtype=float), np.asarray(key, dtype=float)
    return softmax(query @ key.T / np.sqrt(query.shape[-1]))


def check_attention_weights(student: Student) -> bool:
    """Exercise 2 of notebook 11: ``attention_weights(query, key)``, (n_q, d) and (n_k, d).

    Returns the (n_q, n_k) matrix softmax(Q K^T / sqrt(d)); each row sums to 1.
    """
    cases = [
        ("two queries, three keys, d = 4", (_RNG.normal(size=(2, 4)), _RNG.normal(size=(3, 4)))),
        ("d = 64, where the scale matters", (_RNG.normal(size=(3, 64)), _RNG.normal(size=(5, 64)))),
        ("one query", (np.array([[1.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]))),
    ]
    return run_check(
        "attention_weights",
        student,
        _attention_weights,
        cases,
        "scores = query @ key.T / sqrt(d) with d the feature size (query.shape[-1]), then a "
        "softmax over the keys (the last axis), so that each query's row sums to 1.",
    )


def _pad_to_length(sequences: list[list[int]], length: int) -> NDArray[np.int64]:
    """Reference: keep the first ``length`` tokens, pad with 0 at the end."""
    padded = np.zeros((len(sequences), length), dtype=np.int64)
    for row, tokens in enumerate(sequences):
        kept = list(tokens)[:length]
        padded[row, : len(kept)] = kept
    return padded


def check_pad_to_length(student: Student) -> bool:
    """Exercise 3 of notebook 11: ``pad_to_length(sequences, length)`` like TextVectorization.

    Token-id lists of different lengths -> an int array (notes, length): the first
    ``length`` ids of each note, then 0 (the padding id) up to ``length``.
    """
    cases = [
        ("short notes padded at the end", ([[5, 3, 9], [7]], 5)),
        ("a long note cut to its beginning", ([[2, 3, 4, 5, 6, 7], [8, 9]], 4)),
        ("a note exactly as long as length", ([[4, 4, 1], [6, 2]], 3)),
    ]
    return run_check(
        "pad_to_length",
        student,
        _pad_to_length,
        cases,
        "start from np.zeros((len(sequences), length), dtype=int), then copy the first "
        "`length` ids of each note into the start of its row (padding goes at the end).",
    )
