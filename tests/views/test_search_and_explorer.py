"""Search ranking, URL state and the attribute table (pure logic, no Streamlit)."""

from gisapp.views.explorer import ViewState, attribute_table, default_layers, state_from_query, state_to_query
from gisapp.views.search import search

BASEMAPS = ("osm", "light", "gaode", "none")


def top(atlas, query, n=1):
    return [hit.feature_id for hit in search(atlas, query)[:n]]


def test_bearings_rank_the_zhengjia_cluster_first(atlas):
    assert top(atlas, "轴承") == ["zhengjia_cluster"]
    assert top(atlas, "Bearings") == ["zhengjia_cluster"]


def test_grapes_find_douhutun_zone(atlas):
    assert top(atlas, "葡萄") == ["agri_grapes"]
    assert "douhutun" in top(atlas, "葡萄", 5)


def test_search_reports_what_matched(atlas):
    hit = search(atlas, "金帝")[0]
    assert hit.feature_id == "zhengjia_cluster"
    assert ("enterprises", "山东金帝精密机械科技有限公司") in hit.matches


def test_blank_or_unknown_queries_find_nothing(atlas):
    assert search(atlas, "   ") == []
    assert search(atlas, "芯片封测") == []


def test_url_state_round_trips(atlas):
    state = ViewState(("towns", "agri_zones"), "agri_grapes", "none", "en")
    assert state_from_query(state_to_query(state), atlas, BASEMAPS) == state


def test_url_without_parameters_gives_the_default_view(atlas):
    state = state_from_query({}, atlas, BASEMAPS)
    assert state == ViewState(default_layers(atlas), None, "osm", "zh")


def test_url_with_unknown_values_is_cleaned(atlas):
    state = state_from_query({"layers": "towns,<x>", "sel": "nope", "base": "x", "lang": "fr"}, atlas, BASEMAPS)
    assert state == ViewState(("towns",), None, "osm", "zh")
    assert state_from_query({"layers": ""}, atlas, BASEMAPS).layers == ()


def test_attribute_table_lists_visible_plan_features_and_filters(atlas):
    table = attribute_table(atlas, ("agri_zones", "industrial_clusters"), "zh")
    assert len(table) == 11
    grapes = attribute_table(atlas, ("agri_zones", "industrial_clusters"), "zh", "葡萄")
    assert grapes["id"].tolist() == ["agri_grapes"]
    english = attribute_table(atlas, ("agri_zones",), "en")
    assert english.loc[english["id"] == "agri_grapes", "towns"].item() == "Douhutun Town"
    assert attribute_table(atlas, ("reference_lines",), "zh").empty  # context layers carry no plan facts


def test_leaflet_bounds_become_a_wgs84_extent():
    from gisapp.views.explorer import bounds_to_extent

    bounds = {"_southWest": {"lat": 36.4, "lng": 115.9}, "_northEast": {"lat": 36.5, "lng": 116.0}}
    assert bounds_to_extent(bounds) == "115.900000,36.400000,116.000000,36.500000"
    shifted = [float(v) for v in bounds_to_extent(bounds, "gcj02").split(",")]
    assert 115.893 < shifted[0] < 115.896  # the ~500 m GCJ-02 offset is undone
    assert bounds_to_extent(None) is None and bounds_to_extent({"_southWest": {}}) is None


def test_a_project_the_plans_do_not_locate_is_found_and_marked_as_such(atlas):
    from gisapp.views.search import hit_label

    hits = search(atlas, "鲁西国际智慧物流园")
    assert hits and hits[0].feature_id == "prj_luxi_smart_logistics_park"
    assert "prj_luxi_smart_logistics_park" in atlas.unlocated
    assert hit_label(atlas, hits[0].feature_id, "zh") == "鲁西国际智慧物流园 · 规划未定位"
    assert hit_label(atlas, hits[0].feature_id, "en").endswith(" · not located by the plan")


def test_results_with_one_name_are_told_apart_by_their_layer(atlas):
    from gisapp.views.search import hit_label

    labels = [hit_label(atlas, hit.feature_id, "zh") for hit in search(atlas, "Jiaming")]
    named = [label for label in labels if label.startswith("嘉明经济开发区 · ")]
    assert len(named) >= 2 and len(set(labels)) == len(labels), labels


def test_a_link_to_a_project_not_located_keeps_it_selected_and_the_layers_as_given(atlas):
    view = state_from_query({"sel": "prj_luxi_smart_logistics_park", "layers": "towns"}, atlas, ("none",))
    assert view.selected == "prj_luxi_smart_logistics_park" and view.layers == ("towns",)


def test_the_attribute_table_gives_no_area_for_a_schematic_shape(atlas):
    table = attribute_table(atlas, ("district", "towns", "agri_zones"), "zh").set_index("id")
    schematic = table[table["schematic"]]
    assert len(schematic) >= 20 and schematic["area_km2"].isna().all()  # a Voronoi cell or a disc is not a fact
    assert not table.loc["district", "schematic"] and table.loc["district", "area_km2"] > 1000  # the outline is real
