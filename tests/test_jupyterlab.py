"""Every notebook in JupyterLab, driven by headless Chromium: open it, run all cells from the Run
menu, and check that no cell raised and that the notebook shows every figure it exports (the inline
image is the exported PNG itself, byte for byte). A screenshot per notebook is saved.

JupyterLab serves a temporary copy of ``notebooks/`` whose parameters cells are rewritten to small
values (fewer draws, outputs into the test's folder, nothing published); the project is importable in
the kernel because the kernel is this virtual environment's Python. Without Chromium or playwright the
test is skipped with the command that enables it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from test_browser import chromium_path, font_env, save_screenshot

from footprint.core import paths

pytestmark = pytest.mark.xdist_group("jupyterlab")

#: small parameters (every other parameter keeps its default); output_dir and processed_dir are set per test
SMALL = {"draws": 200, "dpi": 100}
KERNEL_NAME = "footprint"
RUN_TIMEOUT_S = 240


def small_copy(src: Path, dst: Path, out: Path) -> list[Path]:
    """Copy every notebook to ``dst`` with its parameters cell rewritten: SMALL values, outputs into
    ``out/<stem>``, nothing published."""
    dst.mkdir(parents=True)
    copies = []
    for nb_path in sorted(src.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        values = {**SMALL, "output_dir": str(out / nb_path.stem), "processed_dir": ""}
        lines = []
        for line in cell.source.splitlines():
            m = re.match(r"^(\w+)\s*=", line)
            lines.append(f"{m.group(1)} = {values[m.group(1)]!r}" if m and m.group(1) in values else line)
        cell.source = "\n".join(lines)
        nbformat.write(nb, dst / nb_path.name)
        copies.append(dst / nb_path.name)
    return copies


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_env(tmp: Path) -> dict[str, str]:
    """Jupyter's folders inside ``tmp`` (nothing written to the user's home), the project's kernelspec
    available under its own name, and the notebook drawn in full (no windowing, so that every cell is
    in the page)."""
    data = tmp / "jupyter_data"
    spec = data / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (footprint)", "language": "python"}), encoding="utf-8")
    settings = tmp / "lab_settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    news = tmp / "lab_settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}), encoding="utf-8")
    env = dict(os.environ, JUPYTER_PATH=str(data), JUPYTER_CONFIG_DIR=str(tmp / "jupyter_config"),
               JUPYTER_RUNTIME_DIR=str(tmp / "jupyter_runtime"), JUPYTERLAB_SETTINGS_DIR=str(tmp / "lab_settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "lab_workspaces"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.ROOT / "src"), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    chromium = chromium_path()
    pytest.importorskip("jupyterlab", reason="the JupyterLab test needs jupyterlab: .venv/bin/pip install -e '.[dev]'")
    tmp = tmp_path_factory.mktemp("jupyterlab")
    notebooks = small_copy(paths.NOTEBOOKS, tmp / "notebooks", tmp / "out")
    port, token = free_port(), "footprint-test"
    log = open(tmp / "lab.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp / 'notebooks'}", "--allow-root",
         "--LabApp.news_url=", "--ServerApp.open_browser=False"],
        env=lab_env(tmp), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: see {tmp / 'lab.log'}:\n"
                                + (tmp / "lab.log").read_text(errors="replace")[-2000:])
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"], env=font_env(tmp))
            yield {"browser": browser, "base": base, "token": token, "notebooks": notebooks, "tmp": tmp}
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


PROMPTS = "Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')).map(e => e.textContent.trim())"


def wait_for_kernel(lab: dict, nb: Path, timeout_s: float = 90) -> None:
    """Until the notebook's kernel has started and is idle (asked of the server, not the page)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{lab['base']}/api/sessions?token={lab['token']}", timeout=5) as r:
            sessions = json.load(r)
        if any(s["path"].endswith(nb.name) and (s.get("kernel") or {}).get("execution_state") == "idle"
               for s in sessions):
            return
        time.sleep(0.3)
    pytest.fail(f"{nb.name}: its kernel did not start within {timeout_s:.0f} s")


def run_in_lab(lab: dict, nb: Path, shots: Path) -> tuple[dict, float]:
    """Open ``nb``, Run > Run All Cells, wait until every code cell has run, save it; (notebook, seconds)."""
    page = lab["browser"].new_page(viewport={"width": 1400, "height": 1000})
    try:
        # a workspace of its own: no tab of an earlier notebook is restored into this page
        page.goto(f"{lab['base']}/lab/workspaces/w{nb.stem[:2]}/tree/{nb.name}?reset&token={lab['token']}",
                  wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
        wait_for_kernel(lab, nb)
        page.wait_for_function("document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=idle]') !== null",
                               timeout=60_000)
        t0 = time.monotonic()
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        # Run All marks every cell [*] at once; it is done when none is left running (an error stops it early)
        quiet, deadline = 0, t0 + RUN_TIMEOUT_S
        while quiet < 3:
            page.wait_for_timeout(500)
            prompts = page.evaluate(PROMPTS)
            quiet = quiet + 1 if "[*]:" not in prompts and any(p[1:-2].isdigit() for p in prompts) else 0
            assert time.monotonic() < deadline, f"{nb.name}: still running after {RUN_TIMEOUT_S} s"
        seconds = time.monotonic() - t0
        page.evaluate("(() => { const i = Array.from(document.querySelectorAll('.jp-OutputArea-output img'))"
                      ".find(i => i.offsetParent && i.naturalWidth > 0); if (i) i.scrollIntoView({block: 'start'}); })()")
        page.wait_for_timeout(300)
        save_screenshot(page, shots, f"lab_{nb.stem}")
        before = nb.stat().st_mtime_ns
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^File$")).click()
        page.locator("li.lm-Menu-item[data-command='docmanager:save']").click()
        saved = time.monotonic() + 30
        while nb.stat().st_mtime_ns == before:
            assert time.monotonic() < saved, f"{nb.name}: File > Save did not write the notebook"
            page.wait_for_timeout(200)
        page.wait_for_timeout(300)  # the contents API writes atomically; let it finish
    finally:
        page.close()
        shut_down_kernels(lab)
    return json.loads(nb.read_text(encoding="utf-8")), seconds


def shut_down_kernels(lab: dict) -> None:
    """End every session (and its kernel) so that the next notebook has the machine to itself."""
    with urllib.request.urlopen(f"{lab['base']}/api/sessions?token={lab['token']}", timeout=5) as r:
        sessions = json.load(r)
    for s in sessions:
        req = urllib.request.Request(f"{lab['base']}/api/sessions/{s['id']}?token={lab['token']}", method="DELETE")
        urllib.request.urlopen(req, timeout=30).close()


def test_every_notebook_runs_in_jupyterlab_and_shows_what_it_exports(lab, tmp_path):
    times = {}
    for nb in lab["notebooks"]:
        doc, times[nb.stem] = run_in_lab(lab, nb, tmp_path)
        outputs = [o for c in doc["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
        errors = [f"{o['ename']}: {o['evalue']}" for o in outputs if o["output_type"] == "error"]
        assert not errors, f"{nb.name} in JupyterLab: {errors}"
        unrun = [c["source"][:60] for c in doc["cells"] if c["cell_type"] == "code" and c["execution_count"] is None]
        assert not unrun, f"{nb.name}: cells not run: {unrun}"
        inline = {hashlib.sha256(base64.b64decode(o["data"]["image/png"])).hexdigest()
                  for o in outputs if "image/png" in o.get("data", {})}
        exported = sorted((lab["tmp"] / "out" / nb.stem / "figures").glob("*.png"))
        assert exported, f"{nb.name}: no figure exported into {lab['tmp'] / 'out' / nb.stem}"
        missing = [p.name for p in exported if hashlib.sha256(p.read_bytes()).hexdigest() not in inline]
        assert not missing, f"{nb.name}: exported figures not shown as exported in the notebook: {missing}"
    print("seconds per notebook in JupyterLab (Run All Cells to the last output):",
          {k: round(v, 1) for k, v in times.items()})


def test_make_setup_installs_the_kernelspec_and_lab_takes_options():
    """The set-up stamp installs the project's kernel into .venv; ``make lab`` passes LAB_ARGS on."""
    make = subprocess.run(["make", "-n", "-W", "pyproject.toml", ".venv/.footprint-installed"], cwd=paths.ROOT,
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"-m ipykernel install --sys-prefix --name footprint --display-name \"Python 3 \(footprint\)\"", make)
    lab_cmd = subprocess.run(["make", "-n", "lab", "LAB_ARGS=--port=8899 --no-browser --ip=127.0.0.1"], cwd=paths.ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert "jupyter lab --notebook-dir=notebooks" in lab_cmd and "--port=8899 --no-browser --ip=127.0.0.1" in lab_cmd
