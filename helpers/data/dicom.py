"""Reading DICOM files with pydicom: CT and MR images in physical units, 12-lead ECG waveforms."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from pydicom import Dataset


def read_dicom(source: str | Path | Dataset, require_image: bool = True) -> Dataset:
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


def to_modality_values(source: str | Path | Dataset) -> NDArray[np.float32]:
    """Pixel values after the modality transform, as float32: Hounsfield units for CT.

    pydicom's ``apply_modality_lut`` applies the rescale slope and intercept (or a
    Modality LUT Sequence where the file has one). MR and other modalities without
    either come back as their stored values.
    """
    from pydicom.pixels import apply_modality_lut

    dataset = read_dicom(source)
    try:
        raw = dataset.pixel_array
    except Exception as error:  # pydicom raises many types for broken pixel data
        raise ValueError(f"Cannot decode the DICOM pixel data ({error}).") from error
    try:
        values = apply_modality_lut(raw, dataset)
    except Exception as error:  # a malformed rescale or LUT element
        raise ValueError(
            f"Cannot apply the DICOM rescale slope/intercept or Modality LUT ({error}). "
            "Check the file's (0028,1052)/(0028,1053) or (0028,3000) elements."
        ) from error
    return np.asarray(values, dtype=np.float32)


# Units a DICOM waveform channel may declare (UCUM codes) and their factor to millivolts.
MILLIVOLTS_PER_UNIT = {"uV": 1e-3, "mV": 1.0, "V": 1e3}


@dataclass(frozen=True)
class EcgRecording:
    """A multi-lead ECG: ``signals`` of shape (samples, leads) in millivolts."""

    signals: np.ndarray
    sampling_rate: float
    lead_names: tuple[str, ...]

    @property
    def duration_s(self) -> float:
        """Length of the recording in seconds."""
        return self.signals.shape[0] / self.sampling_rate

    def lead(self, name: str) -> np.ndarray:
        """One lead by name, e.g. ``recording.lead("II")``."""
        if name not in self.lead_names:
            raise ValueError(f"No lead {name!r}; this recording has {list(self.lead_names)}.")
        return self.signals[:, self.lead_names.index(name)]


def read_dicom_ecg(source: str | Path | Dataset, group: int = 0) -> EcgRecording:
    """Read one multiplex group of a DICOM ECG (path or ``pydicom.Dataset``) in millivolts.

    pydicom's ``waveform_array`` applies each channel's sensitivity and correction
    factor, which gives the values in the channel's declared unit (microvolts in most
    12-lead ECGs); they are converted to millivolts here, the unit of ECG paper.
    """
    dataset = read_dicom(source, require_image=False)
    groups = dataset.get("WaveformSequence")
    if not groups:
        raise ValueError("This DICOM dataset holds no waveform (no WaveformSequence element).")
    if not 0 <= group < len(groups):
        raise ValueError(f"`group` must be between 0 and {len(groups) - 1}, got {group}.")
    item = groups[group]
    names, factors = [], []
    for number, channel in enumerate(item.ChannelDefinitionSequence, start=1):
        lead_source = channel.get("ChannelSourceSequence")
        names.append(_lead_name(lead_source[0].CodeMeaning) if lead_source else f"channel {number}")
        units = channel.get("ChannelSensitivityUnitsSequence")
        unit = units[0].CodeValue if units else None
        if unit not in MILLIVOLTS_PER_UNIT:
            raise ValueError(
                f"Channel {names[-1]} declares unit {unit!r}; expected a voltage "
                f"({', '.join(MILLIVOLTS_PER_UNIT)})."
            )
        factors.append(MILLIVOLTS_PER_UNIT[unit])
    values = dataset.waveform_array(group) * np.array(factors)
    return EcgRecording(values, float(item.SamplingFrequency), tuple(names))


def _lead_name(code_meaning: str) -> str:
    """'Lead I (Einthoven)' -> 'I', 'Lead aVR' -> 'aVR'."""
    return code_meaning.removeprefix("Lead ").split(" (")[0]
