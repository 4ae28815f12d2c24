"""Dongchangfu Plan Atlas — entry point: the map explorer and the zone-profile page."""

import streamlit as st

st.set_page_config(page_title="东昌府区规划图集 Dongchangfu Plan Atlas", layout="wide")
pages = [
    st.Page("pages/map_explorer.py", title="地图 Map", default=True),
    st.Page("pages/zone_profile.py", title="画像 Profile", url_path="profile"),
]
st.navigation(pages).run()
