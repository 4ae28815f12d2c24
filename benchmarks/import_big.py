"""Importing a big official layer: 5,000 village polygons dissolved into the 14 towns (python benchmarks/import_big.py).

How the file is made: the village cells of benchmarks/big_layer.py (Voronoi cells of 5,000 random points,
fixed seed, clipped to each town of layers/towns.geojson, densified to ~--vertices vertices in all), each
carrying its town's official name (XZQMC) as a village-level layer from a planning bureau would, written in
EPSG:4527 (CGCS2000 3-degree GK zone 39, zone prefix in the easting) as
  (1) a GeoPackage (CRS declared) and
  (2) a zipped Shapefile with a GBK DBF, no .prj and no .cpg (CRS and encoding detected).
Each is imported into a private copy of layers/ with its own data folder, as `python -m gisapp import` does:
  prepare (read + CRS detection + name matching + dissolve per town), apply (one store version),
  current atlas (the layers rebuilt with the accepted shapes), and the folium map of the default view rendered
  to HTML (bytes printed). Wall time of each step and the peak RSS of the process (VmHWM, reset before each
  file) are printed. With --paint the map page is also opened in Chromium on the imported data and the time to
  draw every town is printed (the "map still draws" check).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import geopandas as gpd
import pyogrio
from bench_support import machine_note
from big_layer import densify, village_cells

from gisapp.atlas import load_atlas
from gisapp.config import LAYERS_DIR
from gisapp.ingest.prepare import apply_import, prepare_import
from gisapp.mapview.basemaps import available_basemaps
from gisapp.mapview.build import build_map
from gisapp.store.effective import current_atlas
from gisapp.store.sqlite import SqliteStore
from gisapp.views.explorer import default_layers


def peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def village_frame(count: int, vertices: int, seed: int) -> gpd.GeoDataFrame:
    atlas = load_atlas()
    cells, _ = densify(village_cells(LAYERS_DIR / "towns.geojson", count, seed), vertices)
    rows = []
    for number, (town, geom) in enumerate(cells, start=1):
        official = atlas.features[town].official
        rows.append(
            {
                "XZQMC": official.name if official else atlas.features[town].name.zh,
                "CJMC": f"村{number:05d}",
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").to_crs("EPSG:4527")


def write_files(frame: gpd.GeoDataFrame, folder: Path) -> list[Path]:
    gpkg = folder / "villages_4527.gpkg"
    pyogrio.write_dataframe(frame, gpkg, layer="cun")
    shp_dir = folder / "shp"
    shp_dir.mkdir()
    pyogrio.write_dataframe(frame, shp_dir / "cun.shp", encoding="CP936")
    for extra in ("cun.prj", "cun.cpg"):
        (shp_dir / extra).unlink(missing_ok=True)
    zipped = folder / "villages_4527_noprj.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as bundle:
        for part in sorted(shp_dir.iterdir()):
            bundle.write(part, part.name)
    return [gpkg, zipped]


def import_once(path: Path, scratch: Path) -> dict:
    layers = scratch / path.stem / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    store = SqliteStore(layers.parent / "data" / "versions.sqlite")
    atlas = load_atlas(layers)
    reset_peak()
    figures = {}
    start = time.perf_counter()
    plan = prepare_import(atlas, path, "towns")
    figures["prepare_s"] = time.perf_counter() - start
    start = time.perf_counter()
    version = apply_import(plan, store, "benchmark", "5,000 villages dissolved into towns")
    figures["apply_s"] = time.perf_counter() - start
    start = time.perf_counter()
    after = current_atlas(layers, store)
    figures["rebuild_s"] = time.perf_counter() - start
    start = time.perf_counter()
    basemap = available_basemaps()["none"]
    html = build_map(after, default_layers(after), basemap, "zh").get_root().render()
    figures["map_s"] = time.perf_counter() - start
    figures.update(
        peak_mib=peak_mib(),
        read=plan.source.frame.shape[0],
        matched=len(plan.shapes),
        crs=plan.crs.chosen.code,
        how=plan.crs.how,
        version=version.number,
        map_bytes=len(html.encode()),
        size_mb=path.stat().st_size / 2**20,
        solid=int((~after.frame("towns")["schematic"].astype(bool)).sum()),
        layers=layers,
    )
    return figures


def paint(layers: Path, timeout: float) -> float:
    from big_layer import paint_once
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import Server, chromium_path

    env = {"GISAPP_LAYERS": str(layers), "GISAPP_DATA": str(layers.parent / "data")}
    with Server(env=env) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            paint_once(browser, f"{server.url}/?layers=towns&base=none", 15, timeout)  # warm-up: loads the atlas
            return paint_once(browser, f"{server.url}/?layers=towns&base=none", 15, timeout)["seconds"]
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--vertices", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20251230)
    parser.add_argument("--paint", action="store_true", help="also time the map page in Chromium")
    args = parser.parse_args()
    print(machine_note())
    with tempfile.TemporaryDirectory(prefix="gisapp-import-bench-") as scratch_name:
        scratch = Path(scratch_name)
        start = time.perf_counter()
        frame = village_frame(args.count, args.vertices, args.seed)
        files = write_files(frame, scratch)
        print(
            f"made {len(frame):,} village polygons, {int(frame.count_coordinates().sum()):,} vertices, "
            f"in {time.perf_counter() - start:.1f} s"
        )
        for path in files:
            f = import_once(path, scratch)
            print(
                f"\n{path.name} ({f['size_mb']:.1f} MB): {f['read']:,} read, {f['matched']} towns matched, "
                f"CRS {f['crs']} ({f['how']}), version {f['version']}, {f['solid']} towns now not schematic"
            )
            print(
                f"  prepare {f['prepare_s']:.2f} s | apply {f['apply_s']:.2f} s | rebuild atlas "
                f"{f['rebuild_s']:.2f} s | map HTML {f['map_s']:.2f} s, {f['map_bytes'] / 2**20:.2f} MB | "
                f"peak RSS {f['peak_mib']:.0f} MiB"
            )
            if args.paint:
                print(f"  map page paint (towns drawn, warm server): {paint(f['layers'], 90):.2f} s")


if __name__ == "__main__":
    main()
