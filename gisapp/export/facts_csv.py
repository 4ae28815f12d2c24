"""Every cited fact as CSV: one row per (fact, source), UTF-8 with a BOM so that Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gisapp.atlas.flat import FACT_COLUMNS, fact_rows
from gisapp.atlas.loading import Atlas
from gisapp.export.output import write_output

FORMATS = (".csv",)
BOM = "\ufeff"


def csv_text(atlas: Atlas) -> str:
    """The fact table as CSV text, BOM first."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, extrasaction="raise")
    writer.writeheader()
    for row in fact_rows(atlas):
        writer.writerow(row)
    return BOM + buffer.getvalue()


def csv_bytes(atlas: Atlas) -> bytes:
    return csv_text(atlas).encode("utf-8")


def write_csv(atlas: Atlas, out: Path) -> int:
    """Write the CSV atomically; returns the number of fact rows."""
    text = csv_text(atlas)
    write_output(out, text, FORMATS)
    return text.count("\n") - 1
