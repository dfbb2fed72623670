"""Browser fixtures: the app served on 127.0.0.1 in a thread, and Debian's Chromium via Playwright.

In CI (CI=true) a missing Chromium is a failure; elsewhere the browser tests are skipped with
the install hint, so `make test` still runs everything else on a machine without Chromium.

Pages run under JobNet's Content-Security-Policy, which refuses eval: give wait_for_function an
arrow function ("() => ..."), which Playwright evaluates once; a bare expression is evaluated
again on every poll and fails at random.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import require_system_tool
from tests.digest.conftest import make_subscription  # noqa: F401  (fixture)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Without the background-networking switches Chromium keeps calling Google's hosts, which a
# closed intranet (and CI) refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The test app served on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = base_url
    yield base_url
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    require_system_tool(CHROMIUM, "Debian's Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium, live_server, db):
    """A fresh browser context per test; dialogs are recorded (and dismissed) for XSS checks."""
    context = chromium.new_context(base_url=live_server, locale="de-DE",
                                   viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def save_screenshot(page, name: str) -> Path:
    """Store a screenshot as a test artefact under test-artifacts/."""
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
