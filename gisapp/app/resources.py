"""What every page shares, made once per server process: the atlas and the basemaps."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from gisapp.app import state
from gisapp.atlas.loading import Atlas, load_atlas
from gisapp.config import REPO_ROOT, layers_dir, tianditu_key
from gisapp.errors import AtlasError, GisappError
from gisapp.i18n import t
from gisapp.mapview.basemaps import Basemap, available_basemaps

MAX_PROBLEMS_SHOWN = 20
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def cached_atlas() -> Atlas:
    """The atlas, loaded once per server process (read-only); `$GISAPP_LAYERS` swaps the data."""
    return load_atlas(layers_dir())


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
