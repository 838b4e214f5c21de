"""DICOM reading: Hounsfield units on pydicom's bundled CT, windows, and clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom import examples

from helpers.data.dicom import read_dicom, to_modality_values
from helpers.data.preprocessing import WINDOWS, apply_window


def test_ct_is_in_hounsfield_units() -> None:
    hu = to_modality_values(examples.ct)
    assert hu.shape == (128, 128) and hu.dtype == np.float32
    np.testing.assert_allclose(hu, examples.ct.pixel_array.astype(np.float32) - 1024.0)
    assert hu.min() < -800  # air (about -1000 HU) in the scan


def test_windows_map_to_unit_range() -> None:
    image = np.array([[-2000.0, -600.0, 40.0, 3000.0]])
    lung = apply_window(image, *WINDOWS["lung"])
    np.testing.assert_allclose(lung, [[0.0, 0.5, 0.9266667, 1.0]], atol=1e-6)
    with pytest.raises(ValueError, match="`width` must be positive"):
        apply_window(image, 0.0, 0.0)


def test_missing_corrupt_and_truncated_files(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="No DICOM file"):
        read_dicom(tmp_path / "absent.dcm")
    junk = tmp_path / "junk.dcm"
    junk.write_bytes(b"this is not DICOM")
    with pytest.raises(ValueError, match="not a readable DICOM file"):
        to_modality_values(junk)
    whole = tmp_path / "ct.dcm"
    examples.ct.save_as(whole)
    truncated = tmp_path / "truncated.dcm"
    truncated.write_bytes(whole.read_bytes()[:5000])
    with pytest.raises(ValueError):
        to_modality_values(truncated)
