"""The data page (AppTest): what the importers say reaches the planner in the page's language, as plain text."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from gisapp.config import REPO_ROOT
from tests.ingest.fixtures import gcj02_geojson, official_towns

PAGE = str(REPO_ROOT / "pages" / "data_versions.py")


@pytest.fixture()
def data_page(monkeypatch, tmp_path):
    """The data page on the repository's layers, with a store of its own (nothing is written by these tests)."""
    monkeypatch.setenv("GISAPP_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("GISAPP_DATABASE_URL", raising=False)
    return AppTest.from_file(PAGE, default_timeout=180).run()


def _hostile_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("../../escape.shp", b"x")
    return buffer.getvalue()


def _plain(markdown: str) -> str:
    """What the reader sees of a Markdown source whose markup characters are all escaped."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _upload(app: AppTest, name: str, data: bytes) -> AppTest:
    return app.file_uploader(key="import_file").set_value((name, data, "application/octet-stream")).run()


def test_a_refused_upload_is_explained_in_chinese_then_in_english(data_page):
    app = _upload(data_page, "evil.zip", _hostile_zip())
    assert not app.exception
    shown = [error.value for error in app.error]
    assert len(shown) == 1 and "escape\\.shp" in shown[0]  # the file's text is escaped, never Markdown
    assert _plain(shown[0]) == "evil.zip：压缩包中有指向包外的路径（'../../escape.shp'），已拒绝"
    app = app.sidebar.radio(key="data_lang").set_value("en").run()
    english = _plain(app.error[0].value)
    assert english == "evil.zip: the zip holds a path outside its folder ('../../escape.shp'); refused"


def test_the_report_speaks_chinese_crs_conversion_and_left_out_rows(data_page, atlas, tmp_path):
    towns = official_towns(atlas)
    towns.loc[len(towns)] = {"XZQMC": "<b>某地</b>", "XZQDM": "", "geometry": atlas.geometry("zhengjia")}
    path = gcj02_geojson(towns, tmp_path / "towns.geojson")
    app = _upload(data_page, "towns.geojson", path.read_bytes())
    assert not app.exception
    warnings = [_plain(warning.value) for warning in app.warning]
    assert any("已从 GCJ-02 转换" in warning for warning in warnings), warnings
    left_out = next(frame.value for frame in app.dataframe if "原因" in frame.value.columns)
    assert left_out["原因"].tolist() == ["图集中没有此名称或代码的要素"]
    assert left_out["文件中的名称"].tolist() == ["<b>某地</b>"]  # shown as text in a table cell
    candidates = next(frame.value for frame in app.dataframe if "坐标系" in frame.value.columns)
    assert set(candidates["坐标系"]) == {"EPSG:4490", "GCJ-02", "BD-09"}
    summary = next(_plain(m.value) for m in app.markdown if "读取" in _plain(m.value))
    assert "坐标系 GCJ-02（据坐标识别）" in summary, summary
    app = app.sidebar.radio(key="data_lang").set_value("en").run()
    assert any("converted from GCJ-02" in _plain(warning.value) for warning in app.warning)
    left_out = next(frame.value for frame in app.dataframe if "Reason" in frame.value.columns)
    assert left_out["Reason"].tolist() == ["no atlas feature has this name or code"]


def test_the_atlas_own_shapefile_zip_imports_its_towns_layer_and_offers_the_others(data_page, atlas):
    from gisapp.export.shapefile import shapefile_zip_bytes

    app = _upload(data_page, "dongchangfu_plan_atlas_shp.zip", shapefile_zip_bytes(atlas))
    assert not app.exception and not app.error  # 18 layers: read the one named like the layer replaced
    chooser = app.selectbox(key="import_source_layer")
    assert "towns" in chooser.options and "agri_zones" in chooser.options
    summary = [_plain(markdown.value) for markdown in app.markdown if "读取" in _plain(markdown.value)]
    assert summary and "图层 towns" in summary[0] and "匹配 15 个" in summary[0], summary
    assert "坐标系 EPSG:4490（文件声明为 EPSG:4326，二者在本区相差不到 1 米" in summary[0]  # not "4490 declared"
    app = chooser.set_value("agri_zones").run()  # another layer: read, matched against the towns, no crash
    assert not app.exception


def test_a_file_gdal_cannot_read_is_named_as_uploaded_not_as_its_scratch_copy(data_page):
    app = _upload(data_page, "镇界 2025.gpkg", b"SQLite format 3\x00" + b"\x00" * 2000)
    assert not app.exception
    [shown] = [_plain(error.value) for error in app.error]
    assert shown.startswith("镇界 2025.gpkg：无法按 GeoPackage 格式读取") and shown.count("镇界 2025.gpkg") == 1, shown
    assert "gisapp-upload" not in shown and "/tmp" not in shown and "upload." not in shown


def test_a_file_no_reader_recognises_is_called_invalid_without_gdal_driver_advice(data_page):
    app = _upload(data_page, "broken.gpkg", "这不是地理数据文件\n".encode() * 50)
    [shown] = [_plain(error.value) for error in app.error]
    assert shown == "broken.gpkg：不是有效的 GeoPackage 文件（可能已损坏，或扩展名与内容不符）", shown


def test_reverting_a_version_changed_later_warns_by_feature_name_in_the_pages_language(monkeypatch, tmp_path, atlas):
    from gisapp.config import STORE_FILE
    from gisapp.store.records import Change, Provenance, Shape
    from gisapp.store.sqlite import SqliteStore

    monkeypatch.setenv("GISAPP_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("GISAPP_DATABASE_URL", raising=False)
    store = SqliteStore(tmp_path / "data" / STORE_FILE)
    for note, tolerance in (("v1", 0.0), ("v2", 0.0005)):  # two versions of the town's own outline
        shape = Shape(atlas.geometry("zhengjia").simplify(tolerance), Provenance("official-import", {}))
        store.record(Change("towns", "import", "王工", note, {"zhengjia": shape}, {"file": "towns.zip"}))
    app = _revert(AppTest.from_file(PAGE, default_timeout=180).run(), 1)
    assert not app.exception
    assert [_plain(w.value) for w in app.warning if "郑家" in _plain(w.value)] == [
        "郑家镇：版本 2 在版本 1 之后又改过它，撤销时一并替换了那一版的形状。"
    ]
    app = _revert(app.sidebar.radio(key="data_lang").set_value("en").run(), 1)  # version 3 (the revert) came since
    assert [_plain(w.value) for w in app.warning if "Zhengjia" in _plain(w.value)] == [
        f"Zhengjia Town: version {later} changed it after version 1; that later shape was replaced too."
        for later in (2, 3)
    ]


def _revert(app: AppTest, number: int) -> AppTest:
    app.selectbox(key="revert_version").set_value(number)
    app.text_input(key="revert_author").input("李工")
    labels = ("撤销（另存为新版本）", "Undo (saved as a new version)")
    return next(button for button in app.button if button.label in labels).click().run()


def test_the_summary_counts_add_up_when_no_coordinate_system_fits(data_page):
    far = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "郑家镇"},
           "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}]}  # fmt: skip
    app = _upload(data_page, "far.geojson", json.dumps(far).encode())
    assert not app.exception
    summary = next(_plain(m.value) for m in app.markdown if "读取" in _plain(m.value))
    assert "读取 1 个要素，匹配 0 个，未匹配 0 个" in summary and "另有 1 个要素尚未匹配" in summary, summary
    assert any("页面上的“坐标系”选项" in _plain(error.value) for error in app.error)  # not only the CLI's --crs
