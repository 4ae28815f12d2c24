"""What tests need to know about a store of either backend: what it left behind, how another process opens it."""

from __future__ import annotations

import psycopg

from gisapp.store.postgis import PostgisStore
from gisapp.store.sql import SqlStore
from gisapp.store.sqlite import SqliteStore

OPEN_STORE = """
import sys
from gisapp.store.postgis import PostgisStore
from gisapp.store.sqlite import SqliteStore

def open_store(kind, where):
    return SqliteStore(where) if kind == "sqlite" else PostgisStore(where)
"""


def store_footprint(store: SqlStore) -> list[str]:
    """What the store has created: the file (SQLite) or the store's tables and PostGIS (PostgreSQL)."""
    if isinstance(store, SqliteStore):
        return [str(store.path)] if store.path.exists() else []
    assert isinstance(store, PostgisStore)
    with psycopg.connect(store._url) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'gisapp%' ORDER BY 1"
        ).fetchall()
    return [name for (name,) in tables]


def store_arguments(store: SqlStore) -> list[str]:
    """The command-line arguments with which `OPEN_STORE`'s `open_store` opens the same store in another process."""
    if isinstance(store, SqliteStore):
        return ["sqlite", str(store.path)]
    assert isinstance(store, PostgisStore)
    return ["postgis", store._url]
