"""Dongchangfu Plan Atlas — entry point: the map explorer, the zone-profile page and the data page."""

import streamlit as st

from gisapp.app.render import compact_page

st.set_page_config(page_title="东昌府区规划图集 Dongchangfu Plan Atlas", layout="wide")
compact_page()
pages = [
    st.Page("pages/map_explorer.py", title="地图 Map", default=True),
    st.Page("pages/profile.py", title="画像 Profile", url_path="profile"),
    st.Page("pages/data.py", title="数据 Data", url_path="data"),
]
st.navigation(pages).run()
