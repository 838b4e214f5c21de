"""Reading DICOM files with pydicom: CT and MR images in physical units, 12-lead ECG waveforms."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    as_float_array,
    check_bool,
    check_existing_file,
    check_integer,
    check_number,
    check_strings,
    check_text,
    describe,
)

if TYPE_CHECKING:
    from pydicom import Dataset

_EXPORT_AGAIN = "Export it again from the viewer or PACS."


def read_dicom(source: str | Path | Dataset, require_image: bool = True) -> Dataset:
    """Read a DICOM file (or pass a ``pydicom.Dataset`` through) with clear errors.

    With ``require_image=False`` datasets without pixel data (e.g. ECG waveforms) pass.
    Pixel and waveform data shorter than their declared size (rows x columns x bytes
    per pixel x frames; channels x samples x bytes per sample) are refused, so a file
    cut short never comes back as a plausible dataset.

    Raises:
        TypeError: ``source`` is neither a path nor a ``pydicom.Dataset``.
        FileNotFoundError: the path does not exist.
        ValueError: the file is not DICOM, is truncated, or holds no image.
    """
    import pydicom

    require_image = check_bool(require_image, "require_image")
    if isinstance(source, pydicom.Dataset):
        dataset, where = source, "The DICOM dataset `source`"
    else:
        if not isinstance(source, str | os.PathLike):
            raise TypeError(
                "`source` must be the path of a DICOM file (str or Path) or a "
                f"pydicom.Dataset, but got {describe(source)}."
            )
        path = check_existing_file(source, "source")
        where = f"`source` {path}"
        try:
            dataset = pydicom.dcmread(path)
        except Exception as error:  # pydicom raises many types for a broken or foreign file
            raise ValueError(
                f"{where} is not a readable DICOM file ({type(error).__name__}: {error}). "
                f"It may be truncated or another format. {_EXPORT_AGAIN}"
            ) from error
    if len(dataset) == 0:
        raise ValueError(
            f"{where} holds no data elements after its header: it is truncated. {_EXPORT_AGAIN}"
        )
    if require_image and "PixelData" not in dataset:
        raise ValueError(
            f"{where} holds no image (no PixelData element). If it should be one, the file "
            f"is truncated or corrupt. {_EXPORT_AGAIN}"
        )
    _check_complete(dataset, where)
    return dataset


def _check_complete(dataset: Dataset, where: str) -> None:
    """Raise ``ValueError`` if pixel or waveform data are shorter than their declared size."""
    from pydicom.pixels.utils import get_expected_length

    meta = getattr(dataset, "file_meta", None)
    syntax = meta.get("TransferSyntaxUID") if meta is not None else None
    if "PixelData" in dataset and (syntax is None or not syntax.is_encapsulated):
        try:
            expected = int(get_expected_length(dataset, "bytes"))
        except Exception as error:  # a missing or malformed Rows, Columns, BitsAllocated ...
            raise ValueError(
                f"{where} has pixel data but its image elements (Rows, Columns, "
                f"BitsAllocated, SamplesPerPixel) are missing or malformed ({error}): it is "
                f"corrupt. {_EXPORT_AGAIN}"
            ) from error
        if len(dataset.PixelData) < expected:
            raise ValueError(
                f"{where} is truncated: its pixel data holds {len(dataset.PixelData)} bytes, "
                f"but rows x columns x bytes per pixel x frames need {expected}. {_EXPORT_AGAIN}"
            )
    for number, item in enumerate(dataset.get("WaveformSequence") or []):
        try:
            expected = (
                int(item.NumberOfWaveformChannels)
                * int(item.NumberOfWaveformSamples)
                * (int(item.WaveformBitsAllocated) // 8)
            )
            actual = len(item.WaveformData)
        except Exception as error:  # a missing or malformed waveform element
            raise ValueError(
                f"{where}: waveform group {number} lacks or garbles its channel count, sample "
                f"count, bits or data ({error}): it is corrupt. {_EXPORT_AGAIN}"
            ) from error
        if actual < expected:
            raise ValueError(
                f"{where} is truncated: waveform group {number} holds {actual} bytes, but "
                f"channels x samples x bytes per sample need {expected}. {_EXPORT_AGAIN}"
            )


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
    values = np.asarray(values, dtype=np.float32)
    if not np.all(np.isfinite(values)):
        raise ValueError(
            "The DICOM rescale slope/intercept or Modality LUT of `source` gives NaN or "
            "infinite values; check its (0028,1052)/(0028,1053) elements."
        )
    return values


# Units a DICOM waveform channel may declare (UCUM codes) and their factor to millivolts.
MILLIVOLTS_PER_UNIT = {"uV": 1e-3, "mV": 1.0, "V": 1e3}


@dataclass(frozen=True)
class EcgRecording:
    """A multi-lead ECG: ``signals`` of shape (samples, leads) in millivolts."""

    signals: np.ndarray
    sampling_rate: float
    lead_names: tuple[str, ...]

    def __post_init__(self) -> None:
        signals = as_float_array(self.signals, "signals", ndim=2)
        check_number(self.sampling_rate, "sampling_rate", low=0.0, low_open=True)
        lead_names = check_strings(self.lead_names, "lead_names")
        if len(lead_names) != signals.shape[1]:
            raise ValueError(
                f"`lead_names` names {len(lead_names)} leads but `signals` has "
                f"{signals.shape[1]} columns; pass signals as (samples, leads)."
            )
        if signals is not self.signals:
            object.__setattr__(self, "signals", signals)
        object.__setattr__(self, "lead_names", lead_names)

    @property
    def duration_s(self) -> float:
        """Length of the recording in seconds."""
        return self.signals.shape[0] / self.sampling_rate

    def lead(self, name: str) -> np.ndarray:
        """One lead by name, e.g. ``recording.lead("II")``."""
        if check_text(name, "name") not in self.lead_names:
            raise ValueError(
                f"No lead {name!r}: `name` must be one of this recording's leads "
                f"{list(self.lead_names)}."
            )
        return self.signals[:, self.lead_names.index(name)]


def read_dicom_ecg(source: str | Path | Dataset, group: int = 0) -> EcgRecording:
    """Read one multiplex group of a DICOM ECG (path or ``pydicom.Dataset``) in millivolts.

    pydicom's ``waveform_array`` applies each channel's sensitivity and correction
    factor, which gives the values in the channel's declared unit (microvolts in most
    12-lead ECGs); they are converted to millivolts here, the unit of ECG paper.
    """
    group = check_integer(group, "group", low=0)
    dataset = read_dicom(source, require_image=False)
    groups = dataset.get("WaveformSequence")
    if not groups:
        raise ValueError("This DICOM dataset holds no waveform (no WaveformSequence element).")
    if group >= len(groups):
        raise ValueError(f"`group` must be between 0 and {len(groups) - 1}, got {group}.")
    item = groups[group]
    channels = item.get("ChannelDefinitionSequence") or []
    if len(channels) != int(item.NumberOfWaveformChannels):
        raise ValueError(
            f"Waveform group {group} declares {item.NumberOfWaveformChannels} channels but "
            f"defines {len(channels)}: the file is corrupt. {_EXPORT_AGAIN}"
        )
    rate = float(item.get("SamplingFrequency") or 0.0)
    if not np.isfinite(rate) or rate <= 0:
        raise ValueError(
            f"Waveform group {group} declares no valid sampling frequency: the file is "
            f"corrupt. {_EXPORT_AGAIN}"
        )
    names, factors = [], []
    for number, channel in enumerate(channels, start=1):
        lead_source = channel.get("ChannelSourceSequence")
        meaning = lead_source[0].get("CodeMeaning") if lead_source else None
        names.append(_lead_name(str(meaning)) if meaning else f"channel {number}")
        units = channel.get("ChannelSensitivityUnitsSequence")
        unit = units[0].get("CodeValue") if units else None
        if unit not in MILLIVOLTS_PER_UNIT:
            raise ValueError(
                f"Channel {names[-1]} declares unit {unit!r}; expected a voltage "
                f"({', '.join(MILLIVOLTS_PER_UNIT)})."
            )
        factors.append(MILLIVOLTS_PER_UNIT[unit])
    try:
        raw = dataset.waveform_array(group)
    except Exception as error:  # pydicom raises many types for broken waveform data
        raise ValueError(
            f"Cannot decode DICOM waveform group {group} ({error}): the file is truncated or "
            f"corrupt. {_EXPORT_AGAIN}"
        ) from error
    return EcgRecording(raw * np.array(factors), rate, tuple(names))


def _lead_name(code_meaning: str) -> str:
    """'Lead I (Einthoven)' -> 'I', 'Lead aVR' -> 'aVR'."""
    return code_meaning.removeprefix("Lead ").split(" (")[0]
