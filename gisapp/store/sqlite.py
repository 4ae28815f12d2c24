"""The embedded store: one SQLite file in the data folder, nothing to install or run."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from gisapp.errors import StoreError
from gisapp.store.sql import SQLITE, SqlStore

BUSY_TIMEOUT_S = 30.0  # a writer waits this long for another writer's transaction before giving up


WAL_RETRY_S = 0.05


class SqliteStore(SqlStore):
    """Versions in a SQLite file; WAL journal, so readers never wait for a writer and a kill loses nothing."""

    dialect = SQLITE

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.location = str(self.path)

    def _connect(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the version store: {exc}",
                             zh=f"{self.path}：无法打开版本库：{exc}") from exc  # fmt: skip
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    def _exists(self) -> bool:
        if not self.path.is_file():
            return False
        with self._reading() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gisapp_current'")
            return cursor.fetchone() is not None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Cursor]:
        try:
            with closing(self._connect()) as connection, closing(connection.cursor()) as cursor:
                yield cursor
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the version store cannot be read: {exc}",
                             zh=f"{self.path}：版本库无法读取：{exc}") from exc  # fmt: skip

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Cursor]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(self._connect()) as connection:
                _use_wal(connection)
                cursor = connection.cursor()
                cursor.execute("BEGIN IMMEDIATE")  # the write lock: other writers wait here
                try:
                    for statement in self.schema():
                        cursor.execute(statement)
                    yield cursor
                except BaseException:
                    connection.rollback()
                    raise
                connection.commit()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the version store refused the write: {exc}",
                             zh=f"{self.path}：版本库拒绝了写入：{exc}") from exc  # fmt: skip


def _use_wal(connection: sqlite3.Connection) -> None:
    """Put the file in WAL mode (once: it stays so), waiting out a writer that holds the file meanwhile.

    Switching the journal mode needs the file to itself, and SQLite answers "database is locked" at once,
    without its busy timeout, when another process is writing (two first writers racing on a new file);
    so the switch is retried until the busy timeout, as a write would wait.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)
