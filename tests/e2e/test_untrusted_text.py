"""Text from the data is shown as text: names with <script> or <img onerror> run nothing."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from gisapp.config import LAYERS_DIR
from gisapp.views.explorer import default_layers
from tests.conftest import bow_tie, rewrite_feature
from tests.e2e.browser import Server, feature_screen_point, map_frame

SCRIPT_NAME = "<script>window.__xss=1</script>张炉集"
IMG_NAME = '<img src=x onerror="window.__xss=2">斗虎屯'
BOLD_FACT = '<b onmouseover="window.__xss=3">豆腐</b>'
MARKDOWN_NAME = "![远程图片](http://evil.example/track.png)韩集$x^2$"  # a Markdown image and maths
MARKDOWN_TITLE = "七大农业示范区![t](http://evil.example/t.png)"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    layers = tmp_path_factory.mktemp("hostile") / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    towns = layers / "plan" / "towns.yaml"
    text = towns.read_text(encoding="utf-8")
    for old, new in (("张炉集镇", SCRIPT_NAME), ("斗虎屯镇", IMG_NAME), ("韩集镇", MARKDOWN_NAME)):
        assert f'name: {{zh: "{old}",' in text
        text = text.replace(f'name: {{zh: "{old}",', f"name: {{zh: '{new}',", 1)
    assert "zh: 豆腐、熏鸡、葡萄、书画、剪纸、戏曲" in text
    text = text.replace("zh: 豆腐、熏鸡、葡萄、书画、剪纸、戏曲", f"zh: '{BOLD_FACT}'", 1)
    towns.write_text(text, encoding="utf-8")
    catalog = layers / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    assert "title: {zh: 七大农业示范区, en: Agricultural demonstration zones}" in text
    text = text.replace("title: {zh: 七大农业示范区,", f"title: {{zh: '{MARKDOWN_TITLE}',", 1)
    catalog.write_text(text, encoding="utf-8")
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
    labels = frame.locator(".atlas-label").all_text_contents()  # decluttered labels may be hidden: read them all
    assert SCRIPT_NAME in labels and IMG_NAME in labels
    # hover the polygon with the mouse: folium builds its tooltip with innerHTML
    x, y = feature_screen_point(page, atlas, "zhangluji", default_layers(atlas))
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=5)
    tooltip = frame.locator(".leaflet-tooltip").filter(has_text="张炉集")  # the mouse may pass a neighbour first
    expect(tooltip).to_contain_text(SCRIPT_NAME)
    assert_nothing_ran(page, frame)


def test_hostile_names_in_the_panel_and_table_are_text(hostile_server, offline_page):
    page = offline_page.page
    page.goto(f"{hostile_server.url}/?sel=douhutun")
    expect(page.get_by_role("heading", name=IMG_NAME)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(BOLD_FACT)).to_be_visible()
    page.get_by_text(BOLD_FACT).hover()
    page.get_by_text(re.compile(r"^属性表（可见图层）")).click()  # the grid draws names on a canvas: never HTML
    expect(page.locator("[data-testid='stDataFrame']")).to_be_visible(timeout=15_000)
    frame = map_frame(page)
    assert_nothing_ran(page, frame)


def test_markdown_and_maths_in_data_are_shown_as_written_and_fetch_nothing(hostile_server, offline_page):
    page = offline_page.page
    page.goto(f"{hostile_server.url}/?sel=hanji")
    heading = page.locator("h3").filter(has_text="韩集")
    expect(heading).to_be_visible(timeout=30_000)
    assert seen(heading) == MARKDOWN_NAME
    page.get_by_label("搜索（名称、产业、项目、企业）").fill("韩集")
    page.keyboard.press("Enter")
    hit = page.get_by_role("radiogroup").locator("label").filter(has_text="track").first
    expect(hit).to_be_visible(timeout=15_000)
    assert seen(hit) == f"{MARKDOWN_NAME} · 镇街与嘉明开发区（示意边界）"  # the name as written, then its layer
    group = page.locator("summary").filter(has_text="七大农业示范区").first  # the layer group's expander
    assert seen(group).splitlines()[-1] == MARKDOWN_TITLE  # after the expander's icon name
    for element in (heading, hit, group):  # no image, link (a heading's own #anchor aside) or maths
        assert element.locator("img, a[href*='evil']:not([href^='#']), .katex").count() == 0
    assert page.locator("img[src*='evil.example']").count() == 0
    assert [url for url in offline_page.non_tile_requests() if "evil.example" in url] == []


def seen(locator) -> str:
    """The text a reader sees (word joiners, which keep URLs from being linked, are invisible)."""
    return locator.inner_text().replace("\u2060", "").strip()


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    layers = tmp_path_factory.mktemp("broken") / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    rewrite_feature(layers / "towns.geojson", "hanji", bow_tie)
    server = Server(env={"GISAPP_LAYERS": str(layers)})
    yield server, layers
    server.stop()


def test_broken_data_gives_a_readable_error_without_traceback_or_server_paths(broken_server, offline_page):
    server, layers = broken_server
    page = offline_page.page
    page.goto(server.url)
    expect(page.get_by_text("图集数据有误")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("feature 'hanji': invalid geometry")).to_be_visible()
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "File \"" not in body
    assert str(layers) not in body and "<layers>/towns.geojson" not in body  # named by file, not by server path
    assert "towns.geojson" in body
