"""Data: bring official boundaries in (report, preview, accept) and keep every version (history, revert)."""

import streamlit as st

from gisapp.app import data_page, resources, trace_panel
from gisapp.app.assets import serve_map_assets
from gisapp.i18n import t

atlas = resources.or_stop(resources.cached_atlas)
maps = resources.or_stop(resources.basemaps)
serve_map_assets()
lang = data_page.language_choice()

st.title(t("data_title", lang))
st.caption(t("data_caption", lang))
data_page.flash_messages()
data_page.import_section(atlas, data_page.basemap_for_preview(maps), lang)
trace_panel.trace_section(atlas, maps, lang)
data_page.history_section(atlas, lang)
