"""Every message of the importers in both languages: the English one for the CLI, the Chinese one for the page.

The English form (str(exc), the JSON report) is what it was; the Chinese form keeps the file's name and the
numbers, and is Chinese text, not the English again.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Polygon

from gisapp.errors import GisappError, IngestError
from gisapp.i18n import Text, error_text
from gisapp.ingest.crs import XIAN80
from gisapp.ingest.figure import ControlPoint, fit_figure, load_figure
from gisapp.ingest.prepare import apply_import, prepare_import
from gisapp.ingest.trace import prepare_trace
from tests.ingest.fixtures import gcj02_geojson, zipped_shapefile

HAN = re.compile(r"[\u4e00-\u9fff]")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path


def _towns_file(atlas, path: Path, names: list[str]) -> Path:
    gpd.GeoDataFrame({"name": names}, geometry=[atlas.geometry("zhengjia")] * len(names), crs="EPSG:4326").to_file(
        path, driver="GeoJSON"
    )
    return path


def _zhengjia_gpkg(atlas, path: Path) -> Path:
    gpd.GeoDataFrame({"name": ["郑家镇"]}, geometry=[atlas.geometry("zhengjia")], crs="EPSG:4326").to_file(
        path, layer="xzq", driver="GPKG"
    )
    return path


BAD_IMPORTS = {  # what the user gives -> (the call that must refuse it, English fragment, Chinese fragment)
    "empty file": (lambda a, d: prepare_import(a, _write(d / "empty.geojson", b""), "towns"),
                   "empty.geojson: the file is empty", "empty.geojson：文件是空的"),
    "unsupported format": (lambda a, d: prepare_import(a, _write(d / "towns.xlsx", b"PK"), "towns"),
                           "not a supported format", "不支持的文件格式"),
    "not a zip": (lambda a, d: prepare_import(a, _write(d / "fake.zip", b"PK\x03\x04 nope"), "towns"),
                  "not a readable zip", "不是可读取的 zip 压缩包"),
    "path outside the zip": (lambda a, d: prepare_import(a, _zip(d / "evil.zip", {"../../x.shp": b"x"}), "towns"),
                             "outside its folder", "指向包外的路径"),
    "zip bomb": (lambda a, d: prepare_import(a, _zip(d / "bomb.zip", {"b.shp": b"\0" * (64 * 2**20)}), "towns"),
                 "zip bomb", "压缩炸弹"),
    "zip without a Shapefile": (lambda a, d: prepare_import(a, _zip(d / "doc.zip", {"a.txt": b"hi"}), "towns"),
                                "no Shapefile", "没有 Shapefile"),
    "Shapefile without .dbf": (
        lambda a, d: prepare_import(a, _zip(d / "nodbf.zip", {"xzq.shp": b"x", "xzq.shx": b"x"}), "towns"),
        "xzq.shp: the Shapefile has no .dbf", "xzq.shp：该 Shapefile 缺少 .dbf（属性表）"),
    "KMZ without a KML": (lambda a, d: prepare_import(a, _zip(d / "map.kmz", {"a.png": b"x"}), "towns"),
                          "the zip holds no KML document", "压缩包内没有 KML 文档"),
    "unknown target layer": (lambda a, d: prepare_import(a, _towns_file(a, d / "t.geojson", ["郑家镇"]), "no_such"),
                             "unknown layer 'no_such'", "未知图层 'no_such'"),
    "unknown source layer": (
        lambda a, d: prepare_import(a, _zhengjia_gpkg(a, d / "t.gpkg"), "towns", source_layer="nope"),
        "no layer 'nope' (has: xzq)", "没有名为 'nope' 的图层（现有图层：xzq）"),
    "unknown field": (lambda a, d: prepare_import(a, _towns_file(a, d / "t.geojson", ["郑家镇"]), "towns",
                                                  match_field="MC"), "no field 'MC'", "没有字段 'MC'"),
    "bad CRS code": (lambda a, d: prepare_import(a, _towns_file(a, d / "t.geojson", ["郑家镇"]), "towns",
                                                 crs="EPSG:999999"), "unknown CRS 'EPSG:999999'",
                     "无法识别的坐标系 'EPSG:999999'"),
    "unmatched names": (lambda a, d: apply_import(prepare_import(a, _towns_file(a, d / "t.geojson", ["某地"]), "towns"),
                                                  None, "王工", ""),
                        "the import cannot be applied: no attribute", "无法应用此次导入：文件中没有任何字段"),
    "no author": (lambda a, d: apply_import(prepare_import(a, _towns_file(a, d / "t.geojson", ["郑家镇"]), "towns",
                                                           crs="EPSG:4490"), None, " ", ""),
                  "say who is importing", "请填写导入人姓名"),
}  # fmt: skip


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(BAD_IMPORTS))
def test_every_refused_import_says_why_in_chinese_and_in_english(atlas, tmp_path, case):
    attempt, english, chinese = BAD_IMPORTS[case]
    with pytest.raises(IngestError) as caught:
        attempt(atlas, tmp_path)
    exc = caught.value
    assert english in str(exc)  # the CLI's message, unchanged
    assert exc.zh and HAN.search(exc.zh) and chinese in exc.zh, exc.zh
    assert error_text(exc).get("zh") == exc.zh and error_text(exc).get("en") == str(exc)


def test_figure_and_tracing_errors_say_why_in_chinese(atlas):
    place = ControlPoint(10, 10, 115.9, 36.45, "郑家镇")
    far_away = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    attempts = [
        lambda: load_figure(b"", "附图1.png"),
        lambda: load_figure(b"x", "附图1.tif"),
        lambda: load_figure(b"not an image", "附图1.png"),
        lambda: load_figure(b"not a pdf", "附图1.pdf"),
        lambda: fit_figure([place] * 3, "spline"),
        lambda: fit_figure([place] * 5, "polynomial"),
        lambda: fit_figure([place] * 3, "affine"),
        lambda: prepare_trace(atlas, "no_such_zone", {}),
        lambda: prepare_trace(atlas, "zhengjia", {"type": "Point"}),
        lambda: prepare_trace(atlas, "zhengjia", {"type": "LineString", "coordinates": [[115.9, 36.4], [116, 36.5]]}),
        lambda: prepare_trace(atlas, "zhengjia", far_away),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(IngestError) as caught:
            attempt()
        assert caught.value.zh and HAN.search(caught.value.zh), str(caught.value)
    with pytest.raises(IngestError) as caught:
        fit_figure([place] * 5, "polynomial")
    assert caught.value.zh == "二次多项式拟合至少需要 6 个控制点，现有 5 个"


def test_an_error_without_chinese_reads_the_same_in_both_languages():
    plain = GisappError("no such version 9")
    assert error_text(plain) == Text(zh="no such version 9", en="no such version 9")
    assert error_text(ValueError("bad")).get("zh") == "bad"


def test_notes_warnings_crs_messages_and_reasons_come_in_both_languages(atlas, towns_frame, tmp_path):
    shp = prepare_import(atlas, zipped_shapefile(towns_frame, tmp_path / "gbk", "EPSG:4527", prj=True), "towns")
    assert shp.source.notes[0].zh == "无 .cpg 文件；据内容识别，属性文字的编码为 GB18030"
    assert shp.report()["notes"] == ["no .cpg; attribute text decodes as GB18030 (detected)"]  # the CLI: English

    gcj = prepare_import(atlas, gcj02_geojson(towns_frame, tmp_path / "gcj.geojson"), "towns")
    message = gcj.crs.message
    assert "已从 GCJ-02 转换" in message.zh and "converted from GCJ-02" in message.en
    assert gcj.notices == [message] and gcj.report()["warnings"] == [message.en]
    assert gcj.report()["crs"]["message"] == message.en

    bow_tie = Polygon([(115.70, 36.40), (115.80, 36.50), (115.80, 36.40), (115.70, 36.50)])
    two = tmp_path / "two.geojson"
    gpd.GeoDataFrame({"name": ["郑家镇", "郑家", "某地"]}, geometry=[bow_tie, bow_tie, bow_tie],
                     crs="EPSG:4326").to_file(two, driver="GeoJSON")  # fmt: skip
    plan = prepare_import(atlas, two, "towns", crs="EPSG:4490")
    assert [n.zh for n in plan.notices if "（zhengjia）" in n.zh] == [
        "郑家镇（zhengjia）：文件中有 2 个要素与之匹配，已合并为一个形状",
        "郑家镇（zhengjia）：几何形状无效（如自相交），已用 make_valid 修复",
    ]
    assert plan.unmatched_rows[0].reason.zh == "图集中没有此名称或代码的要素"
    assert plan.unmatched_imported == [{"row": 2, "value": "某地", "reason": "no atlas feature has this name or code"}]

    points = tmp_path / "points.geojson"
    gpd.GeoDataFrame({"name": ["郑家镇"]}, geometry=gpd.points_from_xy([115.75], [36.45]), crs="EPSG:4326").to_file(
        points, driver="GeoJSON"
    )
    plan = prepare_import(atlas, points, "towns", crs="EPSG:4490")
    assert plan.skipped_rows[0].reason.zh == "点要素（Point），而该图层只收面要素"
    assert [p.zh for p in plan.problem_texts] == ["文件中没有一个要素既与图集要素匹配、又有可用的形状"]

    far = tmp_path / "far.gpkg"
    gpd.GeoDataFrame({"name": ["郑家镇"]}, geometry=[atlas.geometry("zhengjia")], crs="EPSG:32650").to_file(
        far, driver="GPKG"
    )
    plan = prepare_import(atlas, far, "towns")
    assert plan.crs.how == "implausible"
    assert plan.problem_texts[0].zh.startswith("坐标系：文件声明的坐标系为 EPSG:32650")
    assert plan.problems[0].startswith("coordinate system: the file declares EPSG:32650")
    assert HAN.search(XIAN80.zh) and "Xi'an 1980" in XIAN80.en
