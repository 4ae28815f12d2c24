"""Load the curated plan facts (`layers/plan/*.yaml`) into typed, read-only records."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from gisapp.atlas.files import read_yaml
from gisapp.atlas.records import PlanFeature, error_details
from gisapp.errors import AtlasError


def load_plan_features(folder: Path) -> dict[str, PlanFeature]:
    """Every feature of every plan file, keyed by id; ids must be unique across files."""
    features: dict[str, PlanFeature] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        data = read_yaml(path)
        default_layer = data.get("layer")
        for feature_id, record in (data.get("features") or {}).items():
            where = f"{path.name}: feature {feature_id!r}"
            if feature_id in features:
                problems.append(f"{where}: duplicate id (also in {features[feature_id].file})")
                continue
            if not isinstance(record, dict):
                problems.append(f"{where}: expected a mapping")
                continue
            fields = {"layer": default_layer, **record, "id": feature_id, "file": path.name}
            try:
                features[feature_id] = PlanFeature.model_validate(fields)
            except ValidationError as exc:
                problems.append(f"{where}: {error_details(exc)}")
    if problems:
        raise AtlasError(problems)
    return features
