"""One catalogue style, drawn alike by the web map, print (matplotlib) and QGIS — dash patterns included."""

import pytest

from gisapp.views.symbology import (
    MM_PER_PT,
    PRINT_PT_PER_PX,
    leaflet_style,
    mpl_linestyle,
    mpl_symbol,
    qgis_symbol,
    rgba,
)


def test_each_renderer_keeps_the_catalogues_own_dash_pattern(atlas):
    spec = atlas.catalog.layer("commerce_axes")  # dash "12 6", weight 4
    assert leaflet_style(spec)["dashArray"] == "12 6"
    _offset, pattern = mpl_linestyle(spec.style)
    printed_pt = [length * mpl_symbol(spec)["linewidth"] for length in pattern]  # matplotlib scales by width
    assert printed_pt == pytest.approx([12 * PRINT_PT_PER_PX, 6 * PRINT_PT_PER_PX])
    kind, layers = qgis_symbol(spec)
    dash_mm = [float(length) for length in layers[0][1]["customdash"].split(";")]
    assert kind == "line" and dash_mm == pytest.approx([p * MM_PER_PT for p in printed_pt], abs=0.001)


def test_a_solid_outline_stays_solid_and_a_dashed_polygon_gets_a_dashed_outline(atlas):
    district, towns = atlas.catalog.layer("district"), atlas.catalog.layer("towns")
    assert mpl_linestyle(district.style) == "solid" and "dashArray" not in leaflet_style(district)
    kind, layers = qgis_symbol(towns)
    assert kind == "fill" and [name for name, _ in layers] == ["SimpleFill", "SimpleLine"]
    assert layers[1][1]["use_custom_dash"] == "1"


def test_fill_opacity_and_colours_are_the_same_numbers_everywhere(atlas):
    spec = atlas.catalog.layer("agri_zones")  # fill #81c784 at 0.45
    assert mpl_symbol(spec)["facecolor"] == rgba("#81c784", 0.45)
    assert qgis_symbol(spec)[1][0][1]["color"] == "129,199,132,115"
    assert leaflet_style(spec)["fillOpacity"] == 0.45
