"""QGIS styles for the GeoPackage: one default style per layer, drawn from the catalogue symbology.

QGIS reads a `layer_styles` table (its own convention, also used by GDAL) and applies the row marked
`useAsDefault` when the layer is opened; the style is a small QML document.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import quoteattr

from gisapp.atlas.records import LayerSpec
from gisapp.views.symbology import qgis_symbol, rgba

LABEL_FIELD = "name_zh"  # the plan's own names; name_en is in the table too
LABEL_FONT_FAMILY = "Noto Sans CJK SC"  # a CJK font QGIS finds on most systems (Qt falls back on others)
LABEL_SIZE_PT = {True: 8.0, False: 7.0}
# QgsPalLayerSettings placement: polygons "offset from centroid" (1), lines "parallel" (2), points "cartographic" (6)
LABEL_PLACEMENT = {"polygon": 1, "line": 2, "point": 6}


def _options(values: dict[str, str]) -> str:
    return "".join(f'<Option name={quoteattr(k)} type="QString" value={quoteattr(v)}/>' for k, v in values.items())


def _qgis_rgba(colour: str) -> str:
    return ",".join(str(round(channel * 255)) for channel in rgba(colour))


def labeling_qml(spec: LayerSpec) -> str:
    """Simple labels on the feature name, in a CJK font with a white halo (buffer), QGIS's own placement.

    Labelled layers of the catalogue (towns, zones) get higher placement priority; the others carry the
    same settings switched off, ready to be switched on in QGIS.
    """
    style = spec.style
    bold = bool(style.label_bold)
    text_style = (
        f'<text-style fieldName="{LABEL_FIELD}" isExpression="0" fontFamily="{LABEL_FONT_FAMILY}" '
        f'namedStyle="{"Bold" if bold else "Regular"}" fontWeight="{75 if bold else 50}" fontItalic="0" '
        f'fontSize="{LABEL_SIZE_PT[bold]}" fontSizeUnit="Point" textColor="{_qgis_rgba(style.label_color)}" '
        'textOpacity="1" multilineHeight="1" capitalization="0">'
        '<text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" '
        'bufferOpacity="0.9" bufferNoFill="1" bufferJoinStyle="128"/>'
        "</text-style>"
    )
    placement = (
        f'<placement placement="{LABEL_PLACEMENT[spec.geometry_type]}" centroidInside="1" centroidWhole="0" '
        f'priority="{8 if spec.label else 5}" dist="1" distUnits="MM" overrunDistance="0"/>'
    )
    rendering = (
        '<rendering obstacle="1" obstacleType="1" drawLabels="1" displayAll="0" labelPerPart="0" upsidedownLabels="0"/>'
    )
    return (
        '<labeling type="simple"><settings calloutType="simple">'
        f'{text_style}<text-format wrapChar="" autoWrapLength="12" useMaxLineLengthForAutoWrap="1" '
        f'multilineAlign="3"/>{placement}{rendering}</settings></labeling>'
    )


def layer_qml(spec: LayerSpec) -> str:
    """A single-symbol QML style: fill, outline, line or marker, dashed with the catalogue's own pattern.

    It carries labels too (see `labeling_qml`), switched on for the layers the catalogue labels.
    """
    kind, symbol_layers = qgis_symbol(spec)
    layers = "".join(
        f'<layer class="{layer_class}" enabled="1" pass="0" locked="0"><Option type="Map">{_options(values)}</Option>'
        "</layer>"
        for layer_class, values in symbol_layers
    )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        f'<qgis version="3.28" styleCategories="Symbology|Labeling" labelsEnabled="{int(spec.label)}">'
        '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>'
        f'<symbol type="{kind}" name="0" alpha="1" clip_to_extent="1" force_rhr="0">{layers}</symbol>'
        f"</symbols></renderer-v2>{labeling_qml(spec)}</qgis>"
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
