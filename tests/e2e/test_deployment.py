"""The app as deployed: it writes nothing into its checkout, and several server processes start at once."""

from __future__ import annotations

from pathlib import Path

from gisapp.config import REPO_ROOT
from tests.e2e.browser import Server, map_frame

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
