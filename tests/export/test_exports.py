"""Exports opened and checked as a user would: sizes, pages, text, fonts, tables; bad input refused."""

import datetime as dt
import warnings

import pyogrio
import pytest
from PIL import Image
from pypdf import PdfReader

from gisapp.atlas.flat import FACT_COLUMNS
from gisapp.cli import main
from gisapp.errors import ExportError
from gisapp.export.facts_csv import write_csv
from gisapp.export.fonts import cjk_font_path
from gisapp.export.gpkg import write_gpkg
from gisapp.export.print_map import MapRequest, check_request, write_map
from gisapp.export.profile_sheet import write_profile
from gisapp.export.text import display_width, wrap
from gisapp.mapview.assets import local_url
from gisapp.views.explorer import default_layers

MM_TO_PT = 72 / 25.4


def test_a_real_cjk_font_is_found():
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(str(cjk_font_path())).get_charmap()
    assert all(ord(char) in charmap for char in "郑家镇轴承葡萄园区")


def test_wrap_counts_chinese_as_double_width():
    lines = wrap("东昌府区产业规划 Industrial plan of Dongchangfu", 16)
    assert all(display_width(line) <= 16 for line in lines)
    assert "".join(lines).replace(" ", "") == "东昌府区产业规划Industrialplanof" + "Dongchangfu"


def test_png_map_has_the_requested_pixel_size_and_is_not_blank(atlas, tmp_path):
    out = write_map(atlas, MapRequest(default_layers(atlas), paper="A4", orientation="landscape", dpi=150),
                     tmp_path / "map.png")  # fmt: skip
    with Image.open(out) as image:
        assert image.size == (int(297 / 25.4 * 150), int(210 / 25.4 * 150))  # matplotlib truncates
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # drawn, not an empty page


def test_pdf_map_has_the_page_size_title_and_cjk_font(atlas, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning in matplotlib: fail on it
        out = write_map(atlas, MapRequest(("towns", "agri_zones"), paper="A3", orientation="portrait", dpi=150),
                         tmp_path / "map.pdf")  # fmt: skip
    page = PdfReader(out).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
        round(297 * MM_TO_PT),
        round(420 * MM_TO_PT),
    )
    text = page.extract_text()
    assert "东昌府区规划图" in text and "示意" in text and "七大农业示范区" in text
    fonts = {str(font["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert any("CJK" in name for name in fonts), fonts


def test_svg_map_is_written(atlas, tmp_path):
    out = write_map(atlas, MapRequest(("district",), dpi=150, lang="en"), tmp_path / "map.svg")
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_map_of_one_zone_is_titled_with_its_name(atlas, tmp_path):
    out = write_map(atlas, MapRequest(("towns", "agri_zones"), extent="agri_grapes", dpi=150), tmp_path / "z.pdf")
    assert "现代有机葡萄产业示范区" in PdfReader(out).pages[0].extract_text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"layers": ("towns", "nope")}, "unknown layer"),
        ({"dpi": 600}, "dpi must be between 150 and 300"),
        ({"dpi": 72}, "dpi must be between 150 and 300"),
        ({"paper": "Letter"}, "paper must be"),
        ({"extent": "atlantis"}, "unknown extent"),
        ({"extent": "200,1,300,2"}, "not a WGS-84 box"),
        ({"layers": ()}, "at least one layer"),
    ],
)
def test_bad_map_requests_are_refused_with_a_clear_message(atlas, change, message):
    request = MapRequest(**{"layers": ("towns",), **change})
    with pytest.raises(ExportError, match=message):
        check_request(atlas, request)


def test_output_into_a_missing_folder_is_refused_and_leaves_nothing(atlas, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("keep me")
    with pytest.raises(ExportError, match="does not exist"):
        write_map(atlas, MapRequest(("towns",), dpi=150), blocker / "map.png")
    with pytest.raises(ExportError, match="does not exist"):
        write_profile(atlas, "agri_grapes", blocker / "p.pdf")
    assert blocker.read_text() == "keep me" and list(tmp_path.iterdir()) == [blocker]


def test_cli_map_export_reports_bad_dpi(capsys, tmp_path):
    assert main(["export", "map", "--dpi", "900", "-o", str(tmp_path / "x.png")]) == 2
    assert "dpi must be between" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_geopackage_has_every_layer_with_its_feature_count(atlas, tmp_path):
    out = tmp_path / "atlas.gpkg"
    counts = write_gpkg(atlas, out)
    tables = dict(pyogrio.list_layers(out))
    assert {name for name, geometry in tables.items() if geometry} == {spec.id for spec in atlas.layers}
    for spec in atlas.layers:
        info = pyogrio.read_info(out, layer=spec.id)
        assert info["features"] == len(atlas.frame(spec.id)) == counts[spec.id]
        assert info["crs"] == "EPSG:4326"
    grapes = pyogrio.read_dataframe(out, layer="agri_zones", where="id = 'agri_grapes'")
    assert grapes["towns"].item() == "douhutun" and "葡萄" in grapes["industries"].item()


def test_fact_csv_lists_every_fact_with_its_source(atlas, tmp_path):
    out = tmp_path / "facts.csv"
    rows = write_csv(atlas, out)
    text = out.read_text(encoding="utf-8-sig")
    header, *lines = text.splitlines()
    assert header.split(",") == list(FACT_COLUMNS)
    assert rows == len(lines) > 400
    assert any("agri_grapes" in line and "葡萄" in line and "001_b1d87f77284c0846.txt" in line for line in lines)


def test_profile_pdf_is_a4_with_name_targets_notes_by_document_title_and_date(atlas, tmp_path):
    days = {dt.date.today().isoformat()}
    out = write_profile(atlas, "zhengjia_cluster", tmp_path / "p.pdf", "both")
    days.add(dt.date.today().isoformat())  # the sheet may have been dated either side of midnight
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 3
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)
    text = "".join(page.extract_text() for page in reader.pages)
    expected_texts = ("郑家镇工业集聚区", "Zhengjia Town Industrial Cluster", "150", "示意", "要点 Key facts",
                      "《东昌府区产业规划（2021-2030年）》第 ")  # fmt: skip
    for expected in expected_texts:
        assert expected in text
    assert "001_b1d87f77284c0846.txt" not in text  # notes name the document, never the seed file
    assert any(day in text for day in days)


def test_profile_png_is_an_a4_image(atlas, tmp_path):
    out = write_profile(atlas, "agri_grapes", tmp_path / "p.png", "en", dpi=100)
    with Image.open(out) as image:
        width, height = image.size
    page_height = int(297 / 25.4 * 100)
    assert width == int(210 / 25.4 * 100) and height % page_height == 0


def test_profile_of_an_unknown_zone_is_refused(atlas, tmp_path, capsys):
    assert main(["profile", "atlantis", "-o", str(tmp_path / "p.pdf")]) == 2
    assert "unknown feature id 'atlantis'" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()


def test_cli_html_export_writes_a_self_contained_page(tmp_path):
    out = tmp_path / "map.html"
    assert main(["export", "html", "--layers", "towns,agri_zones", "--basemap", "none", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "/component/" not in page.replace(local_url("leaflet_images"), "")  # every asset inlined (marker images
    assert "L.map(" in page  # are unused: the atlas draws circle markers)
    assert main(["export", "html", "--layers", "nope", "-o", str(tmp_path / "x.html")]) == 2


def test_geopackage_carries_a_default_qgis_style_per_layer(atlas, tmp_path):
    import sqlite3
    import xml.etree.ElementTree as ET

    out = tmp_path / "atlas.gpkg"
    write_gpkg(atlas, out)
    assert dict(pyogrio.list_layers(out))["layer_styles"] is None  # an attribute table, not a map layer
    with sqlite3.connect(out) as db:
        styles = dict(db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1"))
        registered = db.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'").fetchone()
    assert registered == ("attributes",)
    assert set(styles) == {spec.id for spec in atlas.layers}
    agri = ET.fromstring(styles["agri_zones"].split("'SYSTEM'>", 1)[1])
    layers = {
        layer.get("class"): {option.get("name"): option.get("value") for option in layer.iter("Option")}
        for layer in agri.iter("layer")
    }
    assert layers["SimpleFill"]["color"] == "129,199,132,115"  # #81c784 at 0.45
    outline = layers["SimpleLine"]
    assert outline["line_color"] == "46,125,50,255" and outline["use_custom_dash"] == "1"
    on, off = (float(length) for length in outline["customdash"].split(";"))
    assert on / off == pytest.approx(6 / 3, rel=0.01)  # the catalogue's own "6 3", not QGIS's stock dash



def test_the_tianditu_key_stays_out_of_an_exported_map_unless_asked(atlas, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIANDITU_KEY", "secret-key-123")
    out = tmp_path / "map.html"
    assert main(["export", "html", "--layers", "towns", "--basemap", "tianditu", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "secret-key-123" not in page and "tianditu.gov.cn" in page
    assert "left out" in capsys.readouterr().err
    assert main(["export", "html", "--layers", "towns", "--basemap", "tianditu", "--include-key", "-o", str(out)]) == 0
    assert "tk=secret-key-123" in out.read_text(encoding="utf-8")
    assert "warning" in capsys.readouterr().err



def test_geopackage_is_version_1_2_with_styles_dated_as_geopackage_asks(atlas, tmp_path):
    import re
    import sqlite3

    out = tmp_path / "atlas.gpkg"
    write_gpkg(atlas, out)
    with sqlite3.connect(out) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200
        stamps = [row[0] for row in db.execute("SELECT update_time FROM layer_styles")]
    assert stamps and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp) for stamp in stamps)
