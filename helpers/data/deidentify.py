"""De-identifying DICOM files: the basic confidentiality profile (DICOM PS3.15 Annex E), simplified.

What goes, what is replaced, what stays:

- **Removed** (Annex E action X): institution, physicians, operators, station, device
  serial number, other patient IDs and names, address, telephone, age, size, weight,
  descriptions and comments, admission and procedure IDs, and every private element.
- **Emptied** (action Z, elements that must be present but may be empty): birth date,
  sex, accession number, referring physician, study ID.
- **Replaced** (action D): the patient's name and ID by a pseudonym.
- **Dates** (DA and DT elements): shifted by a fixed number of days, so intervals
  between a patient's studies survive (the profile's "Retain Longitudinal Temporal
  Information with Modified Dates" option), or emptied.
- **UIDs** (action U): every UID that is not a standard one (SOP classes, transfer
  syntaxes) is replaced by a new UID derived from the old one and a secret ``salt``,
  so the same UID maps to the same new UID in every file: a study stays one study.
- **Kept**: everything the pixels need (rows, columns, bits, rescale slope and
  intercept, spacing, photometric interpretation) and the pixel data, bit for bit.

Pixels can themselves identify a patient: names burned into ultrasound or scanned
images, faces in head CT/MR. This module does not look at the pixels; check
``BurnedInAnnotation`` and the images themselves before sharing.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import os
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.course.validation import check_bool, check_integer, check_text, describe
from helpers.data.dicom import read_dicom

if TYPE_CHECKING:
    from pydicom import Dataset

#: Annex E action X: the element is removed.
REMOVED = (
    "InstitutionName", "InstitutionAddress", "InstitutionalDepartmentName",
    "ReferringPhysicianAddress", "ReferringPhysicianTelephoneNumbers", "PhysiciansOfRecord",
    "PerformingPhysicianName", "NameOfPhysiciansReadingStudy", "OperatorsName",
    "RequestingPhysician", "StationName", "DeviceSerialNumber", "OtherPatientIDs",
    "OtherPatientIDsSequence", "OtherPatientNames", "PatientBirthTime", "PatientAddress",
    "PatientTelephoneNumbers", "PatientMotherBirthName", "PatientAge", "PatientSize",
    "PatientWeight", "MilitaryRank", "EthnicGroup", "Occupation", "AdditionalPatientHistory",
    "PatientComments", "StudyDescription", "SeriesDescription", "ImageComments",
    "AdmissionID", "CurrentPatientLocation", "PatientInstitutionResidence",
    "PerformedProcedureStepID", "ScheduledProcedureStepID", "RequestAttributesSequence",
    "ReasonForStudy", "SourceApplicationEntityTitle",
)  # fmt: skip
#: Annex E action Z: the element stays, empty.
EMPTIED = ("PatientBirthDate", "PatientSex", "AccessionNumber", "ReferringPhysicianName", "StudyID")
#: Annex E action D: replaced by the pseudonym.
PSEUDONYMISED = ("PatientName", "PatientID")
#: Value representations whose values are free text, names, dates or UIDs.
_TEXT_VRS = ("AE", "DA", "DT", "LO", "LT", "PN", "SH", "ST", "UI", "UT")
#: Every attribute whose original value must not survive de-identification.
IDENTIFYING = REMOVED + EMPTIED + PSEUDONYMISED


def _walk(dataset: Dataset, prefix: str = "") -> Iterator[tuple[str, Any, Dataset]]:
    """(path, element, the dataset holding it) for every element, into sequences too."""
    for tag in list(dataset.keys()):
        element = dataset[tag]
        path = prefix + (element.keyword or str(element.tag))
        yield path, element, dataset
        if element.VR == "SQ" and element.value is not None:
            for number, item in enumerate(element.value):
                yield from _walk(item, f"{path}[{number}].")


def _is_standard_uid(value: str) -> bool:
    """A UID of the DICOM standard (SOP class, transfer syntax...): it names no patient."""
    from pydicom.uid import UID_dictionary

    return value in UID_dictionary


def _is_identifying(element: Any) -> bool:
    if element.keyword in IDENTIFYING or element.tag.is_private:
        return True
    if element.VR in ("PN", "DA", "DT"):
        return True
    return element.VR == "UI" and not _is_standard_uid(str(element.value))


def identifying_elements(dataset: Dataset) -> dict[str, str]:
    """Every identifying element with a non-empty value, by path: ``{"PatientName": "..."}``.

    Identifying: the listed attributes (``IDENTIFYING``), private elements, person
    names, dates and date-times, and UIDs other than the standard's. Sequences are
    searched too (paths such as ``OtherPatientIDsSequence[0].PatientID``); the file meta
    header (``dataset.file_meta``) is included under ``file_meta.``.
    """
    import pydicom

    if not isinstance(dataset, pydicom.Dataset):
        raise TypeError(f"`dataset` must be a pydicom.Dataset, but got {describe(dataset)}.")
    found = {}
    sources = [("", dataset)]
    if getattr(dataset, "file_meta", None) is not None:
        sources.append(("file_meta.", dataset.file_meta))
    for prefix, source in sources:
        for path, element, _ in _walk(source, prefix):
            if element.VR != "SQ" and _is_identifying(element) and str(element.value).strip():
                found[path] = str(element.value)
    return found


def surviving_identifiers(original: Dataset, deidentified: Dataset) -> list[str]:
    """The identifying elements of ``original`` whose value is still in ``deidentified``.

    An element survives when the same path holds the same value, or when it is a public
    text, name, date or UID element whose value (4 characters or more, so that codes
    such as ``F`` do not count) appears as the value of any text, name, date or UID
    element of ``deidentified``. Numbers are not searched for elsewhere (a weight of 70
    recurs innocently), nor private values (their creator, e.g. the manufacturer, may
    rightly stay as ``Manufacturer``). Empty list: nothing survived.
    """
    import pydicom

    for value, name in ((original, "original"), (deidentified, "deidentified")):
        if not isinstance(value, pydicom.Dataset):
            raise TypeError(f"`{name}` must be a pydicom.Dataset, but got {describe(value)}.")
    before, after = identifying_elements(original), identifying_elements(deidentified)
    everything = set(_text_values(deidentified))
    texts = set(_text_values(original, paths=True))
    return sorted(
        path
        for path, value in before.items()
        if after.get(path) == value or (path in texts and len(value) >= 4 and value in everything)
    )


def _text_values(dataset: Dataset, paths: bool = False) -> Iterator[str]:
    """Values (or paths) of the text, name, date and UID elements, file meta included."""
    holders = [("", dataset)]
    if getattr(dataset, "file_meta", None) is not None:
        holders.append(("file_meta.", dataset.file_meta))
    for prefix, holder in holders:
        for path, element, _ in _walk(holder, prefix):
            if element.VR in _TEXT_VRS and not element.tag.is_private:
                yield path if paths else str(element.value)


def _new_uid(old: str, salt: str) -> str:
    """A new UID under the 2.25 root (a UUID as an integer), derived from ``old`` and ``salt``."""
    digest = hashlib.sha256(f"{salt}:{old}".encode()).digest()
    return f"2.25.{int.from_bytes(digest[:16], 'big')}"


def _shift(value: str, vr: str, days: int) -> str:
    """A DA (YYYYMMDD) or DT (YYYYMMDD...) value moved by ``days``; the rest of a DT is kept."""
    text = str(value).strip()
    if len(text) < 8 or not text[:8].isdigit():
        return ""  # a partial or malformed date cannot be shifted safely: remove it
    day = datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    return (day + datetime.timedelta(days=days)).strftime("%Y%m%d") + (
        text[8:] if vr == "DT" else ""
    )


def deidentify_dicom(
    source: str | os.PathLike[str] | Dataset,
    uid_map: MutableMapping[str, str] | None = None,
    date_shift_days: int | None = None,
    pseudonym: str = "ANONYMOUS",
    salt: str = "course-salt",
    require_image: bool = True,
) -> Dataset:
    """A de-identified copy of a DICOM file or dataset (the input is never changed).

    Args:
        source: path of a DICOM file, or a ``pydicom.Dataset``.
        uid_map: old UID -> new UID; pass the same dictionary for every file of a
            patient, and read it afterwards to link back (keep it secret). New UIDs
            also depend only on the old UID and ``salt``, so two runs agree.
        date_shift_days: move every date by this many days (keep the same shift for
            all of a patient's files); None empties the dates instead. 0 is refused.
        pseudonym: replaces the patient's name and ID.
        salt: secret text mixed into the new UIDs, so nobody can recompute the map.
        require_image: refuse a dataset without pixel data (False: ECGs pass).

    Raises:
        TypeError, FileNotFoundError, ValueError: a wrong argument, a missing file, a
            file that is not DICOM or holds no image when one is required.
    """
    import pydicom

    require_image = check_bool(require_image, "require_image")
    pseudonym = check_text(pseudonym, "pseudonym")
    salt = check_text(salt, "salt")
    if date_shift_days is not None:
        date_shift_days = check_integer(
            date_shift_days, "date_shift_days", low=-36_500, high=36_500
        )
        if date_shift_days == 0:
            raise ValueError(
                "`date_shift_days` is 0, which keeps the real dates; pass a non-zero number "
                "of days (e.g. -1000), the same for all of a patient's files, or None to "
                "remove the dates."
            )
    if uid_map is None:
        uid_map = {}
    elif not isinstance(uid_map, MutableMapping):
        raise TypeError(
            f"`uid_map` must be a dictionary (old UID -> new UID) or None, but got "
            f"{describe(uid_map)}."
        )
    if not isinstance(source, pydicom.Dataset | str | Path):
        raise TypeError(
            "`source` must be the path of a DICOM file (str or Path) or a pydicom.Dataset, "
            f"but got {describe(source)}."
        )
    dataset = copy.deepcopy(read_dicom(source, require_image=require_image))
    sources = [dataset] + ([dataset.file_meta] if getattr(dataset, "file_meta", None) else [])
    for holder in sources:
        for _, element, parent in _walk(holder):
            if element.tag.is_private or element.keyword in REMOVED:
                del parent[element.tag]
            elif element.keyword in EMPTIED:
                element.value = ""
            elif element.keyword in PSEUDONYMISED:
                element.value = pseudonym
            elif element.VR == "PN":
                del parent[element.tag]
            elif element.VR in ("DA", "DT") and str(element.value or "").strip():
                days = date_shift_days
                element.value = "" if days is None else _shift(element.value, element.VR, days)
            elif element.VR == "UI" and element.value and not _is_standard_uid(str(element.value)):
                old = str(element.value)
                element.value = uid_map.setdefault(old, _new_uid(old, salt))
    dataset.PatientIdentityRemoved = "YES"
    method = "PS3.15 Annex E basic profile, UIDs remapped"  # LO: at most 64 characters
    dataset.DeidentificationMethod = method + (
        ", dates shifted" if date_shift_days else ", no dates"
    )
    dataset.LongitudinalTemporalInformationModified = "MODIFIED" if date_shift_days else "REMOVED"
    return dataset
