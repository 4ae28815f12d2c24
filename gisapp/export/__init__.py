"""Exports, one module per output: print map, profile sheet, HTML map, GeoJSON, GeoPackage, fact CSV.

Each has an in-memory `…_bytes(...)` (or text) and a `write_…(…, out)`. The limits below are shared with
the UI, which must not import matplotlib just to draw its widgets.
"""

PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
DPI_RANGE = (150, 300)
