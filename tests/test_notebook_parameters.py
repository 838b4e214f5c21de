"""Notebooks executed by papermill with parameters other than the shipped ones.

nbval already runs every notebook with its defaults, on this machine's floating-point
path. Here each notebook that trains runs once more as another machine would:
``CI_PERTURBATION`` of ``tools/robustness.py`` (another seed, oneDNN off, one thread), which
must meet the same targets (``helpers.course.targets.TARGETS``) as the shipped run, or the
looser ``any_seed`` bound a target still states. ``make robustness`` runs the whole design.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from robustness import CI_PERTURBATION

from helpers.course.targets import TARGETS, unmet_targets

SEED_SENSITIVE = (
    "02_backpropagation_and_gradient_descent",
    "04_pooling_and_cnns",
    "05_imaging_diagnosis",
    "06_pathology",
    "07_recurrent_networks",
    "09_gans_from_the_equations",
    "10_genomics_virtual_cases",
    "11_nlp_and_embeddings",
    "12_vaccine_peptides",
    "13_hyperparameter_tuning",
    "14_privacy",
    "15_reliability_and_interpretability",
    "16_multimodal_and_personalised_medicine",
)


# Targets that `make robustness` finds false under CI_PERTURBATION even at their any_seed bound:
# open defects, listed so that the rest of the notebook is still judged on that path. Each
# leaves this table when its lesson is fixed (06's aggregators: issue 26); the sweep's table
# (build/robustness.md) shows their worst values.
NOT_YET_ROBUST: dict[str, tuple[str, ...]] = {
    # seed 7, oneDNN off, one thread: attention-MIL's slide AUC 0.58, tile AUC 0.56, top tile
    # tumour on 39% of positive slides (attention fails to train on that path).
    "06_pathology": ("attention_test_auc", "attention_tile_auc", "attention_top_tile_is_tumour"),
}


# Lines TensorFlow's C++ core prints on a machine without a GPU; a student reads them as errors.
TENSORFLOW_NOISE = re.compile(
    r"cuInit|cuda drivers|absl::InitializeLog|cpu_feature_guard|use_unbounded_threadpool"
    r"|cudart_stub|Unable to register cu"
)


def noisy_outputs(executed: Path) -> list[str]:
    """Every output line of an executed notebook that is TensorFlow start-up noise."""
    lines = []
    for cell in nbformat.read(executed, as_version=4).cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            lines += [line for line in text.splitlines() if TENSORFLOW_NOISE.search(line)]
    return lines


@pytest.mark.parametrize("notebook", SEED_SENSITIVE)
def test_targets_hold_on_another_floating_point_path(
    notebook: str, run_notebook, tmp_path: Path
) -> None:
    figures = run_notebook(notebook, CI_PERTURBATION)
    known = NOT_YET_ROBUST.get(notebook, ())
    failures = [  # unmet_targets names each figure as "(name <op> bound)" or "name: not recorded"
        failure
        for failure in unmet_targets(notebook, figures, any_seed=True)
        if not any(f"({name} " in failure or failure.startswith(f"{name}:") for name in known)
    ]
    assert not failures, f"{notebook}, {CI_PERTURBATION.name}: " + "; ".join(failures)
    noise = noisy_outputs(tmp_path / f"{notebook}.ipynb")
    assert not noise, f"{notebook} shows TensorFlow log lines: {noise[:3]}"


def test_the_list_of_targets_not_yet_robust_names_real_targets() -> None:
    for notebook, names in NOT_YET_ROBUST.items():
        assert notebook in SEED_SENSITIVE
        assert set(names) <= set(TARGETS[notebook]), f"{notebook}: no such target"
