"""The app as deployed: it writes nothing into its checkout, and several server processes start at once."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from gisapp.config import REPO_ROOT
from gisapp.views.explorer import default_layers
from tests.e2e.browser import Server, chromium_path, feature_screen_point, map_frame

NOT_SOURCE = {".git", ".venv", "__pycache__", "test-artifacts", ".pytest_cache", ".ruff_cache"}


def checkout_files() -> dict[str, int]:
    """Every file of the checkout (what a read-only deployment would have) with its modification time."""
    return {
        str(path.relative_to(REPO_ROOT)): path.stat().st_mtime_ns
        for path in REPO_ROOT.rglob("*")
        if path.is_file() and not NOT_SOURCE.intersection(path.relative_to(REPO_ROOT).parts)
    }


def test_serving_the_map_writes_nothing_into_the_checkout_and_two_servers_start_together(browser):
    before = checkout_files()
    servers = [Server(), Server()]  # started together: nothing to copy, so nothing to race on
    try:
        for server in servers:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            page.goto(server.url)
            frame = map_frame(page)
            assert frame.locator("path.leaflet-interactive").count() > 20
            leaflet = [url for url in frame.evaluate("() => performance.getEntries().map(e => e.name)")
                       if url.endswith("leaflet.js")]  # fmt: skip
            assert leaflet and all("/component/gisapp.app.assets.leaflet/" in url for url in leaflet)
            context.close()
    finally:
        for server in servers:
            server.stop()
    assert checkout_files() == before
    assert not Path(REPO_ROOT / "static").exists()


def documented_csp() -> str:
    """The Content-Security-Policy the README recommends for a shared server (kept in one place)."""
    readme = " ".join((REPO_ROOT / "README.md").read_text(encoding="utf-8").split())
    match = re.search(r"a Content-Security-Policy that works is: `([^`]+)`", readme)
    assert match, "the README no longer documents the Content-Security-Policy"
    return match.group(1)


def test_the_documented_content_security_policy_lets_the_map_work(browser, server, atlas):
    policy = documented_csp()
    # Responses fulfilled by Playwright count as non-local to Chromium, which then refuses their WebSocket to
    # localhost (Local Network Access); a real proxy's responses are local. That check is off for this browser.
    proxied = browser.browser_type.launch(executable_path=chromium_path(), args=[
        "--no-sandbox", "--disable-gpu", "--disable-features=LocalNetworkAccessChecks"])  # fmt: skip
    context = proxied.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text
            else None)  # fmt: skip

    def with_policy(route) -> None:
        if not route.request.url.startswith(server.url):
            route.abort()
            return
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy,
                                                  "x-frame-options": "SAMEORIGIN"})  # fmt: skip

    page.route("**/*", with_policy)
    page.goto(f"{server.url}/?base=none")
    frame = map_frame(page)
    assert frame.locator("path.leaflet-interactive").count() > 20
    x, y = feature_screen_point(page, atlas, "douhutun", default_layers(atlas))
    page.mouse.click(x, y)
    expect(page.get_by_role("heading", name="斗虎屯镇", exact=True)).to_be_visible(timeout=15_000)
    page.unroute_all(behavior="ignoreErrors")  # requests still in flight must not outlive the browser
    proxied.close()
    assert violations == []
