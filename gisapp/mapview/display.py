"""Geometry as the web map receives it: simplified, rounded, shifted to GCJ-02 for Gaode tiles."""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Literal

import numpy as np
import shapely
from coordTransform import wgs84_to_gcj02
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gisapp.atlas.loading import Atlas
from gisapp.i18n import t

SIMPLIFY_DEG = 0.0002  # ~20 m: invisible at district scale, shrinks the payload
DISPLAY_GRID = 1e-5  # ~1 m
# A layer may send at most this many vertices (~1.3 MB of GeoJSON): a denser one (e.g. village boundaries) is
# simplified more coarsely, at most to ~1 screen pixel at the district's zoom. Stored data is never changed.
DISPLAY_VERTEX_BUDGET = 40_000
COARSEST_DEG = 0.001  # ~100 m, about a pixel at zoom 10


def to_gcj02(geom: BaseGeometry) -> BaseGeometry:
    """Shift WGS-84 coordinates to GCJ-02 (for drawing on Gaode/AMap tiles only; never stored)."""

    def shift(xy: np.ndarray) -> np.ndarray:
        lon, lat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, shift)


def for_display(geom: BaseGeometry, datum: Literal["wgs84", "gcj02"], tolerance: float = SIMPLIFY_DEG) -> BaseGeometry:
    """Simplify (topology-preserving), shift if needed, and round for sending to the browser."""
    simple = geom.simplify(tolerance, preserve_topology=True) if geom.geom_type != "Point" else geom
    if datum == "gcj02":
        simple = to_gcj02(simple)
    return shapely.set_precision(simple, DISPLAY_GRID)


@lru_cache(maxsize=256)
def layer_geojson(atlas: Atlas, layer_id: str, lang: str, datum: Literal["wgs84", "gcj02"]) -> dict:
    """A FeatureCollection with only `id` and an HTML-escaped tooltip text per feature.

    Cached per atlas, layer, language and datum; callers must not modify the result.
    """
    frame = atlas.frame(layer_id)
    shapes = display_shapes(list(frame.geometry), datum)
    features = []
    for (fid, row), shape in zip(frame.iterrows(), shapes, strict=True):
        tip = atlas.name(fid).named(lang) + (t("schematic_mark", lang) if row["schematic"] else "")
        properties = {"id": fid, "tip": html.escape(tip)}
        if not row["schematic"]:
            properties["surveyed"] = True  # drawn with a solid outline (imported official geometry)
        features.append({"type": "Feature", "id": fid, "properties": properties, "geometry": mapping(shape)})
    return {"type": "FeatureCollection", "features": features}


def display_shapes(geoms: list[BaseGeometry], datum: Literal["wgs84", "gcj02"]) -> list[BaseGeometry]:
    """A layer's shapes for the browser, within DISPLAY_VERTEX_BUDGET where a coarser tolerance can do it."""
    tolerance = SIMPLIFY_DEG
    while True:
        shapes = [for_display(geom, datum, tolerance) for geom in geoms]
        if tolerance >= COARSEST_DEG or int(shapely.get_num_coordinates(shapes).sum()) <= DISPLAY_VERTEX_BUDGET:
            return shapes
        tolerance = min(COARSEST_DEG, tolerance * 2)
