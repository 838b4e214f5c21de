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
    with pytest.raises(ValueError, match="`width` must be > 0"):
        apply_window(image, 0.0, 0.0)
    with pytest.raises(ValueError, match="`width` must be a finite number"):
        apply_window(image, 40.0, np.nan)
    with pytest.raises(TypeError, match="`width` must be a number"):
        apply_window(image, 40.0, "400")
    with pytest.raises(ValueError, match="already scaled"):
        apply_window(lung, *WINDOWS["lung"])  # windowing twice gives one flat grey


@pytest.mark.parametrize("reader", [read_dicom, to_modality_values, read_dicom_ecg])
def test_missing_and_corrupt_files(reader: Callable[[Path], object], tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="`source`: no file at"):
        reader(tmp_path / "absent.dcm")
    junk = tmp_path / "junk.dcm"
    junk.write_bytes(b"this is not DICOM")
    with pytest.raises(ValueError, match="not a readable DICOM file"):
        reader(junk)


def test_truncated_files(tmp_path: Path) -> None:
    whole = tmp_path / "ct.dcm"
    examples.ct.save_as(whole)
    for length in (5000, len(whole.read_bytes()) // 2):  # cut in the header, in the pixels
        truncated = tmp_path / f"truncated{length}.dcm"
        truncated.write_bytes(whole.read_bytes()[:length])
        for reader in (read_dicom, to_modality_values):
            with pytest.raises(ValueError, match="truncated"):
                reader(truncated)
    ecg = copy.deepcopy(examples.waveform)
    ecg.WaveformSequence[0].WaveformData = ecg.WaveformSequence[0].WaveformData[:1000]
    ecg.save_as(tmp_path / "ecg.dcm")
    with pytest.raises(ValueError, match="truncated: waveform group 0 holds 1000 bytes"):
        read_dicom_ecg(tmp_path / "ecg.dcm")
