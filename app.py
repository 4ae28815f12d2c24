"""Dongchangfu Plan Atlas — entry page: browse every plan feature by layer, with its sources."""

import streamlit as st

from gisapp.i18n import t
from gisapp.profile import build_profile
from gisapp.ui import cached_atlas, layers_table, render_profile

st.set_page_config(page_title="东昌府区规划图集 Dongchangfu Plan Atlas", layout="wide")
lang = st.sidebar.radio(t("language", "zh"), ["zh", "en"], format_func={"zh": "中文", "en": "English"}.get, key="lang")
atlas = cached_atlas()

st.title(t("app_title", lang))
st.caption(t("app_caption", lang))
st.info(t("map_pending", lang))

plan_layers = [spec for spec in atlas.layers if spec.role == "plan"]
layer = st.sidebar.selectbox(
    t("layer", lang),
    plan_layers,
    format_func=lambda spec: spec.title.zh if lang == "zh" else spec.title.en,
    key="layer",
)
feature_ids = [fid for fid in atlas.frame(layer.id).index if fid in atlas.features]
feature_id = st.sidebar.selectbox(
    t("feature", lang),
    feature_ids,
    format_func=lambda fid: atlas.features[fid].name.zh if lang == "zh" else atlas.features[fid].name.en,
    key="feature",
)

left, right = st.columns([3, 2])
with left:
    render_profile(build_profile(atlas, atlas.features[feature_id], lang), lang)
with right:
    st.markdown(f"#### {t('layers_table', lang)}")
    st.dataframe(layers_table(atlas, lang), hide_index=True, width="stretch")
