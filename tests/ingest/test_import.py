import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Polygon

from gisapp.atlas.geo import to_metric
from gisapp.atlas.validation import validate_atlas
from gisapp.build.run import build_layers
from gisapp.cli import main
from gisapp.config import REPO_ROOT, STORE_FILE
from gisapp.errors import IngestError
from gisapp.ingest.prepare import apply_import, prepare_import
from gisapp.store.effective import accepted_shapes, current_atlas, geometry_dir
from gisapp.store.sqlite import SqliteStore
from gisapp.views.profile import build_profile
from tests.ingest.fixtures import gcj02_geojson, kml, zipped_shapefile

FIFTEEN = 15  # the plan's 14 towns/subdistricts and 嘉明经济开发区


def iou(a, b) -> float:
    a, b = to_metric(a), to_metric(b)
    return a.intersection(b).area / a.union(b).area


@pytest.fixture(scope="module")
def official_files(tmp_path_factory, towns_frame):
    folder = tmp_path_factory.mktemp("official")
    return {
        "shp-4527-gbk": zipped_shapefile(towns_frame, folder / "z4527", "EPSG:4527", prj=True),
        "shp-4548-noprj": zipped_shapefile(towns_frame, folder / "z4548", "EPSG:4548", prj=False),
        "geojson-gcj02": gcj02_geojson(towns_frame, folder / "towns_gcj.geojson"),
        "kml": kml(towns_frame, folder / "towns.kml"),
    }


@pytest.mark.parametrize(
    ("fixture", "crs", "how"),
    [
        ("shp-4527-gbk", "EPSG:4527", "declared"),
        ("shp-4548-noprj", "EPSG:4548", "detected"),
        ("geojson-gcj02", "GCJ-02", "detected"),
        ("kml", "EPSG:4490", "declared"),
    ],
)
def test_official_style_files_are_read_placed_and_matched(atlas, official_files, fixture, crs, how):
    plan = prepare_import(atlas, official_files[fixture], "towns")
    assert (plan.crs.chosen.code, plan.crs.how) == (crs, how), plan.crs.message
    assert plan.ready and len(plan.matched) == FIFTEEN and plan.unmatched_imported == [] and plan.unmatched_atlas == []
    for fid, shape in plan.shapes.items():
        assert iou(shape, atlas.geometry(fid)) > 0.9999, fid


def test_lonlat_on_an_old_datum_is_read_in_that_datum_with_its_warning(atlas, towns_frame, tmp_path):
    """Xi'an 1980 longitude/latitude (EPSG:4610) is not CGCS2000: converted by PROJ, never silently taken as 4490."""
    path = tmp_path / "towns_xian80.gpkg"
    towns_frame.to_crs("EPSG:4610").to_file(path, driver="GPKG")
    plan = prepare_import(atlas, path, "towns")
    assert (plan.crs.chosen.code, plan.crs.how, plan.crs.declared) == ("EPSG:4610", "declared", "EPSG:4610")
    assert "西安80" in plan.crs.message.zh and "Xi'an 1980" in plan.crs.message.en
    assert plan.ready and len(plan.matched) == FIFTEEN


def test_gbk_names_without_cpg_are_read_as_chinese_not_mojibake(atlas, official_files):
    plan = prepare_import(atlas, official_files["shp-4527-gbk"], "towns")
    assert plan.source.encoding == "GB18030" and "梁水镇镇" in plan.source.frame["XZQMC"].tolist()
    liangshui = next(m for m in plan.matched if m.feature_id == "liangshuizhen")
    assert liangshui.values == ["梁水镇镇"]  # the official name matched the plan's 梁水镇


def test_the_dry_run_report_lists_candidates_and_what_would_change(atlas, official_files):
    report = prepare_import(atlas, official_files["geojson-gcj02"], "towns").report()
    json.dumps(report, ensure_ascii=False)  # JSON-ready
    by_crs = {c["crs"]: c for c in report["crs"]["candidates"]}
    assert set(by_crs) == {"EPSG:4490", "GCJ-02", "BD-09"}
    assert by_crs["GCJ-02"]["overlap_iou"] > by_crs["EPSG:4490"]["overlap_iou"] + 0.05
    assert "GCJ-02" in report["warnings"][0]  # converting is said, not done silently
    row = next(m for m in report["matched"] if m["feature_id"] == "zhengjia")
    assert row["area_before_km2"] == pytest.approx(row["area_after_km2"], rel=1e-3) and row["centroid_shift_m"] < 5


def test_a_given_crs_overrides_detection(atlas, official_files):
    plan = prepare_import(atlas, official_files["geojson-gcj02"], "towns", crs="EPSG:4490")
    assert (plan.crs.chosen.code, plan.crs.how) == ("EPSG:4490", "given")
    shifted = plan.shapes["zhengjia"]
    assert to_metric(shifted.centroid).distance(to_metric(atlas.geometry("zhengjia").centroid)) > 300


def test_codes_match_when_names_do_not(atlas, towns_frame, tmp_path):
    coded = towns_frame.assign(XZQMC="某地")[towns_frame["XZQDM"] != ""]
    path = tmp_path / "codes.geojson"
    coded.to_file(path, driver="GeoJSON")
    plan = prepare_import(atlas, path, "towns")
    assert plan.match_field == "XZQDM" and len(plan.matched) == FIFTEEN - 1  # 嘉明 has no official code
    assert plan.unmatched_atlas == ["jiaming"]


def test_applied_import_is_in_force_everywhere_and_revert_restores_the_schematic_layers_byte_for_byte(
    layers_copy, official_files, seeds_folder
):
    store = SqliteStore(layers_copy.parent / "data" / STORE_FILE)
    before = current_atlas(layers_copy, store)
    plan = prepare_import(before, official_files["shp-4548-noprj"], "towns")
    version = apply_import(plan, store, "王工", "区规划局 镇界")
    after = current_atlas(layers_copy, store)
    towns = after.frame("towns")
    assert not towns["schematic"].any() and set(towns["geometry_method"]) == {"official-import"}
    assert towns.loc["zhengjia", "geometry_version"] == version.number
    assert "z4548.zip" in towns.loc["zhengjia", "geometry_source"]
    note = build_profile(after, after.features["zhengjia"], "zh").geometry_note  # the panel says where it came from
    assert f"导入版本 {version.number}" in note and "z4548.zip" in note
    assert "schematic" not in build_profile(after, after.features["zhengjia"], "en").geometry_note.lower()
    assert validate_atlas(after, seeds_folder).ok
    assert after.features == before.features  # facts and citations untouched
    store.revert(version.number, "李工", "退回")
    folder, _ = geometry_dir(layers_copy, store)
    assert folder == layers_copy
    rebuilt = layers_copy.parent / "rebuilt"
    rebuilt.mkdir()
    build_layers(layers_copy, rebuilt, accepted=accepted_shapes(store.current()))
    for layer_file in layers_copy.glob("*.geojson"):
        assert (rebuilt / layer_file.name).read_bytes() == layer_file.read_bytes(), layer_file.name


def test_a_partial_import_rebuilds_dependent_layers_and_validate_reports_what_no_longer_tiles(
    layers_copy, atlas, seeds_folder, tmp_path
):
    grown = to_metric(atlas.geometry("zhengjia")).buffer(2000).intersection(to_metric(atlas.geometry("district")))
    frame = gpd.GeoDataFrame({"name": ["郑家"]}, geometry=[grown], crs="EPSG:4548")
    path = tmp_path / "zhengjia.gpkg"
    frame.to_file(path, driver="GPKG")
    store = SqliteStore(layers_copy.parent / "data" / STORE_FILE)
    plan = prepare_import(atlas, path, "towns")
    assert [m.feature_id for m in plan.matched] == ["zhengjia"] and len(plan.unmatched_atlas) == FIFTEEN - 1
    apply_import(plan, store, "王工", "郑家镇界")
    after = current_atlas(layers_copy, store)
    assert after.geometry("plan_scope").area > atlas.geometry("plan_scope").area  # the union follows the towns
    problems = validate_atlas(after, seeds_folder).problems
    assert any("'zhengjia'" in p and "overlap" in p for p in problems)


def test_invalid_geometry_is_repaired_and_reported(atlas, tmp_path):
    bow_tie = Polygon([(115.70, 36.40), (115.80, 36.50), (115.80, 36.40), (115.70, 36.50)])
    path = tmp_path / "bowtie.geojson"
    gpd.GeoDataFrame({"name": ["郑家镇"]}, geometry=[bow_tie], crs="EPSG:4326").to_file(path, driver="GeoJSON")
    plan = prepare_import(atlas, path, "towns", crs="EPSG:4490")
    assert plan.shapes["zhengjia"].is_valid and plan.report()["repaired"] == ["zhengjia"]
    assert any("make_valid" in warning for warning in plan.warnings)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a readable zip"),
        (lambda p: _zip(p, {"../../etc/evil.shp": b"x"}), "outside its folder"),
        (lambda p: _zip(p, {"/abs/evil.shp": b"x"}), "outside its folder"),
        (lambda p: _zip(p, {"bomb.shp": b"\0" * (64 * 1024 * 1024)}), "zip bomb"),
        (lambda p: _zip(p, {"readme.txt": b"hello"}), "no Shapefile"),
    ],
)
def test_unsafe_or_broken_archives_are_refused_by_name(atlas, tmp_path, make, message):
    path = tmp_path / "upload.zip"
    make(path)
    with pytest.raises(IngestError, match=message):
        prepare_import(atlas, path, "towns")


def _zip(path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)


def test_wrong_types_far_coordinates_and_unknown_layers_are_reported_not_imported(atlas, tmp_path):
    points = tmp_path / "points.geojson"
    gpd.GeoDataFrame({"name": ["郑家镇"]}, geometry=gpd.points_from_xy([115.75], [36.45]), crs="EPSG:4326").to_file(
        points, driver="GeoJSON"
    )
    plan = prepare_import(atlas, points, "towns", crs="EPSG:4490")
    assert not plan.ready and plan.skipped[0]["reason"] == "Point where the layer holds polygons"
    far = tmp_path / "far.gpkg"
    shape = to_metric(atlas.geometry("zhengjia")).buffer(10)
    gpd.GeoDataFrame({"name": ["郑家镇"]}, geometry=[shape], crs="EPSG:4548").to_crs("EPSG:4326").set_crs(
        "EPSG:32650", allow_override=True
    ).to_file(far, driver="GPKG")
    plan = prepare_import(atlas, far, "towns")
    assert not plan.ready and plan.crs.how == "implausible"
    with pytest.raises(IngestError, match="unknown layer"):
        prepare_import(atlas, points, "no_such_layer")


def test_markup_in_names_stays_text_in_the_report(atlas, tmp_path):
    path = tmp_path / "markup.geojson"
    hostile = "<img src=x onerror=alert(1)>郑家"
    gpd.GeoDataFrame({"name": [hostile, "郑家镇"]}, geometry=[atlas.geometry("zhengjia")] * 2, crs="EPSG:4326").to_file(
        path, driver="GeoJSON"
    )
    report = prepare_import(atlas, path, "towns", match_field="name").report()
    assert report["unmatched_imported"] == [
        {"row": 0, "value": hostile, "reason": "no atlas feature has this name or code"}
    ]


def test_cli_dry_run_prints_the_report_and_writes_nothing(layers_copy, official_files, capsys):
    code = main(["--layers", str(layers_copy), "import", str(official_files["kml"]), "--layer", "towns"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ready"] and report["crs"]["chosen"] == "EPSG:4490"
    assert "applied_version" not in report
    assert not (layers_copy.parent / "data").exists()


def test_cli_apply_history_and_revert(layers_copy, official_files, capsys):
    args = ["--layers", str(layers_copy)]
    assert main([*args, "import", str(official_files["kml"]), "--layer", "towns", "--apply", "--note", "试导入"]) == 0
    assert json.loads(capsys.readouterr().out)["applied_version"] == 1
    assert main([*args, "history"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["version"], r["action"], r["note"]) for r in rows] == [(1, "import", "试导入")]
    assert main([*args, "revert", "1", "--note", "撤销"]) == 0
    assert "reverted version 1" in capsys.readouterr().out
    assert main([*args, "revert", "9"]) == 2  # no such version: a message, not a traceback


def test_kill_9_during_import_apply_leaves_the_previous_version_loadable(layers_copy, official_files, seeds_folder):
    """The import is killed at several moments; each time the store and layers load and validate."""
    store = SqliteStore(layers_copy.parent / "data" / STORE_FILE)
    command = [sys.executable, "-m", "gisapp", "--layers", str(layers_copy), "import",
               str(official_files["shp-4527-gbk"]), "--layer", "towns", "--apply", "--note", "kill test"]  # fmt: skip
    heads = []
    for delay in (0.6, 1.2, 1.8, 2.4, 3.0):
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=os.environ, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        heads.append(store.head())
        atlas = current_atlas(layers_copy, store)
        assert validate_atlas(atlas, seeds_folder).ok
        towns = atlas.frame("towns")
        assert set(towns["schematic"]) == ({False} if store.current() else {True})
    assert heads == sorted(heads)  # versions only ever complete, never half-written
