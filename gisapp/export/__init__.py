"""Exports: print-quality map images, zone profiles, and the data (GeoJSON, GeoPackage, CSV).

The limits below are shared with the UI, which must not import matplotlib just to draw its widgets.
"""

PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
DPI_RANGE = (150, 300)
