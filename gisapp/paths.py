"""Where the project's data lives: the `layers/` folder and the plan seed texts."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LAYERS_DIR = REPO_ROOT / "layers"
PLAN_DIR = LAYERS_DIR / "plan"
INPUTS_DIR = LAYERS_DIR / "inputs"
CATALOG_FILE = LAYERS_DIR / "catalog.yaml"


def layers_dir() -> Path:
    """The layer data the app shows: `$GISAPP_LAYERS` (e.g. official or test data), else `layers/`."""
    configured = os.environ.get("GISAPP_LAYERS")
    return Path(configured) if configured else LAYERS_DIR


def seeds_dir() -> Path:
    """The folder of plan texts: `$GISAPP_SEEDS`, else `../shared/seeds` beside the repository."""
    configured = os.environ.get("GISAPP_SEEDS")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "seeds"
