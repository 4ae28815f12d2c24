"""Every path the atlas reads and every environment variable it honours, in one place."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LAYERS_DIR = REPO_ROOT / "layers"  # the data shipped with the code
INPUTS_DIR = LAYERS_DIR / "inputs"  # build inputs: district boundary, anchors
BASEMAPS_FILE = LAYERS_DIR / "basemaps.yaml"  # tile sources the map offers (app setting, not plan data)

LAYERS_ENV = "GISAPP_LAYERS"  # another copy of the layer data (official or test data)
SEEDS_ENV = "GISAPP_SEEDS"  # the folder of plan texts
CJK_FONT_ENV = "GISAPP_CJK_FONT"  # a font file with Chinese glyphs for printed output
TIANDITU_KEY_ENV = "TIANDITU_KEY"  # key for 天地图 tiles; the basemap is offered only with one
DATA_ENV = "GISAPP_DATA"  # the folder of the version store and the layers built from it
DATABASE_URL_ENV = "GISAPP_DATABASE_URL"  # postgresql://… : a shared PostGIS version store instead of the file
PUBLIC_URL_ENV = "GISAPP_PUBLIC_URL"  # the atlas's public address: zone sheets carry a QR code back to it
STORE_FILE = "versions.sqlite"  # the embedded version store, inside the data folder


def layers_dir() -> Path:
    """The layer data the app shows: `$GISAPP_LAYERS`, else the repository's `layers/`."""
    configured = os.environ.get(LAYERS_ENV)
    return Path(configured) if configured else LAYERS_DIR


def data_dir(layers: Path | None = None) -> Path:
    """Where imported geometry versions live: `$GISAPP_DATA`, else a `data/` folder beside the layers folder."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured) if configured else Path(layers if layers is not None else layers_dir()).parent / "data"


def database_url() -> str | None:
    """The shared store's database URL (`$GISAPP_DATABASE_URL`), if a deployment configured one."""
    configured = os.environ.get(DATABASE_URL_ENV, "").strip()
    return configured or None


def seeds_dir() -> Path:
    """The folder of plan texts: `$GISAPP_SEEDS`, else `../shared/seeds` beside the repository."""
    configured = os.environ.get(SEEDS_ENV)
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "seeds"


def cjk_font_setting() -> Path | None:
    """The font file named by `$GISAPP_CJK_FONT`, if any."""
    configured = os.environ.get(CJK_FONT_ENV)
    return Path(configured) if configured else None


def tianditu_key(secrets: dict | None = None) -> str | None:
    """The 天地图 key from the environment or Streamlit secrets (`tianditu_key`), if any."""
    key = os.environ.get(TIANDITU_KEY_ENV) or (secrets or {}).get("tianditu_key")
    return key.strip() if key and key.strip() else None


def public_url() -> str | None:
    """The atlas's public address (`$GISAPP_PUBLIC_URL`), where printed sheets may link back to; None if unset."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    return configured or None
