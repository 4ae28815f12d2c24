"""Broken or hostile layer files are refused at load with a named problem, never a GEOS traceback later."""

import json

import pytest
from pyproj import Transformer

from gisapp.atlas.layer_checks import MAX_FEATURES
from gisapp.atlas.loading import load_atlas
from gisapp.cli import main
from gisapp.errors import AtlasError
from tests.conftest import bow_tie, rewrite_feature


def no_geometry(feature):
    feature["geometry"] = None


def a_point(feature):
    feature["geometry"] = {"type": "Point", "coordinates": [115.9, 36.45]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (bow_tie, r"towns\.geojson: feature 'hanji': invalid geometry \(Self-intersection"),
        (no_geometry, r"towns\.geojson: feature 'hanji': no geometry"),
        (a_point, r"towns\.geojson: feature 'hanji': Point in a polygon layer"),
    ],
)
def test_a_broken_geometry_is_named_by_file_and_feature(layers_copy, change, message):
    rewrite_feature(layers_copy / "towns.geojson", "hanji", change)
    with pytest.raises(AtlasError, match=message):
        load_atlas(layers_copy)


@pytest.mark.parametrize(("epsg", "hint"), [("EPSG:4548", "EPSG:4548"), ("EPSG:4527", "EPSG:4527")])
def test_projected_coordinates_are_recognised_and_the_crs_suggested(layers_copy, epsg, hint):
    to_gk = Transformer.from_crs("EPSG:4326", epsg, always_xy=True)

    def project(ring):
        return [list(to_gk.transform(x, y)) for x, y in ring]

    def projected(feature):
        feature["geometry"]["coordinates"] = [project(ring) for ring in feature["geometry"]["coordinates"]]

    path = layers_copy / "district.geojson"
    rewrite_feature(path, "district", projected)
    with pytest.raises(AtlasError, match=rf"district\.geojson: .*looks projected: .*{hint}"):
        load_atlas(layers_copy)


def test_swapped_longitude_and_latitude_are_caught(layers_copy):
    def swapped(feature):
        x, y = feature["geometry"]["coordinates"]
        feature["geometry"]["coordinates"] = [y, x]

    path = layers_copy / "projects.geojson"
    for fid in json.loads(path.read_text(encoding="utf-8"))["features"]:
        rewrite_feature(path, fid["properties"]["id"], swapped)
    with pytest.raises(AtlasError, match=r"projects\.geojson: longitude and latitude are swapped"):
        load_atlas(layers_copy)


def test_a_feature_far_from_the_district_is_named(layers_copy):
    def in_beijing(feature):
        feature["geometry"]["coordinates"] = [116.39, 39.91]

    rewrite_feature(layers_copy / "projects.geojson", "project_airport", in_beijing)
    with pytest.raises(AtlasError, match=r"feature\(s\) \['project_airport'\] lie far from 东昌府区"):
        load_atlas(layers_copy)


def test_every_broken_layer_is_reported_not_just_the_first(layers_copy):
    rewrite_feature(layers_copy / "towns.geojson", "hanji", bow_tie)
    rewrite_feature(layers_copy / "agri_zones.geojson", "agri_grapes", no_geometry)
    with pytest.raises(AtlasError) as caught:
        load_atlas(layers_copy)
    assert len(caught.value.problems) == 2


def test_an_oversized_layer_is_refused_before_it_is_read(layers_copy, monkeypatch):
    monkeypatch.setattr("gisapp.atlas.layer_checks.MAX_LAYER_BYTES", 10_000)
    with pytest.raises(AtlasError, match=r"towns\.geojson: 0 MB is more than the 0 MB a layer may have"):
        load_atlas(layers_copy)


def test_too_many_features_are_refused_with_the_limit_named(layers_copy, monkeypatch):
    monkeypatch.setattr("gisapp.atlas.layer_checks.MAX_FEATURES", 10)
    with pytest.raises(AtlasError, match=r"towns\.geojson: 15 features, more than the 10"):
        load_atlas(layers_copy)
    assert MAX_FEATURES >= 5000  # the real limit leaves room for a village-level layer


def test_validate_reports_broken_data_instead_of_crashing(layers_copy, capsys):
    rewrite_feature(layers_copy / "towns.geojson", "hanji", bow_tie)
    assert main(["--layers", str(layers_copy), "validate"]) == 2
    err = capsys.readouterr().err
    assert "feature 'hanji': invalid geometry" in err and "Traceback" not in err



def test_the_far_feature_is_named_even_after_a_feature_without_geometry(layers_copy):
    def in_beijing(feature):
        feature["geometry"]["coordinates"] = [116.39, 39.91]

    rewrite_feature(layers_copy / "projects.geojson", "landmark_water_ancient_city", no_geometry)  # listed first
    rewrite_feature(layers_copy / "projects.geojson", "project_grain_park", in_beijing)
    with pytest.raises(AtlasError) as caught:
        load_atlas(layers_copy)
    far = [problem for problem in caught.value.problems if "lie far from" in problem]
    assert len(far) == 1 and "['project_grain_park']" in far[0]
