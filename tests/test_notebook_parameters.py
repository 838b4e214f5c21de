"""Notebooks executed by papermill with parameters other than the shipped ones.

nbval already runs every notebook with its defaults, on this machine's floating-point
path. Here each notebook that trains runs once more as another machine would:
``CI_PERTURBATION`` of ``tools/robustness.py`` (another seed, oneDNN off, one thread), which
must meet the same targets (``helpers.course.targets.TARGETS``) as the shipped run: one bound
for every run. ``make robustness`` runs the whole design of six.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from robustness import CI_PERTURBATION

from helpers.course.targets import unmet_targets

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
    failures = unmet_targets(notebook, run_notebook(notebook, CI_PERTURBATION))
    assert not failures, f"{notebook}, {CI_PERTURBATION.name}: " + "; ".join(failures)
    noise = noisy_outputs(tmp_path / f"{notebook}.ipynb")
    assert not noise, f"{notebook} shows TensorFlow log lines: {noise[:3]}"
