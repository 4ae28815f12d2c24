"""QGIS styles for the GeoPackage: one default style per layer from the catalogue colours.

QGIS reads a `layer_styles` table (its own convention, also used by GDAL) and applies the row marked
`useAsDefault` when the layer is opened; the style is a small QML document.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import quoteattr

from matplotlib.colors import to_rgba

from gisapp.model import LayerSpec

QGIS_MARKERS = {"circle": "circle", "square": "square", "diamond": "diamond", "star": "star", None: "circle"}


def _rgba(colour: str | None, alpha: float = 1.0) -> str:
    if colour is None:
        return "0,0,0,0"
    red, green, blue, opacity = to_rgba(colour, alpha)
    return f"{round(red * 255)},{round(green * 255)},{round(blue * 255)},{round(opacity * 255)}"


def _options(values: dict[str, str]) -> str:
    return "".join(f'<Option name={quoteattr(k)} type="QString" value={quoteattr(v)}/>' for k, v in values.items())


def layer_qml(spec: LayerSpec) -> str:
    """A single-symbol QML style: fill/outline, line or marker, dashed where the catalogue says so."""
    style = spec.style
    dash = "dash" if style.dash else "solid"
    if spec.geometry_type == "polygon":
        kind, layer_class = "fill", "SimpleFill"
        values = {
            "color": _rgba(style.fill, style.fill_opacity) if style.fill else "0,0,0,0",
            "style": "solid" if style.fill else "no",
            "outline_color": _rgba(style.color), "outline_style": dash,
            "outline_width": f"{style.weight * 0.2:.2f}", "outline_width_unit": "MM",
        }  # fmt: skip
    elif spec.geometry_type == "line":
        kind, layer_class = "line", "SimpleLine"
        values = {"line_color": _rgba(style.color), "line_style": dash,
                  "line_width": f"{style.weight * 0.25:.2f}", "line_width_unit": "MM"}  # fmt: skip
    else:
        kind, layer_class = "marker", "SimpleMarker"
        values = {"color": _rgba(style.fill or style.color, style.fill_opacity), "outline_color": _rgba(style.color),
                  "name": QGIS_MARKERS[style.marker], "size": "3", "size_unit": "MM"}  # fmt: skip
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.28" styleCategories="Symbology">'
        '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>'
        f'<symbol type="{kind}" name="0" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="{layer_class}" enabled="1" pass="0" locked="0"><Option type="Map">{_options(values)}</Option>'
        "</layer></symbol></symbols></renderer-v2></qgis>"
    )


def add_layer_styles(gpkg: Path, layers: list[LayerSpec], lang: str = "zh") -> int:
    """Write the `layer_styles` table (registered in gpkg_contents); returns the number of styles."""
    with sqlite3.connect(gpkg) as db:
        geometry_columns = dict(db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
        db.execute(
            "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
            "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
            "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
            "update_time DATETIME DEFAULT CURRENT_TIMESTAMP)"
        )
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('layer_styles', 'attributes', "
            "'layer_styles')"
        )
        rows = [
            ("", "", spec.id, geometry_columns[spec.id], spec.id, layer_qml(spec), "", 1,
             spec.title.zh if lang == "zh" else spec.title.en)
            for spec in layers
            if spec.id in geometry_columns
        ]  # fmt: skip
        db.executemany(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
            "styleQML, styleSLD, useAsDefault, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)
