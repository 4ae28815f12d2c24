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
    basemap = maps[view.basemap]

    st.title(t("app_title", view.lang))
    st.caption(t("app_caption", view.lang))
    explorer.map_and_panel(atlas, maps)  # a click on the map reruns only this part
    explorer.table_view(atlas, view, basemap)
    with st.sidebar:
        export_panel(atlas, view, basemap)
