"""Fixtures of the browser tests (headless Chromium driven by Playwright): the page, and
the screenshots, saved to the folder printed at the start."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lamtheo.settings import env_bool

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page():
    if not CHROMIUM:
        if env_bool("LAMTHEO_REQUIRE_BROWSER", False):
            pytest.fail("Chromium is required in CI but was not found")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls
    # happen in its own thread, and the test's setup calls are plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
        yield page
        browser.close()


@pytest.fixture
def shots():
    folder = Path(os.environ.get("LAMTHEO_SCREENSHOTS") or tempfile.mkdtemp(prefix="lamtheo-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nẢnh chụp màn hình: {folder}")
    counter = iter(range(1, 100))

    def shot(page, name: str) -> None:
        page.screenshot(path=str(folder / f"{next(counter):02d}-{name}.png"), full_page=True)

    return shot
