"""`python -m gisapp build`: write every `layers/<layer>.geojson` from the plan files and inputs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import ExitStack
from hashlib import sha256
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from gisapp.atlas.catalog import load_catalog
from gisapp.atlas.files import atomic_path, write_atomically
from gisapp.atlas.geo import area_km2
from gisapp.atlas.geojson import collection_text, feature_json
from gisapp.atlas.loading import MANIFEST
from gisapp.atlas.plan import load_plan_features
from gisapp.atlas.records import PlanFeature
from gisapp.build.anchors import Anchors, load_anchors
from gisapp.build.boundary import load_boundary, refresh_boundary
from gisapp.build.recipes import METHOD_NOTES, SURVEYED_METHODS, AcceptedShape, GeometryBuilder
from gisapp.config import LAYERS_DIR
from gisapp.errors import AtlasError

REFERENCE_LAYER = "reference_lines"


def base_properties(feature: PlanFeature, geometry: BaseGeometry, accepted: AcceptedShape | None = None) -> dict:
    """The properties every built feature carries: identity, how it was made, whether it is schematic."""
    method = feature.geometry["method"] if accepted is None else accepted.method
    note_zh, note_en = METHOD_NOTES[method]
    properties = {
        "id": feature.id,
        "layer": feature.layer,
        "kind": feature.kind,
        "name_zh": feature.name.zh,
        "name_en": feature.name.en,
        "schematic": method not in SURVEYED_METHODS,
        "geometry_method": method,
        "geometry_note_zh": note_zh,
        "geometry_note_en": note_en,
    }
    if accepted is not None:
        properties["geometry_version"] = accepted.version
        properties["geometry_source"] = accepted.source
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
                "name_en": line.name_en,
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


def build_layers(
    layers_dir: Path = LAYERS_DIR,
    out_dir: Path | None = None,
    refresh: bool = False,
    accepted: Mapping[str, AcceptedShape] | None = None,
) -> dict[str, int]:
    """Build all layer files of `layers_dir` (into `out_dir`, default the same folder); counts per layer.

    `accepted` shapes (imported or traced, from the version store) replace their features' recipes, and every
    shape made from them (unions, clips) follows.
    """
    layers_dir = Path(layers_dir)
    out_dir = Path(out_dir) if out_dir is not None else layers_dir
    boundary_file = layers_dir / "inputs" / "district_boundary.geojson"
    catalog = load_catalog(layers_dir / "catalog.yaml")
    boundary = refresh_boundary(boundary_file) if refresh else load_boundary(boundary_file)
    anchors = load_anchors(layers_dir / "inputs" / "anchors.yaml")
    features = load_plan_features(layers_dir / "plan")
    accepted = dict(accepted or {})
    unknown = sorted(set(accepted) - set(features))
    if unknown:
        raise AtlasError([f"version store: shapes for features the plan does not have: {unknown}"])
    builder = GeometryBuilder(features, anchors, boundary, accepted)
    by_layer: dict[str, list[dict]] = {spec.id: [] for spec in catalog.layers}
    by_layer[REFERENCE_LAYER] = reference_features(anchors, boundary)
    for feature in features.values():
        if not feature.located:  # named without a place: listed (inventory, CSV, app), never drawn
            continue
        if feature.layer not in by_layer:
            where = f"{feature.file}: feature {feature.id!r}"
            raise AtlasError([f"{where}: layer {feature.layer!r} is not in the catalogue"])
        geometry = builder.geometry(feature.id)
        properties = base_properties(feature, geometry, accepted.get(feature.id))
        by_layer[feature.layer].append(feature_json(properties, geometry))
    texts = {layer_id: collection_text(items, name=layer_id).encode("utf-8") for layer_id, items in by_layer.items()}
    write_layer_set(out_dir, texts)
    return {layer_id: len(layer_features) for layer_id, layer_features in by_layer.items()}


def write_layer_set(out_dir: Path, texts: dict[str, bytes]) -> None:
    """Write the layer files as one set: all staged first, then renamed together, then the manifest.

    A build killed while staging leaves the previous set as it was; the renames take microseconds, and a
    set mixed by a kill there does not match the manifest, which the loader then refuses.
    """
    with ExitStack() as staged:
        for layer_id, data in texts.items():
            staged.enter_context(atomic_path(out_dir / f"{layer_id}.geojson")).write_bytes(data)
    manifest = {"written_by": "python -m gisapp build", "layers": {k: sha256(v).hexdigest() for k, v in texts.items()}}
    write_atomically(out_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
