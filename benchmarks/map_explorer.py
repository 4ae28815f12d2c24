"""Map explorer performance, printed as figures (run: python benchmarks/map_explorer.py [--runs N]).

For the atlas (app.py) and a plain streamlit-folium page with the same default layers
(benchmarks/plain_map_app.py), over several runs:
  - start-to-paint: `streamlit run` launched -> Leaflet has drawn every default feature in Chromium;
  - warm paint: with the server up (a first visit done), a new visitor opens the page -> every default
    feature drawn (what users meet; goal: atlas <= 1.2x the plain page);
  - bytes the browser received over Streamlit's websocket until then (the map payload);
  - click-to-panel: mouse click on a town -> its profile heading is visible (browser wall clock);
  - server rerun time for a selection change, measured in-process with Streamlit's AppTest.
The plain page links folium's CDNs; this machine has no internet, so those requests are answered
from the same local files (zero network latency — in the plain page's favour).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from gisapp.app import state  # noqa: E402
from gisapp.atlas import load_atlas  # noqa: E402
from gisapp.mapview.assets import ASSETS, CDN_REPLACEMENTS, asset_path  # noqa: E402
from gisapp.views.explorer import default_layers  # noqa: E402
from tests.e2e.browser import ARTIFACTS, Server, chromium_path, feature_screen_point, map_frame  # noqa: E402


def not_local(url: str) -> bool:
    """Requests Playwright should intercept: routing local ones too would slow every page by its chunk count."""
    return not url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:"))


def cdn_from_disk(route) -> None:
    """Answer folium's CDN requests from the installed packages (as if online); abort the rest."""
    url = route.request.url
    if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
        route.continue_()
        return
    if url not in CDN_REPLACEMENTS:
        route.abort()  # tiles and anything else: no network here
        return
    replacement = CDN_REPLACEMENTS[url]
    kind = "text/css" if url.endswith(".css") else "application/javascript"
    # files the atlas drops (awesome-markers, bootstrap JS, glyphicons) are answered empty
    body = asset_path(ASSETS[replacement]).read_bytes() if replacement else b""
    route.fulfill(status=200, body=body, content_type=kind)


def paint(browser, server: Server, expected: int, since_start: bool = True) -> tuple[float, int]:
    """Seconds until every default feature is drawn (from server start, or from navigation) and bytes received."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.route(not_local, cdn_from_disk)  # only the plain page's CDN requests: local ones go untouched
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    navigation = time.perf_counter()
    page.goto(server.url)
    frame = map_frame(page, timeout=60_000)
    # every feature drawn: SVG paths (areas, lines, circle markers) or marker icons (the plain page's points)
    deadline = time.monotonic() + 60
    while frame.locator(".leaflet-interactive").count() < expected:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{server.url}: fewer than {expected} features drawn after 60 s")
        time.sleep(0.02)
    elapsed = time.perf_counter() - (server.started if since_start else navigation)
    context.close()
    return elapsed, sum(received)


def click_to_panel(browser, server: Server, atlas, feature_id: str, heading: str) -> float:
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.route(not_local, cdn_from_disk)
    page.goto(server.url)
    x, y = feature_screen_point(page, atlas, feature_id, default_layers(atlas))
    start = time.perf_counter()
    page.mouse.click(x, y)
    page.get_by_role("heading", name=heading).wait_for(timeout=30_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def server_rerun_seconds(runs: int) -> list[float]:
    """The script's own time for a rerun that changes the selection (what a click costs the server),
    as app.py records it; run in-process with AppTest, so no browser or network is involved."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    times = []
    for index in range(runs):
        app.session_state[state.SELECTED] = "douhutun" if index % 2 else "hanji"
        app.run()
        times.append(app.session_state[state.SCRIPT_MS] / 1000)
    return times


def summary(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    scaled = [value * scale for value in values]
    middle, low, high = statistics.median(scaled), min(scaled), max(scaled)
    return f"median {middle:.3f} {unit}  (min {low:.3f}, max {high:.3f}, n={len(scaled)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ARTIFACTS.mkdir(exist_ok=True)
    atlas = load_atlas()
    expected = sum(len(atlas.frame(layer_id)) for layer_id in default_layers(atlas))
    apps = {"atlas": ROOT / "app.py", "plain": ROOT / "benchmarks" / "plain_map_app.py"}
    results: dict[str, dict[str, list[float]]] = {name: {"paint": [], "bytes": [], "warm": []} for name in apps}
    clicks = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        for _ in range(args.runs):
            for name, script in apps.items():
                server = Server(script=script)
                try:
                    seconds, size = paint(browser, server, expected)
                    results[name]["paint"].append(seconds)
                    results[name]["bytes"].append(size)
                    for _ in range(3):
                        results[name]["warm"].append(paint(browser, server, expected, since_start=False)[0])
                    if name == "atlas":
                        clicks.append(click_to_panel(browser, server, atlas, "douhutun", "斗虎屯镇"))
                    print(f"  run: {name} paint {seconds:.2f} s, {size / 1024:.0f} KB", flush=True)
                finally:
                    server.stop()
        browser.close()
    reruns = server_rerun_seconds(max(5, args.runs * 3))
    for name in apps:
        print(f"{name:6s} start-to-paint: {summary(results[name]['paint'])}")
        print(f"{name:6s} websocket bytes until paint: {summary(results[name]['bytes'], 'KB', 1 / 1024)}")
    ratio = statistics.median(results["atlas"]["paint"]) / statistics.median(results["plain"]["paint"])
    print(f"atlas/plain start-to-paint ratio: {ratio:.2f}")
    for name in apps:
        print(f"{name:6s} warm paint (new visitor, server up): {summary(results[name]['warm'])}")
    warm = statistics.median(results["atlas"]["warm"]) / statistics.median(results["plain"]["warm"])
    print(f"atlas/plain warm paint ratio: {warm:.2f} (goal <= 1.2)")
    print(f"atlas click-to-panel (browser): {summary(clicks, 'ms', 1000)}")
    print(f"atlas server rerun on selection change (whole page): {summary(reruns, 'ms', 1000)}")
    print("(click -> panel with the fragment and the immediate click event: benchmarks/click_to_panel.py)")


if __name__ == "__main__":
    main()
