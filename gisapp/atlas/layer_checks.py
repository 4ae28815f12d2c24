"""Checks on a layer file before anything draws it: size, geometry present, valid, typed, in lon/lat here.

Layer data is untrusted input (it may come from `GISAPP_LAYERS` or an import): a bad file gets a named
problem per feature, never a GEOS traceback in a page.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from gisapp.atlas.geo import DISTRICT_ENVELOPE
from gisapp.atlas.records import LayerSpec

MAX_LAYER_BYTES = 64 * 1024 * 1024  # a district's layers are kilobytes; a village layer a few megabytes
MAX_FEATURES = 50_000
MAX_VERTICES = 2_000_000
GEOMETRY_TYPES = {
    "polygon": ("Polygon", "MultiPolygon"),
    "line": ("LineString", "MultiLineString"),
    "point": ("Point",),
}


def size_problems(path: Path) -> list[str]:
    """A file too large to draw in a browser is refused before it is read."""
    size = path.stat().st_size
    if size > MAX_LAYER_BYTES:
        return [f"{path}: {size / 1e6:.0f} MB is more than the {MAX_LAYER_BYTES / 1e6:.0f} MB a layer may have"]
    return []


def _projection_hint(min_x: float, min_y: float) -> str:
    if 39_000_000 < min_x < 40_000_000:
        return "CGCS2000 3-degree Gauss-Kruger with the zone-39 prefix (EPSG:4527)?"
    if 100_000 < min_x < 900_000 and 3_000_000 < min_y < 5_000_000:
        return "CGCS2000 3-degree Gauss-Kruger CM 117E (EPSG:4548)?"
    return "a projected CRS?"


def geometry_problems(path: Path, spec: LayerSpec, frame: gpd.GeoDataFrame) -> list[str]:
    """Every feature with no, empty, invalid or mistyped geometry, and coordinates that are not lon/lat here."""
    problems: list[str] = []
    if len(frame) > MAX_FEATURES:
        return [f"{path}: {len(frame)} features, more than the {MAX_FEATURES} a layer may have"]
    vertices = int(shapely.get_num_coordinates(frame.geometry.values).sum())
    if vertices > MAX_VERTICES:
        return [f"{path}: {vertices} vertices, more than the {MAX_VERTICES} a layer may have (simplify it first)"]
    expected = GEOMETRY_TYPES[spec.geometry_type]
    valid = shapely.is_valid(frame.geometry.values)  # one vectorised pass: big layers load fast
    for fid, geom, is_valid in zip(frame["id"], frame.geometry, valid, strict=True):
        where = f"{path.name}: feature {fid!r}"
        if geom is None or geom.is_empty:
            problems.append(f"{where}: no geometry")
        elif geom.geom_type not in expected:
            problems.append(f"{where}: {geom.geom_type} in a {spec.geometry_type} layer")
        elif not is_valid:
            problems.append(f"{where}: invalid geometry ({shapely.is_valid_reason(geom)})")
    has_geometry = ~(frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    present, present_ids = frame.geometry[has_geometry], frame["id"][has_geometry]
    if present.empty:
        return problems
    min_x, min_y, max_x, max_y = present.total_bounds
    west, south, east, north = DISTRICT_ENVELOPE
    if west <= min_y <= max_y <= east and south <= min_x <= max_x <= north:
        problems.append(f"{path}: longitude and latitude are swapped (x looks like a latitude, y like a longitude)")
        return problems
    if not (-180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90):
        problems.append(
            f"{path}: coordinates ({min_x:.0f}, {min_y:.0f}) are not longitude/latitude — the file looks projected: "
            f"{_projection_hint(min_x, min_y)} Layers are stored in WGS-84 (EPSG:4326)."
        )
        return problems
    near = shapely.intersects(shapely.box(west, south, east, north), present.values)
    far = present_ids[~near].tolist()
    if far:
        problems.append(
            f"{path}: feature(s) {far[:5]} lie far from 东昌府区 (lon {west}–{east}, lat {south}–{north}): "
            "wrong CRS, swapped longitude/latitude, or a GCJ-02/BD-09 file far off?"
        )
    return problems
