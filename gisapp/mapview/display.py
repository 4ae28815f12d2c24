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


def to_gcj02(geom: BaseGeometry) -> BaseGeometry:
    """Shift WGS-84 coordinates to GCJ-02 (for drawing on Gaode/AMap tiles only; never stored)."""

    def shift(xy: np.ndarray) -> np.ndarray:
        lon, lat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, shift)


def for_display(geom: BaseGeometry, datum: Literal["wgs84", "gcj02"]) -> BaseGeometry:
    """Simplify (topology-preserving), shift if needed, and round for sending to the browser."""
    simple = geom.simplify(SIMPLIFY_DEG, preserve_topology=True) if geom.geom_type != "Point" else geom
    if datum == "gcj02":
        simple = to_gcj02(simple)
    return shapely.set_precision(simple, DISPLAY_GRID)


@lru_cache(maxsize=256)
def layer_geojson(atlas: Atlas, layer_id: str, lang: str, datum: Literal["wgs84", "gcj02"]) -> dict:
    """A FeatureCollection with only `id` and an HTML-escaped tooltip text per feature.

    Cached per atlas, layer, language and datum; callers must not modify the result.
    """
    frame = atlas.frame(layer_id)
    features = []
    for fid, row in frame.iterrows():
        tip = atlas.name(fid).named(lang) + (t("schematic_mark", lang) if row["schematic"] else "")
        features.append(
            {
                "type": "Feature",
                "id": fid,
                "properties": {"id": fid, "tip": html.escape(tip)},
                "geometry": mapping(for_display(row.geometry, datum)),
            }
        )
    return {"type": "FeatureCollection", "features": features}
