"""The knowledge base says what the plans say: citations resolve, counts and places match the text."""

import re

from gisapp.atlas.documents import SeedLibrary
from gisapp.atlas.records import FACT_KINDS
from gisapp.atlas.validation import citation_problems

COMMERCE, INDUSTRY, ACTION = "000_61950535e85d6ede.txt", "001_b1d87f77284c0846.txt", "004_c1f89aadc7592839.txt"


def kinds(atlas, layer):
    return [f for f in atlas.features.values() if f.layer == layer]


def test_every_quote_is_found_in_its_cited_lines(atlas, seeds_folder):
    problems, checked = citation_problems(atlas, SeedLibrary(seeds_folder))
    assert checked > 300
    assert problems == []


def test_a_wrong_line_range_is_reported(atlas, seeds_folder):
    library = SeedLibrary(seeds_folder)
    source = atlas.features["zhengjia_cluster"].sources[0]
    assert library.quote_in_lines(source.doc, *source.lines, source.quote)
    assert not library.quote_in_lines(source.doc, source.lines[0] + 5, source.lines[1] + 5, source.quote)


def test_every_feature_is_cited(atlas):
    for feature in atlas.features.values():
        assert feature.sources, feature.id


def test_structure_counts_match_the_plans(atlas):
    towns = kinds(atlas, "towns")
    assert sum(f.kind in ("town", "subdistrict") for f in towns) == 14
    assert [f.name.zh for f in towns if f.kind == "development_zone"] == ["嘉明经济开发区"]
    assert len(kinds(atlas, "commerce_axes")) == 3
    assert len(kinds(atlas, "industrial_clusters")) == 4
    assert len(kinds(atlas, "agri_zones")) == 7
    assert len(kinds(atlas, "service_core")) == 1
    assert len(kinds(atlas, "service_belts")) == 3
    assert len(kinds(atlas, "service_groups")) == 4
    assert len(kinds(atlas, "service_points")) == 5


def test_fourteen_towns_are_those_of_the_plan_scope_sentence(atlas):
    listed = atlas.features["gulou"].sources[0].quote
    for town in kinds(atlas, "towns"):
        if town.kind != "development_zone":
            assert town.name.zh in listed


def test_axes_are_the_three_roads_of_the_commerce_plan(atlas):
    names = sorted(f.name.zh for f in kinds(atlas, "commerce_axes"))
    assert names == ["东昌-聊堂路（商贸-文旅轴）", "建设路（商贸-物流轴）", "湖南路（创新-创业轴）"]
    for axis in kinds(atlas, "commerce_axes"):
        assert axis.landmarks and axis.industries and axis.functions


def test_double_core_is_not_invented(atlas):
    [core] = kinds(atlas, "commerce_core")
    assert core.id == "main_city"
    assert any("不臆造第二个核" in caveat.zh for caveat in core.caveats)


def test_every_agricultural_zone_names_its_towns_as_the_text_does(atlas):
    for zone in kinds(atlas, "agri_zones"):
        defining = "".join(source.quote for source in zone.sources)
        assert zone.towns, zone.id
        for town_id in zone.towns:
            short = re.sub(r"(镇|街道)$", "", atlas.features[town_id].name.zh)
            assert short in defining, (zone.id, town_id)


def test_every_town_has_specialties_from_the_commerce_and_industrial_plans(atlas):
    for town in kinds(atlas, "towns"):
        if town.kind == "development_zone":
            continue
        cited = {s.doc for fact in (*town.specialties, *town.heritage) for s in fact.sources}
        assert COMMERCE in cited, town.id
        # where the industrial plan says nothing about a town, a caveat says so
        assert INDUSTRY in cited or any("产业规划" in caveat.zh for caveat in town.caveats), town.id


def test_targets_carry_value_unit_and_year_or_say_what_is_missing(atlas):
    for feature in atlas.features.values():
        for target in feature.targets:
            if target.value is None:
                assert target.note is not None, feature.id
            else:
                assert target.unit, feature.id


def test_conflicting_targets_between_plans_are_recorded(atlas):
    cluster = atlas.features["zhengjia_cluster"]
    values = {(t.value, t.sources[0].doc) for t in cluster.targets if t.year == 2025}
    assert (150, INDUSTRY) in values and (20, ACTION) in values
    assert any("差距" in caveat.zh for caveat in cluster.caveats)


def test_draft_placeholders_are_recorded_as_caveats(atlas):
    quotes = [s.quote for f in atlas.features.values() for c in f.caveats for s in c.sources]
    assert any("XX亿元" in q for q in quotes)
    assert any("XXX 亿元" in q for q in quotes)


def test_compass_bases_name_the_four_clusters(atlas):
    compass = {fact.compass: f.id for f in kinds(atlas, "industrial_clusters") for fact in f.functions if fact.compass}
    assert compass == {
        "north": "jiaming_cluster",
        "south": "jiaming_second_area",
        "west": "zhengjia_cluster",
        "east": "guangping_tubes_cluster",
    }


def test_bearing_industry_is_planned_in_zhengjia(atlas):
    cluster = atlas.features["zhengjia_cluster"]
    assert cluster.towns == ("zhengjia",)
    assert any("轴承" in fact.zh for fact in cluster.industries)
    assert any("金帝" in fact.zh for fact in cluster.enterprises)


def test_the_atlas_notes_name_documents_not_seed_numbers(atlas):
    seed_number = re.compile(r"(?<![0-9A-Za-z_.])00[0-4](?![0-9A-Za-z_])")
    notes = [
        text
        for feature in atlas.every_feature.values()
        for item in (*feature.caveats, *(fact.note for kind in FACT_KINDS for fact in getattr(feature, kind)))
        if item is not None
        for text in (item.zh, item.en)
    ]
    assert len(notes) > 200
    assert [text for text in notes if seed_number.search(text)] == []
    assert any("产业规划第" in text for text in notes) and any("Action Plan" in text for text in notes)
