"""Shapefiles for tools that want them: one .zip, one shapefile per layer (and geometry type), UTF-8 declared.

A shapefile cannot hold what the GeoPackage holds, so the limits are met openly: field names are at most 10
characters (the mapping is in FIELD_NAMES and written into the zip as fields.csv), text is UTF-8 with a
.cpg saying so (Chinese survives in QGIS, ArcGIS and GDAL without choosing an encoding), each .prj names
WGS-84, and a text longer than the DBF's 254 bytes is cut at a character boundary and ends with "…"
(the full text is in the GeoPackage and the CSV).
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from gisapp.atlas.loading import Atlas
from gisapp.export.gpkg import layer_table
from gisapp.export.output import write_output

FORMATS = (".zip",)
ENCODING = "UTF-8"
DBF_TEXT_BYTES = 254
CUT_MARK = "…"
# Full column name -> shapefile field name (at most 10 characters), with what the field holds.
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "id": ("id", "feature id (stable across exports)"),
    "layer": ("layer", "atlas layer id"),
    "kind": ("kind", "kind of feature"),
    "name_zh": ("name_zh", "name in Chinese"),
    "name_en": ("name_en", "name in English"),
    "schematic": ("schematic", "T = schematic (示意) shape, not surveyed; F = imported official shape"),
    "geometry_method": ("geom_meth", "how the shape was made"),
    "geometry_note_zh": ("geo_note_z", "note on the shape, Chinese"),
    "geometry_note_en": ("geo_note_e", "note on the shape, English"),
    "area_km2": ("area_km2", "area in km² (EPSG:4548)"),
    "provenance": ("provenance", "where a reference shape comes from"),
    "towns": ("towns", "towns the feature lies in (ids)"),
    "functions": ("functions", "role and functions the plans give"),
    "industries": ("industries", "planned industries"),
    "specialties": ("specialty", "specialties (towns, agricultural zones)"),
    "projects": ("projects", "named projects"),
    "enterprises": ("firms", "named enterprises"),
    "transport": ("transport", "transport links the plans name"),
    "support": ("support", "support measures the plans name"),
    "targets": ("targets", "targets: year：indicator value unit"),
    "caveats": ("caveats", "what the sources leave open"),
    "sources": ("sources", "sources: 《document title》 and line numbers"),
}
GEOMETRY_SUFFIX = {"Point": "pt", "LineString": "ln", "Polygon": "pg"}


def _family(geom_type: str) -> str:
    return geom_type.removeprefix("Multi")


def fit_dbf_text(value: str) -> str:
    """`value` if it fits a DBF text field in UTF-8, else cut at a character boundary and ended with '…'."""
    if len(value.encode(ENCODING)) <= DBF_TEXT_BYTES:
        return value
    budget = DBF_TEXT_BYTES - len(CUT_MARK.encode(ENCODING))
    cut = value.encode(ENCODING)[:budget].decode(ENCODING, errors="ignore")
    return cut + CUT_MARK


def shapefile_tables(atlas: Atlas) -> dict[str, gpd.GeoDataFrame]:
    """Each layer's table with short field names and DBF-sized text, split by geometry type if mixed."""
    tables = {}
    for spec in atlas.layers:
        table = layer_table(atlas, spec.id)
        unknown = [column for column in table.columns if column != "geometry" and column not in FIELD_NAMES]
        if unknown:
            raise ValueError(f"no shapefile field name for {unknown}: add them to FIELD_NAMES")
        table = table.rename(columns={column: short for column, (short, _) in FIELD_NAMES.items()})
        for column in table.columns.drop("geometry"):
            if table[column].map(lambda value: isinstance(value, str)).any():
                table[column] = [fit_dbf_text(value) if isinstance(value, str) else value for value in table[column]]
        families = table.geometry.geom_type.map(_family)
        if families.nunique() <= 1:
            tables[spec.id] = table
            continue
        for family, part in table.groupby(families):
            tables[f"{spec.id}_{GEOMETRY_SUFFIX[family]}"] = part
    return tables


def _fields_csv(used: set[str]) -> str:
    """The key to the short field names, for the fields the zip's tables hold."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["shapefile_field", "full_name", "meaning"])
    for full, (short, meaning) in FIELD_NAMES.items():
        if short in used:
            writer.writerow([short, full, meaning])
    return out.getvalue()


ZIP_README = f"""东昌府区规划图集 · Shapefile 导出 / Dongchangfu Plan Atlas · Shapefile export

- 文字为 UTF-8 编码（见 .cpg）；字段名不超过 10 个字符，完整字段名见 fields.csv。
- DBF 文本字段最长 254 字节：更长的文字（说明、存疑、出处等）在字符边界处截断并以“{CUT_MARK}”结尾。
  完整文字请用同一图集导出的 GeoPackage（.gpkg）或 CSV。
- 除导入的正式边界外，形状与点位均为示意（schematic 字段），未经测绘。

- Text is UTF-8 (see the .cpg files); field names are at most 10 characters, fields.csv gives the full names.
- DBF text fields hold 254 bytes: longer texts (notes, caveats, sources) are cut at a character boundary and end
  with "{CUT_MARK}". The GeoPackage (.gpkg) and CSV exports of the same atlas carry them whole.
- Except imported official boundaries, shapes and points are schematic (field `schematic`), not surveyed.
"""


def _readable(name: str) -> zipfile.ZipInfo:
    """A zip entry that unpacks readable by everyone (rw-r--r--), dated now."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def shapefile_zip_bytes(atlas: Atlas) -> bytes:
    """The zip: <layer>.shp/.shx/.dbf/.prj/.cpg for every layer, and fields.csv mapping the field names."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        used: set[str] = set()
        for name, table in shapefile_tables(atlas).items():
            path = Path(folder) / f"{name}.shp"
            pyogrio.write_dataframe(table, path, driver="ESRI Shapefile", encoding=ENCODING)
            used.update(table.columns.drop("geometry"))
            for part in sorted(Path(folder).glob(f"{name}.*")):
                archive.writestr(_readable(part.name), part.read_bytes())
        archive.writestr(_readable("fields.csv"), _fields_csv(used).encode("utf-8"))
        archive.writestr(_readable("README.txt"), ZIP_README.encode("utf-8"))
    return buffer.getvalue()


def write_shapefile_zip(atlas: Atlas, out: Path) -> Path:
    """Write the zip of shapefiles to `out` atomically; returns the path written."""
    return write_output(out, shapefile_zip_bytes(atlas), FORMATS)
