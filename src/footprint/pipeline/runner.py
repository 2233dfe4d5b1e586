"""The runner's public names in one place (for scripts and benchmarks written against it).

The pipeline itself is split by concept; import from the module that defines a name:

* :mod:`~footprint.pipeline.parameters` — notebooks, their parameters, validation, overrides;
* :mod:`~footprint.pipeline.execute` — :class:`Task`, :func:`run_one`, :func:`run_tasks` (processes or Dask);
* :mod:`~footprint.pipeline.scenarios` — :class:`Scenario`, :func:`load_scenario`, :func:`plan`;
* :mod:`~footprint.pipeline.runs` — run folders, ``reports/latest``, the git commit;
* :mod:`~footprint.pipeline.run` — :func:`run` (a whole run and its manifest).
"""

from footprint.pipeline.brief import iter_figures
from footprint.pipeline.execute import Task, make_task, run_one, run_tasks
from footprint.pipeline.parameters import (
    FILE_PARAMETER_SUFFIXES,
    RUNNER_PARAMETERS,
    discover_notebooks,
    find_notebook,
    notebook_defaults,
    parse_override,
    parse_overrides,
    validate_parameters,
)
from footprint.pipeline.run import RunResult, main_progress, run
from footprint.pipeline.runs import git_commit, new_run_dir, previous_durations, update_latest
from footprint.pipeline.scenarios import Scenario, load_scenario, plan

__all__ = [
    "FILE_PARAMETER_SUFFIXES", "RUNNER_PARAMETERS", "RunResult", "Scenario", "Task", "discover_notebooks",
    "find_notebook", "git_commit", "iter_figures", "load_scenario", "main_progress", "make_task", "new_run_dir",
    "notebook_defaults", "parse_override", "parse_overrides", "plan", "previous_durations", "run", "run_one", "run_tasks",
    "update_latest", "validate_parameters",
]
