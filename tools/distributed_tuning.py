"""keras-tuner's distributed mode on one machine: one chief and two workers on 127.0.0.1.

keras-tuner distributes a search through three environment variables. The process
whose ``KERASTUNER_TUNER_ID`` is ``chief`` runs the *oracle* (which proposes the
trials and keeps their scores) as a gRPC server on ``KERASTUNER_ORACLE_IP`` :
``KERASTUNER_ORACLE_PORT``; every other process (``tuner0``, ``tuner1``, ...) is a
*worker*: it asks the chief for a trial, trains it, reports the score, and asks again
until the chief says the search is over. On a cluster each process runs on its own
machine (with its own GPUs); here all three run as local processes on the loopback
address, with a free port, so nothing leaves this machine.

    python tools/distributed_tuning.py --trials 4 --epochs 2

Every process runs this same file (``--role``); the launcher starts them, waits at most
``--timeout`` seconds, and prints which worker ran which trial and the chief's best.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "distributed_search"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tuner(directory: Path, trials: int, seed: int):
    """The same RandomSearch in every process, recording the trials this process ran."""
    import keras_tuner

    from helpers.course.tuning import MLPSearchSpace, build_tunable_mlp

    space = MLPSearchSpace(layers=(1, 2), units=(4, 8, 16))

    class RecordingSearch(keras_tuner.RandomSearch):
        ran: list[str] = []

        def on_trial_end(self, trial):
            super().on_trial_end(trial)
            self.ran.append(trial.trial_id)

    return RecordingSearch(
        lambda hp: build_tunable_mlp(hp, 30, space),
        objective=keras_tuner.Objective("val_auc", "max"),
        max_trials=trials,
        seed=seed,
        directory=str(directory),
        project_name=PROJECT,
        overwrite=False,
    )


def run_role(directory: Path, trials: int, epochs: int, seed: int) -> None:
    """Run this process's part (chief or worker) and write what it did as JSON."""
    from helpers.course.environment import quiet_tensorflow

    quiet_tensorflow()
    from helpers.data.breast_cancer import load_breast_cancer_splits

    splits = load_breast_cancer_splits(seed=seed)
    tuner = _tuner(directory, trials, seed)
    role = os.environ["KERASTUNER_TUNER_ID"]
    tuner.search(
        splits.train.inputs,
        splits.train.labels,
        validation_data=(splits.val.inputs, splits.val.labels),
        epochs=epochs,
        batch_size=64,
        verbose=0,
    )
    report: dict[str, object] = {"role": role, "ran": tuner.ran}
    if role == "chief":
        best = tuner.oracle.get_best_trials(1)[0]
        report["best_trial"] = best.trial_id
        report["best_score"] = float(best.score)
        report["trials"] = {
            trial_id: str(trial.status) for trial_id, trial in tuner.oracle.trials.items()
        }
    (directory / f"{role}.json").write_text(json.dumps(report))


def run_distributed_search(
    trials: int = 4,
    epochs: int = 1,
    workers: int = 2,
    seed: int = 0,
    timeout: float = 300.0,
    directory: str | Path | None = None,
) -> dict:
    """Start a chief and ``workers`` workers on 127.0.0.1; return who ran what, and the best.

    The result holds ``trials_by_worker`` ({worker: [trial ids]}), ``best_trial``,
    ``best_score``, ``trials`` (the chief's statuses) and ``port``. Every process is
    killed if the search has not ended within ``timeout`` seconds (then RuntimeError).
    """
    if directory is None:
        directory = tempfile.mkdtemp(prefix="distributed-tuning-")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    roles = ["chief"] + [f"tuner{index}" for index in range(workers)]
    command = [sys.executable, str(Path(__file__).resolve()), "--role", "run",
               "--directory", str(directory), "--trials", str(trials),
               "--epochs", str(epochs), "--seed", str(seed)]  # fmt: skip
    processes = {}
    for role in roles:
        python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        environment = dict(
            os.environ,
            KERASTUNER_TUNER_ID=role,
            KERASTUNER_ORACLE_IP="127.0.0.1",
            KERASTUNER_ORACLE_PORT=str(port),
            PYTHONPATH=python_path,
            CUDA_VISIBLE_DEVICES="-1",
            TF_CPP_MIN_LOG_LEVEL="3",
        )
        log = open(directory / f"{role}.log", "w")  # noqa: SIM115  (closed below)
        processes[role] = (subprocess.Popen(command, env=environment, stdout=log, stderr=log), log)
        if role == "chief":
            time.sleep(1.0)  # let the chief open its port first (workers would wait anyway)
    deadline = time.monotonic() + timeout
    try:
        for process, _ in processes.values():
            process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired as error:
        raise RuntimeError(
            f"the distributed search did not end within {timeout:g} s; logs in {directory}"
        ) from error
    finally:
        for process, log in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
            log.close()
    failed = [role for role, (process, _) in processes.items() if process.returncode != 0]
    if failed:
        raise RuntimeError(f"{', '.join(failed)} failed; see the logs in {directory}")
    reports = {role: json.loads((directory / f"{role}.json").read_text()) for role in roles}
    chief = reports["chief"]
    return {
        "port": port,
        "trials_by_worker": {role: reports[role]["ran"] for role in roles[1:]},
        "best_trial": chief["best_trial"],
        "best_score": chief["best_score"],
        "trials": chief["trials"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--role", choices=("launch", "run"), default="launch")
    parser.add_argument("--trials", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--directory", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.role == "run":
        run_role(args.directory, args.trials, args.epochs, args.seed)
        return 0
    result = run_distributed_search(
        args.trials, args.epochs, args.workers, args.seed, args.timeout, args.directory
    )
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
