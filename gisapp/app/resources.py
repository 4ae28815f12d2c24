"""What every page shares, made once per server process: the atlas and the basemaps."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import streamlit as st

from gisapp.app import state
from gisapp.atlas.loading import Atlas
from gisapp.config import REPO_ROOT, data_dir, database_url, layers_dir, tianditu_key
from gisapp.errors import AtlasError, GisappError
from gisapp.i18n import t
from gisapp.mapview.basemaps import Basemap, available_basemaps
from gisapp.store.effective import current_atlas
from gisapp.store.open import open_store
from gisapp.store.sql import SqlStore

MAX_PROBLEMS_SHOWN = 20
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _store_for(layers: str, data: str, database: str) -> SqlStore:
    return open_store(Path(layers))


def cached_store() -> SqlStore:
    """The version store of imported shapes (SQLite beside the layers, or PostGIS with `$GISAPP_DATABASE_URL`)."""
    return _store_for(str(layers_dir()), str(data_dir()), database_url() or "")


@st.cache_resource(show_spinner=False, max_entries=4)
def _atlas_at(layers: str, store_location: str, head: int) -> Atlas:
    return current_atlas(Path(layers), cached_store())


def cached_atlas() -> Atlas:
    """The atlas as it stands, loaded once per store version and server process (read-only).

    `$GISAPP_LAYERS` swaps the data; an import or revert (by anyone, on any server sharing the store) makes the
    next page run load the new version.
    """
    store = cached_store()
    return _atlas_at(str(layers_dir()), store.location, store.head())


def or_stop(load: Callable[[], T]) -> T:
    """`load()`; if the data is broken, a page that says what is wrong (as text) and nothing else.

    A failed load is not cached, so the page works again as soon as the data is mended.
    """
    try:
        return load()
    except GisappError as exc:
        problems = exc.problems if isinstance(exc, AtlasError) else [str(exc)]
        st.error(t("data_error", "both"))
        st.code("\n".join(_without_server_paths(problem) for problem in problems[:MAX_PROBLEMS_SHOWN]), language=None)
        if len(problems) > MAX_PROBLEMS_SHOWN:
            st.caption(t("more_problems", "both").format(count=len(problems) - MAX_PROBLEMS_SHOWN))
        st.stop()


def _without_server_paths(problem: str) -> str:
    """A problem as the data's maintainer needs it, without the server's folder layout."""
    return problem.replace(str(layers_dir()), "<layers>").replace(str(REPO_ROOT), "<app>")


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
