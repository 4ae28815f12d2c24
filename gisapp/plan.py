"""Load the curated plan facts (`layers/plan/*.yaml`) into typed, read-only records."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from gisapp.errors import AtlasError
from gisapp.model import Catalog, PlanFeature
from gisapp.paths import CATALOG_FILE, PLAN_DIR


def read_yaml(path: Path) -> dict:
    """A YAML mapping from `path`, or an AtlasError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AtlasError([f"{path}: cannot read YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise AtlasError([f"{path}: expected a mapping at the top level"])
    return data


def load_catalog(path: Path = CATALOG_FILE) -> Catalog:
    """The layer catalogue, validated."""
    try:
        return Catalog.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise AtlasError([f"{path}: {exc}"]) from exc


def load_plan_features(folder: Path = PLAN_DIR) -> dict[str, PlanFeature]:
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
                details = "; ".join(
                    f"{'.'.join(str(part) for part in err['loc'])}: {err['msg']}" for err in exc.errors()
                )
                problems.append(f"{where}: {details}")
    if problems:
        raise AtlasError(problems)
    return features
