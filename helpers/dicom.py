"""Reading DICOM images into calibrated arrays: Hounsfield units and display windows.

A CT scanner stores raw integers; ``RescaleSlope`` and ``RescaleIntercept`` map them to
Hounsfield units (HU: air -1000, water 0, bone several hundred and up). A *window*
(centre, width) then picks the HU range a radiologist wants to see.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from helpers.validation import as_float_array

# (centre, width) in HU of the usual CT display windows.
WINDOWS: dict[str, tuple[float, float]] = {
    "lung": (-600.0, 1500.0),
    "soft_tissue": (40.0, 400.0),
    "bone": (400.0, 1800.0),
    "brain": (40.0, 80.0),
}


def read_dicom(source: str | Path | object, require_image: bool = True) -> object:
    """Read a DICOM file (or pass a ``pydicom.Dataset`` through) with clear errors.

    With ``require_image=False`` datasets without pixel data (e.g. ECG waveforms) pass.

    Raises:
        FileNotFoundError: the path does not exist.
        ValueError: the file is not DICOM, is truncated, or holds no image.
    """
    import pydicom
    from pydicom.errors import InvalidDicomError

    if isinstance(source, pydicom.Dataset):
        dataset = source
    else:
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"No DICOM file at {path}. Check the path and file name.")
        try:
            dataset = pydicom.dcmread(path)
        except (InvalidDicomError, EOFError, OSError, ValueError) as error:
            raise ValueError(
                f"{path} is not a readable DICOM file ({error}). It may be truncated or "
                "another format; export it again from the viewer or PACS."
            ) from error
    if require_image and "PixelData" not in dataset:
        raise ValueError("This DICOM dataset holds no image (no PixelData element).")
    return dataset


def to_modality_values(source: str | Path | object) -> np.ndarray:
    """Pixel values after the rescale slope and intercept: Hounsfield units for CT.

    MR and other modalities without a rescale come back as their stored values.
    """
    dataset = read_dicom(source)
    try:
        raw = dataset.pixel_array
    except Exception as error:  # pydicom raises many types for broken pixel data
        raise ValueError(f"Cannot decode the DICOM pixel data ({error}).") from error
    slope = float(getattr(dataset, "RescaleSlope", 1.0))
    intercept = float(getattr(dataset, "RescaleIntercept", 0.0))
    return (raw.astype(np.float32) * slope + intercept).astype(np.float32)


def apply_window(image: np.ndarray, center: float, width: float) -> np.ndarray:
    """Map the range center +- width/2 linearly to [0, 1] and clip everything outside."""
    image = as_float_array(image, "image", ndim=(2, 3))
    if width <= 0:
        raise ValueError(f"`width` must be positive, got {width}.")
    low = center - width / 2.0
    return np.clip((image - low) / width, 0.0, 1.0).astype(np.float32)


def resize_image(image: np.ndarray, size: int | tuple[int, int]) -> np.ndarray:
    """Resize a 2-D image (e.g. a windowed slice) to a model's input size.

    Uses linear interpolation with anti-aliasing when shrinking, so fine structures
    are averaged rather than aliased; returns float32 of shape ``(height, width)``.
    """
    from skimage.transform import resize

    image = as_float_array(image, "image", ndim=2)
    shape = (size, size) if isinstance(size, int | np.integer) else tuple(size)
    if len(shape) != 2 or any(isinstance(s, bool) or int(s) < 1 for s in shape):
        raise ValueError(f"`size` must be a positive int or (height, width), got {size!r}.")
    shrinking = any(new < old for new, old in zip(shape, image.shape, strict=True))
    return resize(image, shape, order=1, anti_aliasing=shrinking, preserve_range=True).astype(
        np.float32
    )
