"""Run notebooks under seeds and floating-point paths a student's machine may take.

    python tools/robustness.py [--jobs N] [--force] [notebooks/NN_name.ipynb ...]
    python tools/robustness.py --jobs 2 --write-spread

Another machine computes other figures from the same seed: another CPU takes other
kernels, oneDNN may be on or off, one or two threads sum in another order. A claim of the
course is a fact only if it holds under all of them, so this sweep runs every notebook
(default: all) under ``PERTURBATIONS``, a small design of six runs that covers five seeds,
oneDNN on and off and one and two intra-op threads, and judges every figure against its
one bound in ``helpers.course.targets.TARGETS``. It writes, per target, the pass rate, the
worst value, the perturbation that gave it and the margin to the bound, as a table in
``build/robustness.md`` and as data in ``build/robustness.json``.

Each run's figures are kept in ``build/robustness/runs``; a later sweep runs again only the
(notebook, perturbation) pairs whose notebook or helpers changed (``--force``: all). The sweep
is not part of ``make test``; CI runs ``CI_PERTURBATION`` only
(``tests/test_notebook_parameters.py``). ``--write-spread`` (the whole sweep only) also writes
every figure's value in each of the six runs to ``helpers/course/recorded_spread.json``;
notebook 17 and the README quote each figure with its range over them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import zip_longest
from pathlib import Path

import nbformat
from executed import code_digest
from notebook_tools import ROOT, has_tag, is_check_cell, notebook_paths

from helpers.course.results import SNAPSHOT_EXCLUDED, SPREAD_PATH
from helpers.course.targets import TARGETS, Target

RUNS_DIR = ROOT / "build" / "robustness" / "runs"
TABLE_PATH = ROOT / "build" / "robustness.md"
DATA_PATH = ROOT / "build" / "robustness.json"
OFFLINE_DIR = ROOT / "tests" / "offline"
SEED_PATTERN = re.compile(r"^seed = (\d+)", re.MULTILINE)
SANITIZE_PATH = ROOT / "tests" / "nbval_sanitize.cfg"


@dataclass(frozen=True)
class Perturbation:
    """One way a student's run differs from the shipped one.

    ``seed`` None keeps the notebook's own seed; ``onednn`` sets ``TF_ENABLE_ONEDNN_OPTS``
    (oneDNN's fused and reordered kernels, on by default on x86 Linux); ``threads`` is the
    number of intra-op threads of TensorFlow, OpenMP and the BLAS under NumPy.
    """

    name: str
    seed: int | None
    onednn: bool
    threads: int

    def environment(self) -> dict[str, str]:
        """The environment variables that put a kernel on this floating-point path."""
        threads = str(self.threads)
        return {
            "TF_ENABLE_ONEDNN_OPTS": "1" if self.onednn else "0",
            "TF_NUM_INTRAOP_THREADS": threads,
            "OMP_NUM_THREADS": threads,
            "OPENBLAS_NUM_THREADS": threads,
            "MKL_NUM_THREADS": threads,
        }

    def parameters(self, path: Path) -> dict[str, int]:
        """The papermill parameters for ``path``: the seed, where the notebook has one."""
        if self.seed is None or shipped_seed(path) is None:
            return {}
        return {"seed": self.seed}


PERTURBATIONS = (
    Perturbation("shipped", None, True, 2),
    Perturbation("shipped seed, oneDNN off, 1 thread", None, False, 1),
    Perturbation("seed 7, oneDNN off, 1 thread", 7, False, 1),
    Perturbation("seed 11, oneDNN on, 1 thread", 11, True, 1),
    Perturbation("seed 23, oneDNN off, 2 threads", 23, False, 2),
    Perturbation("seed 101, oneDNN on, 2 threads", 101, True, 2),
)
"""Five seeds; oneDNN on in three runs and off in three; one thread in three, two in three."""
CI_PERTURBATION = PERTURBATIONS[2]
"""The run ``make test`` adds to each seed-sensitive notebook's shipped one."""


def shipped_seed(path: Path) -> int | None:
    """The seed in the notebook's ``parameters`` cell, or None if it has none."""
    for cell in nbformat.read(path, as_version=4).cells:
        if has_tag(cell, "parameters"):
            match = SEED_PATTERN.search(cell.source)
            return int(match.group(1)) if match else None
    return None


def helpers_digest() -> str:
    """A digest of every helper module: a change there can change any notebook's figures."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "helpers").rglob("*")):
        if path == SPREAD_PATH:  # written from the sweep's figures, read by nothing they depend on
            continue
        if path.suffix in (".py", ".csv", ".json") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()


def run_key(path: Path, perturbation: Perturbation, helpers: str) -> str:
    """What a run's figures depend on: the notebook's code, the helpers and the perturbation."""
    notebook = code_digest(nbformat.read(path, as_version=4))
    return hashlib.sha256(f"{notebook}{helpers}{asdict(perturbation)}".encode()).hexdigest()


def run_file(path: Path, perturbation: Perturbation) -> Path:
    """Where the figures of one (notebook, perturbation) run are kept."""
    slug = re.sub(r"[^a-z0-9]+", "-", perturbation.name.lower()).strip("-")
    return RUNS_DIR / path.stem / f"{slug}.json"


@contextmanager
def environment_set(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the kernels started inside; restore them afterwards."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_once(path: Path, perturbation: Perturbation, key: str) -> dict:
    """Execute ``path`` under ``perturbation`` (offline, CPU); keep and return what it recorded.

    A run that raises (a failed assertion in a solution cell, say) still returns the figures
    recorded before the error, and the error's last line.
    """
    import papermill

    results = Path(tempfile.mkdtemp(prefix="course-robustness-"))
    environment = {
        **perturbation.environment(),
        "COURSE_RESULTS_DIR": str(results),
        # Its own cache: two runs at once with one seed would share notebook 13's tuner folders.
        "MEDICAL_DL_DATA_DIR": str(results / "data"),
        "COURSE_BLOCK_NETWORK": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(OFFLINE_DIR), os.getenv("PYTHONPATH")])),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "CUDA_VISIBLE_DEVICES": "-1",
        "MPLBACKEND": "Agg",
    }
    error, started = None, time.perf_counter()
    with environment_set(environment):
        try:
            papermill.execute_notebook(
                path,
                results / path.name,
                parameters=perturbation.parameters(path),
                cwd=str(path.parent),
                kernel_name="python3",
                progress_bar=False,
            )
        except Exception as failure:  # the notebook's own error, reported in the table
            lines = [line for line in str(failure).splitlines() if line.strip()]
            error = lines[-1] if lines else type(failure).__name__
    figures_file = results / f"{path.stem}.json"
    executed = results / path.name
    record = {
        "key": key,
        "notebook": path.stem,
        "perturbation": asdict(perturbation),
        "seconds": round(time.perf_counter() - started, 1),
        "error": error,
        "figures": json.loads(figures_file.read_text()) if figures_file.exists() else {},
        "check_outputs": (
            check_outputs(nbformat.read(executed, as_version=4)) if executed.exists() else {}
        ),
    }
    target = run_file(path, perturbation)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return record


def sanitizers() -> list[tuple[re.Pattern, str]]:
    """The (pattern, replacement) pairs nbval applies before it compares, read as nbval reads them.

    nbval's own parser is used, so that the sweep never ignores a line that nbval compares.
    """
    from nbval.plugin import get_sanitize_patterns

    pairs = get_sanitize_patterns(SANITIZE_PATH.read_text())
    return [(re.compile(regex), replacement) for regex, replacement in pairs]


def sanitised(text: str, rules: Sequence[tuple[re.Pattern, str]]) -> str:
    """``text`` as nbval compares it, after the sanitising ``rules``."""
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def check_outputs(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Each check cell's printed text (stderr left out, as nbval compares it), by cell index.

    The cells papermill adds (the injected parameters, an error banner) are left out, so
    that the indices are those of the notebook as stored.
    """
    added = ("injected-parameters", "papermill-error-cell-tag")
    cells = [cell for cell in notebook.cells if not any(has_tag(cell, tag) for tag in added)]
    outputs = {}
    for index, cell in enumerate(cells):
        if is_check_cell(cell):
            parts = []
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stdout":
                    parts.append(output.get("text", ""))
                elif "data" in output:
                    parts.append(str(output["data"].get("text/plain", "")))
            outputs[str(index)] = "".join(parts)
    return outputs


def cached_run(path: Path, perturbation: Perturbation, key: str) -> dict | None:
    """The kept record of this run if nothing it depends on has changed since, else None."""
    kept = run_file(path, perturbation)
    if not kept.exists():
        return None
    record = json.loads(kept.read_text())
    return record if record.get("key") == key else None


def sweep(
    paths: Sequence[Path],
    perturbations: Sequence[Perturbation] = PERTURBATIONS,
    *,
    jobs: int = 1,
    force: bool = False,
) -> list[dict]:
    """Every (notebook, perturbation) run's record, running only the missing or stale ones."""
    helpers = helpers_digest()
    records, pending = [], []
    for path in paths:
        for perturbation in perturbations:
            key = run_key(path, perturbation, helpers)
            kept = None if force else cached_run(path, perturbation, key)
            if kept is None:
                pending.append((path, perturbation, key))
            else:
                records.append(kept)
    print(f"{len(records)} runs kept, {len(pending)} to run with {jobs} job(s)", flush=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_once, *task) for task in pending]
        for future in futures:
            record = future.result()
            status = f"error: {record['error']}" if record["error"] else "ok"
            print(
                f"{record['notebook']} | {record['perturbation']['name']} | "
                f"{record['seconds']} s | {status}",
                flush=True,
            )
            records.append(record)
    return records


def margin(target: Target, value: object) -> float:
    """How far ``value`` lies on the safe side of the bound (negative: it misses); NaN for ==."""
    if target.comparison in ("==",) or not isinstance(value, int | float):
        return math.nan
    if target.comparison == "approx":
        return 1e-3 * abs(float(target.bound)) - abs(float(value) - float(target.bound))
    if target.comparison in (">", ">="):
        return float(value) - float(target.bound)
    return float(target.bound) - float(value)


def summarise(records: Iterable[dict]) -> list[dict]:
    """One row per target: runs, passes, the worst value, its perturbation and its margin.

    A figure a run did not record (it failed before) counts as a miss with no value.
    """
    by_notebook: dict[str, list[dict]] = {}
    for record in records:
        by_notebook.setdefault(record["notebook"], []).append(record)
    rows = []
    for notebook, runs in by_notebook.items():
        for name, target in TARGETS[notebook].items():
            passes, worst = 0, None
            for run in runs:
                value = run["figures"].get(name)
                met = value is not None and target.met_by(value, name=name)
                passes += met
                score = -math.inf if value is None else margin(target, value)
                if math.isnan(score):
                    score = 0.0 if met else -1.0
                if worst is None or score < worst[0]:
                    worst = (score, value, run["perturbation"]["name"])
            assert worst is not None  # every notebook has at least one run
            rows.append(
                {
                    "notebook": notebook,
                    "figure": name,
                    "claim": target.describe(name),
                    "runs": len(runs),
                    "passes": passes,
                    "worst_value": worst[1],
                    "worst_perturbation": worst[2],
                    "margin": None if math.isinf(worst[0]) else worst[0],
                }
            )
    return rows


def unstable_check_cells(records: Iterable[dict]) -> dict[tuple[str, str], tuple[list, str]]:
    """Check cells whose printed text in some run differs from the notebook's stored output.

    nbval would fail such a cell on a machine that takes that run's path. Maps (notebook,
    cell index) to the perturbations where it differs and the first differing line.
    """
    rules = sanitizers()
    stored: dict[str, dict[str, str]] = {}
    moved: dict[tuple[str, str], tuple[list, str]] = {}
    for record in records:
        notebook = record["notebook"]
        if notebook not in stored:
            path = ROOT / "notebooks" / f"{notebook}.ipynb"
            stored[notebook] = check_outputs(nbformat.read(path, as_version=4))
        for cell, text in record.get("check_outputs", {}).items():
            expected = stored[notebook].get(cell)
            if expected is None:
                continue
            text, expected = sanitised(text, rules), sanitised(expected, rules)
            if text == expected:
                continue
            pairs = zip_longest(text.splitlines(), expected.splitlines(), fillvalue="")
            first = next(f"{a} (stored: {b})" for a, b in pairs if a != b)
            names, _ = moved.setdefault((notebook, cell), ([], first))
            names.append(record["perturbation"]["name"])
    return moved


def _number(value: object) -> str:
    """A figure for the table: four significant digits, or as it is."""
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def table(rows: Sequence[dict], records: Sequence[dict]) -> str:
    """The sweep as Markdown: targets that failed anywhere first, then the cost per notebook."""
    failing = [row for row in rows if row["passes"] < row["runs"]]
    lines = [
        f"# Robustness sweep ({os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')})",
        "",
        "Perturbations: " + "; ".join(p.name for p in PERTURBATIONS) + ".",
        "",
        f"{len(rows) - len(failing)} of {len(rows)} targets hold in every run.",
        "",
        "| notebook | claim | passes | worst value | worst under | margin |",
        "|---|---|---|---|---|---|",
    ]
    for row in sorted(rows, key=lambda row: (row["passes"] == row["runs"], row["notebook"])):
        lines.append(
            f"| {row['notebook'][:2]} | {row['claim']} | {row['passes']}/{row['runs']} | "
            f"{_number(row['worst_value'])} | {row['worst_perturbation']} | "
            f"{_number(row['margin'])} |"
        )
    moved = unstable_check_cells(records)
    if moved:
        lines += ["", "## Check cells whose output differs from the stored one", ""]
        lines += [
            f"- {notebook} cell {cell}, under {', '.join(names)}: `{line}`"
            for (notebook, cell), (names, line) in moved.items()
        ]
    errors = [r for r in records if r["error"]]
    if errors:
        lines += ["", "## Runs that raised", ""]
        lines += [f"- {r['notebook']}, {r['perturbation']['name']}: {r['error']}" for r in errors]
    seconds: dict[str, float] = {}
    for record in records:
        seconds[record["notebook"]] = seconds.get(record["notebook"], 0.0) + record["seconds"]
    lines += ["", "## Cost", "", "| notebook | seconds, all runs |", "|---|---|"]
    lines += [f"| {notebook} | {total:.0f} |" for notebook, total in seconds.items()]
    lines += [f"| **total** | {sum(seconds.values()):.0f} |", ""]
    return "\n".join(lines)


def figure_spread(records: Iterable[dict]) -> dict[str, dict[str, list]]:
    """Each numeric figure's value in every run, in ``PERTURBATIONS`` order (None where a run
    did not record it), by notebook; notebook 17, which reads them, is left out."""
    order = {p.name: index for index, p in enumerate(PERTURBATIONS)}
    values: dict[str, dict[str, list]] = {}
    for record in records:
        if record["notebook"] in SNAPSHOT_EXCLUDED:
            continue
        index = order[record["perturbation"]["name"]]
        for name, value in record["figures"].items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                figures = values.setdefault(record["notebook"], {})
                figures.setdefault(name, [None] * len(order))[index] = value
    return {notebook: dict(sorted(figures.items())) for notebook, figures in sorted(values.items())}


def write_spread(records: Sequence[dict], path: Path = SPREAD_PATH) -> Path:
    """Write the figures' spread over a complete sweep (every notebook, every perturbation)."""
    failed = [f"{r['notebook']} ({r['perturbation']['name']})" for r in records if r["error"]]
    if failed:
        raise SystemExit(f"Runs failed, spread not written: {', '.join(failed)}")
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    spread = {
        "provenance": {
            "command": "python tools/robustness.py --write-spread",
            "written": time.strftime("%Y-%m-%d %H:%M %Z"),
            "commit": commit,
            "machine": f"{os.cpu_count()} CPU cores, no GPU",
            "perturbations": [p.name for p in PERTURBATIONS],
        },
        "spread": figure_spread(records),
    }
    text = json.dumps(spread, indent=1, sort_keys=True)
    numbers = re.compile(r"\[\s*([-0-9.eE+null,\s]+?)\s*\]")  # one figure's runs on one line
    text = numbers.sub(lambda m: "[" + ", ".join(m[1].replace(",", " ").split()) + "]", text)
    path.write_text(text + "\n")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Sweep the given notebooks (default: all); exit 1 if a target fails in any run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=1, help="runs at a time (default 1)")
    parser.add_argument("--force", action="store_true", help="run again what is kept")
    parser.add_argument(
        "--perturbation",
        action="append",
        choices=[p.name for p in PERTURBATIONS],
        help="only this perturbation (repeatable; default: all six)",
    )
    parser.add_argument(
        "--write-spread",
        action="store_true",
        help=f"write each figure's runs to {SPREAD_PATH.relative_to(ROOT)} (whole sweep only)",
    )
    arguments = parser.parse_args(argv)
    if arguments.jobs < 1:
        parser.error("--jobs must be 1 or more")
    if arguments.write_spread and (arguments.notebooks or arguments.perturbation):
        parser.error("--write-spread needs the whole sweep; name no notebook or perturbation.")
    paths = [p.resolve() for p in arguments.notebooks] or notebook_paths()
    chosen = [p for p in PERTURBATIONS if p.name in (arguments.perturbation or [p.name])]
    records = sweep(paths, chosen, jobs=arguments.jobs, force=arguments.force)
    rows = summarise(records)
    TABLE_PATH.parent.mkdir(parents=True, exist_ok=True)
    TABLE_PATH.write_text(table(rows, records))
    DATA_PATH.write_text(json.dumps({"rows": rows, "runs": records}, indent=1) + "\n")
    failing = sum(row["passes"] < row["runs"] for row in rows)
    print(f"{failing} of {len(rows)} targets fail somewhere; table in {TABLE_PATH}")
    if arguments.write_spread:
        print(f"spread written to {write_spread(records)}")
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
