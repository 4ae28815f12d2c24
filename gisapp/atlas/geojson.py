"""RFC 7946 GeoJSON the way `layers/` keeps it: one feature per line, 6 decimals, CCW polygons."""

from __future__ import annotations

import json
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gisapp.atlas.geo import tidy


def feature_json(properties: dict[str, Any], geometry: BaseGeometry | None) -> dict[str, Any]:
    """A GeoJSON Feature dict with a tidied (rounded, oriented) geometry."""
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": mapping(tidy(geometry)) if geometry is not None else None,
    }


def collection_text(features: list[dict[str, Any]], name: str | None = None) -> str:
    """A FeatureCollection as text with one feature per line, so that diffs stay readable."""
    head = {"type": "FeatureCollection"}
    if name:
        head["name"] = name
    lines = [json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in features]
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n'
    return opening + ",\n".join(lines) + "\n]}\n"
