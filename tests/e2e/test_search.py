"""Search that forgives, in real Chromium at a laptop size: a typo is corrected, a nonsense query clears."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from gisapp.mapview.build import SELECTION_STYLE
from tests.e2e.browser import ARTIFACTS, map_frame

PANEL_TIMEOUT = 15_000


def selection_outlines(page) -> int:
    """The highlighted outlines Leaflet draws for the selected feature (the selection style's colour)."""
    try:
        return map_frame(page).locator(f"path[stroke='{SELECTION_STYLE['color']}']").count()
    except PlaywrightError:  # the map iframe was replaced while counting
        return -1


def wait_for_outlines(page, expected: int, timeout: float = 20) -> int:
    deadline = time.monotonic() + timeout
    count = selection_outlines(page)
    while count != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        count = selection_outlines(page)
    return count


def test_typo_selects_the_bearing_cluster_then_nonsense_clears_it(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    page = context.new_page()
    page.route(lambda url: not url.startswith(("http://localhost", "data:", "blob:")), lambda route: route.abort())
    try:
        page.goto(server.url)
        page.wait_for_selector("h1", timeout=30_000)
        box = page.get_by_placeholder("例如：轴承、葡萄、新能源汽车")
        box.fill("轴成")
        box.press("Enter")
        expect(page.get_by_role("heading", name="郑家镇工业集聚区")).to_be_visible(timeout=PANEL_TIMEOUT)
        expect(page.get_by_text("您要找的是不是“轴承”")).to_be_visible()
        expect(page).to_have_url(re.compile(r"sel=zhengjia_cluster"))
        assert wait_for_outlines(page, 1) == 1  # the cluster is outlined on the map
        page.screenshot(path=str(ARTIFACTS / "search_typo_1280x720.png"))

        box.fill("xyzzy 芯片封测")
        box.press("Enter")
        expect(page.get_by_text("没有找到与“xyzzy 芯片封测”相符的内容")).to_be_visible(timeout=PANEL_TIMEOUT)
        expect(page.get_by_role("heading", name="郑家镇工业集聚区")).to_have_count(0, timeout=PANEL_TIMEOUT)
        expect(page.get_by_text("您要找的是不是")).to_have_count(0)
        expect(page.get_by_text("点击地图").first).to_be_visible()  # the panel is back to its hint
        expect(page).not_to_have_url(re.compile(r"sel="))
        assert wait_for_outlines(page, 0) == 0  # and the map no longer outlines the old hit
        page.screenshot(path=str(ARTIFACTS / "search_no_match_1280x720.png"))
    finally:
        context.close()
