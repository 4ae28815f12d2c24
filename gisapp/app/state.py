"""Session state: every `st.session_state` key named once, and the few functions that change the state.

Widgets (in the page modules) read and write these keys; the view they add up to is a `ViewState`.
"""

from __future__ import annotations

import streamlit as st

from gisapp.atlas.loading import Atlas
from gisapp.i18n import LANG_NAMES, LANGS, t
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.build import view_for
from gisapp.views.explorer import ViewState, state_from_query, state_to_query

# --- the view: what a shared link reproduces ---------------------------------------------------------
LANG = "lang"  # 'zh' / 'en' (the language radio)
UI_LANG = "ui_lang"  # the language last chosen on any page: every page opens in it
BASEMAP = "basemap"  # basemap id (the basemap select box)
SELECTED = "selected"  # selected feature id, or None
LAYER_PREFIX = "layer::"  # + layer id: the layer's checkbox
INITIALISED = "initialised"  # the view was taken from the URL once for this session
SAVED_VIEW = "saved_view"  # the map page's last view: Streamlit drops widget state while another page runs
MAP_QUERY_KEYS = ("layers", "base", "sel")  # an address with one of these is a map view
# --- the map component ---------------------------------------------------------------------------------
MAP_NONCE = "map_nonce"  # a new number gives the map a fresh component
MAP_PREFIX = "map_"  # + nonce: the st_folium component's value
HANDLED_SUFFIX = "::handled"  # map key + this: the click already acted on
UNLOCATED_CHOICE = "unlocated_choice"  # the project chosen from the not-located list
PENDING_VIEW = "pending_view"  # (centre, zoom, request number) the next map zooms to, once
SCRIPT_MS = "script_ms"  # the last page run's own time (read by the benchmark)
# --- search and table ----------------------------------------------------------------------------------
QUERY = "q"
HITS = "hits"
HIT_CHOICE = "hit_choice"
SUGGESTION = "search_suggestion"  # the corrected query whose hits are shown ("did you mean"), or None
TABLE_OPEN = "table_open"  # the attribute table is shown
TABLE_FILTER = "table_filter"
TABLE_PREFIX = "table_"  # + nonce: the attribute table's selection
CLEAR_BUTTON = "clear"
# --- export panel --------------------------------------------------------------------------------------
EXPORT_OPEN = "export_open"  # the export controls are shown
EXPORT_FORMAT = "export_fmt"
EXPORT_PAPER = "export_paper"
EXPORT_ORIENTATION = "export_orientation"
EXPORT_DPI = "export_dpi"
EXPORT_EXTENT = "export_extent"
EXPORT_TITLE = "export_title"  # the print map's title as typed (empty: the default title)
MAKE_MAP_BUTTON = "make_map"
WANT_MAP = "want_map"  # the user asked for a map image; cleared once it is made (or refused)
MAP_FILE = "map_file"  # (request, format, bytes) of the last map image made
WANT_HTML = "want_html"
INCLUDE_KEY = "include_key"  # write the 天地图 key into the exported HTML (off unless asked)
WANT_HTML_BUTTON = "want_html_button"
WANT_DATA = "want_data"
WANT_DATA_BUTTON = "want_data_button"
DOWNLOAD_MAP = "dl_map"
DOWNLOAD_HTML = "dl_html"
DOWNLOAD_GEOJSON = "dl_geojson"
DOWNLOAD_CSV = "dl_csv"
DOWNLOAD_GPKG = "dl_gpkg"
# --- data page -----------------------------------------------------------------------------------------
IMPORT_FILE = "import_file"
IMPORT_LAYER = "import_layer"
IMPORT_CRS = "import_crs"
IMPORT_FIELD = "import_field"
IMPORT_SOURCE_LAYER = "import_source_layer"  # which layer of a multi-layer file to read
IMPORT_FILE_SEEN = "import_file_seen"  # the upload the field choice belongs to
IMPORT_PLAN = "import_plan"  # (key of file and choices, ImportPlan) of the last prepared import
IMPORT_PREVIEW = "import_preview"
IMPORT_FORM = "import_form"
IMPORT_AUTHOR = "import_author"
IMPORT_NOTE = "import_note"
REVERT_FORM = "revert_form"
REVERT_VERSION = "revert_version"
REVERT_AUTHOR = "revert_author"
REVERT_NOTE = "revert_note"
DATA_FLASH = "data_flash"  # (message, warnings) shown once after an import or revert
DATA_LANG = "data_lang"
TRACE_FILE = "trace_file"
TRACE_PAGE = "trace_page"
TRACE_FIGURE = "trace_figure"  # (sha256 of file and page, Figure) of the decoded figure
TRACE_CLICK = "trace_click"  # the figure image's click component
TRACE_CLICK_USED = "trace_click_used"  # time of the click last turned into a control point
TRACE_PLACE = "trace_place"
TRACE_POINTS = "trace_points"  # list[ControlPoint] placed so far, for the figure in TRACE_FIGURE
TRACE_METHOD = "trace_method"
TRACE_LAYER = "trace_layer"
TRACE_FEATURE = "trace_feature"
TRACE_OPACITY = "trace_opacity"
TRACE_MAP = "trace_map"
TRACE_FORM = "trace_form"
TRACE_AUTHOR = "trace_author"
TRACE_NOTE = "trace_note"
DOWNLOAD_SHP = "dl_shp"
# --- profile page --------------------------------------------------------------------------------------
PROFILE_LANG = "profile_lang"
PROFILE_ID = "profile_id"  # the zone shown (kept apart from the chooser widgets, one per language)
PROFILE_CHOOSER = "profile_chooser"  # + "_zh" / "_en": the zone chooser drawn in that language
PROFILE_SYNCED = "profile_synced"  # the map selection last carried over to the profile page
PROFILE_WRITTEN = "profile_written"  # the zone id the profile page last wrote to the address bar
INDUSTRY_PILL = "industry_pill"
INDUSTRY_TEXT = "industry_text"
OPEN_MATCH_PREFIX = "open_"  # + feature id: a match's open button
SHEET_LANG = "sheet_lang"
SHEET_LANG_FOR = "sheet_lang_for"  # the page language the sheet language was last set for
MAKE_FILES_BUTTON = "make_files"
PROFILE_FILES = "files"  # the sheet and map files made for (feature, sheet language)

VIEW_EXTENT = "view"  # the export extent that means "what the map shows now"
SELECTED_EXTENT = "selected"  # … and "the feature selected when the map is made"


def layer_key(layer_id: str) -> str:
    return f"{LAYER_PREFIX}{layer_id}"


def map_key() -> str:
    """The key of the current map component."""
    return f"{MAP_PREFIX}{st.session_state.get(MAP_NONCE, 0)}"


def table_key() -> str:
    return f"{TABLE_PREFIX}{st.session_state.get(MAP_NONCE, 0)}"


def init_from_url(atlas: Atlas, maps: dict[str, Basemap]) -> None:
    """Set the view's widgets: from the URL on a session's first run, from the saved view on a return.

    Streamlit forgets a widget's value while a page that does not draw it runs (the profile page), so
    coming back to the map would otherwise switch every layer off and reset basemap and language.
    """
    query = st.query_params.to_dict()
    if not st.session_state.get(INITIALISED) or moved_by_browser(query):
        view = state_from_query(query, atlas, tuple(maps))
        st.session_state[SELECTED] = None
        st.session_state[MAP_NONCE] = st.session_state.get(MAP_NONCE, -1) + 1
        if view.selected:
            select(atlas, view.selected, maps[view.basemap])
        st.session_state[INITIALISED] = True
    elif LANG not in st.session_state and SAVED_VIEW in st.session_state:
        view = st.session_state[SAVED_VIEW]
        view = ViewState(view.layers, view.selected, view.basemap, st.session_state.get(UI_LANG, view.lang))
    else:
        return
    st.session_state[LANG] = view.lang
    st.session_state[BASEMAP] = view.basemap
    for spec in atlas.layers:
        st.session_state[layer_key(spec.id)] = spec.id in view.layers


def opening_lang() -> str:
    """The language a page opens in: the link's ?lang=, else the one last chosen on any page, else Chinese."""
    wanted = st.query_params.get("lang")
    if wanted in LANGS:
        return wanted
    saved = st.session_state.get(SAVED_VIEW)
    return st.session_state.get(UI_LANG) or (saved.lang if saved is not None else LANGS[0])


def remember_lang(lang: str) -> None:
    """Keep the language chosen on this page for the next page opened."""
    st.session_state[UI_LANG] = lang


def sidebar_language(key: str) -> str:
    """A page's language radio in the sidebar (under its own widget `key`): opens as `opening_lang`, remembered."""
    lang = st.sidebar.radio(t("language", "zh"), LANGS, format_func=LANG_NAMES.get, key=key,
                            index=LANGS.index(opening_lang()))  # fmt: skip
    remember_lang(lang)
    return lang


def current_view(atlas: Atlas) -> ViewState:
    """The view the widgets add up to."""
    layers = tuple(spec.id for spec in atlas.layers if st.session_state.get(layer_key(spec.id)))
    return ViewState(layers, st.session_state[SELECTED], st.session_state[BASEMAP], st.session_state[LANG])


def sync_url(view: ViewState) -> None:
    """Keep the address bar reproducing the view (only writes when something changed), and remember it."""
    st.session_state[SAVED_VIEW] = view
    wanted = state_to_query(view)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def moved_by_browser(query: dict[str, str]) -> bool:
    """The address holds a map view this page did not write last: the browser's Back or Forward went to it.

    (Each view the map writes is a history entry; without this, Back would rewrite the address to the
    current view and seem to do nothing.) An address without map keys (a link from another page) is not one.
    """
    saved = st.session_state.get(SAVED_VIEW)  # what sync_url last wrote is this view's query
    return saved is not None and query != state_to_query(saved) and any(key in query for key in MAP_QUERY_KEYS)


def select(atlas: Atlas, feature_id: str | None, basemap: Basemap, zoom: bool = True) -> None:
    """Select a feature (or none); zooming remounts the map at the feature's view."""
    st.session_state[SELECTED] = feature_id
    st.session_state.pop(PENDING_VIEW, None)
    if feature_id in atlas.features and zoom:  # a project not located has no place to zoom to
        centre, zoom_level = view_for(atlas, feature_id, basemap.datum)
        asked = st.session_state.get(MAP_NONCE, 0) + 1  # which request: the same feature chosen again zooms again
        st.session_state[PENDING_VIEW] = (centre, zoom_level, asked)
    remount_map()  # a fresh map component forgets its last click, so clicking that feature again registers


def select_clicked(atlas: Atlas, key: str) -> None:
    """Select the feature the map component reports as clicked, once per click (it keeps reporting it)."""
    value = st.session_state.get(key) or {}
    drawing = value.get("last_active_drawing") or {}
    feature_id = (drawing.get("properties") or {}).get("id")
    if feature_id in atlas.features and feature_id != st.session_state.get(key + HANDLED_SUFFIX):
        st.session_state[key + HANDLED_SUFFIX] = feature_id
        st.session_state[SELECTED] = feature_id
        st.session_state.pop(PENDING_VIEW, None)


def remount_map() -> None:
    """Give the map a fresh component (streamlit-folium reads `returned_objects` only when it mounts)."""
    st.session_state[MAP_NONCE] = st.session_state.get(MAP_NONCE, 0) + 1


def set_flag(key: str) -> None:
    """A button callback: remember that the user asked for something made on request."""
    st.session_state[key] = True
