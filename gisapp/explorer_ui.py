"""Streamlit pieces of the map explorer: controls, map, feature panel, attribute table, URL sync."""

from __future__ import annotations

import time
from contextlib import contextmanager

import streamlit as st
from streamlit_folium import st_folium

from gisapp.catalog import Atlas
from gisapp.explorer import ViewState, attribute_table, bounds_to_extent, state_from_query, state_to_query
from gisapp.i18n import t
from gisapp.mapview.assets import install_static_assets
from gisapp.mapview.basemaps import Basemap, available_basemaps, tianditu_key
from gisapp.mapview.build import build_map, selection_group, view_for
from gisapp.profile import build_profile
from gisapp.search import search
from gisapp.ui import cached_atlas, md_escape, render_profile  # noqa: F401 - re-exported for pages

MAP_HEIGHT = 720
VIEW_EXTENT = "view"
PROFILE_PAGE = "pages/zone_profile.py"


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:
        return {}


@st.cache_resource(show_spinner=False)
def _static_assets_ready() -> bool:
    install_static_assets()
    return True


def basemaps() -> dict[str, Basemap]:
    return available_basemaps(tianditu_key(_secrets()))


@contextmanager
def timed_run():
    """Record the script's own run time in `st.session_state.script_ms` (read by the benchmark)."""
    start = time.perf_counter()
    yield
    st.session_state.script_ms = (time.perf_counter() - start) * 1000


def _layer_key(layer_id: str) -> str:
    return f"layer::{layer_id}"


def init_state(atlas: Atlas, maps: dict[str, Basemap]) -> None:
    """On a session's first run, take the view from the URL (or the defaults)."""
    _static_assets_ready()
    if st.session_state.get("initialised"):
        return
    state = state_from_query(st.query_params.to_dict(), atlas, tuple(maps))
    st.session_state.lang = state.lang
    st.session_state.basemap = state.basemap
    for spec in atlas.layers:
        st.session_state[_layer_key(spec.id)] = spec.id in state.layers
    st.session_state.selected = None
    st.session_state.map_nonce = 0
    if state.selected:
        select(atlas, state.selected, state.basemap)
    st.session_state.initialised = True


def current_state(atlas: Atlas) -> ViewState:
    layers = tuple(spec.id for spec in atlas.layers if st.session_state.get(_layer_key(spec.id)))
    return ViewState(layers, st.session_state.selected, st.session_state.basemap, st.session_state.lang)


def sync_url(state: ViewState) -> None:
    """Keep the address bar reproducing the view (only writes when something changed)."""
    wanted = state_to_query(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def select(atlas: Atlas, feature_id: str | None, basemap_id: str, zoom: bool = True) -> None:
    """Select a feature (or none); zooming remounts the map at the feature's view."""
    st.session_state.selected = feature_id
    st.session_state.pop("pending_view", None)
    if feature_id is not None and zoom:
        datum = basemaps()[basemap_id].datum
        st.session_state.pending_view = view_for(atlas, feature_id, datum)
    remount_map()  # a fresh map component forgets its last click, so clicking that feature again registers


def sidebar(atlas: Atlas, maps: dict[str, Basemap]) -> None:
    """Language, basemap, grouped layer switches and search."""
    with st.sidebar:
        lang = st.radio("语言 / Language", ["zh", "en"], format_func={"zh": "中文", "en": "English"}.get, key="lang",
                        horizontal=True)  # fmt: skip
        st.selectbox(
            t("basemap", lang), list(maps), key="basemap",
            format_func=lambda key: maps[key].title.zh if lang == "zh" else maps[key].title.en,
        )  # fmt: skip
        _search_box(atlas, lang)
        st.markdown(f"**{t('layers', lang)}**")
        for group in atlas.catalog.groups:
            specs = [spec for spec in atlas.layers if spec.group == group.id]
            with st.expander(group.title.zh if lang == "zh" else group.title.en, expanded=group.id != "base"):
                for spec in specs:
                    label = spec.title.zh if lang == "zh" else spec.title.en
                    st.checkbox(f"{label}（{len(atlas.frame(spec.id))}）", key=_layer_key(spec.id))


def _search_box(atlas: Atlas, lang: str) -> None:
    def run_search() -> None:
        hits = search(atlas, st.session_state.get("q", ""))
        st.session_state.hits = [hit.feature_id for hit in hits]
        if hits:
            select(atlas, hits[0].feature_id, st.session_state.basemap)

    st.text_input(t("search", lang), key="q", on_change=run_search, placeholder=t("search_hint", lang))
    query = st.session_state.get("q", "").strip()
    if not query:
        return
    hits = st.session_state.get("hits", [])
    if not hits:
        st.caption(t("no_results", lang))
        return

    def pick() -> None:
        select(atlas, st.session_state.hit_choice, st.session_state.basemap)

    if st.session_state.get("hit_choice") not in hits:
        st.session_state.hit_choice = hits[0]
    st.radio(
        t("results", lang), hits, key="hit_choice", on_change=pick,
        format_func=lambda fid: atlas.features[fid].name.zh if lang == "zh" else atlas.features[fid].name.en,
    )  # fmt: skip


def map_view(atlas: Atlas, state: ViewState, maps: dict[str, Basemap]) -> None:
    """The map; a click on a feature selects it (handled before the page is drawn, via on_change)."""
    basemap = maps[state.basemap]
    key = f"map_{st.session_state.map_nonce}"

    def on_click() -> None:
        value = st.session_state.get(key) or {}
        drawing = value.get("last_active_drawing") or {}
        feature_id = (drawing.get("properties") or {}).get("id")
        if feature_id in atlas.features and feature_id != st.session_state.get(f"{key}::handled"):
            st.session_state[f"{key}::handled"] = feature_id
            st.session_state.selected = feature_id
            st.session_state.pop("pending_view", None)

    fmap = build_map(atlas, state.layers, basemap, state.lang, st.get_option("server.baseUrlPath") or "")
    centre, zoom = st.session_state.get("pending_view", (None, None))
    st_folium(
        fmap,
        key=key,
        height=MAP_HEIGHT,
        use_container_width=True,
        # the view's bounds are sent (and rerun the page on pan/zoom) only while exporting "the current view"
        returned_objects=["last_active_drawing", "last_object_clicked"]
        + (["bounds"] if st.session_state.get("export_extent") == VIEW_EXTENT else []),
        feature_group_to_add=selection_group(atlas, state.selected, basemap.datum),
        center=centre,
        zoom=zoom,
        on_change=on_click,
        render=False,  # st_folium renders the map itself as well; one render is enough (~40 ms saved)
    )
    st.caption(t("schematic_map_note", state.lang))


def remount_map() -> None:
    """Give the map a fresh component (streamlit-folium reads `returned_objects` only when it mounts)."""
    st.session_state.map_nonce = st.session_state.get("map_nonce", 0) + 1


def current_view_extent(basemap: Basemap) -> str | None:
    """The map's visible area as 'minlon,minlat,maxlon,maxlat' (WGS-84), once the map has reported it."""
    value = st.session_state.get(f"map_{st.session_state.get('map_nonce', 0)}") or {}
    return bounds_to_extent(value.get("bounds"), basemap.datum)


def feature_panel(atlas: Atlas, state: ViewState) -> None:
    """The selected feature's profile, or a hint."""
    if state.selected is None:
        st.info(t("click_hint", state.lang))
        return
    left, right = st.columns(2)
    left.button(t("clear", state.lang), on_click=select, args=(atlas, None, state.basemap), key="clear")
    right.page_link(PROFILE_PAGE, label=t("open_profile", state.lang))
    render_profile(build_profile(atlas, atlas.features[state.selected], state.lang), state.lang)


def table_view(atlas: Atlas, state: ViewState) -> None:
    """The attribute table of the visible layers, filterable; choosing a row selects and zooms."""
    lang = state.lang
    st.markdown(f"#### {t('table', lang)}")
    text_filter = st.text_input(t("filter", lang), key="table_filter")
    table = attribute_table(atlas, state.layers, lang, text_filter)
    key = f"table_{st.session_state.map_nonce}"

    def on_row() -> None:
        rows = st.session_state[key].selection.rows
        if rows:
            select(atlas, table.iloc[rows[0]]["id"], state.basemap)

    shown = table.drop(columns=["id"]).rename(columns={column: t(f"col_{column}", lang) for column in table.columns})
    st.dataframe(shown, hide_index=True, width="stretch", on_select=on_row, selection_mode="single-row", key=key)
    st.caption(md_escape(t("table_count", lang).format(count=len(table))))
