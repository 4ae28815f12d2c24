import pytest

from tests.ingest.fixtures import official_towns


@pytest.fixture(scope="session")
def towns_frame(atlas):
    return official_towns(atlas)


@pytest.fixture(autouse=True)
def _store_beside_the_layers(monkeypatch):
    """Every test's store lives beside its own layers copy, never in a configured shared one."""
    monkeypatch.delenv("GISAPP_DATA", raising=False)
    monkeypatch.delenv("GISAPP_DATABASE_URL", raising=False)
