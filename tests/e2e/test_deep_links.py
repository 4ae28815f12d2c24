"""A link to a page other than the map works as the very first visit of a new server process.

Streamlit routes a process's first run by the old `pages/` folder scheme (file names) before `app.py`'s
`st.navigation` takes over; the page files are named after their URL paths so that both agree.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import Server


@pytest.mark.parametrize(
    ("path", "heading"), [("/profile?sel=zhengjia_cluster", "区域画像"), ("/data", "导入边界")]
)
def test_a_deep_link_as_a_fresh_servers_first_visit_opens_its_page_without_a_not_found_notice(
    browser, path, heading
):
    with Server() as server:
        context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
        try:
            page = context.new_page()
            page.goto(server.url + path)
            expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=60_000)
            page.wait_for_timeout(1_000)  # the notice, when it comes, is sent with the first run
            expect(page.get_by_text("Page not found")).to_have_count(0)
            expect(page.get_by_text("no corresponding file")).to_have_count(0)
        finally:
            context.close()
