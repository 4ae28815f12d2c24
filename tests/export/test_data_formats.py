"""Data exports opened with the tools GIS users have: GDAL's ogrinfo, pyogrio, a QGIS style reader's eye."""

import csv
import io
import json
import re
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pyogrio

from gisapp.cli import main
from gisapp.export.geojson import geojson_bytes
from gisapp.export.gpkg import write_gpkg
from gisapp.export.shapefile import DBF_TEXT_BYTES, FIELD_NAMES, fit_dbf_text

SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _ogrinfo(*args: str) -> str:
    result = subprocess.run(["ogrinfo", *args], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_ogrinfo_opens_the_geopackage_without_a_warning(atlas, tmp_path):
    out = tmp_path / "atlas.gpkg"
    write_gpkg(atlas, out)
    report = _ogrinfo("-so", "-al", str(out))
    assert "warning" not in report.lower() and "error" not in report.lower(), report
    assert report.count("Layer name:") == len(atlas.layers) + 1  # every layer, and the layer_styles table
    with sqlite3.connect(out) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200  # GeoPackage 1.2


def _styles(out) -> dict[str, ET.Element]:
    with sqlite3.connect(out) as db:
        rows = db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1").fetchall()
    return {table: ET.fromstring(qml.split("'SYSTEM'>", 1)[1]) for table, qml in rows}


def test_qgis_styles_label_features_by_name_in_a_cjk_font_with_a_halo(atlas, tmp_path):
    out = tmp_path / "atlas.gpkg"
    write_gpkg(atlas, out)
    styles = _styles(out)
    fields = set(pyogrio.read_info(out, layer="towns")["fields"])
    for spec in atlas.layers:
        root = styles[spec.id]
        assert root.get("labelsEnabled") == ("1" if spec.label else "0")
        assert "Labeling" in root.get("styleCategories")
        text_style = root.find("labeling/settings/text-style")
        assert text_style.get("fieldName") in fields and text_style.get("fieldName") == "name_zh"
        assert "CJK" in text_style.get("fontFamily")
        assert text_style.find("text-buffer").get("bufferDraw") == "1"
        assert text_style.find("text-buffer").get("bufferColor").startswith("255,255,255")
    towns, zones = styles["towns"], styles["agri_zones"]
    assert int(zones.find("labeling/settings/placement").get("priority")) >= int(
        towns.find("labeling/settings/placement").get("priority")
    )
    assert zones.find("labeling/settings/text-style").get("textColor") == "27,94,32,255"  # catalogue #1b5e20


def test_layer_styles_are_dated_in_geopackage_datetime_form(atlas, tmp_path):
    out = tmp_path / "atlas.gpkg"
    write_gpkg(atlas, out)
    with sqlite3.connect(out) as db:
        stamps = [row[0] for row in db.execute("SELECT update_time FROM layer_styles")]
    assert len(stamps) == len(atlas.layers)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp) for stamp in stamps), stamps


def test_geojson_features_have_stable_unique_ids(atlas):
    first = json.loads(geojson_bytes(atlas))["features"]
    again = json.loads(geojson_bytes(atlas))["features"]
    ids = [feature.get("id") for feature in first]
    assert all(isinstance(fid, str) and fid for fid in ids)
    assert len(set(ids)) == len(ids)
    assert ids == [feature["id"] for feature in again]
    assert all(feature["id"] == feature["properties"]["id"] for feature in first)
    assert "agri_grapes" in ids


def test_shapefile_zip_from_the_cli_keeps_chinese_names_for_pyogrio_and_ogrinfo(atlas, tmp_path, capsys):
    out = tmp_path / "atlas_shp.zip"
    assert main(["export", "shp", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        for spec in atlas.layers:
            assert {f"{spec.id}{suffix}" for suffix in SHAPEFILE_PARTS} <= names, spec.id
            assert archive.read(f"{spec.id}.cpg").decode().strip() == "UTF-8"
            assert "WGS_1984" in archive.read(f"{spec.id}.prj").decode()
        mapping = list(csv.DictReader(io.StringIO(archive.read("fields.csv").decode("utf-8"))))
    assert {row["full_name"]: row["shapefile_field"] for row in mapping}["geometry_method"] == "geom_meth"

    towns = pyogrio.read_dataframe(f"/vsizip/{out}/towns.shp")
    assert len(towns) == len(atlas.frame("towns"))
    assert set(towns["name_zh"]) == {atlas.name(fid).zh for fid in atlas.frame("towns").index}
    assert "古楼街道" in set(towns["name_zh"])
    for spec in atlas.layers:
        fields = pyogrio.read_info(f"/vsizip/{out}/{spec.id}.shp")["fields"]
        assert all(len(field) <= 10 for field in fields), (spec.id, fields)
        assert set(fields) <= {short for short, _ in FIELD_NAMES.values()}

    report = _ogrinfo("-ro", "-al", f"/vsizip/{out}/towns.shp")  # no encoding option given: the .cpg says it
    assert "古楼街道" in report and "郑家镇" in report
    assert "warning" not in report.lower()


def test_shapefile_text_is_cut_at_a_character_boundary_within_the_dbf_limit():
    long_text = "规划未给出位置；" * 40
    cut = fit_dbf_text(long_text)
    assert len(cut.encode("utf-8")) <= DBF_TEXT_BYTES and cut.endswith("…")
    assert long_text.startswith(cut[:-1])
    assert fit_dbf_text("郑家镇") == "郑家镇"


def test_shapefile_long_texts_arrive_cut_not_broken(tmp_path):
    out = tmp_path / "atlas_shp.zip"
    assert main(["export", "shp", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        shapefiles = [name for name in archive.namelist() if name.endswith(".shp")]
    texts = []
    for name in shapefiles:
        frame = pyogrio.read_dataframe(f"/vsizip/{out}/{name}")
        for column in ("caveats", "sources", "industries", "projects", "firms"):
            if column in frame:
                texts += [value for value in frame[column] if isinstance(value, str)]
    assert any(text.endswith("…") for text in texts)  # the atlas has texts longer than a DBF field
    assert all(len(text.encode("utf-8")) <= DBF_TEXT_BYTES for text in texts)


def test_a_towns_specialties_targets_and_support_reach_the_geopackage_and_shapefile(atlas, tmp_path):
    gpkg = tmp_path / "atlas.gpkg"
    write_gpkg(atlas, gpkg)
    towns = pyogrio.read_dataframe(gpkg, layer="towns").set_index("id")
    assert "轴承" in towns.loc["zhengjia", "specialties"]  # a planner filtering towns by industry finds it
    clusters = pyogrio.read_dataframe(gpkg, layer="industrial_clusters").set_index("id")
    assert "2025：轴承保持器产业产值 150 亿元" in clusters.loc["zhengjia_cluster", "targets"]
    assert clusters.loc["zhengjia_cluster", "transport"] and clusters.loc["zhengjia_cluster", "support"]
    out = tmp_path / "atlas.zip"
    main(["export", "shp", str(out)])
    with zipfile.ZipFile(out) as archive:
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
        key = list(csv.DictReader(io.StringIO(archive.read("fields.csv").decode("utf-8"))))
        fields = {
            field for name in archive.namelist() if name.endswith(".shp")
            for field in pyogrio.read_info(f"/vsizip/{out}/{name}")["fields"]
        }  # fmt: skip
    assert set(modes.values()) == {0o644}  # unpacks readable, not owner-only
    assert {row["shapefile_field"] for row in key} == fields  # the key explains exactly the fields there are
    assert any(row["full_name"] == "specialties" for row in key)
    with zipfile.ZipFile(out) as archive:
        readme = archive.read("README.txt").decode("utf-8")
    assert "截断" in readme and "GeoPackage" in readme and "cut at a character boundary" in readme
