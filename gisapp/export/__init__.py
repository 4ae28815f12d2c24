"""Exports: print-quality map images, zone profiles, and the data (GeoJSON, GeoPackage, CSV)."""
