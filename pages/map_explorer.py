"""The map explorer: plan layers on a map; click a place to read what is planned there."""

import streamlit as st

from gisapp import explorer_ui as ui
from gisapp import export_ui
from gisapp.i18n import t

with ui.timed_run():
    atlas = ui.cached_atlas()
    maps = ui.basemaps()
    ui.init_state(atlas, maps)
    ui.sidebar(atlas, maps)
    state = ui.current_state(atlas)
    ui.sync_url(state)

    st.title(t("app_title", state.lang))
    st.caption(t("app_caption", state.lang))
    map_column, panel_column = st.columns([5, 3], gap="medium")
    with map_column:
        ui.map_view(atlas, state, maps)
    with panel_column:
        ui.feature_panel(atlas, state)
    ui.table_view(atlas, state)
    with st.sidebar:
        export_ui.export_panel(atlas, state, maps[state.basemap])
