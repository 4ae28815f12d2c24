import pytest

from gisapp.store.sqlite import SqliteStore

BACKENDS = ["sqlite"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """An empty store of each backend the project supports (the same tests run against every one)."""
    if request.param == "sqlite":
        return SqliteStore(tmp_path / "data" / "versions.sqlite")
    raise AssertionError(request.param)
