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

from gisapp.catalog import Atlas

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


def display_name(atlas: Atlas, feature_id: str, lang: str) -> str:
    """A feature's name in `lang` (English keeps the Chinese), from the facts or the layer file."""
    feature = atlas.features.get(feature_id)
    if feature is not None:
        return feature.name.zh if lang == "zh" else f"{feature.name.en} {feature.name.zh}"
    for frame in atlas.frames.values():
        if feature_id in frame.index:
            row = frame.loc[feature_id]
            return row["name_zh"] if lang == "zh" else f"{row['name_en']} {row['name_zh']}"
    raise KeyError(feature_id)


@lru_cache(maxsize=256)
def layer_geojson(atlas: Atlas, layer_id: str, lang: str, datum: Literal["wgs84", "gcj02"]) -> dict:
    """A FeatureCollection with only `id` and an HTML-escaped tooltip text per feature.

    Cached per atlas, layer, language and datum; callers must not modify the result.
    """
    frame = atlas.frame(layer_id)
    schematic_mark = "（示意）" if lang == "zh" else " (schematic)"
    features = []
    for fid, row in frame.iterrows():
        tip = display_name(atlas, fid, lang) + (schematic_mark if row["schematic"] else "")
        features.append(
            {
                "type": "Feature",
                "id": fid,
                "properties": {"id": fid, "tip": html.escape(tip)},
                "geometry": mapping(for_display(row.geometry, datum)),
            }
        )
    return {"type": "FeatureCollection", "features": features}
