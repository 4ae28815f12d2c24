"""A feature's profile (画像) as plain data, in Chinese and English."""

from gisapp.views.profile import build_profile


def test_profile_in_english_keeps_the_chinese_name(atlas):
    profile = build_profile(atlas, atlas.features["zhengjia_cluster"], "en")
    assert profile.name == "Zhengjia Town Industrial Cluster" and profile.name_zh == "郑家镇工业集聚区"
    assert profile.towns == ("Zhengjia Town",)
    assert profile.schematic and profile.area_km2 is None  # a 3 km disc round the seat: its area is not a fact
    years = [item.text[:4] for item in profile.targets]
    assert years == sorted(years)
    assert any("Bearings" in item.text for item in profile.sections["industries"])


def test_profile_target_ranges_and_missing_years_are_spelt_out(atlas):
    profile = build_profile(atlas, atlas.features["agri_grain"], "zh")
    assert any("1–2 家" in item.text and "年份未写明" in item.text for item in profile.targets)


def test_a_schematic_zone_states_no_area_unless_the_plan_gives_one(atlas):
    from gisapp.views.key_facts import key_facts
    from gisapp.views.profile import area_line

    cluster = build_profile(atlas, atlas.features["zhengjia_cluster"], "en")
    assert area_line(cluster, "en").text == "not given in the plans (the shape is schematic)"
    assert dict((row.key, row.text) for row in key_facts(atlas, cluster, "en"))["kf_area"].startswith("not given")
    town = build_profile(atlas, atlas.features["park_nev_town"], "zh")
    stated = area_line(town, "zh")
    assert stated.text == "2.93 平方公里" and stated.citations[0].lines == (305, 305)  # the plan's figure, cited
    district = build_profile(atlas, atlas.features["district"], "zh")
    assert not district.schematic and area_line(district, "zh").text.endswith(" km²")  # an outline from a source
