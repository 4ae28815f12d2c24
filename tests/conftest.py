import json
import shutil
from pathlib import Path

import pytest

from gisapp.atlas.loading import Atlas, load_atlas
from gisapp.config import LAYERS_DIR, seeds_dir


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return load_atlas()


@pytest.fixture(scope="session")
def seeds_folder() -> Path:
    """The plan texts; a missing folder fails the tests that need it (never skips them)."""
    folder = seeds_dir()
    assert folder.is_dir(), f"seed texts not found at {folder}; set GISAPP_SEEDS to the folder of the plan texts"
    return folder


@pytest.fixture()
def layers_copy(tmp_path) -> Path:
    """A private copy of the layer data, for tests that break it."""
    target = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file; `old` must be there (the test would prove nothing otherwise)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rewrite_feature(path: Path, feature_id: str, change) -> None:
    """Apply `change(feature)` to one feature of a layers/*.geojson file (the folder is then hand-kept data)."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    found = [feature for feature in collection["features"] if feature["properties"]["id"] == feature_id]
    assert found, f"{feature_id} not in {path}"
    for feature in found:
        change(feature)
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    (path.parent / "manifest.json").unlink(missing_ok=True)


def bow_tie(feature: dict) -> None:
    """A self-intersecting polygon, as hand-digitised data sometimes has."""
    ring = [[115.8, 36.4], [115.9, 36.5], [115.9, 36.4], [115.8, 36.5], [115.8, 36.4]]
    feature["geometry"] = {"type": "Polygon", "coordinates": [ring]}
