"""Read an uploaded vector file with GDAL (pyogrio): GeoPackage, zipped Shapefile, GeoJSON, KML/KMZ, FlatGeobuf.

The file is read as it is: coordinates untouched, the CRS only if the file declares one (see `crs.py`).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pyogrio
from pyproj import CRS

from gisapp.atlas.layer_checks import MAX_FEATURES
from gisapp.errors import IngestError
from gisapp.i18n import Text
from gisapp.ingest.archive import unpack
from gisapp.ingest.encoding import shapefile_encoding

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
FORMATS = {  # file suffix -> what the user calls it
    ".gpkg": "GeoPackage",
    ".zip": "Shapefile (zip)",
    ".shp": "Shapefile",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".kml": "KML",
    ".kmz": "KMZ",
    ".fgb": "FlatGeobuf",
}

SCRATCH_FOLDER = re.compile(r"[^\s'\"]*/gisapp-(?:upload|import)-[^/\s]*/")  # where uploads and archives are unpacked
KML_DOCUMENT = Text(zh="KML 文档", en="KML document")


@dataclass
class SourceData:
    """One layer of the uploaded file, as read: features, the declared CRS (None if the file has none)."""

    file: str
    format: str
    layer: str
    layers: list[str]
    frame: gpd.GeoDataFrame
    declared_crs: CRS | None
    encoding: str | None = None
    notes: list[Text] = field(default_factory=list)  # what was decided while reading (the text encoding)


def _inner_file(folder: Path, suffixes: tuple[str, ...], what: Text) -> Path:
    found = sorted(path for path in folder.rglob("*") if path.suffix.lower() in suffixes and path.is_file())
    found = [path for path in found if "__MACOSX" not in path.parts]
    if not found:
        raise IngestError(f"the zip holds no {what.en}", zh=f"压缩包内没有 {what.zh}")
    return found[0]


def _shapefiles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".shp" and "__MACOSX" not in p.parts)


def read_source(
    path: Path, source_layer: str | None = None, encoding: str | None = None, prefer: str | None = None,
    name: str | None = None,
) -> SourceData:  # fmt: skip
    """Read one layer of a user's file; IngestError with the file's name on any failure.

    Without `source_layer`, the layer named `prefer` (the atlas layer being replaced) when the file has one,
    else the first: the atlas's own multi-layer exports import as they are. `name` is the file's name as its
    user knows it (an upload is read from a scratch copy), used in every message and in the provenance.
    """
    path = Path(path)
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise IngestError(f"{name}: not a supported format (supported: {', '.join(sorted(set(FORMATS)))})",
                          zh=f"{name}：不支持的文件格式（支持：{'、'.join(sorted(set(FORMATS)))}）")  # fmt: skip
    if not path.is_file() or path.stat().st_size == 0:
        raise IngestError(f"{name}: the file is empty", zh=f"{name}：文件是空的")
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise IngestError(f"{name}: larger than {MAX_UPLOAD_BYTES // 2**20} MB",
                          zh=f"{name}：文件超过 {MAX_UPLOAD_BYTES // 2**20} MB")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="gisapp-import-") as scratch:
        folder = Path(scratch)
        if suffix == ".zip":
            unpack(path, folder)
            shapefiles = _shapefiles(folder)
            if not shapefiles:
                raise IngestError(f"{name}: the zip holds no Shapefile (.shp)",
                                  zh=f"{name}：压缩包内没有 Shapefile（.shp 文件）")  # fmt: skip
            names = [shp.stem for shp in shapefiles]
            wanted = source_layer if source_layer in names else prefer if prefer in names else None
            chosen = shapefiles[names.index(wanted)] if wanted else shapefiles[0]
            if source_layer is not None and source_layer not in names:
                raise _no_layer(name, source_layer, names)
            return _read(name, FORMATS[suffix], chosen, None, names, encoding)
        if suffix == ".kmz":
            unpack(path, folder)
            return _read(name, FORMATS[suffix], _inner_file(folder, (".kml",), KML_DOCUMENT), source_layer,
                         None, encoding)  # fmt: skip
        return _read(name, FORMATS[suffix], path, source_layer, None, encoding, prefer)


def _no_layer(name: str, wanted: str, layers: list[str]) -> IngestError:
    """The file `name` has no layer `wanted`: say which it has."""
    return IngestError(f"{name}: no layer {wanted!r} (has: {', '.join(layers)})",
                       zh=f"{name}：没有名为 {wanted!r} 的图层（现有图层：{'、'.join(layers)}）")  # fmt: skip


def _without_folders(message: str) -> str:
    """GDAL's message without the scratch folders it names: the user never saw them, and they show the server's."""
    return SCRATCH_FOLDER.sub("", message)


def _read(
    name: str, kind: str, path: Path, source_layer: str | None, layers: list[str] | None, encoding: str | None,
    prefer: str | None = None,
) -> SourceData:  # fmt: skip
    notes = []
    try:
        if layers is None:
            layers = [str(row[0]) for row in pyogrio.list_layers(path)]
        if not layers:
            raise IngestError(f"{name}: the file holds no layers", zh=f"{name}：文件中没有图层")
        if path.suffix.lower() != ".shp":
            if source_layer is not None and source_layer not in layers:
                raise _no_layer(name, source_layer, layers)
            layer = source_layer or (prefer if prefer in layers else layers[0])
        else:
            layer = path.stem
        if path.suffix.lower() == ".shp" and encoding is None:
            encoding, note = shapefile_encoding(path)
            if note:
                notes.append(note)
        info = pyogrio.read_info(path, layer=layer if path.suffix.lower() != ".shp" else None, encoding=encoding)
        if info["features"] > MAX_FEATURES:
            raise IngestError(f"{name}: {info['features']} features, more than the {MAX_FEATURES} a layer may have",
                              zh=f"{name}：共 {info['features']} 个要素，超过每个图层的上限 {MAX_FEATURES} 个")
        frame = pyogrio.read_dataframe(
            path, layer=layer if path.suffix.lower() != ".shp" else None, encoding=encoding, on_invalid="ignore"
        )
    except IngestError:
        raise
    except Exception as exc:  # pyogrio/GDAL raise several types for one meaning: the file cannot be read
        detail = _without_folders(str(exc))
        if "not recognized as" in detail or "not recognised as" in detail:  # GDAL: no driver opens it
            raise IngestError(
                f"{name}: not a valid {kind} file (damaged, or its extension does not match its content)",
                zh=f"{name}：不是有效的 {kind} 文件（可能已损坏，或扩展名与内容不符）",
            ) from exc
        raise IngestError(f"{name}: cannot be read as {kind}: {detail}",
                          zh=f"{name}：无法按 {kind} 格式读取：{detail}") from exc  # fmt: skip
    if len(frame) == 0:
        raise IngestError(f"{name}: layer {layer!r} has no features", zh=f"{name}：图层 {layer!r} 中没有要素")
    declared = frame.crs
    return SourceData(name, kind, layer, layers, frame, declared, encoding, notes)
