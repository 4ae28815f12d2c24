"""What only the shared PostGIS store has to get right: enabling PostGIS, privileges, connection errors, the URL."""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest
from shapely.geometry import Point, box

from gisapp.config import REPO_ROOT
from gisapp.errors import StoreError
from gisapp.store.open import open_store
from gisapp.store.postgis import PostgisStore
from gisapp.store.records import Change, Provenance, Shape
from tests.store.backends import store_footprint
from tests.store.postgres_server import free_port

IMPORTED = Provenance("official-import", {"file": "towns.zip", "crs": "EPSG:4527"})
SECRET = "S3cret-pw_do-not-print"


def change(fid="zhengjia", geometry=None, note="v1"):
    return Change("towns", "import", "王工", note, {fid: Shape(geometry or box(0, 0, 1, 1), IMPORTED)})


@pytest.fixture()
def bare_database(postgis_server):
    """A fresh database without PostGIS; its name, dropped afterwards."""
    name = postgis_server.fresh_database(with_postgis=False)
    yield name
    postgis_server.drop_database(name)


@pytest.fixture()
def role(postgis_server):
    """A login role that is not a superuser (as an app server's would be); it goes with the test cluster."""
    name = f"planner_{os.getpid()}_{time.monotonic_ns()}"
    with postgis_server.admin() as connection:
        connection.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{SECRET}'")
    return name


def postgis_enabled(url: str) -> bool:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is not None


def test_reading_a_bare_database_creates_nothing_and_the_first_write_enables_postgis(postgis_server, bare_database):
    url = postgis_server.url(bare_database)
    store = PostgisStore(url)
    assert (store.head(), store.current(), store.history()) == (0, {}, [])
    assert store_footprint(store) == [] and not postgis_enabled(url)
    store.record(change())
    assert postgis_enabled(url)
    assert store_footprint(store) == ["gisapp_changes", "gisapp_current", "gisapp_versions"]
    assert store.current()["zhengjia"].geometry.equals(box(0, 0, 1, 1))
    with psycopg.connect(url) as connection:  # the shapes are real PostGIS geometries, usable from SQL and QGIS
        stored = connection.execute("SELECT ST_SRID(geometry), GeometryType(geometry) FROM gisapp_current").fetchone()
    assert stored == (4326, "POLYGON")


def test_first_writers_racing_on_a_bare_database_all_get_a_version(postgis_server, bare_database):
    store, errors = PostgisStore(postgis_server.url(bare_database)), []
    start = threading.Barrier(4)

    def write(index: int) -> None:
        start.wait()
        try:
            store.record(change(f"town{index}", box(index, 0, index + 1, 1)))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(v.number for v in store.history()) == [1, 2, 3, 4]
    assert sorted(store.current()) == ["town0", "town1", "town2", "town3"]


def test_a_role_that_may_not_enable_postgis_is_told_how_and_nothing_is_written(postgis_server, role):
    database = postgis_server.fresh_database(with_postgis=False, owner=role)  # owner, but not a superuser
    store = PostgisStore(postgis_server.url(database, role, SECRET))
    with pytest.raises(StoreError, match="CREATE EXTENSION postgis") as raised:
        store.record(change())
    assert SECRET not in str(raised.value)
    assert store.head() == 0 and store_footprint(store) == []


def test_a_role_without_create_on_the_schema_is_told_what_to_grant_then_writes(postgis_server, postgis_database, role):
    store = PostgisStore(postgis_database.replace(f"postgres:{postgis_server.password}@", f"{role}:{SECRET}@"))
    with pytest.raises(StoreError, match="grant it CREATE on the schema"):
        store.record(change())
    assert store.head() == 0
    with psycopg.connect(postgis_database, autocommit=True) as connection:  # what the README tells the DBA to run
        connection.execute(f"GRANT CREATE, USAGE ON SCHEMA public TO {role}")
    assert store.record(change()).number == 1 and store.head() == 1


def test_roles_granted_the_store_tables_write_or_only_read_as_granted(postgis_server, postgis_database, role):
    PostgisStore(postgis_database).record(change())  # the owner made the tables with the first write
    reader = f"{role}_reader"
    with psycopg.connect(postgis_database, autocommit=True) as connection:  # as the README's grants
        tables = "gisapp_versions, gisapp_changes, gisapp_current"
        connection.execute(f"GRANT SELECT, INSERT, DELETE ON {tables} TO {role}")
        connection.execute(f"CREATE ROLE {reader} LOGIN PASSWORD '{SECRET}'")
        connection.execute(f"GRANT SELECT ON {tables} TO {reader}")
    writing = PostgisStore(postgis_database.replace(f"postgres:{postgis_server.password}@", f"{role}:{SECRET}@"))
    reading = PostgisStore(postgis_database.replace(f"postgres:{postgis_server.password}@", f"{reader}:{SECRET}@"))
    assert writing.record(change("tangyi")).number == 2
    assert reading.head() == 2 and set(reading.current()) == {"zhengjia", "tangyi"}
    with pytest.raises(StoreError, match=r"may not write the version store .*permission denied"):
        reading.record(change("tangyi", box(5, 5, 6, 6)))
    assert writing.head() == 2


def test_an_unreachable_server_is_a_clear_error_that_does_not_print_the_password():
    store = PostgisStore(f"postgresql://planner:{SECRET}@127.0.0.1:{free_port()}/atlas")
    assert store.location.startswith("postgresql://planner@127.0.0.1:") and SECRET not in store.location
    for read in (store.head, store.history, lambda: store.record(change())):
        with pytest.raises(StoreError, match="cannot connect to the version store") as raised:
            read()
        assert SECRET not in str(raised.value) and "\n" not in str(raised.value)


def test_a_wrong_password_is_refused_without_echoing_either_password(postgis_server, postgis_database):
    store = PostgisStore(postgis_database.replace(postgis_server.password, SECRET))
    with pytest.raises(StoreError, match="password authentication failed") as raised:
        store.history()
    assert SECRET not in str(raised.value) and postgis_server.password not in str(raised.value)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (f"mysql://planner:{SECRET}@db.example/atlas", "must be a postgresql://"),
        (f"planner:{SECRET}@db.example/atlas", "must be a postgresql://"),
        (f"postgresql://planner:{SECRET}@db.example/atlas?bogus=1", "not a valid PostgreSQL URL"),
        (f"postgresql://planner:{SECRET}@db.example:port/atlas", "not a valid PostgreSQL URL|cannot connect"),
        (f"postgresql://planner@db.example/atlas?password={SECRET}&bogus=1", "not a valid PostgreSQL URL"),
        (f"postgresql://planner:{SECRET}@[::1/atlas", r"not a valid PostgreSQL URL: .*planner:\*\*\*@"),
        (f"postgresql://planner@127.0.0.1:1/atlas?password={SECRET}", "cannot connect"),
    ],
)
def test_a_bad_url_is_refused_by_name_without_the_password(url, message):
    with pytest.raises(StoreError, match=message) as raised:
        PostgisStore(url).head()
    assert SECRET not in str(raised.value)


KILLED_WRITER = """
import sys
from shapely.geometry import Point
from gisapp.store.postgis import PostgisStore
from gisapp.store.records import Change, Provenance, Shape
big = {f"f{i:05d}": Shape(Point(116, 36.4).buffer(0.01, quad_segs=500), Provenance("official-import", {}))
       for i in range(3000)}
PostgisStore(sys.argv[1]).record(Change("towns", "import", "kill", "never lands", big))
"""


def _write_lock_held(url: str) -> bool:
    with psycopg.connect(url) as connection:
        (held,) = connection.execute(
            "SELECT count(*) FROM pg_locks JOIN pg_database d ON d.oid = pg_locks.database "
            "WHERE locktype = 'advisory' AND granted AND d.datname = current_database()"
        ).fetchone()
    return held > 0


def test_kill_9_in_the_middle_of_a_write_leaves_the_previous_version_whole(postgis_database):
    store = PostgisStore(postgis_database)
    store.record(change())
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, postgis_database], cwd=REPO_ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and writer.poll() is None and not _write_lock_held(postgis_database):
        time.sleep(0.01)
    time.sleep(0.5)  # rows of the unfinished version are going in
    assert writer.poll() is None, "the writer finished before it could be killed mid-write"
    assert _write_lock_held(postgis_database) and store.head() == 1  # the transaction is open, not committed
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert store.head() == 1 and list(store.current()) == ["zhengjia"]
    assert [v.note for v in store.history()] == ["v1"]
    store.record(change("tangyi", Point(1, 1).buffer(1), note="v2"))  # the dead writer's lock is gone
    assert store.head() == 2 and set(store.current()) == {"zhengjia", "tangyi"}


def cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gisapp", *args], cwd=REPO_ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_the_database_url_makes_open_store_and_the_cli_use_postgis(postgis_database, tmp_path, monkeypatch):
    monkeypatch.setenv("GISAPP_DATABASE_URL", postgis_database)
    monkeypatch.setenv("GISAPP_DATA", str(tmp_path / "data"))
    store = open_store()
    assert isinstance(store, PostgisStore) and store.location.startswith("postgresql://postgres@127.0.0.1:")
    store.record(change(note="区规划局 2025 年镇界"))
    env = {"GISAPP_DATABASE_URL": postgis_database, "GISAPP_DATA": str(tmp_path / "data")}

    listed = cli("history", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["version"], r["author"], r["note"], r["features"]) for r in rows] == [
        (1, "王工", "区规划局 2025 年镇界", ["zhengjia"])
    ]

    reverted = cli("revert", "1", "--author", "李工", "--note", "退回", env=env)
    assert reverted.returncode == 0, reverted.stderr
    assert "version 2: reverted version 1" in reverted.stdout
    assert store.head() == 2 and store.current() == {}  # written to the database, nothing to the data folder
    assert not (tmp_path / "data").exists()


def test_the_cli_reports_an_unreachable_database_in_one_line_without_the_password(tmp_path):
    env = {"GISAPP_DATABASE_URL": f"postgresql://planner:{SECRET}@127.0.0.1:{free_port()}/atlas",
           "GISAPP_DATA": str(tmp_path / "data")}  # fmt: skip
    done = cli("history", env=env)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: postgresql://planner@127.0.0.1:") and "cannot connect" in done.stderr
    assert "Traceback" not in done.stderr and SECRET not in done.stderr
