"""The standalone HTML map: the facts panel is escaped text with sources, the page carries only Leaflet."""

import re

from gisapp.atlas.loading import load_atlas
from gisapp.export.html_map import feature_panels, html_text
from gisapp.mapview.assets import ASSETS, asset_path
from gisapp.mapview.basemaps import available_basemaps
from tests.conftest import edit

LAYERS = ("towns", "agri_zones")


def test_every_exported_feature_has_a_panel_with_its_sources(atlas):
    page = html_text(atlas, LAYERS, available_basemaps()["none"], "zh")
    ids = set(re.findall(r'<template id="atlas-feature-([a-z0-9_]+)">', page))
    expected = {fid for layer in (*LAYERS, "district") for fid in atlas.frame(layer).index if fid in atlas.features}
    assert ids == expected
    panel = feature_panels(atlas, ("agri_zones",), "zh")["agri_grapes"]
    source = atlas.features["agri_grapes"].sources[0]
    assert atlas.documents.title(source.doc, "zh") in panel
    assert source.quote in panel
    assert f'title="{source.doc}"' in panel  # the file name only as a tooltip


def test_english_panel_uses_english_units_and_singular_lines(atlas):
    panel = feature_panels(atlas, ("towns",), "en")["douhutun"]
    assert "<h2>Douhutun Town (斗虎屯镇)</h2>" in panel
    assert re.search(r", line \d+: “", panel) and "行" not in panel.split("“")[0]


def test_panel_text_from_the_data_is_escaped(layers_copy):
    edit(
        layers_copy / "plan" / "towns.yaml",
        'name: {zh: "斗虎屯镇",',
        """name: {zh: '<img src=x onerror="alert(1)">斗虎屯',""",
    )
    hostile = load_atlas(layers_copy)
    panel = feature_panels(hostile, ("towns",), "zh")["douhutun"]
    assert "<img" not in panel and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;斗虎屯" in panel


def test_the_page_inlines_leaflet_only_and_names_its_language(atlas):
    page = html_text(atlas, LAYERS, available_basemaps()["none"], "en")
    assert "<title>Dongchangfu Plan Atlas</title>" in page
    assert "/component/" not in page and "L.Icon.Default.imagePath =" not in page  # no marker images needed
    assert not re.search(r"jquery|bootstrap|font-?awesome", page, re.IGNORECASE)
    leaflet = sum(asset_path(ASSETS[name]).stat().st_size for name in ("leaflet_js", "leaflet_css"))
    assert len(page.encode()) < leaflet + 350_000  # the map, its labels and every panel; nothing unused
