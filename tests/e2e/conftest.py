"""Real Chromium (Debian's, via Playwright's executable_path) against a real `streamlit run app.py`.

No test here is ever skipped: a missing browser fails. Requests leaving localhost are blocked, so
the app is tested as it runs on a closed network; map tiles fail, everything else must work.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import ARTIFACTS, OfflinePage, Server, chromium_path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )  # fmt: skip
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    ARTIFACTS.mkdir(exist_ok=True)
    instance = Server()
    yield instance
    instance.stop()


@pytest.fixture()
def offline_page(browser: Browser, request) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="zh-CN")
    page = OfflinePage(context.new_page())
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        page.page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


