"""The data page's tracing section: a plan figure, control points on it, the fitted overlay, a drawn outline saved."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st
from shapely.errors import ShapelyError
from shapely.geometry import shape
from shapely.ops import unary_union
from streamlit_folium import st_folium
from streamlit_image_coordinates import streamlit_image_coordinates

from gisapp.app import state
from gisapp.app.data_page import flash, show_error
from gisapp.app.resources import cached_store
from gisapp.atlas.loading import Atlas
from gisapp.errors import GisappError
from gisapp.i18n import t
from gisapp.ingest.figure import (
    FIGURE_TYPES,
    MAX_FIGURE_BYTES,
    MIN_POINTS,
    ControlPoint,
    Figure,
    Fit,
    fit_figure,
    load_figure,
    warp_for_map,
)
from gisapp.ingest.places import KnownPlace, known_places
from gisapp.ingest.trace import apply_trace, prepare_trace
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.trace import trace_map

CLICK_BOX = (640, 540)  # the figure is shown within this box (px) for picking control points: fits a laptop screen


@st.cache_data(show_spinner=False, max_entries=4)
def _places(layers_dir: str) -> list[KnownPlace]:
    return known_places(Path(layers_dir))


def _figure(upload, page: int) -> Figure:
    """The decoded figure, kept in the session for the same file and page (its control points go with it)."""
    data = upload.getvalue()
    key = (hashlib.sha256(data).hexdigest(), page)
    kept = st.session_state.get(state.TRACE_FIGURE)
    if kept is not None and kept[0] == key:
        return kept[1]
    figure = load_figure(data, upload.name, page)
    st.session_state[state.TRACE_FIGURE] = (key, figure)
    st.session_state[state.TRACE_POINTS] = []
    return figure


def trace_section(atlas: Atlas, basemaps: dict[str, Basemap], lang: str) -> None:
    """Upload a figure, place control points, see the fit and its residuals, draw and save an outline."""
    st.subheader(t("trace_title", lang))
    st.caption(t("trace_caption", lang).format(mb=MAX_FIGURE_BYTES // 2**20))
    upload = st.file_uploader(t("trace_file", lang), type=list(FIGURE_TYPES), key=state.TRACE_FILE)
    if upload is None:
        return
    page = 1
    if upload.name.lower().endswith(".pdf"):
        page = int(st.number_input(t("trace_page", lang), min_value=1, max_value=999, value=1, key=state.TRACE_PAGE))
    try:
        figure = _figure(upload, page)
    except GisappError as exc:
        show_error(exc, lang)
        return
    places = _places(str(atlas.layers_dir))
    points: list[ControlPoint] = st.session_state.setdefault(state.TRACE_POINTS, [])
    _pick_points(figure, places, points, lang)
    fit = _fit(points, lang)
    if fit is None:
        return
    _trace(atlas, figure, fit, places, _wgs84_basemap(basemaps), lang)


def _pick_points(figure: Figure, places: list[KnownPlace], points: list[ControlPoint], lang: str) -> None:
    left, right = st.columns([3, 2])
    with left:
        st.caption(t("trace_click_hint", lang))
        shown = figure.image.copy()
        shown.thumbnail(CLICK_BOX)
        click = streamlit_image_coordinates(shown, key=state.TRACE_CLICK, cursor="crosshair")
    with right:
        pixel = None
        fresh = click and click.get("width") and click.get("unix_time") != st.session_state.get(state.TRACE_CLICK_USED)
        if fresh:
            scale = figure.size[0] / click["width"]
            pixel = (click["x"] * scale, click["y"] * scale)
            st.markdown(t("trace_clicked", lang).format(x=round(pixel[0]), y=round(pixel[1])))
        by_id = {place.id: place for place in places}
        chosen = st.selectbox(t("trace_place", lang), list(by_id), key=state.TRACE_PLACE,
                              format_func=lambda pid: by_id[pid].name)  # fmt: skip
        if st.button(t("trace_add_point", lang), disabled=pixel is None, type="primary"):
            place = by_id[chosen]
            points.append(ControlPoint(pixel[0], pixel[1], place.lon, place.lat, place.name))
            st.session_state[state.TRACE_CLICK_USED] = click.get("unix_time")  # one click, one control point
            st.rerun()
        if points and st.button(t("trace_clear_points", lang)):
            points.clear()
            st.rerun()


def _fit(points: list[ControlPoint], lang: str) -> Fit | None:
    if len(points) < MIN_POINTS["affine"]:
        st.info(t("trace_points_needed", lang).format(count=len(points)))
        _points_table(points, None, lang)
        return None
    methods = [m for m, needed in MIN_POINTS.items() if len(points) >= needed]
    method = st.radio(t("trace_fit", lang), methods, key=state.TRACE_METHOD, horizontal=True,
                      format_func=lambda m: t(f"fit_{m}", lang))  # fmt: skip
    try:
        fit = fit_figure(points, method)
    except GisappError as exc:
        show_error(exc, lang)
        _points_table(points, None, lang)
        return None
    _points_table(points, fit, lang)
    st.markdown(t("trace_rms", lang).format(rms=f"{fit.rms_m:,.0f}"))
    if not fit.checkable:
        st.caption(t("trace_uncheckable", lang))
    return fit


def _points_table(points: list[ControlPoint], fit: Fit | None, lang: str) -> None:
    if not points:
        return
    rows = [{t("col_point", lang): p.label, t("col_pixel", lang): f"{p.x:.0f}, {p.y:.0f}",
             t("col_residual", lang): round(fit.residuals_m[i]) if fit else None}
            for i, p in enumerate(points)]  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)


def _wgs84_basemap(basemaps: dict[str, Basemap]) -> Basemap:
    """A basemap in WGS-84: drawn coordinates are stored as drawn, so GCJ-02 tiles (and their shift) are not offered."""
    saved = st.session_state.get(state.SAVED_VIEW)
    chosen = basemaps.get(saved.basemap) if saved is not None else None
    if chosen is not None and chosen.datum == "wgs84":
        return chosen
    return next((b for b in basemaps.values() if b.datum == "wgs84"), next(iter(basemaps.values())))


@st.cache_data(show_spinner=False, max_entries=4, hash_funcs={Figure: lambda f: (f.name, f.page, f.image.tobytes()),
                                                              Fit: lambda f: repr(f.summary())})  # fmt: skip
def _overlay(figure: Figure, fit: Fit):
    return warp_for_map(figure, fit)


def _trace(atlas: Atlas, figure: Figure, fit: Fit, places: list[KnownPlace], basemap: Basemap, lang: str) -> None:
    layers = [s.id for s in atlas.layers if s.role == "plan" and s.geometry_type == "polygon" and s.id != "district"]
    titles = {spec.id: spec.title.get(lang) for spec in atlas.layers}
    columns = st.columns(3)
    layer = columns[0].selectbox(t("trace_layer", lang), layers, format_func=titles.get, key=state.TRACE_LAYER,
                                 index=layers.index("agri_zones") if "agri_zones" in layers else 0)  # fmt: skip
    features = list(atlas.frame(layer).index)
    feature_id = columns[1].selectbox(t("trace_feature", lang), features, key=state.TRACE_FEATURE,
                                      format_func=lambda fid: atlas.name(fid).get(lang))  # fmt: skip
    opacity = columns[2].slider(t("trace_opacity", lang), 0.1, 1.0, 0.6, 0.1, key=state.TRACE_OPACITY)
    try:
        overlay = _overlay(figure, fit)
    except GisappError as exc:
        show_error(exc, lang)
        return
    st.caption(t("trace_map_hint", lang))
    fmap = trace_map(atlas, feature_id, overlay, opacity, places, basemap, lang,
                     st.get_option("server.baseUrlPath") or "")  # fmt: skip
    result = st_folium(fmap, key=state.TRACE_MAP, height=480, use_container_width=True,
                       returned_objects=["all_drawings"])  # fmt: skip
    drawn = [f["geometry"] for f in (result or {}).get("all_drawings") or [] if f.get("geometry")]
    _save(atlas, feature_id, drawn, figure, fit, lang)


def _save(atlas: Atlas, feature_id: str, drawn: list[dict], figure: Figure, fit: Fit, lang: str) -> None:
    if not drawn:
        st.info(t("trace_draw_first", lang))
        return
    try:
        outline = unary_union([shape(geometry) for geometry in drawn])
        traced = prepare_trace(atlas, feature_id, outline.__geo_interface__)
    except (GisappError, ShapelyError, ValueError, TypeError, AttributeError, KeyError) as exc:
        show_error(exc, lang)
        return
    parts = len(getattr(traced.geometry, "geoms", [traced.geometry]))
    st.markdown(t("trace_drawn", lang).format(parts=parts, after=traced.area_after_km2, before=traced.area_before_km2))
    if traced.repaired:
        st.warning(t("trace_repaired", lang))
    with st.form(state.TRACE_FORM, border=True):
        author = st.text_input(t("author", lang), key=state.TRACE_AUTHOR, max_chars=80)
        note = st.text_area(t("version_note", lang), key=state.TRACE_NOTE, max_chars=500,
                            placeholder=t("version_note_hint", lang))  # fmt: skip
        save = st.form_submit_button(t("trace_save", lang), type="primary")
    if not save:
        return
    try:
        version = apply_trace(traced, figure, fit, cached_store(), author, note)
    except GisappError as exc:
        show_error(exc, lang)
        return
    flash(t("trace_done", lang).format(version=version.number, name=atlas.name(feature_id).get(lang)), [])
