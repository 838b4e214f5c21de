"""DICOM reading: Hounsfield units on pydicom's bundled CT, windows, and clear errors."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from pydicom import Dataset, examples
from pydicom.sequence import Sequence

from helpers.data.dicom import read_dicom, read_dicom_ecg, to_modality_values
from helpers.data.preprocessing import WINDOWS, apply_window


def test_ct_is_in_hounsfield_units() -> None:
    hu = to_modality_values(examples.ct)
    assert hu.shape == (128, 128) and hu.dtype == np.float32
    np.testing.assert_allclose(hu, examples.ct.pixel_array.astype(np.float32) - 1024.0)
    assert hu.min() < -800  # air (about -1000 HU) in the scan


def test_other_rescales_lookup_tables_and_none() -> None:
    stored = examples.ct.pixel_array.astype(np.float64)
    rescaled = copy.deepcopy(examples.ct)
    rescaled.RescaleSlope, rescaled.RescaleIntercept = 2.5, -100
    np.testing.assert_allclose(to_modality_values(rescaled), stored * 2.5 - 100.0, rtol=1e-6)
    mr = to_modality_values(examples.mr)  # MR: no rescale, the stored values come back
    assert mr.dtype == np.float32
    np.testing.assert_array_equal(mr, examples.mr.pixel_array.astype(np.float32))
    # A Modality LUT Sequence maps stored value v >= first_mapped to lut[v - first_mapped]
    first_mapped, table = 100, np.arange(4096, dtype=np.uint16) // 3
    item = Dataset()
    item.add_new("LUTDescriptor", "US", [table.size, first_mapped, 16])
    item.add_new("LUTData", "US", table.tolist())
    with_lut = copy.deepcopy(examples.ct)
    del with_lut.RescaleSlope, with_lut.RescaleIntercept
    with_lut.ModalityLUTSequence = Sequence([item])
    expected = table[np.clip(examples.ct.pixel_array.astype(np.int64) - first_mapped, 0, 4095)]
    np.testing.assert_array_equal(to_modality_values(with_lut), expected.astype(np.float32))
    del item.LUTDescriptor
    with pytest.raises(ValueError, match="Cannot apply the DICOM rescale"):
        to_modality_values(with_lut)


def test_windows_map_to_unit_range() -> None:
    image = np.array([[-2000.0, -600.0, 40.0, 3000.0]])
    lung = apply_window(image, *WINDOWS["lung"])
    np.testing.assert_allclose(lung, [[0.0, 0.5, 0.9266667, 1.0]], atol=1e-6)
    with pytest.raises(ValueError, match="`width` must be positive"):
        apply_window(image, 0.0, 0.0)


@pytest.mark.parametrize("reader", [read_dicom, to_modality_values, read_dicom_ecg])
def test_missing_and_corrupt_files(reader: Callable[[Path], object], tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="No DICOM file"):
        reader(tmp_path / "absent.dcm")
    junk = tmp_path / "junk.dcm"
    junk.write_bytes(b"this is not DICOM")
    with pytest.raises(ValueError, match="not a readable DICOM file"):
        reader(junk)


def test_truncated_file(tmp_path: Path) -> None:
    whole = tmp_path / "ct.dcm"
    examples.ct.save_as(whole)
    truncated = tmp_path / "truncated.dcm"
    truncated.write_bytes(whole.read_bytes()[:5000])
    with pytest.raises(ValueError):
        to_modality_values(truncated)
