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


@pytest.fixture(scope="session")
def shared_run(tmp_path_factory, _processed_in_tmp):
    """The suite's one run of every notebook through the runner (small parameters, two processes): the
    end-to-end tests (``test_e2e_*``, the brief and browser tests) read it instead of executing notebooks
    again. Tests that use it are in the xdist group ``pipeline``, so one worker makes it once."""
    from notebook_helpers import shared_scenario

    from footprint.pipeline import runner

    reports = tmp_path_factory.mktemp("shared") / "reports"
    res = runner.run(shared_scenario(), jobs=2, reports=reports)
    assert res.ok, res.failed
    return res


@pytest.fixture(scope="session")
def shared_run_en(shared_run):
    """The brief of the shared run in English: same values but ``lang``, so the run's results are reused from
    the cache and only the brief's kernel runs."""
    from notebook_helpers import SMALL_RUN

    from footprint.pipeline import model, runner

    nb = "05_local_sdgs_brief"
    names = set(runner.notebook_defaults(runner.find_notebook(nb))) | model.result_parameters([nb])
    res = runner.run(notebooks=["05"], overrides={**{k: v for k, v in SMALL_RUN.items() if k in names}, "lang": "en"},
                     reports=shared_run.run_dir.parent.parent, latest=False)
    assert res.ok, res.failed
    return res
