"""Zone profile (画像) for investment promoters: find zones by industry, read and hand out a profile."""

import streamlit as st

from gisapp import profile_ui as ui
from gisapp.i18n import t
from gisapp.ui import cached_atlas

atlas = cached_atlas()
lang = st.sidebar.radio("语言 / Language", ["zh", "en"], format_func={"zh": "中文", "en": "English"}.get,
                        key="profile_lang", index=["zh", "en"].index(st.session_state.get("lang", "zh")))  # fmt: skip

st.title(t("profile_title", lang))
st.caption(t("profile_caption", lang))
with st.sidebar:
    ui.industry_matching(atlas, lang)
feature_id = ui.choose_feature(atlas, lang)
ui.profile_view(atlas, feature_id, lang)
