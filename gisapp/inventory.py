"""Flat records of every layer and feature, for `inventory` and the data exports."""

from __future__ import annotations

from typing import Any

from gisapp.catalog import Atlas
from gisapp.model import PlanFeature, Source


def source_record(source: Source) -> dict[str, Any]:
    return {"doc": source.doc, "lines": list(source.lines), "quote": source.quote}


def feature_record(atlas: Atlas, feature: PlanFeature) -> dict[str, Any]:
    """The properties of one planning feature as the CLI and exports give them."""
    properties = atlas.frame(feature.layer).loc[feature.id]
    return {
        "id": feature.id,
        "layer": feature.layer,
        "kind": feature.kind,
        "name_zh": feature.name.zh,
        "name_en": feature.name.en,
        "towns": list(feature.towns),
        "industries": [fact.zh for fact in feature.industries],
        "projects": [fact.zh for fact in feature.projects],
        "enterprises": [fact.zh for fact in feature.enterprises],
        "schematic": bool(properties["schematic"]),
        "geometry_method": properties["geometry_method"],
        "caveats": [caveat.zh for caveat in feature.caveats],
        "sources": [source_record(source) for source in feature.sources],
    }


def inventory(atlas: Atlas) -> dict[str, Any]:
    """Every layer (id, titles, group, count) and every planning feature."""
    return {
        "layers": [
            {
                "id": spec.id,
                "title_zh": spec.title.zh,
                "title_en": spec.title.en,
                "group": spec.group,
                "role": spec.role,
                "geometry_type": spec.geometry_type,
                "feature_count": len(atlas.frame(spec.id)),
            }
            for spec in atlas.layers
        ],
        "features": [feature_record(atlas, feature) for feature in atlas.features.values()],
    }
