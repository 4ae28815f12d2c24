"""QGIS styles for the GeoPackage: one default style per layer, drawn from the catalogue symbology.

QGIS reads a `layer_styles` table (its own convention, also used by GDAL) and applies the row marked
`useAsDefault` when the layer is opened; the style is a small QML document.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import quoteattr

from gisapp.atlas.records import LayerSpec
from gisapp.views.symbology import qgis_symbol


def _options(values: dict[str, str]) -> str:
    return "".join(f'<Option name={quoteattr(k)} type="QString" value={quoteattr(v)}/>' for k, v in values.items())


def layer_qml(spec: LayerSpec) -> str:
    """A single-symbol QML style: fill, outline, line or marker, dashed with the catalogue's own pattern."""
    kind, symbol_layers = qgis_symbol(spec)
    layers = "".join(
        f'<layer class="{layer_class}" enabled="1" pass="0" locked="0"><Option type="Map">{_options(values)}</Option>'
        "</layer>"
        for layer_class, values in symbol_layers
    )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.28" styleCategories="Symbology">'
        '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>'
        f'<symbol type="{kind}" name="0" alpha="1" clip_to_extent="1" force_rhr="0">{layers}</symbol>'
        "</symbols></renderer-v2></qgis>"
    )


def add_layer_styles(gpkg: Path, layers: list[LayerSpec]) -> int:
    """Write the `layer_styles` table (registered in gpkg_contents); returns the number of styles."""
    with sqlite3.connect(gpkg) as db:
        geometry_columns = dict(db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
        db.execute(
            "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
            "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
            "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
            "update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"  # GeoPackage's DATETIME form
        )
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('layer_styles', 'attributes', "
            "'layer_styles')"
        )
        rows = [
            ("", "", spec.id, geometry_columns[spec.id], spec.id, layer_qml(spec), "", 1, spec.title.zh)
            for spec in layers
            if spec.id in geometry_columns
        ]
        db.executemany(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
            "styleQML, styleSLD, useAsDefault, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.close()
    return len(rows)
