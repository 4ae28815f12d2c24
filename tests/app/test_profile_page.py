"""Industry → zones matching and the zone-profile page (AppTest)."""

import pytest
from streamlit.testing.v1 import AppTest

from gisapp.config import REPO_ROOT
from gisapp.views.matching import ZONE_KINDS, match_industry
from gisapp.views.search import search

PAGE = str(REPO_ROOT / "pages" / "zone_profile.py")


def test_bearings_rank_zhengjias_cluster_first_with_the_quote(atlas):
    first = match_industry(atlas, "轴承")[0]
    assert first.feature_id == "zhengjia_cluster"
    assert "轴承" in first.matched_text and "轴承" in first.source.quote


def test_grapes_find_douhutuns_zone(atlas):
    assert [m.feature_id for m in match_industry(atlas, "葡萄")][:2] == ["agri_grapes", "douhutun"]


def test_cold_chain_finds_the_logistics_axis_and_vegetable_zone(atlas):
    ids = [m.feature_id for m in match_industry(atlas, "冷链")]
    assert ids[:2] == ["axis_jianshe", "agri_vegetables"]


def test_an_industry_no_plan_names_gives_nothing(atlas):
    assert match_industry(atlas, "芯片") == []


@pytest.mark.parametrize("industry", ["园", "物流", "农业", "旅游", "机场"])
def test_matching_only_returns_zones_not_symbolic_points(atlas, industry):
    kinds_found = {atlas.features[hit.feature_id].kind for hit in search(atlas, industry, limit=100)}
    assert kinds_found - set(ZONE_KINDS), f"{industry!r} should also hit non-zone kinds for this test to mean anything"
    matches = match_industry(atlas, industry, limit=100)
    assert matches
    assert {atlas.features[match.feature_id].kind for match in matches} <= set(ZONE_KINDS)


def page(**query) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def test_profile_page_opens_the_zone_in_the_url():
    app = page(id="agri_grapes")
    assert not app.exception
    assert app.subheader[0].value == "现代有机葡萄产业示范区"


def test_profile_page_matching_lists_zones_and_opens_one():
    app = page()
    app.sidebar.text_input(key="industry_text").input("轴承").run()
    assert "郑家镇工业集聚区" in app.sidebar.markdown[1].value
    app.sidebar.button(key="open_zhengjia_cluster").click().run()
    assert app.subheader[0].value == "郑家镇工业集聚区"


def test_profile_page_says_when_no_zone_matches():
    app = page()
    app.sidebar.text_input(key="industry_text").input("芯片").run()
    assert "芯片" in app.sidebar.warning[0].value


def test_profile_page_makes_pdf_png_and_map_downloads():
    app = page(id="zhengjia_cluster")
    app.radio(key="sheet_lang").set_value("both").run()
    app.button(key="make_files").click().run()
    assert not app.exception
    assert len(app.get("download_button")) == 3
