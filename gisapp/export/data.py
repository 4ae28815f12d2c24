"""Data exports: a GeoPackage with one styled table per layer (QGIS/GDAL) and a CSV of every cited fact."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from gisapp.catalog import Atlas
from gisapp.export.qgis_styles import add_layer_styles
from gisapp.geojson_io import write_atomically
from gisapp.model import FACT_KINDS
from gisapp.seeds import DOC_TITLES

FACT_COLUMNS = (
    "feature_id", "feature_name_zh", "feature_name_en", "layer", "category", "text_zh", "text_en",
    "value", "value_max", "unit", "year", "doc", "doc_title", "line_first", "line_last", "quote",
)  # fmt: skip


def layer_table(atlas: Atlas, layer_id: str) -> gpd.GeoDataFrame:
    """A layer with its plan facts flattened into text columns (lists joined with '；')."""
    frame = atlas.frame(layer_id).reset_index(drop=True).copy()
    joined = {"towns": [], "industries": [], "projects": [], "enterprises": [], "caveats": [], "sources": []}
    for fid in frame["id"]:
        feature = atlas.features.get(fid)
        joined["towns"].append("；".join(feature.towns) if feature else "")
        for kind in ("industries", "projects", "enterprises"):
            joined[kind].append("；".join(fact.zh for fact in getattr(feature, kind)) if feature else "")
        joined["caveats"].append("；".join(caveat.zh for caveat in feature.caveats) if feature else "")
        joined["sources"].append(
            "；".join(f"{s.doc}:{s.lines[0]}-{s.lines[1]}" for s in feature.sources) if feature else ""
        )
    for column, values in joined.items():
        frame[column] = values
    return frame


def export_geopackage(atlas: Atlas, out: Path) -> dict[str, int]:
    """Write every catalogue layer as its own table (EPSG:4326); returns the feature count per table."""
    out = Path(out)
    if out.suffix.lower() != ".gpkg":
        raise ValueError(f"GeoPackage output must end in .gpkg: {out}")
    if not out.parent.is_dir():
        raise ValueError(f"output folder does not exist: {out.parent}")
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".gpkg")
    os.close(handle)
    os.unlink(temporary)  # GDAL creates the file itself
    counts = {}
    try:
        for spec in atlas.layers:
            table = layer_table(atlas, spec.id)
            pyogrio.write_dataframe(table, temporary, layer=spec.id, driver="GPKG", append=bool(counts))
            counts[spec.id] = len(table)
        add_layer_styles(Path(temporary), list(atlas.layers))  # QGIS opens each layer in the atlas colours
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return counts


def fact_rows(atlas: Atlas):
    """One row per (fact, source): every statement of the knowledge base with its citation."""
    for fid, feature in atlas.features.items():
        base = {
            "feature_id": fid, "feature_name_zh": feature.name.zh, "feature_name_en": feature.name.en,
            "layer": feature.layer,
        }  # fmt: skip
        items = [("source", feature.name.zh, feature.name.en, {}, feature.sources)]
        for kind in FACT_KINDS:
            items += [(kind, fact.zh, fact.en, {}, fact.sources) for fact in getattr(feature, kind)]
        for target in feature.targets:
            numbers = {"value": target.value, "value_max": target.value_max, "unit": target.unit, "year": target.year}
            items.append(("target", target.indicator.zh, target.indicator.en, numbers, target.sources))
        items += [("caveat", c.zh, c.en, {}, c.sources or (None,)) for c in feature.caveats]
        for category, text_zh, text_en, numbers, sources in items:
            for source in sources:
                cited = {}
                if source is not None:
                    cited = {
                        "doc": source.doc,
                        "doc_title": DOC_TITLES.get(source.doc, {}).get("zh", ""),
                        "line_first": source.lines[0],
                        "line_last": source.lines[1],
                        "quote": source.quote,
                    }
                yield {**base, "category": category, "text_zh": text_zh, "text_en": text_en, **numbers, **cited}


def facts_csv_text(atlas: Atlas) -> str:
    """The fact table as CSV text (UTF-8 with BOM added on write so Excel reads the Chinese)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, extrasaction="raise")
    writer.writeheader()
    for row in fact_rows(atlas):
        writer.writerow(row)
    return buffer.getvalue()


def export_facts_csv(atlas: Atlas, out: Path) -> int:
    """Write the CSV atomically; returns the number of rows."""
    out = Path(out)
    if out.suffix.lower() != ".csv":
        raise ValueError(f"CSV output must end in .csv: {out}")
    text = facts_csv_text(atlas)
    write_atomically(out, "\ufeff" + text)
    return text.count("\n") - 1
