"""Zone profile (画像) for investment promoters: find zones by industry, read and hand out a profile."""

import streamlit as st

from gisapp.app import profile_page, resources
from gisapp.i18n import t

atlas = resources.or_stop(resources.cached_atlas)
lang = profile_page.language_choice()

st.title(t("profile_title", lang))
st.caption(t("profile_caption", lang))
with st.sidebar:
    profile_page.industry_matching(atlas, lang)
feature_id = profile_page.choose_feature(atlas, lang)
profile_page.profile_view(atlas, feature_id, lang)
