"""Which store a process uses: PostGIS when `$GISAPP_DATABASE_URL` is set, else the SQLite file in the data folder."""

from __future__ import annotations

from pathlib import Path

from gisapp.config import STORE_FILE, data_dir, database_url
from gisapp.store.sql import SqlStore
from gisapp.store.sqlite import SqliteStore


def open_store(layers: Path | None = None) -> SqlStore:
    """The configured version store for the layers folder `layers` (default: the configured one)."""
    url = database_url()
    if url:
        from gisapp.store.postgis import PostgisStore  # psycopg is needed only by shared deployments

        return PostgisStore(url)
    return SqliteStore(data_dir(layers) / STORE_FILE)
