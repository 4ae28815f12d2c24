"""A big layer in the atlas: 5,000 polygons, ~200,000 vertices (run: python benchmarks/big_layer.py).

How the layer is made: /work/main/layers is copied to a temporary folder; each town polygon of
towns.geojson gets a share of 5,000 random points (fixed seed, proportional to its area, at least one),
drawn inside it; the Voronoi cells of those points are clipped to the town, then every cell is densified
with shapely.segmentize at one segment length chosen so the layer totals ~200,000 vertices (optionally the
vertices are then displaced by a smooth deterministic field, --wiggle-m, so the extra vertices are not
collinear; the default 0 keeps segmentize's straight edges). The cells are written as
`villages_benchmark.geojson` (RFC 7946 FeatureCollection, WGS-84, 6 decimals, one feature per line, the
properties every layer feature carries) and appended to the copy's catalog.yaml as a context layer (group
base, style of `towns`, visible, no labels, expected_count 5000); when the data has a build manifest
(manifest.json, checked by load_atlas), the new file's sha256 is added to the copy's manifest too.

What is measured and printed:
  (a) the layer file's size (and its feature and vertex counts as stored);
  (b) wall time and memory of gisapp.atlas.load_atlas(copy) in a fresh interpreter (gisapp imported first):
      RSS before and after, and the peak RSS during the load (VmHWM, reset through /proc/self/clear_refs
      just before it); best of 2 processes; the shipped layers are loaded the same way for comparison;
  (c) the map payload: bytes of json.dumps(layer_geojson(atlas, 'villages_benchmark', 'zh', 'wgs84')) (the
      simplified geometry the browser receives; vertices before/after simplification) and of the whole
      folium map HTML (build_map(...).get_root().render(), basemap 'none') for the default layers and for
      district + villages_benchmark, with and without the big layer;
  (d) paint time in Chromium (Playwright, executable_path=chromium_path(), --no-sandbox, every request not to
      127.0.0.1/localhost aborted) against `streamlit run app.py` with GISAPP_LAYERS=<copy>: from the start
      of navigation to `/?layers=district,villages_benchmark&base=none` until the Leaflet map in the
      streamlit_folium iframe has drawn >= 5,001 `path.leaflet-interactive` (district + 5,000 cells);
      median of --runs runs, each in a fresh browser context on a warm server (one untimed warm-up load
      first loads the atlas into the server's cache). For comparison the default view `/` is timed the same
      way on the shipped data (no GISAPP_LAYERS) and on the copy, where the new layer is visible by default.
      The websocket bytes the page received until paint are printed too.
The team's goals for this layer, reported as met or not (nothing is asserted): payload <= 2 MB, paint <= 3 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import shapely
import yaml
from bench_support import LOCAL_PREFIXES, AppServer, machine_note
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from shapely.geometry import MultiPoint, Point

from gisapp.atlas import load_atlas
from gisapp.atlas.geo import area_km2
from gisapp.atlas.geojson import collection_text, feature_json
from gisapp.config import LAYERS_DIR, LAYERS_ENV
from gisapp.mapview.basemaps import available_basemaps
from gisapp.mapview.build import build_map
from gisapp.mapview.display import DISPLAY_VERTEX_BUDGET, layer_geojson
from gisapp.views.explorer import default_layers
from tests.e2e.browser import chromium_path

REPO = Path(__file__).resolve().parent.parent
LAYER_ID = "villages_benchmark"
PAYLOAD_GOAL = 2_000_000  # bytes (2 MB; sizes are printed in MB and KiB)
PAINT_GOAL = 3.0  # seconds
TOWNS_ORDER_STEP = 5  # drawn just above the towns, below roads, rivers and plan layers (like villages would be)
COUNT_JS = "() => document.querySelectorAll('path.leaflet-interactive').length"
MAP_READY_JS = "() => !!(window.map_div && window.map_div._loaded)"


# ---------------------------------------------------------------------------------------------- the layer


def points_inside(polygon, count: int, rng: np.random.Generator, max_rounds: int = 200) -> list[Point]:
    """`count` random points inside `polygon` (rejection sampling from its bounding box, bounded)."""
    min_x, min_y, max_x, max_y = polygon.bounds
    shapely.prepare(polygon)
    found: list[Point] = []
    for _ in range(max_rounds):
        xs = rng.uniform(min_x, max_x, count * 2)
        ys = rng.uniform(min_y, max_y, count * 2)
        inside = shapely.contains_xy(polygon, xs, ys)
        found += list(shapely.points(xs[inside], ys[inside]))
        if len(found) >= count:
            return found[:count]
    raise RuntimeError(f"could not place {count} points inside a polygon in {max_rounds} rounds")


def shares(areas: list[float], total: int) -> list[int]:
    """`total` split over `areas` proportionally (largest remainders), at least 1 each."""
    raw = [total * area / sum(areas) for area in areas]
    counts = [max(1, math.floor(value)) for value in raw]
    order = sorted(range(len(areas)), key=lambda i: raw[i] - math.floor(raw[i]), reverse=True)
    index = 0
    while sum(counts) < total and index < 10 * len(order):
        counts[order[index % len(order)]] += 1
        index += 1
    while sum(counts) > total:
        counts[counts.index(max(counts))] -= 1
    return counts


def only_polygons(geom):
    """The polygonal part of a geometry (clipping or repair can leave slivers of lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [part for part in getattr(geom, "geoms", []) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def wiggle(geom, metres: float):
    """Displace every vertex by a smooth field of the position (shared vertices move alike: no gaps)."""
    if metres <= 0:
        return geom
    amplitude = metres / 111_000  # degrees, roughly
    wavelength = metres * 20 / 111_000

    def shift(xy: np.ndarray) -> np.ndarray:
        x, y = xy[:, 0], xy[:, 1]
        k = 2 * math.pi / wavelength
        return np.column_stack([x + amplitude * np.sin(k * y + 1.3), y + amplitude * np.sin(k * x + 0.7)])

    return shapely.transform(geom, shift)


def village_cells(towns_path: Path, total: int, seed: int) -> list[tuple[str, object]]:
    """(town id, cell polygon) for `total` Voronoi cells of random points, clipped to their towns."""
    rng = np.random.default_rng(seed)
    towns = json.loads(towns_path.read_text())["features"]
    geoms = [shapely.geometry.shape(feature["geometry"]) for feature in towns]
    counts = shares([geom.area for geom in geoms], total)
    cells = []
    for feature, town, count in zip(towns, geoms, counts, strict=True):
        points = points_inside(town, count, rng)
        if count == 1:
            cells.append((feature["properties"]["id"], town))
            continue
        regions = shapely.voronoi_polygons(MultiPoint(points), extend_to=town.envelope.buffer(0.01))
        pieces = [only_polygons(region.intersection(town)) for region in regions.geoms]
        cells += [(feature["properties"]["id"], piece) for piece in pieces if piece is not None and not piece.is_empty]
    return cells


def densify(cells: list[tuple[str, object]], target_vertices: int) -> tuple[list[tuple[str, object]], float]:
    """Segmentize every cell with one segment length chosen so the total is about `target_vertices`."""
    geoms = [geom for _, geom in cells]
    base = int(shapely.get_num_coordinates(geoms).sum())
    perimeter = float(sum(shapely.length(geoms)))
    length = perimeter / max(1, target_vertices - base)
    for _ in range(6):  # refine: segmentize rounds up per edge, so the first guess overshoots a little
        total = int(shapely.get_num_coordinates(shapely.segmentize(geoms, length)).sum())
        if abs(total - target_vertices) <= target_vertices * 0.01:
            break
        length *= (total - base) / max(1, target_vertices - base)
    dense = shapely.segmentize(geoms, length)
    return [(town, geom) for (town, _), geom in zip(cells, dense, strict=True)], length


def write_layer(copy: Path, count: int, target_vertices: int, seed: int, wiggle_m: float) -> dict:
    cells = village_cells(copy / "towns.geojson", count, seed)
    if len(cells) != count:
        raise RuntimeError(f"{len(cells)} cells made, {count} wanted")
    cells, segment = densify(cells, target_vertices)
    features = []
    note_zh = "基准测试用合成村界：镇街内随机点的泰森多边形，加密顶点（非规划数据）"
    note_en = "Synthetic village cells for benchmarking: Voronoi cells of random points in each town, densified"
    for number, (town, geom) in enumerate(cells, start=1):
        geom = wiggle(geom, wiggle_m)
        properties = {
            "id": f"vb_{number:05d}", "layer": LAYER_ID, "kind": "village", "name_zh": f"{town}村{number:04d}",
            "name_en": f"{town.title()} village {number}", "schematic": True, "geometry_method": "benchmark-voronoi",
            "geometry_note_zh": note_zh, "geometry_note_en": note_en, "area_km2": round(area_km2(geom), 4),
        }  # fmt: skip
        feature = feature_json(properties, geom)  # rounds to 6 decimals, repairs, orients (RFC 7946)
        if feature["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
            feature["geometry"] = shapely.geometry.mapping(only_polygons(shapely.geometry.shape(feature["geometry"])))
        features.append(feature)
    path = copy / f"{LAYER_ID}.geojson"
    path.write_text(collection_text(features, name=LAYER_ID), encoding="utf-8")

    catalog_path = copy / "catalog.yaml"
    catalog = yaml.safe_load(catalog_path.read_text(encoding="utf-8"))
    towns_style = next(layer for layer in catalog["layers"] if layer["id"] == "towns")["style"]
    entry = {
        "id": LAYER_ID, "title": {"zh": "村界（基准测试）", "en": "Villages (benchmark)"}, "group": "base",
        "role": "context", "geometry_type": "polygon", "order": TOWNS_ORDER_STEP + next(
            layer["order"] for layer in catalog["layers"] if layer["id"] == "towns"),
        "visible": True, "label": False, "expected_count": count, "style": dict(towns_style),
    }  # fmt: skip
    with catalog_path.open("a", encoding="utf-8") as out:  # appended, so the curated file stays as it is
        out.write("  - " + json.dumps(entry, ensure_ascii=False) + "\n")
    manifest_path = copy / "manifest.json"  # the build's record of the layer set, when the data has one
    manifest_note = "no manifest.json in the data"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest["layers"][LAYER_ID] = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        manifest_note = "its sha256 added to the copy's manifest.json"
    stored = [shapely.geometry.shape(feature["geometry"]) for feature in features]
    return {
        "path": path,
        "features": len(features),
        "vertices": int(shapely.get_num_coordinates(stored).sum()),
        "multipolygons": sum(1 for geom in stored if geom.geom_type == "MultiPolygon"),
        "segment_m": segment * 111_000,
        "order": entry["order"],
        "manifest": manifest_note,
    }


# -------------------------------------------------------------------------------------- static measures


LOAD_PROBE = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from gisapp.atlas import load_atlas

def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024

before = status("VmRSS")
try:
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
    reset = True
except OSError:
    reset = False
start = time.perf_counter()
atlas = load_atlas(Path(sys.argv[1]))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "before": before, "after": status("VmRSS"), "peak": status("VmHWM"),
                  "reset": reset, "features": sum(len(frame) for frame in atlas.frames.values())}))
"""


def timed_load(path: Path, repeats: int = 2) -> dict:
    """load_atlas(path) in a fresh interpreter (gisapp already imported): time, RSS before/after, peak RSS.

    Run `repeats` times (a fresh process each), the fastest kept: the first may pay for cold disk caches.
    """
    results = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-c", LOAD_PROBE, str(path), str(REPO)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"load_atlas({path}) failed in a fresh process:\n{done.stderr[-2000:]}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return min(results, key=lambda result: result["seconds"])


def load_line(result: dict) -> str:
    peak = "peak RSS during the load" if result["reset"] else "peak RSS of the process"
    return (
        f"{result['seconds']:.2f} s, RSS {result['before'] / 2**20:.0f} -> {result['after'] / 2**20:.0f} MiB "
        f"(+{(result['after'] - result['before']) / 2**20:.0f}), {peak} {result['peak'] / 2**20:.0f} MiB "
        f"(+{(result['peak'] - result['before']) / 2**20:.0f}), {result['features']:,} features"
    )


def html_bytes(atlas, layer_ids: tuple[str, ...]) -> tuple[int, float]:
    basemap = available_basemaps()["none"]
    start = time.perf_counter()
    html = build_map(atlas, layer_ids, basemap, "zh").get_root().render()
    return len(html.encode("utf-8")), time.perf_counter() - start


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def kb(size: float) -> str:
    return f"{size / 1024:,.0f} KiB ({size / 1e6:.2f} MB)"


# ---------------------------------------------------------------------------------------------- painting


# Requests to anything but this machine are routed to Python and aborted; local ones are not routed at all
# (a Python route handler would add a round trip through this process to every request the page makes).
NOT_LOCAL = re.compile("^(?!(" + "|".join(re.escape(prefix) for prefix in LOCAL_PREFIXES) + "))")
blocked: list[str] = []


def block_outside(route) -> None:
    if route.request.url.startswith(LOCAL_PREFIXES):  # never, given NOT_LOCAL; kept as a safety net
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


def paint_once(browser, url: str, expected: int, timeout: float) -> dict:
    """Seconds from navigation start until the map iframe shows >= `expected` interactive paths.

    Also when (same clock) the largest websocket frame arrived (the page with the map), the map iframe
    appeared and Leaflet reported the map loaded; milestones are seen by polling every ~30 ms.
    """
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="zh-CN")
    try:
        page = context.new_page()
        page.route(NOT_LOCAL, block_outside)
        frames: list[tuple[float, int]] = []
        page.on(
            "websocket",
            lambda ws: ws.on("framereceived", lambda payload: frames.append((time.perf_counter(), len(payload)))),
        )
        start = time.perf_counter()
        deadline = time.monotonic() + timeout
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        count, iframe_at, ready_at = 0, None, None
        while time.monotonic() < deadline:
            for frame in page.frames:
                if "streamlit_folium" not in frame.url or frame.is_detached():
                    continue
                iframe_at = iframe_at or time.perf_counter() - start
                try:
                    if frame.evaluate(MAP_READY_JS):
                        ready_at = ready_at or time.perf_counter() - start
                        count = max(count, frame.evaluate(COUNT_JS))
                except PlaywrightError:
                    pass  # the frame is being replaced
            if count >= expected:
                seconds = time.perf_counter() - start
                biggest = max(frames, key=lambda item: item[1]) if frames else (start, 0)
                return {
                    "seconds": seconds, "count": count, "bytes": sum(size for _, size in frames),
                    "map_msg": biggest[0] - start, "iframe": iframe_at, "ready": ready_at,
                }  # fmt: skip
            page.wait_for_timeout(30)  # not time.sleep: Playwright's sync API handles events only inside its calls
        raise TimeoutError(f"{url}: {count} of {expected} paths drawn after {timeout:.0f} s")
    finally:
        context.close()


def expected_paths(atlas, layer_ids: tuple[str, ...], no_tiles: bool) -> int:
    shown = set(layer_ids) | ({"district"} if no_tiles else set())
    return sum(len(atlas.frame(layer_id)) for layer_id in shown)


def paint_series(browser, server: AppServer, path: str, expected: int, runs: int, timeout: float) -> dict:
    url = server.url + path
    warm = paint_once(browser, url, expected, timeout)  # the first load fills the server's atlas cache
    runs_seen = [paint_once(browser, url, expected, timeout) for _ in range(runs)]
    return {"warm": warm["seconds"], "runs": runs_seen, "times": [run["seconds"] for run in runs_seen]}


def print_paint(label: str, result: dict, expected: int) -> None:
    runs = result["runs"]
    times = result["times"]

    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    print(
        f"  {label}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
        f"n={len(times)}); first load on the fresh server {result['warm']:.2f} s; {max(r['count'] for r in runs)} "
        f"paths (>= {expected} wanted); websocket bytes until paint {kb(median('bytes'))}\n"
        f"      medians from navigation start: largest websocket frame received {median('map_msg'):.2f} s, "
        f"map iframe present {median('iframe'):.2f} s, Leaflet map loaded {median('ready'):.2f} s, "
        f"paths drawn {statistics.median(times):.2f} s",
        flush=True,
    )


# -------------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="polygons in the layer")
    parser.add_argument("--vertices", type=int, default=200_000, help="target vertex total")
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--wiggle-m", type=float, default=0.0, help="displace vertices by up to this many metres")
    parser.add_argument("--runs", type=int, default=3, help="timed paint runs per view (0: skip the browser)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds one paint may take")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy of the layers")
    args = parser.parse_args()

    print(f"machine at the start: {machine_note()}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="atlas-big-layer-"))
    copy = workdir / "layers"
    try:
        shutil.copytree(LAYERS_DIR, copy)
        start = time.perf_counter()
        made = write_layer(copy, args.count, args.vertices, args.seed, args.wiggle_m)
        print(f"built {LAYER_ID} in {time.perf_counter() - start:.1f} s: {made['features']} polygons "
              f"({made['multipolygons']} multipart), {made['vertices']:,} vertices as stored, segmentize length "
              f"~{made['segment_m']:.0f} m, wiggle {args.wiggle_m:g} m, in {copy}", flush=True)  # fmt: skip
        print(f"    appended to the copy's catalog.yaml (order {made['order']}); {made['manifest']}", flush=True)
        size = made["path"].stat().st_size
        print(f"(a) file size: {kb(size)}")

        print(f"(b) load_atlas(copy), fresh process:    {load_line(timed_load(copy))}", flush=True)
        print(f"    load_atlas(shipped), fresh process: {load_line(timed_load(LAYERS_DIR))}", flush=True)
        shipped, atlas = load_atlas(LAYERS_DIR), load_atlas(copy)  # in this process, for (c) and (d)

        start = time.perf_counter()
        collection = layer_geojson(atlas, LAYER_ID, "zh", "wgs84")
        payload = len(json.dumps(collection).encode("utf-8"))
        geojson_s = time.perf_counter() - start
        sent = sum(
            int(shapely.get_num_coordinates(shapely.geometry.shape(f["geometry"]))) for f in collection["features"]
        )
        print(f"(c) layer payload json.dumps(layer_geojson(atlas, {LAYER_ID!r}, 'zh', 'wgs84')): {kb(payload)}, "
              f"made in {geojson_s:.2f} s; {sent:,} vertices sent of {made['vertices']:,} stored "
              f"(display budget {DISPLAY_VERTEX_BUDGET:,} vertices a layer)")  # fmt: skip
        default = default_layers(shipped)
        default_copy = default_layers(atlas)
        rows = [
            ("default layers, shipped data", shipped, default),
            ("default layers, copy (villages visible)", atlas, default_copy),
            ("district only, copy", atlas, ("district",)),
            ("district + villages_benchmark, copy", atlas, ("district", LAYER_ID)),
        ]
        html_sizes = {}
        for label, which, layer_ids in rows:
            html_size, html_s = html_bytes(which, layer_ids)
            html_sizes[label] = html_size
            print(f"    map HTML, {label}: {kb(html_size)} (build + render {html_s:.2f} s)", flush=True)
        added_district = html_sizes[rows[3][0]] - html_sizes[rows[2][0]]
        added_default = html_sizes[rows[1][0]] - html_sizes[rows[0][0]]
        print(f"    the big layer adds {kb(added_district)} to the map HTML (district view) "
              f"and {kb(added_default)} to the default view")  # fmt: skip

        paint = None
        if args.runs > 0:
            big_path = f"/?layers=district,{LAYER_ID}&base=none"
            big_expected = expected_paths(atlas, ("district", LAYER_ID), True)
            default_expected = expected_paths(shipped, default, False)
            copy_expected = expected_paths(atlas, default_copy, False)
            print(
                f"(d) paint in Chromium, median of {args.runs} (warm server, fresh browser context each):", flush=True
            )
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
                )  # fmt: skip
                try:
                    with AppServer(env={LAYERS_ENV: str(copy)}) as server:
                        paint = paint_series(browser, server, big_path, big_expected, args.runs, args.timeout)
                        print_paint(big_path + " (copy)", paint, big_expected)
                        other = paint_series(browser, server, "/", copy_expected, args.runs, args.timeout)
                        print_paint("/ default view (copy: villages visible by default)", other, copy_expected)
                    with AppServer(env={LAYERS_ENV: str(LAYERS_DIR)}) as server:
                        other = paint_series(browser, server, "/", default_expected, args.runs, args.timeout)
                        print_paint("/ default view (shipped data)", other, default_expected)
                finally:
                    browser.close()

        print("goals for the big layer:")
        whole = html_sizes[rows[3][0]]
        print(f"  payload <= 2 MB: layer GeoJSON {payload / 1e6:.2f} MB -> {verdict(payload <= PAYLOAD_GOAL)}; "
              f"whole map HTML (district + villages) {whole / 1e6:.2f} MB -> "
              f"{verdict(whole <= PAYLOAD_GOAL)}")  # fmt: skip
        if paint is not None:
            median = statistics.median(paint["times"])
            print(f"  paint <= {PAINT_GOAL:.0f} s: median {median:.2f} s -> {verdict(median <= PAINT_GOAL)}")
        else:
            print("  paint: not measured (--runs 0)")
        print(f"machine at the end: {machine_note()}")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
