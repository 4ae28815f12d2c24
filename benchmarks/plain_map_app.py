"""Baseline for benchmarks/map_explorer.py: the same layers drawn by a plain streamlit-folium page.

Default settings throughout: folium's CDN links, every GeoJSON property, full-precision geometry,
st_folium returning all objects. Run by the benchmark, not part of the product.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium
import streamlit as st
from streamlit_folium import st_folium

from gisapp.atlas import load_atlas
from gisapp.views.explorer import default_layers


@st.cache_resource
def atlas():
    return load_atlas()


data = atlas()
fmap = folium.Map(location=(36.49, 115.955), zoom_start=10)
for layer_id in default_layers(data):
    folium.GeoJson(data.frame(layer_id).to_json(), name=layer_id, tooltip=folium.GeoJsonTooltip(["name_zh"])).add_to(
        fmap
    )
st.title("plain")
result = st_folium(fmap, width=900, height=700)
st.write(result.get("last_active_drawing", {}) and result["last_active_drawing"]["properties"].get("name_zh"))
