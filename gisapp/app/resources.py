"""What every page shares, made once per server process: the atlas, the basemaps, the served map assets."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from gisapp.app import state
from gisapp.atlas.loading import Atlas, load_atlas
from gisapp.config import layers_dir, tianditu_key
from gisapp.mapview.assets import install_static_assets
from gisapp.mapview.basemaps import Basemap, available_basemaps


@st.cache_resource(show_spinner=False)
def cached_atlas() -> Atlas:
    """The atlas, loaded once per server process (read-only); `$GISAPP_LAYERS` swaps the data."""
    return load_atlas(layers_dir())


@st.cache_resource(show_spinner=False)
def static_assets_ready() -> bool:
    """Leaflet and friends copied where Streamlit serves them (once per process)."""
    install_static_assets()
    return True


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except (FileNotFoundError, KeyError, OSError, ValueError):  # no or unreadable secrets.toml
        return {}


def basemaps() -> dict[str, Basemap]:
    """The basemaps on offer (天地图 only when a key is configured)."""
    return available_basemaps(tianditu_key(_secrets()))


@contextmanager
def timed_run() -> Iterator[None]:
    """Record the script's own run time in the session (read by the benchmark)."""
    start = time.perf_counter()
    yield
    st.session_state[state.SCRIPT_MS] = (time.perf_counter() - start) * 1000
