"""Official-style test files made from the atlas's own town shapes (real official data cannot be shipped)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from coordTransform import wgs84_to_gcj02

from gisapp.atlas.loading import Atlas


def official_towns(atlas: Atlas) -> gpd.GeoDataFrame:
    """The towns as an official layer would hold them: official name (XZQMC) and 12-digit code (XZQDM)."""
    rows = []
    for fid in atlas.frame("towns").index:
        feature = atlas.features[fid]
        official = feature.official
        rows.append({
            "XZQMC": official.name if official else feature.name.zh,
            "XZQDM": f"{official.code}000" if official else "",
            "geometry": atlas.geometry(fid),
        })  # fmt: skip
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def zipped_shapefile(frame: gpd.GeoDataFrame, folder: Path, crs: str, *, prj: bool, encoding: str = "CP936") -> Path:
    """A zipped Shapefile in `crs`; DBF text in `encoding` with no .cpg and no code-page byte (as many are)."""
    folder.mkdir(parents=True, exist_ok=True)
    shp = folder / "xzq.shp"
    pyogrio.write_dataframe(frame.to_crs(crs), shp, encoding=encoding)
    (folder / "xzq.cpg").unlink(missing_ok=True)
    dbf = folder / "xzq.dbf"
    data = bytearray(dbf.read_bytes())
    data[29] = 0  # language driver id: none, so readers cannot learn the encoding from the file
    dbf.write_bytes(bytes(data))
    if not prj:
        (folder / "xzq.prj").unlink()
    archive = folder.parent / f"{folder.name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for part in sorted(folder.iterdir()):
            bundle.write(part, f"xzq/{part.name}")
    return archive


def gcj02_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """The shapes shifted to GCJ-02, as data copied from a Gaode/AMap web map would be."""

    def shift(xy: np.ndarray) -> np.ndarray:
        lon, lat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    shifted = frame.copy()
    shifted["geometry"] = shapely.transform(np.asarray(frame.geometry), shift)
    shifted.to_file(path, driver="GeoJSON")
    return path


def kml(frame: gpd.GeoDataFrame, path: Path) -> Path:
    renamed = frame.rename(columns={"XZQMC": "Name"})[["Name", "geometry"]]
    pyogrio.write_dataframe(renamed, path, driver="KML")
    return path
