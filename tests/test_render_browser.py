"""The HTML briefing in a real headless browser (Debian's chromium, driven by Selenium).

Click a cell's evidence marker: the box it opens must be the one the browser targets, and its
highlighted text must equal the quote printed for that number. A screenshot is written for a
person to look at (``BRIEFING_SCREENSHOT_DIR``, else the test's temporary folder). The test is
skipped, saying why, only when no browser or driver can be found; ``.ci/run`` installs both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.render import render_html
from tests.briefing_factory import SCRIPT, disputed_briefing, hostile_briefing
from tests.test_render_html import BREAKOUT, with_paragraphs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    if CHROMIUM is None or DRIVER is None:
        pytest.skip(
            "no headless browser: install Debian's chromium and chromium-driver (apt-get install "
            f"chromium chromium-driver; found chromium={CHROMIUM}, chromedriver={DRIVER})"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1200,1400",
    ):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, html: str, path: Path) -> None:
    path.write_text(html, encoding="utf-8")
    browser.get(path.as_uri())


def test_clicking_a_cell_marker_highlights_its_quote(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, render_html(with_paragraphs(disputed_briefing())), tmp_path / "briefing.html")
    marker = browser.find_element(By.CSS_SELECTOR, "td.kind sup.mk a")
    number = marker.text
    marker.click()
    target = browser.find_element(By.CSS_SELECTOR, ".ctx:target")
    highlighted = target.find_element(By.TAG_NAME, "mark").text
    printed = browser.find_element(
        By.XPATH, f"//tr[@class='quotes']//li[a[@class='num' and text()='{number}']]"
    )
    assert f"“{highlighted}”" in printed.text
    assert highlighted == "Northwind Labs signed a memorandum of understanding"
    # The box is scrolled into view and visibly outlined.
    assert target.is_displayed()
    assert browser.execute_script("return location.hash") == f"#{target.get_attribute('id')}"
    shots = Path(os.environ.get("BRIEFING_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(shots / "html-quote-opened.png"))


def test_disputed_cell_markers_open_each_side(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, render_html(with_paragraphs(disputed_briefing())), tmp_path / "briefing.html")
    seen = []
    for link in browser.find_elements(By.CSS_SELECTOR, "td.date sup.mk a"):
        link.click()
        seen.append(browser.find_element(By.CSS_SELECTOR, ".ctx:target mark").text)
    assert {"2 June 2026", "3 June 2026"} <= set(seen)


def test_hostile_source_text_runs_nothing(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    base = hostile_briefing()
    from dataclasses import replace

    hostile = replace(base, title=BREAKOUT)
    _open(browser, render_html(with_paragraphs(hostile)), tmp_path / "hostile.html")
    assert browser.find_elements(By.TAG_NAME, "script") == []
    assert browser.find_elements(By.TAG_NAME, "img") == []
    body = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT in body
    assert browser.execute_script("return document.querySelectorAll('[onerror],[onclick]').length") == 0
