"""The project's front door: two-command set-up, one source of dependencies, CI entry point."""

from __future__ import annotations

import re
import tomllib

from footprint.core import paths, yamlio


def test_environment_yml_is_a_thin_wrapper_of_pyproject():
    env = yamlio.load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    plain = [d for d in deps if isinstance(d, str)]
    pips = [d for d in deps if isinstance(d, dict)]
    assert sorted(re.split(r"[=<> ]", d)[0] for d in plain) == ["pip", "python"]
    assert pips == [{"pip": ["-e .[dev,lab]"]}]
    py = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert {"dev", "lab"} <= set(py["project"]["optional-dependencies"])
    want = re.search(r"python=(\d+\.\d+)", " ".join(plain)).group(1)
    assert py["project"]["requires-python"] == f">={want}"


def test_readme_quick_start_is_two_make_commands():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    cmds = [ln.split("#", 1)[0].strip() for ln in block.splitlines()[1:] if ln.split("#", 1)[0].strip()]
    assert cmds == ["make run", "make test"]


def test_ci_calls_the_readme_test_command():
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", ci, re.M)


def test_makefile_has_the_front_door_targets():
    mk = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test", "bench", "lab"):
        assert re.search(rf"^{target}:", mk, re.M), target
    assert "-m footprint run" in mk
