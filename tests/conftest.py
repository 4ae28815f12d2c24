from pathlib import Path

import pytest

from gisapp.atlas.loading import Atlas, load_atlas
from gisapp.config import seeds_dir


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return load_atlas()


@pytest.fixture(scope="session")
def seeds_folder() -> Path:
    """The plan texts; a missing folder fails the tests that need it (never skips them)."""
    folder = seeds_dir()
    assert folder.is_dir(), f"seed texts not found at {folder}; set GISAPP_SEEDS to the folder of the plan texts"
    return folder
