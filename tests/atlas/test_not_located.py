"""Projects the plans name without a place: listed everywhere (inventory, CSV, validation), drawn nowhere."""

import csv
import io

import pytest

from gisapp.atlas.documents import SeedLibrary
from gisapp.atlas.flat import fact_rows, inventory
from gisapp.atlas.loading import load_atlas
from gisapp.atlas.records import NOT_LOCATED, PlanFeature
from gisapp.atlas.validation import citation_problems
from gisapp.errors import AtlasError
from gisapp.export.facts_csv import csv_text
from tests.conftest import edit


def test_not_located_projects_have_no_geometry_in_any_layer(atlas):
    assert atlas.unlocated
    drawn = {fid for spec in atlas.layers for fid in atlas.frame(spec.id).index}
    assert not set(atlas.unlocated) & drawn
    assert all(
        not feature.located and feature.geometry == {"method": NOT_LOCATED} for feature in atlas.unlocated.values()
    )
    assert not set(atlas.unlocated) & set(atlas.features)  # the map and table never see them (search marks them)


def test_inventory_lists_them_apart_with_their_method(atlas):
    listed = inventory(atlas)["not_located"]
    assert {record["id"] for record in listed} == set(atlas.unlocated)
    port = next(record for record in listed if record["id"] == "prj_liaocheng_port")
    assert port["located"] is False and port["geometry_method"] == NOT_LOCATED and port["schematic"] is None
    assert port["zones"] == ["district"] and port["sector"] == "transport"


def test_csv_carries_their_facts_flagged_not_located(atlas):
    rows = list(csv.DictReader(io.StringIO(csv_text(atlas).lstrip("\ufeff"))))
    port_rows = [row for row in rows if row["feature_id"] == "prj_liaocheng_port"]
    assert port_rows and {row["located"] for row in port_rows} == {"False"}
    assert any(row["quote"].startswith("在聊城中心城区东北方向建设聊城港") for row in port_rows)
    assert {row["located"] for row in rows if row["feature_id"] == "project_airport"} == {"True"}
    assert len(rows) == len(list(fact_rows(atlas)))


def test_their_quotes_are_checked_like_any_other(atlas, seeds_folder, layers_copy):
    assert citation_problems(atlas, SeedLibrary(seeds_folder))[0] == []
    edit(
        layers_copy / "plan" / "projects.yaml",
        'quote: "在聊城中心城区东北方向建设聊城港',
        'quote: "在聊城中心城区西南方向建设聊城港',
    )
    problems, _ = citation_problems(load_atlas(layers_copy), SeedLibrary(seeds_folder))
    assert any("prj_liaocheng_port" in problem and "quote not found" in problem for problem in problems)


def test_a_not_located_recipe_cannot_carry_a_position():
    record = {
        "id": "prj_x", "layer": "projects", "file": "projects.yaml", "name": {"zh": "某项目", "en": "A project"},
        "kind": "project", "sources": [{"doc": "004_c1f89aadc7592839.txt", "lines": [1, 1], "quote": "东昌府区"}],
    }  # fmt: skip
    assert not PlanFeature.model_validate({**record, "geometry": {"method": NOT_LOCATED}}).located
    with pytest.raises(ValueError, match="takes only a note"):
        PlanFeature.model_validate({**record, "geometry": {"method": NOT_LOCATED, "parent": "zhengjia"}})


def test_a_not_located_feature_still_drawn_by_an_old_build_is_refused(layers_copy):
    airport_recipe = "geometry: {method: point-in-parent, parent: zhengjia, slot: 1, of: 3}"
    edit(layers_copy / "plan" / "projects.yaml", airport_recipe, "geometry: {method: not-located}")
    with pytest.raises(AtlasError, match=r"'project_airport': not located, yet projects\.geojson draws it"):
        load_atlas(layers_copy)


def test_a_not_located_project_naming_an_unknown_zone_is_refused(layers_copy):
    edit(layers_copy / "plan" / "projects.yaml", 'zones: ["district"]', 'zones: ["atlantis"]')
    with pytest.raises(AtlasError, match=r"unknown zone 'atlantis'"):
        load_atlas(layers_copy)
