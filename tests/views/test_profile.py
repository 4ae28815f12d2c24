"""A feature's profile (画像) as plain data, in Chinese and English."""

from gisapp.views.profile import build_profile


def test_profile_in_english_keeps_the_chinese_name(atlas):
    profile = build_profile(atlas, atlas.features["zhengjia_cluster"], "en")
    assert profile.name == "Zhengjia Town Industrial Cluster" and profile.name_zh == "郑家镇工业集聚区"
    assert profile.towns == ("Zhengjia Town",)
    assert profile.schematic and profile.area_km2 > 0
    years = [item.text[:4] for item in profile.targets]
    assert years == sorted(years)
    assert any("Bearings" in item.text for item in profile.sections["industries"])


def test_profile_target_ranges_and_missing_years_are_spelt_out(atlas):
    profile = build_profile(atlas, atlas.features["agri_grain"], "zh")
    assert any("1–2 家" in item.text and "年份未写明" in item.text for item in profile.targets)
