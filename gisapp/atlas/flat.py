"""Flat records of every layer, feature and fact, for `inventory` and the data exports."""

from __future__ import annotations

from typing import Any

from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import FACT_KINDS, PlanFeature, Source

FACT_COLUMNS = (
    "feature_id", "feature_name_zh", "feature_name_en", "layer", "located", "category", "text_zh", "text_en",
    "value", "value_max", "unit", "year", "doc", "doc_title", "line_first", "line_last", "quote",
)  # fmt: skip


def source_record(source: Source) -> dict[str, Any]:
    return {"doc": source.doc, "lines": list(source.lines), "quote": source.quote}


def feature_record(atlas: Atlas, feature: PlanFeature) -> dict[str, Any]:
    """The properties of one planning feature as the CLI and exports give them (not-located ones too)."""
    if feature.located:
        schematic, method = bool(atlas.row(feature.id)["schematic"]), atlas.row(feature.id)["geometry_method"]
    else:
        schematic, method = None, feature.geometry["method"]
    return {
        "id": feature.id,
        "layer": feature.layer,
        "kind": feature.kind,
        "name_zh": feature.name.zh,
        "name_en": feature.name.en,
        "located": feature.located,
        "towns": list(feature.towns),
        "zones": [zone for zone in (feature.parent, *feature.zones) if zone],
        "sector": feature.sector,
        **{kind: [fact.zh for fact in getattr(feature, kind)] for kind in FACT_KINDS},  # every kind, city echoes too
        "targets": [
            {
                "indicator": target.indicator.zh,
                "value": target.value,
                "value_max": target.value_max,
                "unit": target.unit,
                "year": target.year,
            }
            for target in feature.targets
        ],
        "investment": [
            {"value": target.value, "unit": target.unit, "year": target.year}
            for target in feature.targets
            if target.indicator.zh.startswith("投资")
        ],
        "schematic": schematic,
        "geometry_method": method,
        "caveats": [caveat.zh for caveat in feature.caveats],
        "sources": [source_record(source) for source in feature.sources],
    }


def inventory(atlas: Atlas) -> dict[str, Any]:
    """Every layer (id, titles, group, count), every planning feature, and the ones the plans do not locate."""
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
        "not_located": [feature_record(atlas, feature) for feature in atlas.unlocated.values()],
    }


def fact_rows(atlas: Atlas):
    """One row per (fact, source): every statement of the knowledge base with its citation."""
    for fid, feature in atlas.every_feature.items():
        base = {
            "feature_id": fid, "feature_name_zh": feature.name.zh, "feature_name_en": feature.name.en,
            "layer": feature.layer, "located": feature.located,
        }  # fmt: skip
        items = [("source", feature.name.zh, feature.name.en, {}, feature.sources)]
        for kind in FACT_KINDS:
            items += [(kind, fact.zh, fact.en, {}, fact.sources) for fact in getattr(feature, kind)]
        for target in feature.targets:
            numbers = {"value": target.value, "value_max": target.value_max, "unit": target.unit, "year": target.year}
            items.append(("target", target.indicator.zh, target.indicator.en, numbers, target.sources))
        items += [("caveat", c.zh, c.en, {}, c.sources or (None,)) for c in feature.caveats]
        for category, text_zh, text_en, numbers, sources in items:
            for source in sources:
                cited = {}
                if source is not None:
                    cited = {
                        "doc": source.doc,
                        "doc_title": atlas.documents.title(source.doc, "zh"),
                        "line_first": source.lines[0],
                        "line_last": source.lines[1],
                        "quote": source.quote,
                    }
                yield {**base, "category": category, "text_zh": text_zh, "text_en": text_en, **numbers, **cited}
