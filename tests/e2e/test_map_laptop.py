"""The map explorer at laptop sizes (1280x720, 1440x900) in real Chromium, offline: the first click
selects, labels do not collide, the legend stays out of the way, the smallest polygon takes the click,
and the panel stays beside the map."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from shapely.geometry import Point

from gisapp.atlas.geo import area_km2
from gisapp.views.explorer import default_layers
from tests.e2e.browser import OfflinePage, feature_screen_point, map_frame

PANEL_TIMEOUT = 15_000
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"


@pytest.fixture()
def laptop(browser, request):
    """An offline page at the size given by the test's `size` parameter (default 1280x720)."""
    width, height = getattr(request, "param", (1280, 720))
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    yield OfflinePage(context.new_page())
    context.close()


def open_map(page, url):
    page.goto(url)
    page.wait_for_selector("h1", timeout=30_000)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-label').length > 0")
    settled_labels(frame)  # labels are laid out in the next animation frames, after the fonts load
    return frame


def settled_labels(frame, timeout_s: float = 15):
    """The visible labels once two measurements 300 ms apart agree (a loaded machine lays them out later)."""
    frame.evaluate("() => document.fonts.ready.then(() => true)")
    deadline = time.monotonic() + timeout_s
    seen = frame.evaluate(LABEL_BOXES_JS)
    while time.monotonic() < deadline:
        frame.page.wait_for_timeout(300)
        again = frame.evaluate(LABEL_BOXES_JS)
        if again == seen:
            break
        seen = again
    return seen


# Boxes of the labels a reader can see, in the map iframe's coordinates, and the map's own box.
LABEL_BOXES_JS = """() => {
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const shown = [...document.querySelectorAll('.atlas-label')].filter(
        (el) => getComputedStyle(el).visibility === 'visible' && el.getBoundingClientRect().width > 0);
    return {
        map: [map.left, map.top, map.right, map.bottom],
        labels: shown.map((el) => {
            const r = el.getBoundingClientRect();
            return [el.textContent, r.left, r.top, r.right, r.bottom];
        }),
        total: document.querySelectorAll('.atlas-label').length,
    };
}"""


def overlapping_pairs(labels):
    pairs = []
    for i, (name_a, *a) in enumerate(labels):
        for name_b, *b in labels[i + 1 :]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                pairs.append((name_a, name_b))
    return pairs


@pytest.mark.parametrize("laptop", [(1280, 720), (1440, 900)], indirect=True, ids=["1280x720", "1440x900"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_visible_labels_overlap_and_none_is_cut_at_the_map_edge(server, laptop, lang):
    frame = open_map(laptop.page, f"{server.url}/?lang={lang}&base=none")
    seen = settled_labels(frame)
    left, top, right, bottom = seen["map"]
    assert overlapping_pairs(seen["labels"]) == []
    cut = [name for name, x0, y0, x1, y1 in seen["labels"] if x0 < left or y0 < top or x1 > right or y1 > bottom]
    assert cut == []
    assert len(seen["labels"]) >= seen["total"] / 3  # decluttered, not emptied
    hidden = frame.evaluate(ZOOM_TO_A_HIDDEN_LABEL_JS)  # zooming in on a hidden label brings it back
    zoomed = settled_labels(frame)
    assert overlapping_pairs(zoomed["labels"]) == []
    assert hidden in [name for name, *_ in zoomed["labels"]]


ZOOM_TO_A_HIDDEN_LABEL_JS = """() => {
    const map = window.map_div;
    const item = map.atlasLabels.find((it) => it.marker.getElement().classList.contains('atlas-label-hidden'));
    map.setView(item.marker.getLatLng(), map.getZoom() + 2, {animate: false});
    return item.marker.getElement().textContent;
}"""


def test_the_first_click_on_a_town_selects_it(server, laptop, atlas):
    page = laptop.page
    open_map(page, server.url)
    x, y = feature_screen_point(page, atlas, "douhutun", default_layers(atlas))
    page.mouse.click(x, y)
    expect(page.get_by_role("heading", name="斗虎屯镇")).to_be_visible(timeout=PANEL_TIMEOUT)
    expect(page).to_have_url(re.compile(r"sel=douhutun"))


def test_the_legend_is_folded_on_a_laptop_and_opens_on_demand(server, laptop):
    frame = open_map(laptop.page, server.url)
    area = "() => { const r = document.querySelector(%r).getBoundingClientRect(); return r.width * r.height; }"
    map_area = frame.evaluate(area % ".leaflet-container")
    legend = frame.locator(".atlas-legend")
    assert legend.get_attribute("open") is None
    assert frame.evaluate(area % ".atlas-legend") < 0.10 * map_area
    legend.locator("summary").click()
    expect(legend).to_have_attribute("open", "")
    expect(legend.get_by_text("七大农业示范区")).to_be_visible()
    assert frame.evaluate(area % ".atlas-legend") > 0.02 * map_area


def smallest_polygon_at(atlas, spot, layer_ids):
    """The rule the map follows: the smallest polygon under the cursor; on a tie, the layer drawn on top."""
    under = [
        (round(area_km2(geom), 2), -spec.order, fid)
        for spec in atlas.layers
        if spec.id in layer_ids and spec.geometry_type == "polygon"
        for fid, geom in atlas.frame(spec.id).geometry.items()
        if geom.contains(spot)
    ]
    return min(under)[2]


# The first [lat, lng] spot that shows inside the map, inside the page's viewport and outside the legend.
VISIBLE_SPOT_JS = """([spots, offsetTop, viewportHeight]) => {
    const map = window.map_div, size = map.getSize();
    const legend = document.querySelector('.atlas-legend').getBoundingClientRect();
    for (const [index, spot] of spots.entries()) {
        const p = map.latLngToContainerPoint(spot);
        const inside = p.x > 10 && p.y > 10 && p.x < size.x - 10 && p.y < size.y - 10;
        const onScreen = offsetTop + p.y > 10 && offsetTop + p.y < viewportHeight - 10;
        const underLegend = p.x >= legend.left - 5 && p.x <= legend.right + 5 && p.y >= legend.top - 5
            && p.y <= legend.bottom + 5;
        if (inside && onScreen && !underLegend) return [index, p.x, p.y];
    }
    return null;
}"""


def spot_only_in(atlas, feature_id, layer_ids):
    """Spots inside the feature that lie in no smaller polygon and away from lines and points."""
    own = atlas.geometry(feature_id)
    others = [
        geom.buffer(0.004)
        for layer_id in layer_ids
        for fid, geom in atlas.frame(layer_id).geometry.items()
        if fid != feature_id and (geom.geom_type not in ("Polygon", "MultiPolygon") or area_km2(geom) < area_km2(own))
    ]
    region = own.buffer(-0.004)
    for geom in others:
        region = region.difference(geom)
    min_x, min_y, max_x, max_y = region.bounds
    grid = [
        Point(min_x + (max_x - min_x) * i / 10, min_y + (max_y - min_y) * j / 10) for i in range(11) for j in range(11)
    ]
    return [spot for spot in [region.representative_point(), *grid] if region.contains(spot)]


# agri_grain and gulou lay under larger polygons drawn above them; jiaming_second_area and zone_douhutun
# share their shape with a feature of a lower layer (a tie: the upper layer wins).
@pytest.mark.parametrize("target", ["agri_grain", "gulou", "jiaming_second_area", "zone_douhutun"])
def test_with_commerce_zones_on_the_smallest_polygon_under_the_cursor_takes_the_click(server, laptop, atlas, target):
    page = laptop.page
    layers = (*default_layers(atlas), "commerce_zones")
    frame = open_map(page, f"{server.url}/?layers={','.join(layers)}&base=none")
    spots = spot_only_in(atlas, target, layers)
    box = page.locator(MAP_IFRAME).bounding_box()
    found = frame.evaluate(VISIBLE_SPOT_JS, [[[s.y, s.x] for s in spots], box["y"], 720])
    assert found is not None, f"no spot of {target} is on screen"
    index, x, y = found
    spot = spots[index]
    assert smallest_polygon_at(atlas, spot, layers) == target
    covering = [
        fid for layer in layers for fid, g in atlas.frame(layer).geometry.items() if fid != target and g.contains(spot)
    ]
    assert covering  # the spot is where polygons overlap: the test is about which one wins
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(page).to_have_url(re.compile(rf"sel={target}(&|$)"), timeout=PANEL_TIMEOUT)
    expect(page.get_by_role("heading", name=atlas.features[target].name.zh, exact=True)).to_be_visible()


def test_a_selected_feature_has_no_focus_box_and_the_panel_stays_beside_the_map(server, laptop, atlas):
    page = laptop.page
    open_map(page, server.url)
    x, y = feature_screen_point(page, atlas, "douhutun", default_layers(atlas))
    page.mouse.click(x, y)
    heading = page.get_by_role("heading", name="斗虎屯镇")
    expect(heading).to_be_visible(timeout=PANEL_TIMEOUT)
    frame = map_frame(page)
    focus = frame.evaluate(
        "() => [...document.querySelectorAll('path.leaflet-interactive, .leaflet-container')]"
        ".map((el) => { el.setAttribute('tabindex', '0'); el.focus(); return getComputedStyle(el).outlineStyle; })"
    )
    assert set(focus) == {"none"}
    expect(frame.locator("path[stroke='#ffd600']")).to_have_count(1)  # the selection is drawn instead
    scroll_box = """(el) => {
            // the panel's own scroll box: the nearest ancestor that scrolls its overflow (Streamlit's fixed-height
            // container), found by its style, not by whether the profile has finished filling it yet
            const scrolling = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY);
            while (el && !scrolling(el)) { el = el.parentElement; }
            const r = el.getBoundingClientRect();
            return [r.top, r.bottom, el.scrollHeight, el.clientHeight];
        }"""
    for _ in range(150):  # the profile's sections are still arriving when its heading shows (15 s on a busy machine)
        panel = heading.evaluate(scroll_box)
        if panel[2] > panel[3]:
            break
        page.wait_for_timeout(100)
    map_box = page.locator(MAP_IFRAME).bounding_box()
    assert abs(panel[0] - map_box["y"]) < 40  # side by side at the top
    assert panel[1] <= map_box["y"] + map_box["height"] + 2  # never longer than the map: it scrolls inside
    assert panel[2] > panel[3]  # this profile is longer than the box
