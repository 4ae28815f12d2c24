"""The zone-profile page's widgets: industry matching, the chosen zone's profile, charts, downloads."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import matplotlib.pyplot as plt
import pandas as pd
import streamlit as st

from gisapp.app import state
from gisapp.app.render import md_escape, render_profile
from gisapp.atlas.loading import Atlas
from gisapp.config import public_url
from gisapp.errors import GisappError
from gisapp.export.locator import draw_locator
from gisapp.export.print_map import MapRequest, map_bytes
from gisapp.export.profile_sheet import profile_bytes
from gisapp.i18n import LANG_NAMES, SHEET_LANGS, first_lang, lines_label, t
from gisapp.views.matching import SUGGESTED_INDUSTRIES, match_industry
from gisapp.views.profile import build_profile, feature_label

DEFAULT_PROFILE = "zhengjia_cluster"
LOOPBACK = ("localhost", "127.0.0.1", "::1", "0.0.0.0")  # a link to these would not open on a reader's phone
# The zone map: the zone among the towns, the other plan zones, parks and the projects (its own among them).
ZONE_MAP_LAYERS = ("district", "towns", "agri_zones", "industrial_clusters", "industrial_parks", "commerce_axes",
                   "projects")  # fmt: skip


def choose_feature(atlas: Atlas, lang: str) -> str:
    """The zone to profile: from the URL (?id=), the map's selection, or the chooser."""
    options = [fid for spec in atlas.layers if spec.role == "plan" for fid in atlas.frame(spec.id).index]
    selected = st.session_state.get(state.SELECTED)
    linked = st.query_params.get("id")
    if selected in atlas.features and selected != st.session_state.get(state.PROFILE_SYNCED):
        # a new selection on the map carries over when the planner opens the profile page
        st.session_state[state.PROFILE_SYNCED] = selected
        st.session_state[state.PROFILE_ID] = selected
    elif linked in atlas.features and linked != st.session_state.get(state.PROFILE_WRITTEN, linked):
        # an address this page did not write last: a link, or the browser's Back/Forward to another zone
        st.session_state[state.PROFILE_ID] = linked
    if st.session_state.get(state.PROFILE_ID) not in atlas.features:
        wanted = st.query_params.get("id") or DEFAULT_PROFILE
        st.session_state[state.PROFILE_ID] = wanted if wanted in atlas.features else options[0]
    # one chooser per language: a kept widget would keep the option labels of the language it was drawn in
    chooser = f"{state.PROFILE_CHOOSER}_{lang}"
    st.session_state[chooser] = st.session_state[state.PROFILE_ID]

    def chosen() -> None:
        st.session_state[state.PROFILE_ID] = st.session_state[chooser]

    st.selectbox(t("profile_choose", lang), options, key=chooser, on_change=chosen,
                 format_func=lambda fid: feature_label(atlas, fid, lang))  # fmt: skip
    st.session_state[state.PROFILE_WRITTEN] = st.session_state[state.PROFILE_ID]
    wanted = {"id": st.session_state[state.PROFILE_ID], "lang": lang}  # a copied link: same zone, same language
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    return st.session_state[state.PROFILE_ID]


def industry_matching(atlas: Atlas, lang: str) -> None:
    """'Where would my factory fit?': zones whose plans name the industry, ranked, with the quote."""
    st.markdown(f"#### {t('match_title', lang)}")
    picked = st.pills(t("match_examples", lang), list(SUGGESTED_INDUSTRIES), key=state.INDUSTRY_PILL,
                      format_func=lambda industry: SUGGESTED_INDUSTRIES[industry].get(lang))  # fmt: skip
    typed = st.text_input(t("match_input", lang), key=state.INDUSTRY_TEXT, placeholder=t("match_placeholder", lang))
    industry = (typed or picked or "").strip()
    if not industry:
        return
    matches = match_industry(atlas, industry)
    if not matches:
        st.warning(md_escape(t("match_none", lang).format(industry=industry)))
        return
    if matches[0].suggestion:  # a typo forgiven: say which word the results are for
        st.caption(md_escape(t("search_did_you_mean", lang).format(query=industry, suggestion=matches[0].suggestion)))
    for rank, match in enumerate(matches, start=1):
        title = atlas.documents.title(match.source.doc, lang)
        with st.container(border=True):
            st.markdown(f"**{rank}. {md_escape(feature_label(atlas, match.feature_id, lang))}**")
            where = f"{title} {lines_label(match.source.lines, lang)}"
            matched = match.matched.get(lang) if match.matched else match.matched_text
            quote = f"{matched} — {where}{t('colon', lang)}“{match.source.quote}”"
            st.caption(md_escape(quote))
            st.button(t("match_open", lang), key=state.OPEN_MATCH_PREFIX + match.feature_id,
                      on_click=st.session_state.__setitem__, args=(state.PROFILE_ID, match.feature_id))  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def locator_png(_atlas: Atlas, feature_id: str) -> bytes:
    fig = plt.figure(figsize=(3.2, 2.6))
    draw_locator(fig, _atlas, feature_id, position=(0, 0, 1, 1))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=130)
    plt.close(fig)
    return buffer.getvalue()


def targets_chart(atlas: Atlas, feature_id: str, lang: str) -> None:
    """A small chart of each indicator the plans give for more than one year."""
    feature = atlas.features[feature_id]
    rows = [
        {"indicator": target.indicator.get(lang), "year": str(target.year), "value": target.value, "unit": target.unit}
        for target in feature.targets
        if target.year and target.value is not None
    ]
    table = pd.DataFrame(rows)
    if table.empty:
        return
    repeated = table.groupby(["indicator", "unit"]).filter(lambda group: group["year"].nunique() > 1)
    for (indicator, unit), group in repeated.groupby(["indicator", "unit"]):
        st.caption(md_escape(f"{indicator}{t('paren', lang).format(unit)}"))
        st.bar_chart(group.set_index("year")["value"], height=160)


def public_address() -> str | None:
    """Where a printed sheet may link back to: `$GISAPP_PUBLIC_URL`, else this page's own address unless loopback."""
    configured = public_url()
    if configured:
        return configured
    address = urlsplit(st.context.url or "")
    if address.scheme in ("http", "https") and address.hostname and address.hostname not in LOOPBACK:
        return f"{address.scheme}://{address.netloc}/{(st.get_option('server.baseUrlPath') or '').strip('/')}"
    return None


def downloads(atlas: Atlas, feature_id: str, lang: str) -> None:
    """Profile sheet (PDF/PNG, zh/en/both) and a map of the zone, made on request."""
    st.markdown(f"#### {t('downloads', lang)}")
    if st.session_state.get(state.SHEET_LANG_FOR) != lang:  # the page's language changed: the sheet's follows
        st.session_state[state.SHEET_LANG_FOR] = lang
        st.session_state[state.SHEET_LANG] = lang
    sheet_lang = st.radio(t("sheet_lang", lang), SHEET_LANGS, horizontal=True, key=state.SHEET_LANG,
                          format_func=LANG_NAMES.get)  # fmt: skip
    link = public_address()
    if not link:
        st.caption(t("sheet_no_link", lang))
    if st.button(t("make_files", lang), key=state.MAKE_FILES_BUTTON):
        try:
            with st.spinner(t("making", lang)):
                layers = tuple(dict.fromkeys((*ZONE_MAP_LAYERS, atlas.layer_of[feature_id])))
                request = MapRequest(layers, extent=feature_id, dpi=200, lang=first_lang(sheet_lang))
                st.session_state[state.PROFILE_FILES] = {
                    "key": (feature_id, sheet_lang),
                    "pdf": profile_bytes(atlas, feature_id, sheet_lang, "pdf", base_url=link),
                    "png": profile_bytes(atlas, feature_id, sheet_lang, "png", base_url=link),
                    "map": map_bytes(atlas, request, "png"),
                }
        except GisappError as exc:
            st.error(str(exc))
    files = st.session_state.get(state.PROFILE_FILES)
    if files and files["key"] == (feature_id, sheet_lang):
        stem = f"{feature_id}_{sheet_lang}"
        st.download_button(t("download_pdf", lang), files["pdf"], f"{stem}.pdf", "application/pdf", on_click="ignore")
        st.download_button(t("download_png", lang), files["png"], f"{stem}.png", "image/png", on_click="ignore")
        st.download_button(t("download_map", lang), files["map"], f"{feature_id}_map.png", "image/png",
                           on_click="ignore")  # fmt: skip


def profile_view(atlas: Atlas, feature_id: str, lang: str) -> None:
    left, right = st.columns([3, 2], gap="large")
    with left:
        render_profile(build_profile(atlas, atlas.features[feature_id], lang), lang)
    with right:
        st.image(locator_png(atlas, feature_id), caption=t("locator", lang))
        targets_chart(atlas, feature_id, lang)
        downloads(atlas, feature_id, lang)


def language_choice() -> str:
    """The page's language: the link's, else the one chosen last on any page."""
    return state.sidebar_language(state.PROFILE_LANG)
