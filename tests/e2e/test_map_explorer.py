"""The map explorer as a planner uses it, in real Chromium on a closed network."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from gisapp.views.explorer import attribute_table, default_layers
from tests.e2e.browser import feature_screen_point, map_frame, wait_for_count

PANEL_TIMEOUT = 15_000


def expected_paths(atlas, layer_ids) -> int:
    """SVG paths Leaflet draws: one per polygon/line feature and per point (circle markers)."""
    return sum(len(atlas.frame(layer_id)) for layer_id in layer_ids)


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("h1", timeout=30_000)


def click_feature(page: Page, atlas, feature_id: str, layer_ids) -> None:
    x, y = feature_screen_point(page, atlas, feature_id, layer_ids)
    page.mouse.click(x, y)


def test_map_renders_every_default_layer_without_any_cdn(server, offline_page, atlas):
    page = offline_page.page
    open_app(page, server.url)
    expected = expected_paths(atlas, default_layers(atlas))
    assert wait_for_count(page, expected) == expected
    frame = map_frame(page)
    assert frame.evaluate("() => typeof L") == "object"  # Leaflet came from the app itself
    assert frame.locator(".atlas-legend").count() == 1
    assert offline_page.non_tile_requests() == []


def test_switching_a_layer_changes_what_is_drawn(server, offline_page, atlas):
    page = offline_page.page
    open_app(page, server.url)
    before = expected_paths(atlas, default_layers(atlas))
    assert wait_for_count(page, before) == before
    page.get_by_text("七大农业示范区（7）").click()
    after = before - 7
    assert wait_for_count(page, after) == after
    expect(page).to_have_url(re.compile(r"layers=(?!.*agri_zones)"))


def test_clicking_a_town_shows_its_specialties_and_sources(server, offline_page, atlas):
    page = offline_page.page
    open_app(page, server.url)
    click_feature(page, atlas, "douhutun", default_layers(atlas))
    expect(page.get_by_role("heading", name="斗虎屯镇")).to_be_visible(timeout=PANEL_TIMEOUT)
    expect(page.get_by_text("豆腐、熏鸡、葡萄、书画、剪纸、戏曲").first).to_be_visible()
    source = page.get_by_text(re.compile("东昌府区商务发展规划.*（第 \\d+(–\\d+)? 行）：“")).filter(visible=True).first
    expect(source).to_be_visible()  # the document by title and lines; the file name only in the tooltip
    expect(page).to_have_url(re.compile(r"sel=douhutun"))


def test_clicking_the_same_feature_again_after_clearing_selects_it(server, offline_page, atlas):
    page = offline_page.page
    open_app(page, server.url)
    click_feature(page, atlas, "hanji", default_layers(atlas))
    expect(page.get_by_role("heading", name="韩集镇")).to_be_visible(timeout=PANEL_TIMEOUT)
    page.get_by_role("button", name="清除选择").click()
    expect(page.get_by_role("heading", name="韩集镇")).to_have_count(0, timeout=PANEL_TIMEOUT)
    click_feature(page, atlas, "hanji", default_layers(atlas))
    expect(page.get_by_role("heading", name="韩集镇")).to_be_visible(timeout=PANEL_TIMEOUT)


def test_search_for_bearings_selects_the_zhengjia_cluster(server, offline_page):
    page = offline_page.page
    open_app(page, server.url)
    box = page.get_by_placeholder("例如：轴承、葡萄、新能源汽车")
    box.fill("轴承")
    box.press("Enter")
    expect(page.get_by_role("heading", name="郑家镇工业集聚区")).to_be_visible(timeout=PANEL_TIMEOUT)
    expect(page).to_have_url(re.compile(r"sel=zhengjia_cluster"))


def test_a_shared_link_reproduces_the_view(server, offline_page, atlas):
    page = offline_page.page
    open_app(page, f"{server.url}/?layers=towns,agri_zones&sel=agri_grapes&base=none&lang=en")
    expect(
        page.get_by_role("heading", name="Modern Organic Grape Demonstration Zone (现代有机葡萄产业示范区)")
    ).to_be_visible(timeout=PANEL_TIMEOUT)
    expected = expected_paths(atlas, ["district", "towns", "agri_zones"])  # no basemap: district outline added
    assert wait_for_count(page, expected) == expected
    expect(map_frame(page).locator("path[stroke='#ffd600']")).to_have_count(1)  # the selection outline
    assert offline_page.blocked == []  # no basemap: nothing at all leaves the machine


def open_table(page: Page) -> None:
    page.get_by_text(re.compile(r"^属性表（可见图层）")).click()


@pytest.mark.parametrize("layer_name", ["七大农业示范区（7）"])
def test_attribute_table_lists_visible_layers(server, offline_page, layer_name):
    page = offline_page.page
    open_app(page, server.url)
    open_table(page)
    expect(page.get_by_text(re.compile(r"^共 \d+ 条$"))).to_be_visible(timeout=PANEL_TIMEOUT)
    total = int(re.search(r"共 (\d+) 条", page.get_by_text(re.compile(r"^共 \d+ 条$")).inner_text()).group(1))
    page.get_by_text(layer_name).click()
    expect(page.get_by_text(f"共 {total - 7} 条", exact=True)).to_be_visible(timeout=PANEL_TIMEOUT)


def test_choosing_a_table_row_selects_and_zooms_to_the_feature(server, offline_page, atlas):
    page = offline_page.page
    open_app(page, server.url)
    map_frame(page)
    open_table(page)
    page.get_by_label("筛选").fill("葡萄")
    page.get_by_label("筛选").press("Enter")
    grape_rows = attribute_table(atlas, default_layers(atlas), "zh", "葡萄")  # the zone first, then its projects
    assert grape_rows["id"].iloc[0] == "agri_grapes"
    expect(page.get_by_text(f"共 {len(grape_rows)} 条", exact=True)).to_be_visible(timeout=PANEL_TIMEOUT)
    grid = page.locator("[data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 55)  # the row-selection marker of the first row
    expect(page.get_by_role("heading", name="现代有机葡萄产业示范区")).to_be_visible(timeout=PANEL_TIMEOUT)
    expect(page).to_have_url(re.compile(r"sel=agri_grapes"))
    assert map_frame(page).evaluate("() => window.map_div.getZoom()") > 10


def test_the_map_selection_opens_in_the_profile_page(server, offline_page):
    page = offline_page.page
    open_app(page, f"{server.url}/?sel=agri_tcm")
    map_frame(page)
    page.get_by_text("查看画像 →").click()
    expect(page).to_have_url(re.compile(r"/profile\?id=agri_tcm"), timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("heading", name="现代中药产业示范区")).to_be_visible(timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("button", name="生成 PDF / PNG")).to_be_visible()


def exported_extent(page: Page, fmt: str = "png", label: str = "下载") -> list[float]:
    """The extent a made map covers, read from its download name (dongchangfu_map_view_W-EE_S-NN.png)."""
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(f"^{label} dongchangfu_map_view_.*\\.{fmt}$")).click()
    name = download.value.suggested_filename
    west, east, south, north = re.fullmatch(rf"dongchangfu_map_view_(.+)-(.+)E_(.+)-(.+)N\.{fmt}", name).groups()
    return [float(west), float(south), float(east), float(north)]


def map_bounds(frame) -> list[float]:
    js = "() => { const b = map_div.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    return frame.evaluate(js)


def test_the_current_map_view_is_exported_even_when_asked_for_right_after_a_pan(server, offline_page):
    page = offline_page.page
    open_app(page, server.url)
    page.get_by_text("导出（图片、HTML、数据）").click()
    before = map_frame(page)
    page.get_by_text("当前地图视图").click()
    expect(page.get_by_text("导出地图上此刻显示的范围。")).to_be_visible(timeout=PANEL_TIMEOUT)
    frame = map_frame(page)
    for _ in range(100):  # the map remounts to report its view
        if frame != before:
            break
        page.wait_for_timeout(100)
        frame = map_frame(page)
    make = page.get_by_role("button", name="生成地图")
    for centre, wait in (([36.45, 115.95], 1_000), ([36.50, 116.02], 300)):
        for _ in range(20):  # a map still settling from its first fit may undo a view set too early
            frame.evaluate(f"() => map_div.setView({centre}, 12, {{animate: false}})")
            page.wait_for_timeout(wait)  # it reports its view 250 ms after it stops moving: the 2nd click races that
            if frame.evaluate("() => [map_div.getCenter().lat, map_div.getCenter().lng]") == pytest.approx(centre):
                break
        make.click()
        made = page.get_by_role("button", name=re.compile(r"^下载 dongchangfu_map_view_"))
        expect(made).to_be_visible(timeout=30_000)
        shown = map_bounds(frame)
        for _ in range(60):  # the previous map's button stays until the new map is made
            if exported_extent(page) == pytest.approx(shown, abs=1e-3):
                break
            page.wait_for_timeout(500)
        assert exported_extent(page) == pytest.approx(shown, abs=1e-3)


def test_a_click_updates_the_panel_and_keeps_the_map_and_its_view(server, offline_page, atlas):
    page = offline_page.page
    open_app(page, server.url)
    frame = map_frame(page)
    view = "() => [map_div.getZoom(), map_div.getCenter().lat, map_div.getCenter().lng]"
    for _ in range(20):  # the user's own view, once the map has settled from its first fit (which may still run)
        frame.evaluate("() => { map_div.setView([36.47, 115.93], 10.5, {animate: false}); map_div.__kept = true; }")
        page.wait_for_timeout(500)
        before = frame.evaluate(view)
        if before[0] == 10.5:
            break
    for town in ("douhutun", "hanji"):
        click_feature(page, atlas, town, default_layers(atlas))
        expect(page.get_by_role("heading", name=atlas.features[town].name.zh, exact=True)).to_be_visible(
            timeout=PANEL_TIMEOUT
        )
    frame = map_frame(page)
    assert frame.evaluate("() => map_div.__kept") is True  # the same Leaflet map: not remounted
    assert frame.evaluate(view) == before and before[0] == 10.5  # the very view the user chose
    expect(page).to_have_url(re.compile(r"sel=hanji"))



def test_map_profile_map_keeps_layers_basemap_language_and_url(server, browser, atlas):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.route(lambda url: not url.startswith(("http://localhost", "data:", "blob:")), lambda route: route.abort())
    open_app(page, f"{server.url}/?layers=towns,agri_zones&base=none&lang=en&sel=agri_grapes")
    expect(page.get_by_role("heading", name=re.compile("Modern Organic Grape"))).to_be_visible(timeout=PANEL_TIMEOUT)
    page.get_by_role("link", name=re.compile("画像 Profile")).first.click()
    expect(page).to_have_url(re.compile(r"/profile\?id=agri_grapes"), timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("heading", name=re.compile("Modern Organic Grape"))).to_be_visible(timeout=PANEL_TIMEOUT)
    expect(page).to_have_url(re.compile(r"lang=en"))  # the profile page opens in the map's language, and says so
    page.get_by_role("link", name=re.compile("地图 Map")).first.click()
    expect(page).to_have_url(re.compile(r"layers=towns%2Cagri_zones&base=none&lang=en&sel=agri_grapes"),
                             timeout=PANEL_TIMEOUT)  # fmt: skip
    expect(page.get_by_role("heading", name=re.compile("Modern Organic Grape"))).to_be_visible(timeout=PANEL_TIMEOUT)
    expected = sum(len(atlas.frame(layer)) for layer in ("district", "towns", "agri_zones"))  # no basemap: district
    assert wait_for_count(page, expected) == expected
    context.close()


def on_map_with(page: Page, feature_id: str, name: str) -> None:
    expect(page).to_have_url(re.compile(rf"/\?.*sel={feature_id}"), timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("heading", name="东昌府区规划图集", exact=True)).to_be_visible(timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=PANEL_TIMEOUT)


def on_profile_of(page: Page, feature_id: str) -> None:
    expect(page).to_have_url(re.compile(rf"/profile\?id={feature_id}"), timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("heading", name="区域画像", exact=True)).to_be_visible(timeout=PANEL_TIMEOUT)


def test_back_and_forward_step_through_the_selections_and_pages_visited(server, offline_page):
    """Back leaves the profile for the map as it was, then walks back through the map's selections.

    (Streamlit sometimes records a page link's address twice, the new query on the old path first; Back
    then shows the same map once more. The test allows that one extra step, never a return to the profile.)
    """
    page = offline_page.page
    open_app(page, f"{server.url}/?sel=douhutun")
    on_map_with(page, "douhutun", "斗虎屯镇")
    page.get_by_label("搜索（名称、产业、项目、企业）").fill("韩集镇")
    page.keyboard.press("Enter")
    on_map_with(page, "hanji", "韩集镇")
    page.get_by_role("link", name="查看画像 →").click()
    on_profile_of(page, "hanji")
    page.go_back()
    on_map_with(page, "hanji", "韩集镇")
    for _ in range(2):
        page.go_back()
        expect(page.get_by_role("heading", name="东昌府区规划图集", exact=True)).to_be_visible(timeout=PANEL_TIMEOUT)
        page.wait_for_timeout(500)
        if "sel=douhutun" in page.url:
            break
    on_map_with(page, "douhutun", "斗虎屯镇")  # the map's previous selection
    page.go_forward()
    on_map_with(page, "hanji", "韩集镇")
    page.get_by_role("link", name="画像 Profile").click()  # the sidebar's link opens the selection's profile
    on_profile_of(page, "hanji")
    page.get_by_role("link", name="地图 Map").click()
    on_map_with(page, "hanji", "韩集镇")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/profile\?"), timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("heading", name="区域画像", exact=True)).to_be_visible(timeout=PANEL_TIMEOUT)


def new_map_frame(page: Page, old):
    """The map once Streamlit has replaced `old` (a redraw after a change of layers, language or options)."""
    for _ in range(150):
        frame = map_frame(page)
        if frame != old:
            return frame
        page.wait_for_timeout(100)
    raise AssertionError("the map was not redrawn")


VIEW_JS = "() => [map_div.getCenter().lat, map_div.getCenter().lng, map_div.getZoom()]"


def test_the_users_zoom_and_pan_survive_a_layer_switch_a_language_switch_and_the_export_options(
    server, offline_page
):
    page = offline_page.page
    open_app(page, server.url)
    frame = map_frame(page)
    for _ in range(20):  # once the map has settled from its first fit
        frame.evaluate("() => map_div.setView([36.45, 115.95], 12, {animate: false})")
        page.wait_for_timeout(500)
        if frame.evaluate(VIEW_JS) == pytest.approx([36.45, 115.95, 12]):
            break
    page.get_by_text("七大农业示范区（7）").click()
    frame = new_map_frame(page, frame)
    assert frame.evaluate(VIEW_JS) == pytest.approx([36.45, 115.95, 12])
    page.get_by_text("English", exact=True).click()
    frame = new_map_frame(page, frame)
    assert frame.evaluate(VIEW_JS) == pytest.approx([36.45, 115.95, 12])
    page.get_by_text("Export (images, HTML, data)").click()
    page.get_by_text("Current map view").click()
    frame = new_map_frame(page, frame)
    assert frame.evaluate(VIEW_JS) == pytest.approx([36.45, 115.95, 12])
    page.get_by_role("button", name="Make map").click()
    expect(page.get_by_role("button", name=re.compile(r"^Download dongchangfu_map_view_"))).to_be_visible(
        timeout=30_000
    )
    assert exported_extent(page, label="Download") == pytest.approx(map_bounds(frame), abs=1e-3)
