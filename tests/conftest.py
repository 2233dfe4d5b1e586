from __future__ import annotations

import pytest
from hypothesis import settings

# No per-example deadline: a loaded 2-core CI machine must not turn slow examples into failures.
# Derandomised so that CI explores the same examples on every run (a red run can be reproduced).
settings.register_profile("footprint", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("footprint")

from footprint import accounts


@pytest.fixture(scope="session")
def nfa():
    return accounts.load_nfa()


@pytest.fixture(scope="session", autouse=True)
def _processed_in_tmp(tmp_path_factory):
    """Runs started by tests publish into a folder of the test session, never into the project's
    data/processed (session scope: set before any module-scoped fixture runs a pipeline)."""
    from footprint.core import paths

    real = paths.PROCESSED
    paths.PROCESSED = tmp_path_factory.mktemp("processed") / "processed"
    yield
    paths.PROCESSED = real
