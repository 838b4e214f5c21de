"""Time every notebook with its shipped defaults and tabulate its key figures.

    python tools/benchmark.py [notebooks/NN_name.ipynb ...]

Each notebook runs once with papermill (offline, CPU); the table of wall-clock seconds and
the figures recorded by ``helpers.course.results.record_results`` goes to the terminal and to
``build/benchmark.md``. Times are measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from notebook_tools import ROOT, notebook_paths


def run_notebook(path: Path, output_dir: Path) -> float:
    """Execute ``path`` with its defaults; return the wall-clock seconds."""
    import papermill

    started = time.perf_counter()
    papermill.execute_notebook(
        path,
        output_dir / path.name,
        cwd=str(path.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    return time.perf_counter() - started


def format_figures(figures: dict) -> str:
    """A short 'name=value' list of recorded figures."""
    parts = [f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()]
    return ", ".join(parts)


def main() -> None:
    """Run the benchmark and write build/benchmark.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    paths = [p.resolve() for p in parser.parse_args().notebooks] or notebook_paths()
    build = ROOT / "build"
    output_dir = build / "executed"
    output_dir.mkdir(parents=True, exist_ok=True)
    results_dir = Path(tempfile.mkdtemp(prefix="course-bench-"))
    os.environ.update(
        COURSE_RESULTS_DIR=str(results_dir), TF_CPP_MIN_LOG_LEVEL="3", MPLBACKEND="Agg"
    )
    rows, total = [], 0.0
    for path in paths:
        seconds = run_notebook(path, output_dir)
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


if __name__ == "__main__":
    main()
