"""The profile model and the Streamlit entry page (AppTest, no browser)."""

from streamlit.testing.v1 import AppTest

from gisapp.paths import REPO_ROOT
from gisapp.profile import build_profile
from gisapp.ui import md_escape

APP = str(REPO_ROOT / "app.py")


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


def test_markdown_escape_shows_markup_as_text():
    assert md_escape("<script>alert(1)</script>") == r"\<script\>alert\(1\)\</script\>"
    assert md_escape("**粗体**") == r"\*\*粗体\*\*"


def test_entry_page_shows_a_feature_and_its_sources():
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    layer = app.sidebar.selectbox(key="layer")
    layer.select_index(next(i for i, label in enumerate(layer.options) if label == "七大农业示范区")).run()
    app.sidebar.selectbox(key="feature").set_value("agri_grapes").run()
    assert not app.exception
    assert app.subheader[0].value == "现代有机葡萄产业示范区"
    text = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "葡萄" in text and "001" in text


def test_entry_page_switches_to_english():
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Dongchangfu Plan Atlas"
