"""The explorer's export panel: map image (PNG/PDF/SVG), interactive HTML, and the data files."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import streamlit as st

from gisapp.catalog import Atlas
from gisapp.explorer import ViewState
from gisapp.explorer_ui import VIEW_EXTENT, current_view_extent, remount_map
from gisapp.export import DPI_RANGE  # matplotlib is imported only when a map is made
from gisapp.export.data import export_geopackage, facts_csv_text
from gisapp.export.html_map import standalone_html
from gisapp.export_geojson import planning_features
from gisapp.geojson_io import collection_text
from gisapp.i18n import t
from gisapp.mapview.basemaps import Basemap

MIME = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}


@st.cache_data(show_spinner=False)
def _geopackage_bytes(_atlas: Atlas) -> bytes:
    """Made once per process (the atlas is read-only)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "atlas.gpkg"
        export_geopackage(_atlas, out)
        return out.read_bytes()


@st.cache_data(show_spinner=False)
def _geojson_text(_atlas: Atlas) -> str:
    text = collection_text(planning_features(_atlas), name="dongchangfu_plan_atlas")
    json.loads(text)  # never offer a broken file
    return text


@st.cache_data(show_spinner=False)
def _csv_text(_atlas: Atlas) -> str:
    return "\ufeff" + facts_csv_text(_atlas)


@st.cache_data(show_spinner=False, max_entries=16)
def _html_text(_atlas: Atlas, layer_ids: tuple[str, ...], basemap_id: str, lang: str, _basemap: Basemap) -> str:
    """The standalone HTML, made once per layer selection, basemap and language (not on every rerun)."""
    return standalone_html(_atlas, layer_ids, _basemap, lang, t("app_title", lang))


def export_panel(atlas: Atlas, state: ViewState, basemap: Basemap) -> None:
    """Files are made when asked for (a button), then offered for download."""
    lang = state.lang
    with st.expander(t("export", lang)):
        st.markdown(f"**{t('export_map', lang)}**")
        fmt = st.radio(t("format", lang), ["png", "pdf", "svg"], horizontal=True, key="export_fmt")
        paper = st.radio(t("paper", lang), ["A4", "A3"], horizontal=True, key="export_paper")
        orientation = st.radio(t("orientation", lang), ["landscape", "portrait"], horizontal=True,
                               key="export_orientation", format_func=lambda o: t(o, lang))  # fmt: skip
        dpi = st.slider("DPI", *DPI_RANGE, value=200, step=50, key="export_dpi")
        extents = ["district", *([state.selected] if state.selected else []), VIEW_EXTENT]
        extent_label = {"district": t("whole_district", lang), VIEW_EXTENT: t("current_view", lang)}
        extent = st.radio(t("extent", lang), extents, key="export_extent", on_change=remount_map,
                          format_func=lambda e: extent_label.get(e, t("selected", lang)))  # fmt: skip
        if extent == VIEW_EXTENT:
            extent = current_view_extent(basemap)
            if extent is None:
                st.caption(t("view_pending", lang))
        if st.button(t("make_map", lang), key="make_map", disabled=extent is None):
            from gisapp.export.fonts import FontMissingError
            from gisapp.export.print_map import ExportError, MapRequest, map_bytes

            request = MapRequest(layers=state.layers, extent=extent, paper=paper, orientation=orientation,
                                 dpi=dpi, lang=lang)  # fmt: skip
            try:
                with st.spinner(t("making", lang)):
                    st.session_state.map_file = (request, fmt, map_bytes(atlas, request, fmt))
            except (ExportError, FontMissingError) as exc:
                st.session_state.pop("map_file", None)
                st.error(str(exc))
        made = st.session_state.get("map_file")
        if made:
            request, made_fmt, data = made
            name = f"dongchangfu_map_{request.extent}.{made_fmt}"
            label = t("download_file", lang).format(name=f"map.{made_fmt}")
            st.download_button(label, data, name, MIME[made_fmt], key="dl_map")

        st.markdown(f"**{t('export_html', lang)}**")
        if not st.session_state.get("want_html"):
            st.button(t("make_html", lang), key="want_html_button",
                      on_click=st.session_state.__setitem__, args=("want_html", True))  # fmt: skip
        else:
            html = _html_text(atlas, state.layers, basemap.id, lang, basemap)
            st.download_button(t("download_file", lang).format(name="map.html"), html, "dongchangfu_map.html",
                               "text/html", key="dl_html")  # fmt: skip

        st.markdown(f"**{t('export_data', lang)}**")
        if not st.session_state.get("want_data"):  # made on request: keeps the first page load fast
            st.button(t("make_data", lang), key="want_data_button",
                      on_click=st.session_state.__setitem__, args=("want_data", True))  # fmt: skip
            return
        st.download_button("GeoJSON", _geojson_text(atlas), "dongchangfu_plan_atlas.geojson", "application/geo+json",
                           key="dl_geojson")  # fmt: skip
        st.download_button("CSV（事实与出处 facts & sources）", _csv_text(atlas), "dongchangfu_plan_facts.csv",
                           "text/csv", key="dl_csv")  # fmt: skip
        st.download_button("GeoPackage", _geopackage_bytes(atlas), "dongchangfu_plan_atlas.gpkg",
                           "application/geopackage+sqlite3", key="dl_gpkg")  # fmt: skip
