import pytest

from gisapp.store.postgis import PostgisStore
from gisapp.store.sqlite import SqliteStore
from tests.store.postgres_server import LocalServer, ServerMissing, start_server, stop_server

BACKENDS = ["sqlite", "postgis"]


@pytest.fixture(scope="session")
def postgis_server():
    """A real local PostgreSQL + PostGIS for this test session; a missing server fails the tests, never skips."""
    try:
        server = start_server()
    except ServerMissing as exc:
        missing = str(exc)
    else:
        missing = None
    if missing:
        pytest.fail(missing, pytrace=False)
    yield server
    stop_server(server)


@pytest.fixture()
def postgis_database(postgis_server: LocalServer):
    """A fresh database with PostGIS enabled and nothing else; its URL (password included), dropped afterwards."""
    name = postgis_server.fresh_database()
    yield postgis_server.url(name)
    postgis_server.drop_database(name)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """An empty store of each backend the project supports (the same tests run against every one)."""
    if request.param == "sqlite":
        return SqliteStore(tmp_path / "data" / "versions.sqlite")
    if request.param == "postgis":
        return PostgisStore(request.getfixturevalue("postgis_database"))
    raise AssertionError(request.param)
