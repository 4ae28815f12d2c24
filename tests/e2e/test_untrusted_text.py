"""Text from the data is shown as text: names with <script> or <img onerror> run nothing."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from gisapp.config import LAYERS_DIR
from gisapp.views.explorer import default_layers
from tests.e2e.browser import Server, feature_screen_point, map_frame

SCRIPT_NAME = "<script>window.__xss=1</script>张炉集"
IMG_NAME = '<img src=x onerror="window.__xss=2">斗虎屯'
BOLD_FACT = '<b onmouseover="window.__xss=3">豆腐</b>'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    layers = tmp_path_factory.mktemp("hostile") / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    towns = layers / "plan" / "towns.yaml"
    text = towns.read_text(encoding="utf-8")
    for old, new in (("张炉集镇", SCRIPT_NAME), ("斗虎屯镇", IMG_NAME)):
        assert f'name: {{zh: "{old}",' in text
        text = text.replace(f'name: {{zh: "{old}",', f"name: {{zh: '{new}',", 1)
    assert "zh: 豆腐、熏鸡、葡萄、书画、剪纸、戏曲" in text
    text = text.replace("zh: 豆腐、熏鸡、葡萄、书画、剪纸、戏曲", f"zh: '{BOLD_FACT}'", 1)
    towns.write_text(text, encoding="utf-8")
    server = Server(env={"GISAPP_LAYERS": str(layers)})
    yield server
    server.stop()


def assert_nothing_ran(page, frame) -> None:
    assert page.evaluate("() => window.__xss") is None
    assert frame.evaluate("() => window.__xss") is None
    assert frame.locator("img[src='x']").count() == 0 and page.locator("img[src='x']").count() == 0


def test_hostile_names_on_the_map_are_text(hostile_server, offline_page, atlas):
    page = offline_page.page
    page.goto(hostile_server.url)
    frame = map_frame(page)
    labels = frame.locator(".atlas-label").all_inner_texts()
    assert SCRIPT_NAME in labels and IMG_NAME in labels
    # hover the polygon with the mouse: folium builds its tooltip with innerHTML
    x, y = feature_screen_point(page, atlas, "zhangluji", default_layers(atlas))
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=5)
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(SCRIPT_NAME)
    assert_nothing_ran(page, frame)


def test_hostile_names_in_the_panel_and_table_are_text(hostile_server, offline_page):
    page = offline_page.page
    page.goto(f"{hostile_server.url}/?sel=douhutun")
    expect(page.get_by_role("heading", name=IMG_NAME)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(BOLD_FACT)).to_be_visible()
    page.get_by_text(BOLD_FACT).hover()
    frame = map_frame(page)
    assert_nothing_ran(page, frame)
