"""The loader gives one read-only atlas and fails loudly, naming the file and the feature."""

import json

import pytest

from gisapp.atlas.loading import load_atlas
from gisapp.errors import AtlasError
from tests.conftest import edit


def test_atlas_has_every_catalogue_layer_as_a_wgs84_frame(atlas):
    for spec in atlas.layers:
        frame = atlas.frame(spec.id)
        assert frame.crs.to_epsg() == 4326
        assert frame.index.is_unique


def test_atlas_is_read_only(atlas):
    with pytest.raises(TypeError):
        atlas.features["x"] = None  # type: ignore[index]


def test_unknown_town_reference_names_file_and_feature(layers_copy):
    edit(layers_copy / "plan" / "agriculture.yaml", "towns: [douhutun]", "towns: [atlantis]")
    with pytest.raises(AtlasError, match=r"agriculture\.yaml: feature 'agri_grapes': unknown town 'atlantis'"):
        load_atlas(layers_copy)


def test_feature_without_geometry_is_reported(layers_copy):
    path = layers_copy / "projects.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"] = [f for f in collection["features"] if f["properties"]["id"] != "project_airport"]
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    (layers_copy / "manifest.json").unlink()  # hand-kept data from here on
    with pytest.raises(AtlasError, match=r"project_airport.*no geometry"):
        load_atlas(layers_copy)


def test_a_layer_that_is_not_the_built_set_is_refused(layers_copy):
    edit(layers_copy / "towns.geojson", '"name_zh":"韩集镇"', '"name_zh":"韩集"')
    with pytest.raises(AtlasError, match=r"towns\.geojson: not the file the last build wrote.*layer set is mixed"):
        load_atlas(layers_copy)


def test_missing_citation_is_a_schema_error(layers_copy):
    path = layers_copy / "plan" / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  project_grain_park:")
    block = text[start:]
    cut = block.index("    sources:\n")
    end = block.index("    industries:")
    path.write_text(text[:start] + block[:cut] + block[end:], encoding="utf-8")
    with pytest.raises(AtlasError, match=r"projects\.yaml: feature 'project_grain_park': sources"):
        load_atlas(layers_copy)


def test_malformed_yaml_names_the_file(layers_copy):
    (layers_copy / "plan" / "services.yaml").write_text("features: {unclosed: [", encoding="utf-8")
    with pytest.raises(AtlasError, match=r"services\.yaml: cannot read YAML"):
        load_atlas(layers_copy)


def test_duplicate_ids_across_files_are_rejected(layers_copy):
    path = layers_copy / "plan" / "projects.yaml"
    edit(path, "  project_airport:\n", "  zhengjia:\n")
    with pytest.raises(AtlasError, match="duplicate id"):
        load_atlas(layers_copy)
