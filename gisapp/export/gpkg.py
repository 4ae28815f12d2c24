"""A GeoPackage with one table per layer (EPSG:4326), each with its default QGIS style."""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from gisapp.atlas.files import atomic_path
from gisapp.atlas.loading import Atlas
from gisapp.export.output import check_output
from gisapp.export.qgis_styles import add_layer_styles
from gisapp.i18n import lines_label, t
from gisapp.views.profile import target_text

FORMATS = (".gpkg",)
GPKG_VERSION = "1.2"  # GDAL writes 1.4 by default; GDAL 3.6 and QGIS 3.22, still common, warn on every open


FACT_COLUMNS = ("functions", "industries", "specialties", "projects", "enterprises", "transport", "support")


def layer_table(atlas: Atlas, layer_id: str) -> gpd.GeoDataFrame:
    """A layer with its plan facts flattened into text columns (lists joined with '；'), in Chinese.

    Every fact kind a planner filters on (a town's specialties as much as a cluster's industries), the
    targets with their years, the caveats and every defining source.
    """
    frame = atlas.frame(layer_id).reset_index(drop=True).copy()
    columns = ("towns", *FACT_COLUMNS, "targets", "caveats", "sources")
    joined: dict[str, list[str]] = {column: [] for column in columns}
    sep = t("item_sep", "zh")
    for fid in frame["id"]:
        feature = atlas.features.get(fid)
        if feature is None:  # context layers (reference lines) carry no plan facts
            for values in joined.values():
                values.append("")
            continue
        joined["towns"].append(sep.join(feature.towns))
        for kind in FACT_COLUMNS:
            joined[kind].append(sep.join(fact.zh for fact in getattr(feature, kind)))
        joined["targets"].append(sep.join(target_text(target, "zh") for target in feature.targets))
        joined["caveats"].append(sep.join(caveat.zh for caveat in feature.caveats))
        joined["sources"].append(sep.join(f"《{atlas.documents.title(s.doc, 'zh')}》{lines_label(s.lines, 'zh')}"
                                          for s in feature.sources))  # titles, as in the panel (not file names)
    for column, values in joined.items():
        frame[column] = values
    return frame


def _write_tables(atlas: Atlas, path: Path) -> dict[str, int]:
    counts = {}
    for spec in atlas.layers:
        table = layer_table(atlas, spec.id)
        pyogrio.write_dataframe(table, path, layer=spec.id, driver="GPKG", append=bool(counts),
                                dataset_options=None if counts else {"VERSION": GPKG_VERSION})  # fmt: skip
        counts[spec.id] = len(table)
    add_layer_styles(path, list(atlas.layers))  # QGIS opens each layer in the atlas colours
    return counts


def gpkg_bytes(atlas: Atlas) -> bytes:
    """The GeoPackage file's bytes (GDAL writes to a temporary file first)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "atlas.gpkg"
        _write_tables(atlas, path)
        return path.read_bytes()


def write_gpkg(atlas: Atlas, out: Path) -> dict[str, int]:
    """Write every catalogue layer as its own table, atomically; returns the feature count per table."""
    out = check_output(out, FORMATS)
    with atomic_path(out) as temporary:
        return _write_tables(atlas, temporary)
