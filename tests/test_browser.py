"""The run index and the reader's brief (English and Japanese) in a real browser: headless Chromium
driven by the ``playwright`` package. No console error, every image loaded, every link resolves
(local files exist, anchors exist, web addresses are well formed: the test runs offline), no external
resource, no untranslated heading on the Japanese page. Screenshots go to the test's tmp folder and,
when ``FOOTPRINT_SCREENSHOTS`` names a folder (``.ci/run`` sets ``reports/screenshots``), there too.

Without a browser the tests skip and name the one command that enables them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from footprint.pipeline import runner

pytestmark = pytest.mark.xdist_group("pipeline")  # reads the shared run (conftest.py)

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
SAME_IN_BOTH = {"SDG", "CLUM"}


def chromium_path() -> str:
    """The system Chromium, or skip with the command that installs what is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("browser tests need the playwright package: .venv/bin/pip install -e '.[dev]'")
    found = next((p for p in CHROMIUM if Path(p).exists()), None) or shutil.which("chromium")
    if not found:
        pytest.skip("browser tests need Chromium: apt-get update && apt-get install -y chromium")
    return found


def font_env(tmp: Path) -> dict[str, str]:
    """A fontconfig file that adds the IPAexGothic font shipped with matplotlib-fontja, so that
    Japanese renders in screenshots on machines without Japanese system fonts."""
    from footprint.outputs.style import japanese_font_path  # importing matplotlib_fontja would set rcParams

    fonts = japanese_font_path().parent
    conf = tmp / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                    f"<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include><dir>{fonts}</dir>"
                    f"<cachedir>{tmp / 'fontcache'}</cachedir></fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    exe = chromium_path()
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"], env=font_env(tmp))
        yield b
        b.close()


def save_screenshot(page, tmp: Path, name: str) -> Path:
    out = tmp / "screenshots" / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)
    if os.environ.get("FOOTPRINT_SCREENSHOTS"):
        keep = Path(os.environ["FOOTPRINT_SCREENSHOTS"])
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, keep / out.name)
    return out


def open_page(browser, path: Path):
    """Open a file in a new page; (page, console errors, failed requests)."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, failed = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page, errors, failed


def check_page(browser, path: Path, tmp: Path, name: str) -> dict:
    """Everything a reader's browser must get right on one page; returns what was found."""
    page, errors, failed = open_page(browser, path)
    try:
        images = page.evaluate("Array.from(document.images).map(i => [i.src.slice(0, 60), i.complete && i.naturalWidth > 0])")
        links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
        external = page.evaluate("Array.from(document.querySelectorAll('link[href],script[src],img[src]'))"
                                 ".map(e => e.href || e.src).filter(u => /^https?:/.test(u))")
        headings = page.evaluate("Array.from(document.querySelectorAll('title,h1,h2,h3,th,dt')).map(e => e.textContent.trim())")
        lang = page.evaluate("document.documentElement.lang")
        shot = save_screenshot(page, tmp, name)
    finally:
        page.close()
    assert not errors, f"{path.name}: console errors {errors}"
    assert not failed, f"{path.name}: requests that failed {failed}"
    assert images and all(ok for _, ok in images), f"{path.name}: images not loaded {[s for s, ok in images if not ok]}"
    assert not external, f"{path.name}: external resources {external}"
    broken = []
    for href in links:
        u = urlparse(href)
        if u.scheme == "file":
            if not Path(unquote(u.path)).exists():
                broken.append(href)
        elif u.scheme in ("http", "https"):
            if "." not in u.netloc or " " in href:
                broken.append(href)
        else:
            broken.append(href)
    assert not broken, f"{path.name}: links that do not resolve {broken}"
    return {"lang": lang, "headings": headings, "links": links, "screenshot": shot}


@pytest.fixture(scope="module")
def en_run(shared_run_en):
    """The brief of the suite's shared run in English (a run of notebook 05 that reuses the run's results)."""
    return shared_run_en


@pytest.fixture(scope="module")
def ja_run(shared_run):
    """The suite's shared run of every notebook, in Japanese."""
    return shared_run


def brief_path(res) -> Path:
    return res.run_dir / "05_local_sdgs_brief" / "05_local_sdgs_brief.html"


def test_index_opens_with_every_link_and_image_resolved(browser, en_run, tmp_path):
    found = check_page(browser, en_run.run_dir / "index.html", tmp_path, "index_en")
    local = {Path(unquote(urlparse(u).path)).name for u in found["links"] if u.startswith("file:")}
    assert {"05_local_sdgs_brief.html", "figure_pack.zip", "05_local_sdgs_brief.notebook.html"} <= local
    assert found["lang"] == "en"


def test_english_brief_opens_with_every_link_and_image_resolved(browser, en_run, tmp_path):
    found = check_page(browser, brief_path(en_run), tmp_path, "brief_en")
    assert found["lang"] == "en"
    assert found["headings"][0] != "Notebook" and "Glossary" in found["headings"]
    assert any(u.startswith("https://") for u in found["links"])  # sources as links


def test_japanese_brief_and_index_have_no_untranslated_heading(browser, ja_run, tmp_path):
    for path, name in ((brief_path(ja_run), "brief_ja"), (ja_run.run_dir / "index.html", "index_ja")):
        found = check_page(browser, path, tmp_path, name)
        assert found["lang"] == "ja"
        english = [h for h in found["headings"] if h and h not in SAME_IN_BOTH and not CJK.search(h)]
        assert not english, f"{name}: untranslated headings {english}"


@pytest.mark.parametrize("which", ["en", "ja"])
def test_the_brief_opens_on_its_key_numbers_and_carries_its_japanese_font(browser, en_run, ja_run, tmp_path, which):
    """Findings first (issue 19): the key numbers are on the first screen, before any figure; the page loads its
    embedded Japanese font (a machine without a CJK font still shows the Japanese text). A screenshot of the
    first screen is kept."""
    page, errors, _ = open_page(browser, brief_path(en_run if which == "en" else ja_run))
    try:
        page.evaluate("document.fonts.ready.then(() => true)")
        fonts = page.evaluate("Array.from(document.fonts).map(f => [f.family.replace(/[\"']/g, ''), f.status])")
        assert ["IPAexGothic Embedded", "loaded"] in fonts, fonts
        top = page.evaluate("document.querySelector('#key-numbers').getBoundingClientRect().bottom")
        first_figure = page.evaluate("document.querySelector('figure').getBoundingClientRect().top")
        assert top <= 900 and top < first_figure
        values = page.evaluate("Array.from(document.querySelectorAll('#key-numbers .value')).map(e => e.textContent)")
        assert len(values) == 6 and all(v.strip() for v in values)
        out = tmp_path / f"brief_{which}_first_screen.png"
        page.screenshot(path=str(out))
        if os.environ.get("FOOTPRINT_SCREENSHOTS"):
            keep = Path(os.environ["FOOTPRINT_SCREENSHOTS"])
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out, keep / out.name)
    finally:
        page.close()
    assert not errors
