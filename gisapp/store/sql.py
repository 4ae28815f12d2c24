"""The version store over SQL: one implementation, two dialects (embedded SQLite, shared PostGIS).

Every write is one transaction that first takes the store's write lock, reads what it replaces and then
writes the version, its per-feature changes and the current shapes together: a process killed mid-write
leaves the previous version whole, and two writers at once queue instead of losing either version.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import shapely
from shapely.geometry.base import BaseGeometry

from gisapp.errors import StoreError
from gisapp.store.records import ACTIONS, Accepted, Change, FeatureChange, Provenance, Shape, Version

SCHEMA = """
CREATE TABLE IF NOT EXISTS gisapp_versions (
  version INTEGER PRIMARY KEY, created_at TEXT NOT NULL, author TEXT NOT NULL, note TEXT NOT NULL,
  action TEXT NOT NULL, layer TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gisapp_changes (
  version INTEGER NOT NULL REFERENCES gisapp_versions (version), feature_id TEXT NOT NULL,
  geometry {geom}, provenance TEXT, previous {geom}, previous_provenance TEXT, previous_version INTEGER,
  PRIMARY KEY (version, feature_id));
CREATE TABLE IF NOT EXISTS gisapp_current (
  feature_id TEXT PRIMARY KEY, layer TEXT NOT NULL, version INTEGER NOT NULL REFERENCES gisapp_versions (version),
  geometry {geom} NOT NULL, provenance TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Dialect:
    """What differs between the databases: placeholders, geometry columns and the write lock."""

    name: str
    placeholder: str  # "?" (sqlite3) or "%s" (psycopg)
    geometry_column: str  # the column type of a shape
    geometry_in: str  # SQL that turns a WKB parameter into a stored shape
    geometry_out: str  # SQL (with {column}) that reads a stored shape back as WKB
    lock: str  # SQL run first in every write transaction


SQLITE = Dialect("sqlite", "?", "BLOB", "?", "{column}", "")  # sqlite3 takes the lock with BEGIN IMMEDIATE
POSTGIS = Dialect(
    "postgis",
    "%s",
    "geometry(Geometry, 4326)",
    "ST_GeomFromWKB(%s, 4326)",
    "ST_AsBinary({column})",
    "LOCK TABLE gisapp_versions IN SHARE ROW EXCLUSIVE MODE",
)


def _wkb(geom: BaseGeometry | None) -> bytes | None:
    return None if geom is None else shapely.to_wkb(geom, output_dimension=2)


def _shape(data) -> BaseGeometry | None:
    return None if data is None else shapely.from_wkb(bytes(data))


def _provenance(text: str | None) -> Provenance | None:
    return None if text is None else Provenance.from_dict(json.loads(text))


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class SqlStore:
    """The store on one database; `connect` gives a DB-API connection with the transaction semantics below.

    Subclasses say how to connect and how a write transaction begins and ends.
    """

    dialect: Dialect = SQLITE
    location: str = ""

    # --- what subclasses provide -----------------------------------------------------------------
    @contextmanager
    def _reading(self) -> Iterator:
        raise NotImplementedError

    @contextmanager
    def _writing(self) -> Iterator:
        raise NotImplementedError

    def _exists(self) -> bool:
        """Whether the store has been written to at all (reading an absent store creates nothing)."""
        raise NotImplementedError

    # --- SQL helpers -------------------------------------------------------------------------------
    def _sql(self, text: str) -> str:
        return text.replace("?", self.dialect.placeholder) if self.dialect.placeholder != "?" else text

    def _out(self, column: str) -> str:
        return self.dialect.geometry_out.format(column=column)

    def schema(self) -> list[str]:
        text = SCHEMA.format(geom=self.dialect.geometry_column)
        return [statement.strip() for statement in text.split(";") if statement.strip()]

    # --- reading -----------------------------------------------------------------------------------
    def head(self) -> int:
        """The newest version number (0 for an empty store)."""
        if not self._exists():
            return 0
        with self._reading() as cursor:
            cursor.execute("SELECT COALESCE(MAX(version), 0) FROM gisapp_versions")
            return int(cursor.fetchone()[0])

    def current(self, layer: str | None = None) -> dict[str, Accepted]:
        """The accepted shapes in force now, by feature id (features absent here keep their schematic shape)."""
        if not self._exists():
            return {}
        query = f"SELECT feature_id, layer, version, {self._out('geometry')}, provenance FROM gisapp_current"
        params: tuple = ()
        if layer is not None:
            query, params = query + " WHERE layer = ?", (layer,)
        with self._reading() as cursor:
            cursor.execute(self._sql(query + " ORDER BY feature_id"), params)
            rows = cursor.fetchall()
        return {
            fid: Accepted(fid, lay, int(version), _shape(geom), Provenance.from_dict(json.loads(prov)))
            for fid, lay, version, geom, prov in rows
        }

    def history(self, layer: str | None = None) -> list[Version]:
        """Every version, newest first, with the features each touched."""
        if not self._exists():
            return []
        query = "SELECT version, created_at, author, note, action, layer, source FROM gisapp_versions"
        params: tuple = ()
        if layer is not None:
            query, params = query + " WHERE layer = ?", (layer,)
        with self._reading() as cursor:
            cursor.execute(self._sql(query + " ORDER BY version DESC"), params)
            versions = cursor.fetchall()
            cursor.execute("SELECT version, feature_id FROM gisapp_changes ORDER BY version, feature_id")
            touched: dict[int, list[str]] = {}
            for number, fid in cursor.fetchall():
                touched.setdefault(int(number), []).append(fid)
        return [
            Version(int(n), created, author, note, action, lay, json.loads(source), tuple(touched.get(int(n), ())))
            for n, created, author, note, action, lay, source in versions
        ]

    def version(self, number: int) -> Version:
        """One version with its per-feature changes; StoreError if there is no such version."""
        found = [version for version in self.history() if version.number == number]
        if not found:
            raise StoreError(f"no version {number} in the store ({self.location})",
                             zh=f"版本库中没有版本 {number}（{self.location}）")  # fmt: skip
        query = (
            f"SELECT feature_id, {self._out('geometry')}, {self._out('previous')}, previous_provenance, "
            "previous_version FROM gisapp_changes WHERE version = ? ORDER BY feature_id"
        )
        with self._reading() as cursor:
            cursor.execute(self._sql(query), (number,))
            changes = tuple(
                FeatureChange(fid, _shape(geom), _shape(prev), _provenance(prov), None if pv is None else int(pv))
                for fid, geom, prev, prov, pv in cursor.fetchall()
            )
        return Version(**{**found[0].__dict__, "changes": changes})

    # --- writing -----------------------------------------------------------------------------------
    def record(self, change: Change) -> Version:
        """Write a change as the next version, atomically; returns it."""
        if change.action not in ACTIONS:
            raise StoreError(f"unknown action {change.action!r}", zh=f"未知操作 {change.action!r}")
        if not change.shapes:
            raise StoreError("nothing to record: the change has no features",
                             zh="没有可记录的内容：此次更改不含任何要素")  # fmt: skip
        created = _now()
        with self._writing() as cursor:
            cursor.execute("SELECT COALESCE(MAX(version), 0) FROM gisapp_versions")
            number = int(cursor.fetchone()[0]) + 1
            cursor.execute(
                self._sql("INSERT INTO gisapp_versions VALUES (?, ?, ?, ?, ?, ?, ?)"),
                (number, created, change.author, change.note, change.action, change.layer,
                 json.dumps(change.source, ensure_ascii=False, sort_keys=True)),
            )  # fmt: skip
            for fid, shape in sorted(change.shapes.items()):
                self._write_feature(cursor, number, change.layer, fid, shape)
        return Version(number, created, change.author, change.note, change.action, change.layer, change.source,
                       tuple(sorted(change.shapes)))  # fmt: skip

    def _write_feature(self, cursor, number: int, layer: str, fid: str, shape: Shape | None) -> None:
        cursor.execute(
            self._sql(f"SELECT {self._out('geometry')}, provenance, version FROM gisapp_current WHERE feature_id = ?"),
            (fid,),
        )
        before = cursor.fetchone()
        previous, previous_provenance, previous_version = before if before else (None, None, None)
        geometry = None if shape is None else _wkb(shape.geometry)
        provenance = None if shape is None else json.dumps(shape.provenance.as_dict(), ensure_ascii=False)
        geom_in = self.dialect.geometry_in
        cursor.execute(
            self._sql(f"INSERT INTO gisapp_changes VALUES (?, ?, {geom_in}, ?, {geom_in}, ?, ?)"),
            (number, fid, geometry, provenance, None if previous is None else bytes(previous),
             previous_provenance, previous_version),
        )  # fmt: skip
        cursor.execute(self._sql("DELETE FROM gisapp_current WHERE feature_id = ?"), (fid,))
        if shape is not None:
            cursor.execute(
                self._sql(f"INSERT INTO gisapp_current VALUES (?, ?, ?, {geom_in}, ?)"),
                (fid, layer, number, geometry, provenance),
            )

    def revert(self, number: int, author: str, note: str) -> tuple[Version, list[tuple[str, int]]]:
        """Undo one version as a new version: each feature it touched gets back the shape it had before.

        Nothing is lost (the undone version stays in the history and can itself be reverted). Returns the new
        version and (feature id, later version) for each feature a later version had changed again (its shape from
        that later version is replaced as well: the caller warns).
        """
        undone = self.version(number)
        changed_later = [
            (fid, later.number)
            for later in sorted(self.history(), key=lambda v: v.number)
            if later.number > number
            for fid in later.features
            if fid in undone.features
        ]
        shapes = {
            change.feature_id: None if change.previous is None else Shape(change.previous, change.previous_provenance)
            for change in undone.changes
        }
        change = Change(undone.layer, "revert", author, note, shapes, {"reverts": number})
        return self.record(change), changed_later
