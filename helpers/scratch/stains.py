"""Beer-Lambert optical density and colour deconvolution (Ruifrok & Johnston) in NumPy,
proven equal to scikit-image's ``rgb2hed`` / ``hed2rgb``.

Light of intensity ``I0`` passing through stain of concentration ``c`` leaves
``I = I0 * 10**(-c * a)`` (Beer-Lambert), so the optical density ``OD = -log10(I / I0)``
is linear in the concentrations: ``OD = C @ M`` with ``M`` the stain matrix (one row
per stain: the optical density one unit of it gives in red, green and blue). Colour
deconvolution solves for the concentrations, ``C = OD @ inv(M)``.

scikit-image's convention, kept here so that the results agree to ~1e-12: intensities
are in [0, 1] (``I0 = 1``; uint8 values are divided by 255) and clipped below at
``MIN_INTENSITY = 1e-6`` so that black pixels have a finite optical density; the
concentrations are expressed in units of ``MAX_OPTICAL_DENSITY = -log10(1e-6) = 6``
(a concentration of 1 is the darkest representable pixel) and negative ones are set
to 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import linalg

from helpers.course.validation import as_float_array

#: Optical density per unit of haematoxylin, eosin and DAB (rows) in R, G, B (columns),
#: as in ``skimage.color.rgb_from_hed`` (Ruifrok & Johnston 2001).
RGB_FROM_HED: NDArray[np.float64] = np.array(
    [[0.65, 0.70, 0.29], [0.07, 0.99, 0.11], [0.27, 0.57, 0.78]]
)
#: Its inverse: optical density (R, G, B) -> stain concentrations (``skimage.color.hed_from_rgb``).
HED_FROM_RGB: NDArray[np.float64] = linalg.inv(RGB_FROM_HED)  # as scikit-image computes it
#: Smallest intensity used (scikit-image's ``1e-6``): black would have infinite density.
MIN_INTENSITY = 1e-6
#: Optical density of the darkest representable pixel, the unit of the concentrations.
MAX_OPTICAL_DENSITY = -np.log10(MIN_INTENSITY)
STAIN_NAMES = ("haematoxylin", "eosin", "DAB")


def _check_channels(array: NDArray[Any], name: str) -> None:
    if array.ndim >= 1 and array.shape[-1] == 3:
        return
    hint = ""
    if array.ndim >= 1 and array.shape[-1] == 1:
        hint = " It looks grey-scale: repeat it to RGB with np.repeat(image, 3, axis=-1)."
    elif array.ndim >= 1 and array.shape[-1] == 4:
        hint = " It looks RGBA: drop the alpha channel with image[..., :3]."
    elif array.ndim >= 3 and array.shape[0] == 3:
        hint = " Channels first? Move them last with np.moveaxis(image, 0, -1)."
    elif array.ndim == 2:
        hint = " A (rows, cols) array is grey-scale: np.stack([image] * 3, axis=-1) makes RGB."
    raise ValueError(
        f"`{name}` must have 3 colour channels on its last axis (..., 3), but has shape "
        f"{array.shape}.{hint}"
    )


def as_rgb_intensities(rgb: ArrayLike, name: str = "rgb") -> NDArray[np.float64]:
    """Return an RGB image (..., 3) as float64 intensities in [0, 1], or raise.

    uint8 values are divided by 255; floats must already lie in [0, 1]. Other integer
    arrays (uint16 from a scanner, int64) are refused with
    the conversion to use, because their full-scale value is ambiguous.
    """
    if isinstance(rgb, np.ndarray) or hasattr(rgb, "dtype"):
        array = np.asarray(rgb.numpy() if hasattr(rgb, "numpy") else rgb)
    else:
        array = np.asarray(as_float_array(rgb, name, allow_empty=True, allow_nan=True))
    if array.dtype.kind in "iub" and array.dtype != np.uint8:
        if array.dtype.kind == "b":
            fix = "a mask is not an image; pass the RGB image"
        elif array.dtype == np.uint16:
            fix = "divide by 65535 (16-bit scan) or 4095 (12-bit) to get floats in [0, 1]"
        else:
            fix = (
                "if the values are 0-255 convert with np.asarray(rgb, dtype=np.uint8), "
                "otherwise divide by the full-scale value to get floats in [0, 1]"
            )
        raise TypeError(
            f"`{name}` must be uint8 (0-255) or floats in [0, 1], but its dtype is "
            f"{array.dtype}: {fix}."
        )
    if array.dtype == np.uint8:
        _check_channels(array, name)
        if array.size == 0:
            raise ValueError(f"`{name}` is empty (shape {array.shape}); pass an image.")
        return array.astype(np.float64) / 255.0
    values = as_float_array(array, name, allow_empty=True, allow_nan=True)
    _check_channels(values, name)
    try:
        return as_float_array(values, name, low=0.0, high=1.0)
    except ValueError as error:
        if "must have values" not in str(error):
            raise
        raise ValueError(
            f"{error} Pass floats in [0, 1] or uint8 values 0-255 (np.asarray(rgb, "
            "dtype=np.uint8)); divide 0-255 floats by 255."
        ) from None


def _check_stain_matrix(matrix: Any, name: str) -> NDArray[np.float64]:
    matrix = as_float_array(matrix, name, shape=(3, 3))
    if abs(np.linalg.det(matrix)) < 1e-12:
        raise ValueError(
            f"`{name}` is singular (its rows are not independent stain colours), so the "
            "stains cannot be separated; use three different stain vectors."
        )
    return matrix


def optical_density(rgb: ArrayLike) -> NDArray[np.float64]:
    """Beer-Lambert optical density ``OD = -log10(I / I0)`` of every pixel and channel.

    ``rgb`` (..., 3) holds uint8 values (``I0 = 255``) or floats in [0, 1] (``I0 = 1``);
    intensities below ``MIN_INTENSITY`` are raised to it, as scikit-image does, so that
    the result runs from 0 (white) to ``MAX_OPTICAL_DENSITY`` = 6 (black). Computed in
    float64 (scikit-image keeps float32 inputs in float32: agreement then ~1e-7).
    """
    intensities = as_rgb_intensities(rgb, "rgb")
    return -np.log10(np.maximum(intensities, MIN_INTENSITY))


def rgb_to_stains(rgb: ArrayLike, stain_matrix: ArrayLike = HED_FROM_RGB) -> NDArray[np.float64]:
    """Stain concentrations ``C = OD @ stain_matrix / 6``, negatives set to 0 (= ``rgb2hed``).

    ``stain_matrix`` maps optical density (R, G, B) to stains (the inverse of the stain
    colours, e.g. ``HED_FROM_RGB``); channel ``k`` of the result is stain ``k``.
    """
    density = optical_density(rgb)
    matrix = _check_stain_matrix(stain_matrix, "stain_matrix")
    return np.maximum(density / MAX_OPTICAL_DENSITY @ matrix, 0.0)


def stains_to_rgb(
    stains: ArrayLike, stain_matrix: ArrayLike = RGB_FROM_HED
) -> NDArray[np.float64]:
    """RGB in [0, 1] from stain concentrations: ``I = 10**(-6 * C @ stain_matrix)`` (= ``hed2rgb``).

    ``stains`` (..., 3) are concentrations in the units of :func:`rgb_to_stains`;
    ``stain_matrix`` holds one stain colour (optical density in R, G, B) per row. The
    result is clipped to [0, 1] as scikit-image does.
    """
    values = as_float_array(stains, "stains", allow_empty=True, allow_nan=True)
    _check_channels(values, "stains")
    values = as_float_array(values, "stains")
    matrix = _check_stain_matrix(stain_matrix, "stain_matrix")
    density = MAX_OPTICAL_DENSITY * (values @ matrix)
    with np.errstate(over="ignore"):  # huge negative concentrations: clipped to 1 below
        return np.clip(10.0 ** (-density), 0.0, 1.0)

