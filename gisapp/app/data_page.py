"""The data page's widgets: import official boundaries (report, preview, accept) and the version history (revert)."""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from gisapp.app import state
from gisapp.app.render import md_escape
from gisapp.app.resources import cached_store
from gisapp.atlas.layer_checks import MAX_FEATURES
from gisapp.atlas.loading import Atlas
from gisapp.errors import GisappError
from gisapp.i18n import error_text, first_lang, t
from gisapp.ingest.archive import MAX_UNPACKED_BYTES
from gisapp.ingest.crs import KNOWN, Assessment
from gisapp.ingest.prepare import ImportPlan, apply_import, prepare_import
from gisapp.ingest.read import FORMATS, MAX_UPLOAD_BYTES
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.preview import preview_map
from gisapp.views.explorer import DEFAULT_BASEMAP

AUTO = ""
LOG = logging.getLogger(__name__)
UPLOAD_TYPES = sorted({suffix.lstrip(".") for suffix in FORMATS if suffix != ".shp"})


def language_choice() -> str:
    """The page's language: the link's, else the one chosen last on any page."""
    return state.sidebar_language(state.DATA_LANG)


def show_error(exc: Exception, lang: str, about: str | None = None) -> None:
    """An error in the reader's language (English where it has no Chinese wording), `about` (a file name) first.

    The message may quote the user's file (names, field values): it is escaped, never read as Markdown.
    """
    message = error_text(exc).get(lang)
    named = about and not message.startswith(about)  # read errors name the file themselves
    st.error(md_escape(f"{about}{t('colon', lang)}{message}" if named else message))


def basemap_for_preview(maps: dict[str, Basemap]) -> Basemap:
    """The map page's basemap (the preview sits on the tiles the planner is using), else the default."""
    saved = st.session_state.get(state.SAVED_VIEW)
    chosen = saved.basemap if saved is not None and saved.basemap in maps else DEFAULT_BASEMAP
    return maps.get(chosen) or next(iter(maps.values()))


def scratch_name(uploaded: str) -> str:
    """A safe name for the scratch copy of an upload: its own stem (letters, digits, _ and -) and suffix.

    GDAL's messages name the file it reads; with this name they name the user's file, not a made-up one.
    """
    own = Path(uploaded.replace("\\", "/")).name
    stem = re.sub(r"[^\w\-]", "_", Path(own).stem)[:80].strip("_") or "upload"
    return stem + Path(own).suffix.lower()


def _plan_for(atlas: Atlas, upload, layer: str, crs: str, field: str, source_layer: str) -> ImportPlan:
    """The import plan of the uploaded file, kept in the session for the same file and choices."""
    data = upload.getvalue()
    key = (hashlib.sha256(data).hexdigest(), upload.name, layer, crs, field, source_layer, id(atlas))
    kept = st.session_state.get(state.IMPORT_PLAN)
    if kept is not None and kept[0] == key:
        return kept[1]
    with tempfile.TemporaryDirectory(prefix="gisapp-upload-") as scratch:
        path = Path(scratch) / scratch_name(upload.name)
        path.write_bytes(data)
        plan = prepare_import(atlas, path, layer, crs or None, field or None, source_layer or None, name=upload.name)
    st.session_state[state.IMPORT_PLAN] = (key, plan)
    return plan


def import_section(atlas: Atlas, basemap: Basemap, lang: str) -> None:
    """Upload, choose layer/CRS/field, read the report and the preview, accept as a new version."""
    st.subheader(t("import_title", lang))
    st.caption(t("import_limits", lang).format(
        formats=", ".join(UPLOAD_TYPES), upload_mb=MAX_UPLOAD_BYTES // 2**20,
        unpacked_mb=MAX_UNPACKED_BYTES // 2**20, features=MAX_FEATURES,
    ))  # fmt: skip
    upload = st.file_uploader(t("import_file", lang), type=UPLOAD_TYPES, key=state.IMPORT_FILE)
    layers = [spec.id for spec in atlas.layers if spec.role == "plan"]
    titles = {spec.id: spec.title.get(lang) for spec in atlas.layers}
    columns = st.columns(3)
    layer = columns[0].selectbox(t("import_layer", lang), layers, index=layers.index("towns"),
                                 format_func=titles.get, key=state.IMPORT_LAYER)  # fmt: skip
    crs_options = [AUTO, *KNOWN]
    crs = columns[1].selectbox(t("import_crs", lang), crs_options, key=state.IMPORT_CRS,
                               format_func=lambda code: t("auto", lang) if code == AUTO else
                               f"{code} · {getattr(KNOWN[code], first_lang(lang))}")  # fmt: skip
    if upload is None:
        return
    if st.session_state.get(state.IMPORT_FILE_SEEN) != upload.file_id:  # a new file: its own fields, detected
        st.session_state[state.IMPORT_FILE_SEEN] = upload.file_id
        st.session_state.pop(state.IMPORT_FIELD, None)
        st.session_state.pop(state.IMPORT_SOURCE_LAYER, None)
    field = st.session_state.get(state.IMPORT_FIELD, AUTO)
    source_layer = st.session_state.get(state.IMPORT_SOURCE_LAYER, AUTO)
    try:
        plan = _plan_for(atlas, upload, layer, crs, field, source_layer)
    except GisappError as exc:
        show_error(exc, lang, about=upload.name)
        return
    except Exception as exc:  # a file no check foresaw: say so, keep the page, log the details for the maintainer
        LOG.exception("import of %s failed", upload.name)
        show_error(GisappError(f"the file could not be processed ({exc.__class__.__name__})",
                               zh=f"文件无法处理（{exc.__class__.__name__}），请检查其几何与坐标系"), lang,
                   about=upload.name)  # fmt: skip
        return
    if len(plan.source.layers or ()) > 1:  # a GeoPackage or zip with several layers: which one to read
        st.selectbox(t("import_source_layer", lang), [AUTO, *plan.source.layers], key=state.IMPORT_SOURCE_LAYER,
                     format_func=lambda name: t("auto_layer", lang).format(layer=plan.source.layer)
                     if name == AUTO else name)  # fmt: skip
    frame = plan.source.frame
    field_options = [AUTO, *(str(column) for column in frame.columns if column != frame.geometry.name)]
    columns[2].selectbox(t("import_field", lang), field_options, key=state.IMPORT_FIELD,
                         format_func=lambda name: t("auto", lang) if name == AUTO else name)  # fmt: skip
    _report(atlas, plan, lang)
    if plan.shapes:
        st.markdown(f"**{t('preview', lang)}**")
        fmap = preview_map(atlas, layer, plan.shapes, basemap, lang, st.get_option("server.baseUrlPath") or "")
        st_folium(fmap, key=state.IMPORT_PREVIEW, height=420, use_container_width=True, returned_objects=[])
    _accept(plan, lang)


def crs_how(crs: dict, lang: str) -> str:
    """How the CRS was chosen; a declared lon/lat CRS read as its equal (EPSG:4326 as EPSG:4490) says both."""
    declared, chosen = crs["declared"], crs["chosen"]
    if crs["how"] == "declared" and declared and chosen and declared != chosen:
        return t("crs_declared_as", lang).format(declared=declared)
    return t(f"crs_{crs['how']}", lang)


def _report(atlas: Atlas, plan: ImportPlan, lang: str) -> None:
    report = plan.report()
    counted = len(report["matched"]) + len(report["unmatched_imported"]) + len(report["skipped"])
    left = report["features_read"] - counted  # not matched at all: no CRS could be settled, or no field to match on
    st.markdown(md_escape(t("import_summary", lang).format(
        file=report["file"], format=report["format"], layer=report["source_layer"], read=report["features_read"],
        matched=len(report["matched"]), unmatched=len(report["unmatched_imported"]),
        crs=report["crs"]["chosen"] or "—", how=crs_how(report["crs"], lang), field=report["match_field"] or "—",
    ) + (t("import_not_processed", lang).format(n=left) if left > 0 else "")))  # fmt: skip
    for note in plan.source.notes:
        st.caption(md_escape(note.get(lang)))
    for problem in plan.problem_texts:
        st.error(md_escape(problem.get(lang)))
    for notice in plan.notices:
        st.warning(md_escape(notice.get(lang)))
    if plan.crs.assessments:
        with st.expander(t("crs_candidates", lang), expanded=not plan.crs.ok):
            st.dataframe(pd.DataFrame([_candidate_row(a, lang) for a in plan.crs.assessments]), hide_index=True,
                         use_container_width=True)  # fmt: skip
    if report["matched"]:
        st.dataframe(pd.DataFrame([
            {t("col_feature", lang): m["name"], t("col_imported", lang): " / ".join(m["imported_values"]),
             t("col_area_before", lang): m["area_before_km2"], t("col_area_after", lang): m["area_after_km2"],
             t("col_shift", lang): m["centroid_shift_m"], t("col_repaired", lang): m["repaired"]}
            for m in report["matched"]
        ]), hide_index=True, use_container_width=True)  # fmt: skip
    left_out = plan.unmatched_rows + plan.skipped_rows
    if left_out:
        with st.expander(t("import_left_out", lang).format(count=len(left_out))):
            st.dataframe(pd.DataFrame([
                {t("col_row", lang): row.row, t("col_imported", lang): row.value,
                 t("col_reason", lang): row.reason.get(lang)}
                for row in left_out
            ]), hide_index=True, use_container_width=True)  # fmt: skip
    if report["unmatched_atlas"]:
        names = t("list_sep", lang).join(feature_name(atlas, fid, lang) for fid in report["unmatched_atlas"])
        st.caption(md_escape(t("import_unchanged", lang).format(ids=names)))


def _candidate_row(assessment: Assessment, lang: str) -> dict:
    """One coordinate system the data could be in, and where it would put the data, in the reader's language."""
    candidate = assessment.candidate
    centre = ", ".join(f"{value:.5f}" for value in assessment.centroid)
    return {
        t("col_crs", lang): candidate.code, t("col_crs_name", lang): getattr(candidate, first_lang(lang)),
        t("col_inside", lang): f"{assessment.inside:.0%}",
        t("col_iou", lang): None if assessment.iou is None else round(assessment.iou, 4),
        t("col_centre", lang): centre, t("col_warning", lang): candidate.warning.get(lang) if candidate.warning else "",
    }  # fmt: skip


def _accept(plan: ImportPlan, lang: str) -> None:
    with st.form(state.IMPORT_FORM, border=True):
        author = st.text_input(t("author", lang), key=state.IMPORT_AUTHOR, max_chars=80)
        note = st.text_area(t("version_note", lang), key=state.IMPORT_NOTE, max_chars=500,
                            placeholder=t("version_note_hint", lang))  # fmt: skip
        accepted = st.form_submit_button(t("accept_import", lang), type="primary", disabled=not plan.ready)
    if not accepted:
        return
    try:
        version = apply_import(plan, cached_store(), author, note)
    except GisappError as exc:
        show_error(exc, lang)
        return
    st.session_state.pop(state.IMPORT_PLAN, None)
    flash(t("import_done", lang).format(version=version.number, count=len(version.features)), [])


def feature_name(atlas: Atlas, fid: str, lang: str) -> str:
    """A version's feature by its name; by its id if the layers no longer have it."""
    return atlas.name(fid).get(lang) if fid in atlas.features else fid


def history_section(atlas: Atlas, lang: str) -> None:
    """Every version, newest first; revert one (as a new version)."""
    st.subheader(t("history_title", lang))
    versions = cached_store().history()
    if not versions:
        st.caption(t("history_empty", lang))
        return
    st.dataframe(pd.DataFrame([
        {t("col_version", lang): v.number, t("col_time", lang): v.created_at, t("author", lang): v.author,
         t("col_action", lang): t(f"action_{v.action}", lang), t("col_layer", lang): v.layer,
         t("col_features", lang): ", ".join(feature_name(atlas, f, lang) for f in v.features),
         t("version_note", lang): v.note}
        for v in versions
    ]), hide_index=True, use_container_width=True)  # fmt: skip
    with st.form(state.REVERT_FORM, border=True):
        number = st.selectbox(t("revert_which", lang), [v.number for v in versions], key=state.REVERT_VERSION)
        author = st.text_input(t("author", lang), key=state.REVERT_AUTHOR, max_chars=80)
        note = st.text_input(t("version_note", lang), key=state.REVERT_NOTE, max_chars=500)
        go = st.form_submit_button(t("revert", lang))
    if not go:
        return
    if not author.strip():
        st.error(t("author_needed", lang))
        return
    try:
        version, changed_later = cached_store().revert(number, author.strip(), note)
    except GisappError as exc:
        show_error(exc, lang)
        return
    warnings = [t("revert_later", lang).format(feature=feature_name(atlas, fid, lang), later=later, reverted=number)
                for fid, later in changed_later]  # fmt: skip
    flash(t("revert_done", lang).format(version=version.number, reverted=number), warnings)


def flash(message: str, warnings: list[str]) -> None:
    """Say what was done after the page has rerun with the new version in force."""
    st.session_state[state.DATA_FLASH] = (message, warnings)
    st.rerun()


def flash_messages() -> None:
    """The message of the last import or revert, once."""
    message, warnings = st.session_state.pop(state.DATA_FLASH, (None, []))
    if message:
        st.success(message)
    for warning in warnings:
        st.warning(md_escape(warning))
