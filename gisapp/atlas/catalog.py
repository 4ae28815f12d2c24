"""The layer catalogue and the list of cited documents: two small YAML files, validated on load."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from gisapp.atlas.files import read_yaml
from gisapp.atlas.records import Catalog, Documents, error_details
from gisapp.errors import AtlasError


def _load(path: Path, model: type[BaseModel]):
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise AtlasError([f"{path}: {error_details(exc)}"]) from exc


def load_catalog(path: Path) -> Catalog:
    """`catalog.yaml`: groups and layers, their titles and styles."""
    return _load(path, Catalog)


def load_documents(path: Path) -> Documents:
    """`documents.yaml`: the plan texts citations may name, with their titles."""
    return _load(path, Documents)
