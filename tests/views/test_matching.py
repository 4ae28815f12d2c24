"""Industry -> zones matching: the zones whose plans name an industry, ranked, with the quote."""

import pytest

from gisapp.views.matching import ZONE_KINDS, match_industry
from gisapp.views.search import search


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
    kinds_found = {atlas.every_feature[hit.feature_id].kind for hit in search(atlas, industry, limit=100)}
    assert kinds_found - set(ZONE_KINDS), f"{industry!r} should also hit non-zone kinds for this test to mean anything"
    matches = match_industry(atlas, industry, limit=100)
    assert matches
    assert {atlas.features[match.feature_id].kind for match in matches} <= set(ZONE_KINDS)
