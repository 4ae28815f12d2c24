"""Write and read RFC 7946 GeoJSON the way `layers/` keeps it: one feature per line, 6 decimals."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gisapp.geo import tidy


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


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to `path` through a temporary file, so a failure never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_collection(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))["features"]
