"""Helpers for the browser tests: the Streamlit server under test, an offline page, Leaflet probes.

Imported by the tests and by conftest.py under one name (tests.e2e.browser), so it is loaded once.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Page
from shapely.geometry import Point
from shapely.ops import unary_union

from gisapp.config import REPO_ROOT

ARTIFACTS = REPO_ROOT / "test-artifacts"
TILE_HOSTS = ("tile.openstreetmap.org", "arcgisonline.com", "autonavi.com", "tianditu.gov.cn")


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).is_file(), f"Chromium not found at {path}: install Debian's chromium (apt-get install chromium)"
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `streamlit run app.py` subprocess on a free localhost port, healthy when constructed.

    Also a context manager (`with Server() as server:`) that always stops it; used by tests and benchmarks.
    """

    def __init__(
        self, env: dict[str, str] | None = None, script: Path = REPO_ROOT / "app.py", timeout: float = 60
    ) -> None:
        self.port = _free_port()
        self.url = f"http://localhost:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        command = [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.headless", "true", "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"streamlit-{self.port}.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, env={**os.environ, **(env or {})}, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.started = time.perf_counter()
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"streamlit did not become healthy in {timeout}s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log.close()


class OfflinePage:
    """A page whose requests to anything but localhost are blocked and recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.blocked: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def non_tile_requests(self) -> list[str]:
        return [url for url in self.blocked if not any(host in url for host in TILE_HOSTS)]


def map_frame(page: Page, timeout: float = 30_000) -> Frame:
    """The streamlit-folium iframe once Leaflet has drawn the map."""
    page.wait_for_selector("iframe[title='streamlit_folium.st_folium']", timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                try:
                    if not frame.is_detached() and frame.evaluate("() => !!(window.map_div && window.map_div._loaded)"):
                        return frame
                except PlaywrightError:
                    pass  # the frame is being replaced
        page.wait_for_timeout(100)
    raise TimeoutError("the Leaflet map did not render")


def interactive_count(page: Page) -> int:
    """Leaflet's interactive SVG paths in the current map (the iframe is replaced when layers change)."""
    try:
        return map_frame(page).locator("path.leaflet-interactive").count()
    except PlaywrightError:  # the map iframe was replaced while counting
        return -1


def wait_for_count(page: Page, expected: int, timeout: float = 45) -> int:
    """Poll the drawn paths until they number `expected` (a fresh server's first map can take ~15 s under load)."""
    deadline = time.monotonic() + timeout
    count = interactive_count(page)
    while count != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        count = interactive_count(page)
    return count


def feature_screen_point(page: Page, atlas, feature_id: str, layer_ids) -> tuple[float, float]:
    """Page coordinates of a spot of the feature that nothing drawn above it covers, nor the legend."""
    order = {spec.id: spec.order for spec in atlas.layers}
    own_layer = atlas.features[feature_id].layer
    above = [
        geom.buffer(0.004)  # keep clear of lines, points and edges drawn on top
        for layer_id in layer_ids
        if order[layer_id] > order[own_layer]
        for geom in atlas.frame(layer_id).geometry
    ]
    region = atlas.geometry(feature_id).buffer(-0.004).difference(unary_union(above))
    min_x, min_y, max_x, max_y = region.bounds
    grid = [Point(min_x + (max_x - min_x) * i / 8, min_y + (max_y - min_y) * j / 8) for i in range(9) for j in range(9)]
    candidates = [region.representative_point(), *(spot for spot in grid if region.contains(spot))]
    previous = None
    for _ in range(20):  # a freshly mounted map may still be sizing itself: wait until the spot stays put
        frame = map_frame(page)
        x, y = frame.evaluate(FREE_SPOT_JS, [[spot.y, spot.x] for spot in candidates])
        box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
        point = (box["x"] + x, box["y"] + y)
        if point == previous:
            return point
        previous = point
        page.wait_for_timeout(250)
    return point


# The first of the candidate [lat, lng] spots that lies inside the map and outside the legend control.
FREE_SPOT_JS = """(spots) => {
    const map = window.map_div, size = map.getSize();
    const legend = document.querySelector('.atlas-legend');
    const box = legend ? legend.getBoundingClientRect() : null;
    const origin = map.getContainer().getBoundingClientRect();
    for (const spot of spots) {
        const p = map.latLngToContainerPoint(spot);
        const inside = p.x > 10 && p.y > 10 && p.x < size.x - 10 && p.y < size.y - 10;
        const px = p.x + origin.left, py = p.y + origin.top;
        const underLegend = box && px >= box.left - 5 && px <= box.right + 5
            && py >= box.top - 5 && py <= box.bottom + 5;
        if (inside && !underLegend) return [p.x, p.y];
    }
    throw new Error('no free spot of the feature is visible');
}"""
