"""Versions of imported and traced geometry: every accepted change kept, with who, when, why and what it replaced.

The committed layers stay the schematic default; the store holds what users brought in on top of them.
An embedded SQLite file by default, PostgreSQL + PostGIS for a shared deployment (`$GISAPP_DATABASE_URL`).
"""
