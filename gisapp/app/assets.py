"""Register the map's asset folders with Streamlit, which then serves them where pip installed them."""

from __future__ import annotations

import streamlit as st
from streamlit.components.v1 import declare_component

from gisapp.mapview.assets import MOUNTS, mount_dir

# Component names are "<this module>.<mount>": MOUNT_MODULE must name this module (a test checks it).


@st.cache_resource(show_spinner=False)
def serve_map_assets() -> bool:
    """Declare one (never drawn) component per mount, once per server process; nothing is copied."""
    for mount in MOUNTS:
        declare_component(mount, path=mount_dir(mount))
    return True
