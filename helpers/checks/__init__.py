"""Self-checks for the exercises: run a student's function against the reference.

Each ``check_...`` function prints one clear line (passed, not yet implemented, or
the first failing case with a hint) and returns True only when every case passes.
The notebooks' collapsed solutions are checked by the same functions in CI.
``engine.run_check`` is the shared engine; module ``nbNN`` holds the checks of
notebook NN. Nothing else in ``helpers`` imports this package.
"""
