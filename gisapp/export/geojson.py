"""All planning features in one RFC 7946 FeatureCollection (WGS-84, CCW polygons, 6 decimals)."""

from __future__ import annotations

from pathlib import Path

from gisapp.atlas.flat import feature_record
from gisapp.atlas.geo import area_km2
from gisapp.atlas.geojson import collection_text, feature_json
from gisapp.atlas.loading import Atlas
from gisapp.export.output import write_output

FORMATS = (".geojson", ".json")
COLLECTION_NAME = "dongchangfu_plan_atlas"


def planning_features(atlas: Atlas) -> list[dict]:
    """GeoJSON features of every plan record in drawing order, with `area_km2` on polygons."""
    features = []
    for spec in atlas.layers:
        for fid in atlas.frame(spec.id).index:
            if fid not in atlas.features:
                continue  # context layers (reference lines) carry no plan facts
            geometry = atlas.geometry(fid)
            properties = feature_record(atlas, atlas.features[fid])
            if geometry.geom_type in ("Polygon", "MultiPolygon"):
                properties["area_km2"] = round(area_km2(geometry), 2)
            features.append({"type": "Feature", "id": fid, **feature_json(properties, geometry)})
    return features


def geojson_bytes(atlas: Atlas) -> bytes:
    """The collection as UTF-8 GeoJSON, one feature per line."""
    return collection_text(planning_features(atlas), name=COLLECTION_NAME).encode("utf-8")


def write_geojson(atlas: Atlas, out: Path) -> int:
    """Write the collection to `out` atomically; returns the number of features written."""
    features = planning_features(atlas)
    write_output(out, collection_text(features, name=COLLECTION_NAME), FORMATS)
    return len(features)
