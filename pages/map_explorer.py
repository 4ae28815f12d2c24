"""The map explorer: plan layers on a map; click a place to read what is planned there."""

import streamlit as st

from gisapp.app import explorer, resources, state
from gisapp.app.assets import serve_map_assets
from gisapp.app.export_panel import export_panel
from gisapp.i18n import t

with resources.timed_run():
    atlas = resources.or_stop(resources.cached_atlas)
    maps = resources.or_stop(resources.basemaps)
    serve_map_assets()
    state.init_from_url(atlas, maps)
    explorer.sidebar(atlas, maps)
    view = state.current_view(atlas)
    state.sync_url(view)
    basemap = maps[view.basemap]

    st.title(t("app_title", view.lang))
    st.caption(t("app_caption", view.lang))
    map_column, panel_column = st.columns([5, 3], gap="medium")
    with map_column:
        explorer.map_view(atlas, view, maps)
    with panel_column:
        explorer.feature_panel(atlas, view, basemap)
    explorer.table_view(atlas, view, basemap)
    with st.sidebar:
        export_panel(atlas, view, basemap)
