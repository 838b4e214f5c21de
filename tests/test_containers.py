"""The one data container of every modality, its builders, and class weights."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data.containers import BeatDataset, Dataset, DataSplits
from helpers.data.preprocessing import balanced_class_weights
from helpers.data.windows import beat_dataset
from helpers.synthetic.ecg import CLASS_NAMES, synthetic_record
from helpers.synthetic.xrays import make_synthetic_xrays


def _beats() -> BeatDataset:
    return BeatDataset(
        inputs=np.arange(12.0).reshape(6, 2),
        labels=np.array([0, 1, 2, 0, 0, 1]),
        patient_ids=np.array([7, 7, 8, 8, 9, 9]),
        rr_features=np.arange(6.0)[:, None] * 10,
        class_names=("normal", "PVC", "AF"),
        sampling_rate=128.0,
    )


def test_subset_slices_every_per_sample_field_together() -> None:
    beats = _beats()
    part = beats.subset(np.array([4, 1]))
    assert isinstance(part, BeatDataset) and len(part) == 2
    np.testing.assert_array_equal(part.inputs, [[8.0, 9.0], [2.0, 3.0]])
    np.testing.assert_array_equal(part.labels, [0, 1])
    np.testing.assert_array_equal(part.patient_ids, [9, 7])
    np.testing.assert_array_equal(part.rr_features[:, 0], [40.0, 10.0])
    assert part.sampling_rate == 128.0 and part.class_names == beats.class_names
    masked = beats.subset(beats.patient_ids == 8)
    np.testing.assert_array_equal(masked.rr_features[:, 0], [20.0, 30.0])
    xrays = make_synthetic_xrays(12, image_size=32, seed=0)
    lesions = xrays.subset(xrays.labels == 1)
    assert lesions.masks.shape[0] == lesions.inputs.shape[0] == int(xrays.labels.sum())
    assert lesions.masks.reshape(len(lesions), -1).any(axis=1).all()  # every positive has a mask
    with pytest.raises(TypeError, match="`indices` must be integers or a boolean mask"):
        beats.subset(np.array([0.5, 1.0]))


def test_counts_and_description() -> None:
    beats = _beats()
    assert beats.class_counts() == {"normal": 3, "PVC": 2, "AF": 1}
    assert beats.describe() == "6 beats from 3 patients (3 normal, 2 PVC, 1 AF)"
    plain = Dataset(inputs=np.zeros((3, 1)), labels=np.array([0, 1, 1]), class_names=("no", "yes"))
    splits = DataSplits(train=plain, val=plain.subset([0]), test=plain.subset([1, 2]))
    assert splits.class_names == ("no", "yes")
    assert splits.describe().splitlines() == [
        "train: 3 samples (1 no, 2 yes)",
        "val  : 1 samples (1 no, 0 yes)",
        "test : 2 samples (0 no, 2 yes)",
    ]


def test_containers_refuse_rows_that_do_not_line_up() -> None:
    with pytest.raises(ValueError, match="`inputs` has 2 rows but `labels` has 3"):
        Dataset(inputs=np.zeros((2, 1)), labels=np.zeros(3, dtype=int), class_names=("a", "b"))
    with pytest.raises(ValueError, match="`rr_features` has 5 rows"):
        BeatDataset(
            inputs=np.zeros((6, 2)),
            labels=np.zeros(6, dtype=int),
            rr_features=np.zeros((5, 1)),
            class_names=("a", "b"),
            sampling_rate=128.0,
        )
    with pytest.raises(ValueError, match="`class_names` must hold at least 2"):
        Dataset(inputs=np.zeros((1, 1)), labels=np.zeros(1, dtype=int), class_names=("a",))


def test_beat_dataset_keeps_patients_and_drops_left_out_classes() -> None:
    records = [synthetic_record(patient, 40, kinds=("PVC",), seed=0) for patient in (3, 5)]
    keep_all = beat_dataset(
        ((r.patient_id, r.signal, r.r_peaks, r.labels, r.sampling_rate) for r in records),
        CLASS_NAMES,
    )
    assert set(np.unique(keep_all.patient_ids)) == {3, 5}
    assert keep_all.inputs.shape == (len(keep_all), 90)  # 0.7 s windows at 128 Hz
    without_pvc = ((r, np.where(r.labels == 1, -1, r.labels)) for r in records)  # -1: left out
    no_pvc = beat_dataset(
        ((r.patient_id, r.signal, r.r_peaks, labels, r.sampling_rate) for r, labels in without_pvc),
        CLASS_NAMES,
    )
    assert len(no_pvc) == keep_all.class_counts()["normal"] and 1 not in no_pvc.labels
    with pytest.raises(ValueError, match="`records` is empty"):
        beat_dataset([], CLASS_NAMES)


def test_balanced_class_weights_give_each_class_the_same_total_weight() -> None:
    labels = np.array([0] * 6 + [1] * 3 + [2] * 1)
    weights = balanced_class_weights(labels, num_classes=3)
    assert weights == pytest.approx({0: 10 / 18, 1: 10 / 9, 2: 10 / 3})
    totals = [weights[k] * np.sum(labels == k) for k in range(3)]
    assert totals == pytest.approx([10 / 3] * 3)
    assert balanced_class_weights(np.array([0, 0, 2]), num_classes=3) == pytest.approx(
        {0: 0.75, 2: 1.5}
    )  # a class without samples gets no weight
    with pytest.raises(ValueError, match="class indices from 0 to 1"):
        balanced_class_weights(np.array([0, 2]), num_classes=2)
    with pytest.raises(ValueError, match="NaN"):
        balanced_class_weights(np.array([0.0, np.nan]), num_classes=2)
