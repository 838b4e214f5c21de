"""Time every notebook with its shipped defaults and tabulate its key figures.

    python tools/benchmark.py [--snapshot] [notebooks/NN_name.ipynb ...]

Each notebook runs once with papermill (offline, CPU); the table of wall-clock seconds and
the figures recorded by ``helpers.course.results.record_results`` goes to the terminal and to
``build/benchmark.md``. Times are measurements, never test assertions. ``--snapshot`` (only
with every notebook) also writes the recorded figures to ``helpers/course/recorded_results.json``,
the shipped snapshot that notebook 17's answers read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

from executed import EXECUTED_DIR, run_notebook
from notebook_tools import ROOT, notebook_paths


def format_figures(figures: dict) -> str:
    """A short 'name=value' list of recorded figures."""
    parts = [f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()]
    return ", ".join(parts)


def snapshot_provenance() -> dict[str, object]:
    """Where a snapshot comes from: the commit and uncommitted notebooks when the run starts."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    return {
        "command": "python tools/benchmark.py --snapshot",
        "started": time.strftime("%Y-%m-%d %H:%M %Z"),
        "commit": git("rev-parse", "HEAD").strip(),
        "uncommitted_changes": git("status", "--porcelain", "notebooks", "helpers").splitlines(),
        "machine": f"{os.cpu_count()} CPU cores, no GPU",
        "parameters": "shipped defaults (seed 42, offline data)",
    }


def write_snapshot(
    results_dir: Path,
    seconds: dict[str, float],
    provenance: dict[str, object],
    path: Path,
) -> Path:
    """Write the snapshot to ``path``: the figures recorded in ``results_dir`` for the notebooks
    timed in ``seconds`` (notebook name -> wall-clock seconds), and those seconds."""
    stems = list(seconds)
    from helpers.course.results import SNAPSHOT_EXCLUDED

    missing = [s for s in stems if not (results_dir / f"{s}.json").exists()]
    if missing:
        raise SystemExit(f"No figures recorded for {missing}; snapshot not written.")
    results = {
        s: json.loads((results_dir / f"{s}.json").read_text())
        for s in stems
        if s not in SNAPSHOT_EXCLUDED
    }
    rounded = {stem: round(value, 1) for stem, value in seconds.items()}
    snapshot = {"provenance": provenance, "results": results, "seconds": rounded}
    path.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
    return path


def main() -> None:
    """Run the benchmark and write build/benchmark.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--snapshot", action="store_true", help="write the shipped snapshot")
    arguments = parser.parse_args()
    if arguments.snapshot and arguments.notebooks:
        parser.error("--snapshot needs every notebook; name none.")
    paths = [p.resolve() for p in arguments.notebooks] or notebook_paths()
    provenance = snapshot_provenance() if arguments.snapshot else {}
    build = ROOT / "build"
    results_dir = Path(tempfile.mkdtemp(prefix="course-bench-"))
    os.environ["COURSE_RESULTS_DIR"] = str(results_dir)
    rows, total, timed = [], 0.0, {}
    for path in paths:
        seconds = timed[path.stem] = run_notebook(path, EXECUTED_DIR)
        total += seconds
        result_file = results_dir / f"{path.stem}.json"
        figures = json.loads(result_file.read_text()) if result_file.exists() else {}
        rows.append(f"| {path.stem} | {seconds:.1f} | {format_figures(figures)} |")
        print(rows[-1], flush=True)
    table = "\n".join(
        [
            f"# Notebook benchmark ({platform.node()}, {os.cpu_count()} CPUs, "
            f"{time.strftime('%Y-%m-%d %H:%M')})",
            "",
            "| notebook | seconds | key figures |",
            "|---|---|---|",
            *rows,
            f"| **total** | {total:.1f} | |",
            "",
        ]
    )
    (build / "benchmark.md").write_text(table)
    print(f"\ntotal {total:.1f} s; table written to {build / 'benchmark.md'}")
    if arguments.snapshot:
        from helpers.course.results import SNAPSHOT_PATH

        written = write_snapshot(results_dir, timed, provenance, SNAPSHOT_PATH)
        print(f"snapshot written to {written}")


if __name__ == "__main__":
    main()
