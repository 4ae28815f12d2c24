"""`python -m gisapp build`: write every `layers/<layer>.geojson` from the plan files and inputs."""

from __future__ import annotations

from pathlib import Path

from shapely.geometry.base import BaseGeometry

from gisapp.build.anchors import Anchors, load_anchors
from gisapp.build.boundary import load_boundary, refresh_boundary
from gisapp.build.recipes import METHOD_NOTES, GeometryBuilder
from gisapp.geo import area_km2
from gisapp.geojson_io import collection_text, feature_json, write_atomically
from gisapp.model import Catalog, PlanFeature
from gisapp.paths import LAYERS_DIR
from gisapp.plan import load_catalog, load_plan_features

REFERENCE_LAYER = "reference_lines"


def base_properties(feature: PlanFeature, geometry: BaseGeometry) -> dict:
    """The properties every built feature carries: identity, how it was made, whether it is schematic."""
    method = feature.geometry["method"]
    note_zh, note_en = METHOD_NOTES[method]
    properties = {
        "id": feature.id,
        "layer": feature.layer,
        "kind": feature.kind,
        "name_zh": feature.name.zh,
        "name_en": feature.name.en,
        "schematic": method != "boundary-import",
        "geometry_method": method,
        "geometry_note_zh": note_zh,
        "geometry_note_en": note_en,
    }
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        properties["area_km2"] = round(area_km2(geometry), 2)
    return properties


def reference_features(anchors: Anchors, boundary: BaseGeometry) -> list[dict]:
    """The schematic roads and rivers, clipped to the district, with their provenance."""
    return [
        feature_json(
            {
                "id": f"ref_{line.id}",
                "layer": REFERENCE_LAYER,
                "kind": "reference_line",
                "name_zh": line.name,
                "name_en": line.id.replace("_", " "),
                "schematic": True,
                "geometry_method": "reference-line",
                "geometry_note_zh": METHOD_NOTES["reference-line"][0],
                "geometry_note_en": METHOD_NOTES["reference-line"][1],
                "provenance": line.source,
            },
            line.line.intersection(boundary),
        )
        for line in anchors.lines.values()
    ]


def build_layers(out_dir: Path = LAYERS_DIR, refresh: bool = False) -> dict[str, int]:
    """Build all layer files into `out_dir`; returns the feature count per layer."""
    catalog: Catalog = load_catalog()
    boundary = refresh_boundary() if refresh else load_boundary()
    anchors = load_anchors()
    features = load_plan_features()
    builder = GeometryBuilder(features, anchors, boundary)
    by_layer: dict[str, list[dict]] = {spec.id: [] for spec in catalog.layers}
    by_layer[REFERENCE_LAYER] = reference_features(anchors, boundary)
    for feature in features.values():
        if feature.layer not in by_layer:
            raise ValueError(f"{feature.file}: feature {feature.id!r}: layer {feature.layer!r} is not in the catalogue")
        geometry = builder.geometry(feature.id)
        by_layer[feature.layer].append(feature_json(base_properties(feature, geometry), geometry))
    for layer_id, layer_features in by_layer.items():
        write_atomically(out_dir / f"{layer_id}.geojson", collection_text(layer_features, name=layer_id))
    return {layer_id: len(layer_features) for layer_id, layer_features in by_layer.items()}
