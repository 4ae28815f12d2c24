"""The explorer's export panel: map image (PNG/PDF/SVG), interactive HTML, and the data files.

Files are made when asked for (a button), then offered for download; matplotlib is imported only
when a map image is made, so the map page loads without it.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from gisapp.app import state
from gisapp.app.explorer import current_view_extent
from gisapp.app.render import md_escape
from gisapp.atlas.loading import Atlas
from gisapp.errors import GisappError
from gisapp.export import DPI_RANGE
from gisapp.export.facts_csv import csv_bytes
from gisapp.export.geojson import geojson_bytes
from gisapp.export.gpkg import gpkg_bytes
from gisapp.export.html_map import html_bytes
from gisapp.export.shapefile import shapefile_zip_bytes
from gisapp.i18n import error_text, t
from gisapp.mapview.basemaps import Basemap
from gisapp.views.explorer import ViewState

MIME = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}
DATA_NAME = "dongchangfu_plan_atlas"
MAX_TITLE_CHARS = 80  # a longer title would not fit the page even set small


@st.cache_data(show_spinner=False)
def _gpkg(_atlas: Atlas) -> bytes:
    """Made once per process (the atlas is read-only)."""
    return gpkg_bytes(_atlas)


@st.cache_data(show_spinner=False)
def _geojson(_atlas: Atlas) -> bytes:
    return geojson_bytes(_atlas)


@st.cache_data(show_spinner=False)
def _shapefile_zip(_atlas: Atlas) -> bytes:
    return shapefile_zip_bytes(_atlas)


@st.cache_data(show_spinner=False)
def _csv(_atlas: Atlas) -> bytes:
    return csv_bytes(_atlas)


@st.cache_data(show_spinner=False, max_entries=16)
def _html(
    _atlas: Atlas, layer_ids: tuple[str, ...], basemap_id: str, lang: str, include_key: bool, _basemap: Basemap
) -> bytes:
    """The standalone HTML, made once per layer selection, basemap, language and key choice (not every rerun)."""
    return html_bytes(_atlas, layer_ids, _basemap, lang, include_key)


def export_panel(atlas: Atlas, view: ViewState, basemap: Basemap) -> None:
    """The export controls, drawn only once opened: a dozen hidden widgets would slow every first paint."""
    lang = view.lang
    if not st.toggle(t("export", lang), key=state.EXPORT_OPEN):
        return
    with st.container(border=True):
        _map_image(atlas, view, basemap)
        st.markdown(f"**{t('export_html', lang)}**")
        include_key = False
        if basemap.needs_key:
            include_key = st.checkbox(t("include_key", lang), key=state.INCLUDE_KEY)
            st.caption(t("key_included" if include_key else "key_left_out", lang))
        if not st.session_state.get(state.WANT_HTML):
            st.button(t("make_html", lang), key=state.WANT_HTML_BUTTON, on_click=state.set_flag,
                      args=(state.WANT_HTML,))  # fmt: skip
        else:
            html = _html(atlas, view.layers, basemap.id, lang, include_key, basemap)
            name = "dongchangfu_map.html"
            st.download_button(t("download_file", lang).format(name=name), html, name, "text/html",
                               key=state.DOWNLOAD_HTML, on_click="ignore")  # fmt: skip
        st.markdown(f"**{t('export_data', lang)}**")
        if not st.session_state.get(state.WANT_DATA):  # made on request: keeps the first page load fast
            st.button(t("make_data", lang), key=state.WANT_DATA_BUTTON, on_click=state.set_flag,
                      args=(state.WANT_DATA,))  # fmt: skip
            return
        st.download_button("GeoJSON", _geojson(atlas), f"{DATA_NAME}.geojson", "application/geo+json",
                           key=state.DOWNLOAD_GEOJSON, on_click="ignore")  # fmt: skip
        st.download_button(t("csv_download", lang), _csv(atlas), "dongchangfu_plan_facts.csv", "text/csv",
                           key=state.DOWNLOAD_CSV, on_click="ignore")  # fmt: skip
        st.download_button("GeoPackage", _gpkg(atlas), f"{DATA_NAME}.gpkg", "application/geopackage+sqlite3",
                           key=state.DOWNLOAD_GPKG, on_click="ignore")  # fmt: skip
        st.download_button(t("shp_download", lang), _shapefile_zip(atlas), f"{DATA_NAME}_shp.zip", "application/zip",
                           key=state.DOWNLOAD_SHP, on_click="ignore")  # fmt: skip
        st.caption(t("shp_note", lang))


def _map_image(atlas: Atlas, view: ViewState, basemap: Basemap) -> None:
    lang = view.lang
    st.markdown(f"**{t('export_map', lang)}**")
    fmt = st.radio(t("format", lang), ["png", "pdf", "svg"], horizontal=True, key=state.EXPORT_FORMAT)
    paper = st.radio(t("paper", lang), ["A4", "A3"], horizontal=True, key=state.EXPORT_PAPER)
    orientation = st.radio(t("orientation", lang), ["landscape", "portrait"], horizontal=True,
                           key=state.EXPORT_ORIENTATION, format_func=lambda o: t(o, lang))  # fmt: skip
    dpi = st.slider("DPI", *DPI_RANGE, value=200, step=50, key=state.EXPORT_DPI)
    title = st.text_input(t("map_title_field", lang), key=state.EXPORT_TITLE, max_chars=MAX_TITLE_CHARS,
                          placeholder=t("map_title", lang),
                          help=t("map_title_help", lang).format(title=t("map_title", lang)))  # fmt: skip
    extent_label = {"district": t("whole_district", lang), state.SELECTED_EXTENT: t("selected", lang),
                    state.VIEW_EXTENT: t("current_view", lang)}  # fmt: skip
    choice = st.radio(t("extent", lang), list(extent_label), key=state.EXPORT_EXTENT, on_change=state.remount_map,
                      format_func=extent_label.get)  # fmt: skip
    if choice == state.VIEW_EXTENT:
        st.caption(t("view_extent_note", lang))
    # the request outlives a rerun that interrupts the making (a pan reported meanwhile), unlike a button's click
    st.button(t("make_map", lang), key=state.MAKE_MAP_BUTTON, on_click=state.set_flag, args=(state.WANT_MAP,))
    if st.session_state.get(state.WANT_MAP):
        try:
            _make_map(atlas, view, basemap, MapSettings(choice, fmt, paper, orientation, dpi, title))
        except Exception:
            st.session_state.pop(state.WANT_MAP, None)  # a failed request is not retried on every rerun
            raise
        st.session_state.pop(state.WANT_MAP, None)
    made = st.session_state.get(state.MAP_FILE)
    if made:
        request, made_fmt, data = made
        name = map_file_name(request.extent, made_fmt)
        st.download_button(t("download_file", lang).format(name=name), data, name, MIME[made_fmt],
                           key=state.DOWNLOAD_MAP, on_click="ignore")  # fmt: skip


def map_file_name(extent: str, fmt: str) -> str:
    """The map file's name, saying what it shows: the district, a feature id, or the view's box in degrees."""
    if "," in extent:
        west, south, east, north = (float(value) for value in extent.split(","))
        extent = f"view_{west:.3f}-{east:.3f}E_{south:.3f}-{north:.3f}N"
    return f"dongchangfu_map_{extent}.{fmt}"


class MapSettings(NamedTuple):
    """What the panel's controls ask for."""

    extent_choice: str
    fmt: str
    paper: str
    orientation: str
    dpi: int
    title: str


def _make_map(atlas: Atlas, view: ViewState, basemap: Basemap, settings: MapSettings) -> None:
    """Make the map image asked for and keep it for download; say why when there is nothing to print."""
    from gisapp.export.print_map import MapRequest, map_bytes  # matplotlib: only now

    lang = view.lang
    choice = extent = settings.extent_choice
    if choice == state.VIEW_EXTENT:  # read now: a pan reruns only the map, never this panel
        extent = current_view_extent(basemap)
        if extent is None:
            st.warning(t("view_pending", lang))
            return
    if choice == state.SELECTED_EXTENT:  # read now: a click on the map does not rerun this panel
        extent = st.session_state.get(state.SELECTED)
        if extent is None:
            st.error(t("select_first", lang))
            return
        if extent not in atlas.features:  # a project the plans do not locate has no extent
            st.error(t("selected_not_located", lang))
            return
    request = MapRequest(layers=view.layers, extent=extent, paper=settings.paper, orientation=settings.orientation,
                         dpi=settings.dpi, lang=lang, title=settings.title.strip() or None)  # fmt: skip
    try:
        with st.spinner(t("making", lang)):
            st.session_state[state.MAP_FILE] = (request, settings.fmt, map_bytes(atlas, request, settings.fmt))
    except GisappError as exc:
        st.session_state.pop(state.MAP_FILE, None)
        st.error(md_escape(error_text(exc).get(lang)))
