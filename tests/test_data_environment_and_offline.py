"""Data loading, the cache folder, results files, environment report and offline mode."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request

import numpy as np
import pytest
from conftest import ROOT

from helpers.course import curriculum, environment, repository, results
from helpers.course.reproducibility import set_seed
from helpers.data import cache
from helpers.data.breast_cancer import load_breast_cancer_splits
from helpers.data.preprocessing import standardize


def test_breast_cancer_splits_are_stratified_and_leak_free() -> None:
    splits = load_breast_cancer_splits(seed=0)
    sizes = [len(splits.train.labels), len(splits.val.labels), len(splits.test.labels)]
    assert sum(sizes) == 569 and sizes == [364, 91, 114]
    for y in (splits.train.labels, splits.val.labels, splits.test.labels):
        assert abs(y.mean() - 212 / 569) < 0.02  # 212 malignant cases, kept in each split
    np.testing.assert_allclose(splits.train.inputs.mean(axis=0), 0.0, atol=1e-10)
    np.testing.assert_allclose(splits.train.inputs.std(axis=0), 1.0, atol=1e-10)
    assert not np.allclose(splits.test.inputs.mean(axis=0), 0.0, atol=1e-3)  # test stats unused
    assert splits.class_names == ("benign", "malignant")
    with pytest.raises(ValueError, match="test_fraction"):
        load_breast_cancer_splits(test_fraction=1.5)


def test_standardize_uses_training_statistics_only() -> None:
    train = np.array([[0.0, 5.0], [2.0, 5.0]])
    (scaled_train, scaled_other), mean, std = standardize(train, np.array([[4.0, 6.0]]))
    np.testing.assert_allclose(mean, [1.0, 5.0])
    np.testing.assert_allclose(scaled_other, [[3.0, 1.0]])  # constant feature: std set to 1
    assert np.all(np.isfinite(scaled_train))
    with pytest.raises(ValueError, match="has 3 features but `train` has 2"):
        standardize(train, np.zeros((1, 3)))


def test_data_dir_is_moved_by_environment_variable(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(tmp_path / "cache"))
    folder = cache.data_dir("medmnist")
    assert folder == tmp_path / "cache" / "medmnist" and folder.is_dir()


def test_data_dir_reports_unwritable_folder(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(blocker / "sub"))
    with pytest.raises(OSError, match=f"environment variable {cache.DATA_DIR_ENV} to a folder"):
        cache.data_dir()


def test_default_data_dir_is_the_repository_data_folder(monkeypatch) -> None:
    monkeypatch.delenv(cache.DATA_DIR_ENV, raising=False)
    assert cache.data_dir() == repository.repository_root() / "data"


def test_results_round_trip_and_validation(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(results.RESULTS_ENV, str(tmp_path))
    results.record_results("nb", accuracy=np.float32(0.5), passed=True)
    results.record_results("nb", seconds=3)
    assert results.load_results("nb") == {"accuracy": 0.5, "passed": True, "seconds": 3}
    assert json.loads((tmp_path / "nb.json").read_text())["seconds"] == 3
    with pytest.raises(ValueError, match="is nan"):
        results.record_results("nb", accuracy=float("nan"))
    with pytest.raises(TypeError, match="must be a number"):
        results.record_results("nb", accuracy=[1, 2])
    with pytest.raises(ValueError, match="bare notebook name"):
        results.record_results("../nb", accuracy=1.0)
    with pytest.raises(ValueError, match="at least one figure"):
        results.record_results("nb")
    with pytest.raises(FileNotFoundError, match="Run the notebook first"):
        results.load_results("never_run")


def test_set_seed_makes_keras_repeatable() -> None:
    import keras

    draws = []
    for _ in range(2):
        set_seed(3)
        draws.append(keras.random.normal((3,)).numpy())
    np.testing.assert_array_equal(draws[0], draws[1])
    with pytest.raises(ValueError, match="non-negative integer"):
        set_seed(-1)


def test_environment_report(capsys) -> None:
    report = environment.print_environment_report(check_network=True)
    assert report["packages"]["keras"].startswith("3.")
    assert report["online"] is False  # the tests run with the network blocked
    assert "offline mode" in capsys.readouterr().out
    assert environment.package_version("surely-not-an-installed-package") is None


def test_course_links_come_from_pyproject() -> None:
    url = repository.repository_url()
    assert url.startswith("https://github.com/")
    badge = repository.colab_badge("01_forward_propagation.ipynb")
    assert url.removeprefix("https://github.com/") in badge and badge.endswith(".ipynb)")
    assert repository.colab_install_target("imaging").endswith(f"[imaging] @ git+{url}")
    assert [lesson.number for lesson in curriculum.CURRICULUM] == list(range(18))


def test_the_course_map_knows_which_notebooks_exist() -> None:
    written = sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))
    built = [lesson.notebook for lesson in curriculum.CURRICULUM if lesson.notebook]
    assert built == written, "set Lesson.notebook in helpers/course/curriculum.py"
    planned = [lesson.number for lesson in curriculum.CURRICULUM if not lesson.notebook]
    readme = (ROOT / "README.md").read_text()
    if planned:  # the README names what is still to come, and nothing else
        sentence = readme.split("The rest of the curriculum (", 1)[1].split(")", 1)[0]
        assert [int(word) for word in sentence.split() if word.isdigit()] == planned
    else:
        assert "The rest of the curriculum" not in readme


def test_network_is_blocked_in_tests_and_in_child_processes() -> None:
    with pytest.raises(OSError, match="network blocked"):
        urllib.request.urlopen("https://pypi.org", timeout=5)
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("93.184.216.34", 80), timeout=5)
    child = subprocess.run(
        [sys.executable, "-c", "import urllib.request; urllib.request.urlopen('https://pypi.org')"],
        capture_output=True,
        text=True,
    )
    assert child.returncode != 0 and "network blocked" in child.stderr
    with socket.socket() as server:  # loopback, which Jupyter kernels need, still works
        server.bind(("127.0.0.1", 0))
        server.listen()
        socket.create_connection(server.getsockname(), timeout=5).close()
