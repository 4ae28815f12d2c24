"""The map explorer's widgets: sidebar controls, the map, the feature panel and the attribute table."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from gisapp.app import state
from gisapp.app.render import md_escape, render_profile
from gisapp.atlas.loading import Atlas
from gisapp.i18n import LANG_NAMES, LANGS, row_count, t
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.build import build_map, selection_group
from gisapp.mapview.elements import KeepView
from gisapp.views.explorer import ViewState, attribute_table, bounds_to_extent
from gisapp.views.profile import build_profile, unlocated_projects
from gisapp.views.search import did_you_mean, hit_label, search

MAP_HEIGHT = 540  # with the title above, the whole map fits a 1280×720 laptop screen
QUERY_SHOWN = 40  # characters of the query repeated in the search notes
PROFILE_PAGE = "pages/zone_profile.py"


def sidebar(atlas: Atlas, maps: dict[str, Basemap]) -> None:
    """Language, basemap, grouped layer switches and search."""
    with st.sidebar:
        lang = st.radio(t("language", "zh"), LANGS, format_func=LANG_NAMES.get, key=state.LANG, horizontal=True)
        state.remember_lang(lang)
        st.selectbox(t("basemap", lang), list(maps), key=state.BASEMAP,
                     format_func=lambda key: maps[key].title.get(lang))  # fmt: skip
        _search_box(atlas, maps, lang)
        st.markdown(f"**{t('layers', lang)}**")
        for group in atlas.catalog.groups:
            specs = [spec for spec in atlas.layers if spec.group == group.id]
            with st.expander(md_escape(group.title.get(lang)), expanded=group.id != "base"):
                for spec in specs:  # widget labels render Markdown: data text is escaped
                    label = f"{spec.title.get(lang)}{t('paren', lang).format(len(atlas.frame(spec.id)))}"
                    st.checkbox(md_escape(label), key=state.layer_key(spec.id))
        if atlas.unlocated:  # named by the plans without a place: a list, never points on the map
            with st.expander(md_escape(t("unlocated_title", lang).format(n=len(atlas.unlocated)))):
                _unlocated_chooser(atlas, maps, lang)


def _unlocated_chooser(atlas: Atlas, maps: dict[str, Basemap], lang: str) -> None:
    """The projects the plans do not locate, by name with their zones and status; choosing one opens its panel."""
    labels = dict(zip(atlas.unlocated, (
        f"{item.text}{t('item_sep', lang)}{item.note}" if item.note else item.text
        for item in unlocated_projects(atlas, lang)
    ), strict=True))  # fmt: skip

    def pick() -> None:
        chosen = st.session_state.get(state.UNLOCATED_CHOICE)
        if chosen:
            state.select(atlas, chosen, maps[st.session_state[state.BASEMAP]])

    st.caption(t("unlocated_caption", lang))
    st.selectbox(t("unlocated_pick", lang), list(labels), index=None, key=state.UNLOCATED_CHOICE, on_change=pick,
                 placeholder=t("unlocated_placeholder", lang), format_func=labels.get)  # options are plain text


def _search_box(atlas: Atlas, maps: dict[str, Basemap], lang: str) -> None:
    def run_search() -> None:
        query = st.session_state.get(state.QUERY, "")
        hits = search(atlas, query)
        st.session_state[state.HITS] = [hit.feature_id for hit in hits]
        st.session_state[state.SUGGESTION] = did_you_mean(hits)
        if hits:
            st.session_state[state.HIT_CHOICE] = hits[0].feature_id  # the result shown is the one marked
            state.select(atlas, hits[0].feature_id, maps[st.session_state[state.BASEMAP]])
        elif query.strip():  # nothing found: the previous answer must not look like this query's
            state.select(atlas, None, maps[st.session_state[state.BASEMAP]])

    st.text_input(t("search", lang), key=state.QUERY, on_change=run_search, placeholder=t("search_hint", lang))
    query = st.session_state.get(state.QUERY, "").strip()
    if not query:
        return
    query = query if len(query) <= QUERY_SHOWN else query[:QUERY_SHOWN] + "…"  # a pasted page stays one line
    hits = st.session_state.get(state.HITS, [])
    if not hits:
        st.caption(md_escape(t("search_no_match", lang).format(query=query)))
        return
    suggestion = st.session_state.get(state.SUGGESTION)
    if suggestion:
        st.caption(md_escape(t("search_did_you_mean", lang).format(query=query, suggestion=suggestion)))

    def pick() -> None:
        state.select(atlas, st.session_state[state.HIT_CHOICE], maps[st.session_state[state.BASEMAP]])

    if st.session_state.get(state.HIT_CHOICE) not in hits:
        st.session_state[state.HIT_CHOICE] = hits[0]
    st.radio(t("results", lang), hits, key=state.HIT_CHOICE, on_change=pick,
             format_func=lambda fid: md_escape(hit_label(atlas, fid, lang)))  # fmt: skip


@st.fragment
def map_and_panel(atlas: Atlas, maps: dict[str, Basemap]) -> None:
    """The map beside the selected feature's panel, rerun on their own when the map is clicked.

    A click reruns this fragment only (~0.1 s of server time), not the whole page with its table and
    sidebar; the map component is kept, so it keeps the zoom and pan the user chose.
    """
    view = state.current_view(atlas)
    state.sync_url(view)
    map_column, panel_column = st.columns([5, 3], gap="medium")
    with map_column:
        map_view(atlas, view, maps)
    with panel_column, st.container(height=MAP_HEIGHT, border=False):  # scrolls beside the map, not the page
        feature_panel(atlas, view, maps[view.basemap])


def map_view(atlas: Atlas, view: ViewState, maps: dict[str, Basemap]) -> None:
    """The map; a click on a feature selects it (handled before the page is drawn, via on_change)."""
    basemap = maps[view.basemap]
    key = state.map_key()
    fmap = build_map(atlas, view.layers, basemap, view.lang, st.get_option("server.baseUrlPath") or "")
    KeepView(st.session_state.get(state.PENDING_VIEW)).add_to(fmap)  # the user's own view survives a redraw
    st_folium(
        fmap,
        key=key,
        height=MAP_HEIGHT,
        use_container_width=True,
        # the view's bounds are sent (and rerun the page on pan/zoom) only while exporting "the current view"
        returned_objects=["last_active_drawing", "last_object_clicked"]
        + (["bounds"] if st.session_state.get(state.EXPORT_EXTENT) == state.VIEW_EXTENT else []),
        feature_group_to_add=selection_group(atlas, located(atlas, view.selected), basemap.datum),
        on_change=partial(state.select_clicked, atlas, key),
        render=False,  # st_folium renders the map itself as well; one render is enough (~40 ms saved)
    )
    st.caption(t("schematic_map", view.lang))


def located(atlas: Atlas, feature_id: str | None) -> str | None:
    """The selected feature if it has a place on the map (a project the plans do not locate has none)."""
    return feature_id if feature_id in atlas.features else None


def current_view_extent(basemap: Basemap) -> str | None:
    """The map's visible area as 'minlon,minlat,maxlon,maxlat' (WGS-84), once the map has reported it."""
    value = st.session_state.get(state.map_key()) or {}
    return bounds_to_extent(value.get("bounds"), basemap.datum)


def feature_panel(atlas: Atlas, view: ViewState, basemap: Basemap) -> None:
    """The selected feature's profile, or a hint."""
    if view.selected is None:
        st.info(t("click_hint", view.lang))
        return
    left, right = st.columns(2)
    left.button(t("clear", view.lang), on_click=state.select, args=(atlas, None, basemap), key=state.CLEAR_BUTTON)
    if view.selected in atlas.features:  # zone sheets are of mapped features; a project not located has its panel
        # the link carries the profile's own address: the profile page then has nothing to add to it, so the
        # browser keeps one history entry for the visit and Back returns to this map
        right.page_link(PROFILE_PAGE, label=t("open_profile", view.lang),
                        query_params={"id": view.selected, "lang": view.lang})  # fmt: skip
    render_profile(build_profile(atlas, atlas.every_feature[view.selected], view.lang), view.lang)


def table_view(atlas: Atlas, view: ViewState, basemap: Basemap) -> None:
    """The attribute table of the visible layers, filterable; choosing a row selects and zooms.

    Drawn once opened: the data grid is a large part of the browser's work on a first visit and would
    delay the map by about half a second.
    """
    lang = view.lang
    rows = sum(1 for layer in view.layers for fid in atlas.frame(layer).index if fid in atlas.features)
    label = t("table", lang) + t("paren", lang).format(row_count(rows, lang))
    if not st.toggle(md_escape(label), key=state.TABLE_OPEN):
        return
    text_filter = st.text_input(t("filter", lang), key=state.TABLE_FILTER)
    table = attribute_table(atlas, view.layers, lang, text_filter)
    key = state.table_key()

    def on_row() -> None:
        rows = st.session_state[key].selection.rows
        if rows:
            state.select(atlas, table.iloc[rows[0]]["id"], basemap)

    shown = table.drop(columns=["id"]).rename(columns={column: t(f"col_{column}", lang) for column in table.columns})
    st.dataframe(shown, hide_index=True, width="stretch", on_select=on_row, selection_mode="single-row", key=key)
    st.caption(md_escape(row_count(len(table), lang)))
