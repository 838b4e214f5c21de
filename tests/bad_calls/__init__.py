"""The bad-call table: wrong, odd and valid-but-unusual calls over the helpers' public API.

Each module here lists the calls for one part of ``helpers`` (``scratch``, ``data``,
``cache``, ...). ``tests/test_bad_calls.py`` runs them all under a memory cap.
"""
