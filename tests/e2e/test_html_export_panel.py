"""The exported HTML map explains itself, opened from file:// with no network: a grouped legend whose
boxes switch layers, and a click that shows the feature's facts with their sources."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gisapp.export.html_map import html_text
from gisapp.mapview.basemaps import available_basemaps
from tests.e2e.browser import FREE_SPOT_JS

LAYERS = ("district", "towns", "agri_zones", "industrial_clusters", "commerce_axes")


def open_offline(browser, path, width=1280, height=720):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    requested = []

    def only_the_file(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_file)
    page.goto(path.as_uri())
    page.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length > 0")
    return context, page, requested


def drawn_paths(page) -> int:
    return page.locator("path.leaflet-interactive").count()


def click_feature(page, atlas, feature_id):
    """Click a spot inside the feature that no smaller polygon covers (the smaller one would win)."""
    own = atlas.geometry(feature_id)
    smaller = [
        geom.buffer(0.004)
        for layer in LAYERS
        for fid, geom in atlas.frame(layer).geometry.items()
        if fid != feature_id and (geom.geom_type not in ("Polygon", "MultiPolygon") or geom.area < own.area)
    ]
    region = own.buffer(-0.004)
    for geom in smaller:
        region = region.difference(geom)
    spots = [[spot.y, spot.x] for spot in [region.representative_point()]]
    page.evaluate("() => { window.map_div = Object.values(window).find(v => v instanceof L.Map); }")
    previous = None
    for _ in range(20):  # the map may still be settling its view: wait until the spot stays put
        point = page.evaluate(FREE_SPOT_JS, spots)
        if point == previous:
            break
        previous = point
        page.wait_for_timeout(250)
    page.mouse.click(*point)


@pytest.fixture(scope="module")
def exported(atlas, tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "map.html"
    out.write_text(html_text(atlas, LAYERS, available_basemaps()["none"], "zh"), encoding="utf-8")
    return out


def test_legend_boxes_switch_a_layer_off_and_on(browser, atlas, exported):
    context, page, requested = open_offline(browser, exported)
    total = sum(len(atlas.frame(layer)) for layer in LAYERS)
    assert drawn_paths(page) == total
    legend = page.locator(".atlas-legend")
    if legend.get_attribute("open") is None:
        legend.locator("summary").click()
    groups = legend.locator(".atlas-legend-group").all_inner_texts()
    assert groups == [g.title.zh for g in atlas.catalog.groups if any(
        atlas.catalog.layer(layer).group == g.id for layer in LAYERS)]  # fmt: skip
    box = legend.get_by_label("七大农业示范区")
    box.uncheck()
    assert drawn_paths(page) == total - len(atlas.frame("agri_zones"))
    assert page.locator(".atlas-label-agri_zones").count() == 0  # its labels went with it
    box.check()
    assert drawn_paths(page) == total
    assert requested == [exported.as_uri()]
    context.close()


def test_a_click_shows_the_features_facts_and_sources(browser, atlas, exported):
    context, page, _ = open_offline(browser, exported)
    panel = page.locator(".atlas-panel")
    expect(panel).to_be_hidden()
    click_feature(page, atlas, "douhutun")
    expect(panel.get_by_role("heading", name="斗虎屯镇")).to_be_visible()
    expect(panel.get_by_text("豆腐、熏鸡、葡萄、书画、剪纸、戏曲").first).to_be_visible()
    source = atlas.features["douhutun"].specialties[0].sources[0]
    title = atlas.documents.title(source.doc, "zh")
    expect(panel.get_by_text(title).first).to_be_visible()
    assert source.quote.strip()[:12] in panel.inner_text()
    expect(page.locator("path[stroke='#ffd600']")).to_have_count(1)  # the selection is outlined
    panel.get_by_role("button", name="关闭").click()
    expect(panel).to_be_hidden()
    context.close()


def test_a_feature_clicked_under_the_panel_is_panned_beside_it(browser, atlas, exported):
    context, page, _ = open_offline(browser, exported)
    click_feature(page, atlas, "zhengjia")  # a western town: its centre is where the panel opens
    panel = page.locator(".atlas-panel")
    expect(panel.get_by_role("heading", name="郑家镇")).to_be_visible()
    outline = page.locator("path[stroke='#ffd600']")
    expect(outline).to_have_count(1)
    panel_right = panel.bounding_box()["x"] + panel.bounding_box()["width"]
    for _ in range(20):  # the pan is animated
        box = outline.bounding_box()
        if box["x"] > panel_right:
            break
        page.wait_for_timeout(100)
    assert box["x"] > panel_right, (box, panel_right)  # the whole town beside the panel
    context.close()


def test_english_export_has_an_english_title_and_panel(browser, atlas, tmp_path):
    out = tmp_path / "map_en.html"
    out.write_text(html_text(atlas, LAYERS, available_basemaps()["none"], "en"), encoding="utf-8")
    context, page, _ = open_offline(browser, out)
    assert page.title() == "Dongchangfu Plan Atlas"
    click_feature(page, atlas, "douhutun")
    expect(page.locator(".atlas-panel").get_by_role("heading", name="Douhutun Town (斗虎屯镇)")).to_be_visible()
    expect(page.locator(".atlas-panel").get_by_text("Sources", exact=True)).to_be_visible()
    context.close()


def test_names_are_drawn_above_every_symbol_and_let_clicks_through(browser, exported):
    """A project dot on a zone's name hid the name (the labels shared the markers' pane)."""
    context, page, _ = open_offline(browser, exported)
    panes = page.evaluate(
        """() => {
            const z = (el) => Number(getComputedStyle(el).zIndex);
            const label = document.querySelector('.atlas-label').closest('.leaflet-pane');
            const others = [...document.querySelectorAll('.leaflet-overlay-pane, .leaflet-marker-pane')];
            return {label: z(label), events: getComputedStyle(label).pointerEvents, others: others.map(z)};
        }"""
    )
    assert panes["others"] and all(panes["label"] > other for other in panes["others"]), panes
    assert panes["events"] == "none"
    context.close()
