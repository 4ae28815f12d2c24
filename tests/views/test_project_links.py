"""Projects and their zones, both ways: a zone's profile lists its projects, a project's names its zone."""

from gisapp.views.profile import build_profile, linked_projects, unlocated_projects, zones_of
from gisapp.views.search import search


def _texts(profile, section):
    return [item.text for item in profile.sections.get(section, ())]


def test_a_zone_lists_its_projects_and_each_project_names_the_zone(atlas):
    zone = build_profile(atlas, atlas.features["agri_gourd"], "zh")
    assert {"东昌葫芦文化园", "葫芦交易市场", "葫芦国际会展区"} <= set(_texts(zone, "linked_projects"))
    market = build_profile(atlas, atlas.features["prj_gourd_trading_market"], "zh")
    assert _texts(market, "linked_zones") == ["东昌葫芦文化产业示范区"]
    for project in linked_projects(atlas, "agri_gourd"):
        assert "agri_gourd" in zones_of(atlas, project)


def test_a_town_lists_the_projects_placed_in_it_by_name(atlas):
    town = build_profile(atlas, atlas.features["zhengjia"], "en")
    assert {"Liaocheng Airport (planned)", "China Bearing Cage Industrial Park"} <= set(_texts(town, "linked_projects"))


def test_a_not_located_project_is_marked_in_its_zones_list(atlas):
    eldercare = build_profile(atlas, atlas.features["group_eldercare"], "zh")
    hongfu = next(item for item in eldercare.sections["linked_projects"] if item.text.startswith("鸿福老年公寓"))
    assert hongfu.note.startswith("规划未定位") and hongfu.citations[0].lines == (2328, 2329)


def test_a_not_located_project_has_a_profile_without_a_place(atlas):
    profile = build_profile(atlas, atlas.unlocated["prj_liaocheng_port"], "en")
    assert profile.area_km2 is None and not profile.schematic
    assert profile.geometry_note == "No place given by the plan: listed, not mapped"
    assert profile.layer_title == "Projects not located"  # not the map layer's '(symbolic positions)' title
    assert profile.sources[0].quote.startswith("在聊城中心城区东北方向建设聊城港")


def test_the_not_located_list_has_every_such_project_with_its_zone_and_status(atlas):
    items = unlocated_projects(atlas, "zh")
    assert len(items) == len(atlas.unlocated)
    hub = next(item for item in items if item.text == "聊城保税物流中心")
    assert hub.note == "东昌府区行政区域；积极申建" and hub.citations[0].doc.startswith("004_")


def test_city_echoes_are_a_section_of_their_own_citing_the_city_plan(atlas):
    profile = build_profile(atlas, atlas.features["zhengjia_cluster"], "zh")
    echoes = profile.sections["city_echoes"]
    assert echoes and all(citation.doc.startswith("003_") for item in echoes for citation in item.citations)
    industries = profile.sections["industries"]
    assert all(citation.doc.startswith(("001_", "004_")) for item in industries for citation in item.citations)


def test_a_zone_is_found_by_the_name_of_one_of_its_projects(atlas):
    hits = search(atlas, "葫芦交易市场")
    assert {"agri_gourd", "prj_gourd_trading_market"} <= {hit.feature_id for hit in hits}
    assert "district" not in {hit.feature_id for hit in search(atlas, "聊城保税物流中心")}
