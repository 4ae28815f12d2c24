"""The data page in Chromium at 1280×720: upload official boundaries, read the report, preview, accept, revert."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from gisapp.config import LAYERS_DIR
from tests.e2e.browser import ARTIFACTS, Server, map_frame
from tests.ingest.fixtures import official_towns, zipped_shapefile


@pytest.fixture()
def data_server(tmp_path):
    layers = tmp_path / "site" / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    with Server(env={"GISAPP_LAYERS": str(layers), "GISAPP_DATA": str(tmp_path / "site" / "data")}) as server:
        yield server


def open_data_page(page, server) -> None:
    """Open the data page the way a user reaches it: the app first, then the 数据 Data link."""
    page.goto(server.url)
    page.get_by_role("link", name="数据 Data").click()
    expect(page.get_by_role("heading", name="导入边界", exact=True)).to_be_visible(timeout=30_000)


@pytest.fixture()
def laptop_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    page = context.new_page()
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    yield page
    context.close()


def test_upload_preview_accept_then_the_map_shows_the_official_shape_and_revert_undoes_it(
    data_server, laptop_page, atlas, tmp_path
):
    page = laptop_page
    official = zipped_shapefile(official_towns(atlas), tmp_path / "xzq_4527", "EPSG:4527", prj=True)
    open_data_page(page, data_server)
    expect(page.get_by_text("尚无导入：所有形状均为示意。")).to_be_visible()
    page.locator("input[type='file']").first.set_input_files(str(official))
    expect(page.get_by_text(re.compile(r"读取 15 个要素，匹配 15 个，未匹配 0 个；坐标系 EPSG:4527"))).to_be_visible(
        timeout=30_000
    )
    frame = map_frame(page)
    assert frame.locator("path.leaflet-interactive").count() >= 30  # 15 shapes now + 15 imported
    page.screenshot(path=str(ARTIFACTS / "data_page_preview_1280.png"), full_page=True)
    page.get_by_label("姓名（必填）").first.fill("王工")
    page.get_by_label("说明").first.fill("区规划局 2025 年镇界（测试）")
    page.get_by_role("button", name="接受并保存为新版本").click()
    expect(page.get_by_text(re.compile(r"已保存为版本 1（15 个要素）"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("区规划局 2025 年镇界（测试）")).to_be_visible()

    page.goto(f"{data_server.url}/?sel=zhengjia&layers=towns&base=none")
    expect(page.get_by_text(re.compile("导入的正式边界"))).to_be_visible(timeout=30_000)
    assert town_outlines(page) == {"solid": 15, "dashed": 0}  # imported official shapes: no 示意 dashes

    page.goto(f"{data_server.url}/data")
    expect(page.get_by_role("heading", name="版本历史")).to_be_visible(timeout=30_000)
    revert_form = page.locator("[data-testid='stForm']").last
    revert_form.get_by_label("姓名（必填）").fill("李工")
    revert_form.get_by_role("button", name="撤销（另存为新版本）").click()
    expect(page.get_by_text("已撤销版本 1，结果保存为版本 2。")).to_be_visible(timeout=60_000)
    page.goto(f"{data_server.url}/?sel=zhengjia&layers=towns&base=none")
    expect(page.get_by_text(re.compile("镇驻地参考点泰森多边形"))).to_be_visible(timeout=30_000)
    assert town_outlines(page) == {"solid": 0, "dashed": 15}


def town_outlines(page) -> dict[str, int]:
    """How many town outlines the map draws solid and dashed (the towns layer alone; the selection is not counted)."""
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 16")
    return frame.evaluate(
        """() => {
          const paths = [...document.querySelectorAll('path.leaflet-interactive')]
            .filter(p => p.getAttribute('stroke') === '#333333' || p.getAttribute('stroke') === '#6d6d6d');
          const towns = paths.filter(p => p.getAttribute('stroke') === '#6d6d6d');
          return {solid: towns.filter(p => !p.getAttribute('stroke-dasharray')).length,
                  dashed: towns.filter(p => !!p.getAttribute('stroke-dasharray')).length};
        }"""
    )


def test_a_hostile_upload_gets_a_message_and_changes_nothing(data_server, laptop_page, tmp_path):
    page = laptop_page
    bomb = tmp_path / "evil.zip"
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("../../escape.shp", b"x")
    open_data_page(page, data_server)
    page.locator("input[type='file']").first.set_input_files(str(bomb))
    refused = "evil.zip：压缩包中有指向包外的路径（'../../escape.shp'），已拒绝"  # the page speaks Chinese
    expect(page.get_by_text(refused, exact=True)).to_be_visible(timeout=30_000)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "outside its folder" not in body
    expect(page.get_by_text("尚无导入：所有形状均为示意。")).to_be_visible()
    assert not (tmp_path / "escape.shp").exists()
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    expect(page.get_by_text(re.compile(r"evil\.zip: the zip holds a path outside its folder"))).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text(refused, exact=True)).to_have_count(0)


TRACE_SEATS = [("zhengjia_seat", "郑家镇"), ("douhutun_seat", "斗虎屯镇"), ("shazhen_seat", "沙镇镇")]


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the Streamlit selectbox labelled `label` (typed, as a user filters a long list)."""
    box = page.get_by_label(label, exact=False).first
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()


def test_trace_a_zone_from_a_plan_figure_with_three_control_points_and_a_drawn_polygon(
    data_server, laptop_page, atlas, tmp_path
):
    from gisapp.build.anchors import load_anchors
    from tests.ingest.figure_fixture import plan_figure

    page = laptop_page
    figure_path = tmp_path / "附图3_农业布局.png"
    mapping = plan_figure(atlas, figure_path)
    seats = load_anchors(LAYERS_DIR / "inputs" / "anchors.yaml").points
    open_data_page(page, data_server)
    expect(page.get_by_role("heading", name="从规划附图描绘")).to_be_visible()
    page.locator("input[type='file']").nth(1).set_input_files(str(figure_path))
    picker = page.frame_locator("iframe[title='streamlit_image_coordinates.streamlit_image_coordinates']")
    image = picker.locator("img")
    expect(image).to_be_visible(timeout=30_000)
    for number, (seat_id, name) in enumerate(TRACE_SEATS, start=1):
        box = image.bounding_box()
        x, y = mapping.pixel(seats[seat_id].point.x, seats[seat_id].point.y)
        image.click(position={"x": x * box["width"] / mapping.size[0], "y": y * box["height"] / mapping.size[1]})
        expect(page.get_by_text(re.compile(r"已选像素：x \d+，y \d+"))).to_be_visible(timeout=20_000)
        _choose(page, "这是哪里", name)
        page.get_by_role("button", name="添加控制点").click()
        if number < 3:
            expect(page.get_by_text(f"已有 {number} 个控制点，至少需要 3 个。")).to_be_visible(timeout=20_000)
    rms = page.get_by_text(re.compile(r"控制点残差均方根 (\d+) m"))
    expect(rms).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile("残差必然为 0"))).to_be_visible()
    frame = map_frame(page)
    expect(frame.locator("img.leaflet-image-layer")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "data_page_trace_1280.png"))
    frame.locator(".leaflet-draw-draw-polygon").click()
    container = frame.locator("#map_div").bounding_box()
    cx, cy = container["width"] / 2, container["height"] / 2
    corners = [(cx - 50, cy - 40), (cx + 50, cy - 40), (cx + 50, cy + 40), (cx - 50, cy + 40)]
    for px, py in corners:
        frame.locator("#map_div").click(position={"x": px, "y": py})
        page.wait_for_timeout(200)
    frame.locator("#map_div").click(position={"x": corners[0][0], "y": corners[0][1]})
    expect(page.get_by_text(re.compile(r"已描绘 1 块，面积 [\d.]+ km²"))).to_be_visible(timeout=30_000)
    map_frame(page).locator("#map_div").screenshot(path=str(ARTIFACTS / "data_page_trace_drawn_1280.png"))
    trace_form = page.locator("[data-testid='stForm']").filter(has=page.get_by_role("button", name="保存描绘为新版本"))
    trace_form.get_by_label("姓名（必填）").fill("赵工")
    trace_form.get_by_label("说明").fill("据附图3 描绘（测试）")
    trace_form.get_by_role("button", name="保存描绘为新版本").click()
    expect(page.get_by_text(re.compile(r"已保存为版本 1：.+的形状现按附图描绘（仍为示意）"))).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_text("据附图3 描绘（测试）")).to_be_attached()  # a cell of the history table
