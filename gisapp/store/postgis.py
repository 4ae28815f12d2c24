"""The shared store: the same versions in PostgreSQL + PostGIS, for several app processes on one database.

Configured with `$GISAPP_DATABASE_URL` (postgresql://user:password@host:port/database). Every write is one
transaction under the store's write lock, so concurrent writers queue; reading an empty database creates
nothing. Messages name the database without its password.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote, unquote, urlsplit

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict

from gisapp.errors import StoreError
from gisapp.store.sql import POSTGIS, SqlStore

SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 10  # an unreachable server is reported after this long (unless the URL sets connect_timeout)
WRITE_LOCK_KEY = 0x6769_7361_7070  # "gisapp": the advisory lock that queues writers, schema creation included
INSTALL_HINT = (
    "install PostGIS on the database server (Debian: apt-get install postgresql-15-postgis-3) "
    "and run `CREATE EXTENSION postgis;` in the database as its owner or a superuser"
)
INSTALL_HINT_ZH = (
    "请在数据库服务器上安装 PostGIS（Debian：apt-get install postgresql-15-postgis-3），"
    "并由数据库所有者或超级用户在该数据库中执行 `CREATE EXTENSION postgis;`"
)


def _passwords(url: str) -> set[str]:
    """The password(s) in a URL, as written and decoded (found without libpq, so even an unparsable URL is redacted)."""
    try:
        found = {urlsplit(url).password or ""}
    except ValueError:
        found = set()
    found |= set(re.findall(r"^[a-z]+://[^/@:]*:([^@/]*)@", url, flags=re.IGNORECASE))
    found |= set(re.findall(r"[?&]password=([^&#\s]*)", url, flags=re.IGNORECASE))
    return {secret for value in found for secret in (value, unquote(value)) if secret}


def _location(params: dict) -> str:
    """The database as a URL without its password: how messages, logs and build keys name it."""
    user = f"{quote(params['user'], safe='')}@" if params.get("user") else ""
    host = params.get("host") or ""
    host = quote(host, safe="") if host.startswith("/") else host  # a Unix socket directory
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgresql://{user}{host}{port}/{params.get('dbname') or ''}"


class PostgisStore(SqlStore):
    """Versions in PostgreSQL + PostGIS; one connection per operation, so threads and processes may share it."""

    dialect = POSTGIS

    def __init__(self, url: str) -> None:
        self._url = url.strip()
        self._secrets = sorted(_passwords(self._url), key=len, reverse=True)  # longest first: none left half-shown
        if not self._url.lower().startswith(SCHEMES):
            scheme = self._url.split("://", 1)[0] if "://" in self._url else "no scheme"
            raise StoreError(
                "GISAPP_DATABASE_URL must be a postgresql://user:password@host:port/database URL "
                f"(got {scheme[:20]!r})",
                zh="GISAPP_DATABASE_URL 应为 postgresql://用户:密码@主机:端口/数据库 形式的地址"
                f"（现为 {scheme[:20]!r}）",
            )
        try:
            params = conninfo_to_dict(self._url)
        except psycopg.Error as exc:
            reason = self._redact(exc)
            raise StoreError(f"GISAPP_DATABASE_URL is not a valid PostgreSQL URL: {reason}",
                             zh=f"GISAPP_DATABASE_URL 不是有效的 PostgreSQL 地址：{reason}") from None  # fmt: skip
        self._connect_timeout = None if params.get("connect_timeout") else CONNECT_TIMEOUT_S
        self.location = _location(params)

    def _redact(self, exc: BaseException) -> str:
        """A driver message on one line, with the password taken out wherever it appears."""
        text = " ".join(str(exc).split())
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def _connect(self) -> psycopg.Connection:
        extra = {"connect_timeout": self._connect_timeout} if self._connect_timeout else {}
        try:
            return psycopg.connect(self._url, application_name="gisapp", **extra)
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect to the version store: {self._redact(exc)}",
                             zh=f"{self.location}：无法连接版本库：{self._redact(exc)}") from None  # fmt: skip

    def _exists(self) -> bool:
        with self._reading() as cursor:
            cursor.execute("SELECT to_regclass('gisapp_current') IS NOT NULL")
            return bool(cursor.fetchone()[0])

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Cursor]:
        connection = self._connect()
        try:
            with connection:  # one snapshot for the whole read; closed (and rolled back) on exit
                connection.read_only = True
                connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                with connection.cursor() as cursor:
                    yield cursor
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: the version store cannot be read: {self._redact(exc)}",
                             zh=f"{self.location}：版本库无法读取：{self._redact(exc)}") from exc  # fmt: skip

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Cursor]:
        connection = self._connect()
        try:
            with connection:  # commits when the block ends normally, rolls back on any error, then closes
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))  # writers queue here
                    self._prepare(cursor)
                    cursor.execute(self.dialect.lock)
                    yield cursor
        except errors.InsufficientPrivilege as exc:
            raise StoreError(
                f"{self.location}: the database role may not write the version store ({self._redact(exc)}); "
                "grant it CREATE on the schema (the tables are made on the first write), "
                "or SELECT, INSERT, DELETE on the tables gisapp_versions, gisapp_changes, gisapp_current",
                zh=f"{self.location}：数据库角色无权写入版本库（{self._redact(exc)}）；"
                "请授予其在该模式上的 CREATE 权限（首次写入时建表），"
                "或对 gisapp_versions、gisapp_changes、gisapp_current 三张表的 SELECT、INSERT、DELETE 权限",
            ) from exc
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: the version store refused the write: {self._redact(exc)}",
                             zh=f"{self.location}：版本库拒绝了写入：{self._redact(exc)}") from exc  # fmt: skip

    def _prepare(self, cursor: psycopg.Cursor) -> None:
        """Make sure PostGIS and the store's tables exist (first write only; under the write lock, so no race)."""
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
        if cursor.fetchone() is None:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
            if cursor.fetchone() is None:
                raise StoreError(f"{self.location}: the database server has no PostGIS extension; {INSTALL_HINT}",
                                 zh=f"{self.location}：数据库服务器没有 PostGIS 扩展；{INSTALL_HINT_ZH}")  # fmt: skip
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except errors.InsufficientPrivilege:
                raise StoreError(
                    f"{self.location}: PostGIS is not enabled in this database and the role may not enable it; "
                    f"{INSTALL_HINT}",
                    zh=f"{self.location}：此数据库未启用 PostGIS，且当前角色无权启用；{INSTALL_HINT_ZH}",
                ) from None
        cursor.execute("SELECT to_regclass('gisapp_current') IS NOT NULL")
        if not cursor.fetchone()[0]:
            for statement in self.schema():
                cursor.execute(statement)
