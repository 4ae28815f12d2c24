"""Dongchangfu Plan Atlas — entry point: the map explorer, the zone-profile page and the data page."""

import streamlit as st

from gisapp.app.navigation import DATA_LABEL, MAP_LABEL, PROFILE_LABEL, sidebar_links
from gisapp.app.render import compact_page

st.set_page_config(page_title="东昌府区规划图集 Dongchangfu Plan Atlas", layout="wide")
compact_page()
map_page = st.Page("pages/map_explorer.py", title=MAP_LABEL, default=True)
profile_page = st.Page("pages/zone_profile.py", title=PROFILE_LABEL, url_path="profile")
data_page = st.Page("pages/data_versions.py", title=DATA_LABEL, url_path="data")
current = st.navigation([map_page, profile_page, data_page], position="hidden")
links = st.sidebar.container()  # filled after the page has run: the links carry the page's resulting state
try:
    current.run()
finally:  # also when a page stops early (a data error): the pages stay reachable
    with links:
        sidebar_links(map_page, profile_page, data_page)
