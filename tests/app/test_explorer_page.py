"""The map page through Streamlit's AppTest (no browser): URL state, search, panel, table, export panel."""

import re

from streamlit.testing.v1 import AppTest

from gisapp.app.render import md_escape
from gisapp.config import REPO_ROOT

APP = str(REPO_ROOT / "app.py")


def test_markdown_escape_shows_markup_as_text():
    assert md_escape("<script>alert(1)</script>") == r"\<script\>alert\(1\)\</script\>"
    assert md_escape("**粗体**") == r"\*\*粗体\*\*"


def run_app(**query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def shown(markdown: str) -> str:
    """What the reader sees of escaped Markdown."""
    return re.sub(r"\\(.)", r"\1", markdown)


def panel_heading(app: AppTest) -> str | None:
    return shown(app.subheader[0].value) if app.subheader else None


def test_explorer_starts_with_a_hint_and_the_default_layers():
    app = run_app()
    assert not app.exception
    assert app.title[0].value == "东昌府区规划图集"
    assert any("点击地图" in info.value for info in app.info)
    assert app.checkbox(key="layer::agri_zones").value is True
    assert app.checkbox(key="layer::commerce_zones").value is False


def test_search_selects_the_best_match_and_lists_the_others():
    app = run_app()
    app.text_input(key="q").input("轴承").run()
    assert not app.exception
    assert panel_heading(app) == "郑家镇工业集聚区"
    assert app.radio(key="hit_choice").options[:2] == [
        "郑家镇工业集聚区 · 四大工业集聚区",
        "轴承保持器智能制造产业园 · 园区（位置示意）",
    ]
    assert app.query_params["sel"] == "zhengjia_cluster"


def test_search_without_results_says_so_and_clears_the_previous_answer():
    app = run_app()
    app.text_input(key="q").input("轴承").run()
    assert panel_heading(app) == "郑家镇工业集聚区"
    app.text_input(key="q").input("芯片").run()
    assert any("没有找到" in caption.value for caption in app.sidebar.caption)
    assert panel_heading(app) is None


def test_url_state_selects_feature_layers_basemap_and_language():
    app = run_app(sel="agri_grapes", lang="en", base="none", layers="towns,agri_zones")
    assert not app.exception
    assert panel_heading(app) == "Modern Organic Grape Demonstration Zone (现代有机葡萄产业示范区)"
    assert app.selectbox(key="basemap").value == "none"
    assert app.checkbox(key="layer::towns").value and not app.checkbox(key="layer::industrial_clusters").value


def test_bad_url_values_fall_back_to_defaults():
    app = run_app(sel="<script>", base="nowhere", lang="xx", layers="nope")
    assert not app.exception
    assert panel_heading(app) is None
    assert app.selectbox(key="basemap").value == "osm"
    assert app.radio(key="lang").value == "zh"


def test_clear_button_removes_the_selection():
    app = run_app(sel="zhengjia_cluster")
    assert panel_heading(app) == "郑家镇工业集聚区"
    app.button(key="clear").click().run()
    assert panel_heading(app) is None
    assert "sel" not in app.query_params


def test_hiding_a_layer_removes_its_rows_from_the_table():
    app = run_app()
    assert not [c for c in app.caption if c.value.startswith("共")]  # closed: the grid is not drawn
    label = app.toggle(key="table_open").label  # but the count is shown
    app.toggle(key="table_open").set_value(True).run()
    before = next(c.value for c in app.caption if c.value.startswith("共"))
    assert label.endswith(f"（{before}）")
    app.checkbox(key="layer::agri_zones").uncheck().run()
    after = next(c.value for c in app.caption if c.value.startswith("共"))
    assert int(before[2:-2]) - int(after[2:-2]) == 7


def test_export_panel_makes_a_map_image_and_offers_data():
    app = run_app(sel="agri_grapes")
    assert not [radio for radio in app.sidebar.radio if radio.key == "export_extent"]  # closed: nothing drawn
    app.sidebar.toggle(key="export_open").set_value(True).run()
    app.sidebar.radio(key="export_extent").set_value("selected").run()
    app.sidebar.radio(key="export_fmt").set_value("pdf").run()
    app.sidebar.slider(key="export_dpi").set_value(150).run()
    app.sidebar.button(key="make_map").click().run()
    assert not app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert "下载 dongchangfu_map_agri_grapes.pdf" in labels  # the label names the file it saves
    assert "GeoJSON" not in labels  # data files are made on request
    app.sidebar.button(key="want_data_button").click().run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert {"GeoJSON", "GeoPackage", "CSV（事实与出处）"} <= set(labels)
    app.sidebar.button(key="want_html_button").click().run()
    assert "下载 dongchangfu_map.html" in [button.proto.label for button in app.get("download_button")]
