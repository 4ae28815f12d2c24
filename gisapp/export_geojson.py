"""All planning features in one RFC 7946 FeatureCollection (WGS-84, CCW polygons, 6 decimals)."""

from __future__ import annotations

from pathlib import Path

from gisapp.catalog import Atlas
from gisapp.geo import area_km2
from gisapp.geojson_io import collection_text, feature_json, write_atomically
from gisapp.inventory import feature_record


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
            features.append(feature_json(properties, geometry))
    return features


def export_geojson(atlas: Atlas, out: Path) -> int:
    """Write the collection to `out` atomically; returns the number of features written."""
    out = Path(out)
    if out.suffix.lower() not in (".geojson", ".json"):
        raise ValueError(f"GeoJSON output must end in .geojson or .json: {out}")
    features = planning_features(atlas)
    write_atomically(out, collection_text(features, name="dongchangfu_plan_atlas"))
    return len(features)
