"""Streamlit rendering of atlas views; data text is always escaped, never run as HTML or Markdown."""

from __future__ import annotations

import re

import streamlit as st

from gisapp.catalog import Atlas, load_atlas
from gisapp.i18n import t
from gisapp.paths import layers_dir
from gisapp.profile import SECTION_TITLES, Citation, Item, Profile, line_span

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str) -> str:
    """Text shown literally by st.markdown: Markdown and HTML characters are backslash-escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


@st.cache_resource(show_spinner=False)
def cached_atlas() -> Atlas:
    """The atlas, loaded once per server process (read-only); `$GISAPP_LAYERS` swaps the data."""
    return load_atlas(layers_dir())


def _citation_line(citation: Citation, lang: str) -> str:
    where = (
        f"{md_escape(citation.doc_title)}（{md_escape(citation.doc)}，{t('lines', lang)} {line_span(citation.lines)}）"
    )
    return f"{where}：“{md_escape(citation.quote)}”"


def _items(items: tuple[Item, ...], lang: str) -> None:
    for item in items:
        note = f" — {md_escape(item.note)}" if item.note else ""
        st.markdown(f"- {md_escape(item.text)}{note}")
        for citation in item.citations:
            st.caption(_citation_line(citation, lang))


def render_profile(profile: Profile, lang: str) -> None:
    """A feature's profile: name, where, facts by section, targets, caveats, sources."""
    title = profile.name if lang == "zh" else f"{profile.name}（{profile.name_zh}）"
    st.subheader(md_escape(title))
    st.caption(md_escape(f"{profile.layer_title} · {profile.geometry_note}"))
    if profile.schematic:
        st.info(t("schematic_note", lang))
    colon, comma = ("：", "、") if lang == "zh" else (": ", ", ")
    if profile.position:
        st.markdown(f"**{t('position', lang)}**{colon}{md_escape(profile.position)}")
    if profile.towns:
        st.markdown(f"**{t('towns', lang)}**{colon}{md_escape(comma.join(profile.towns))}")
    if profile.area_km2 is not None:
        st.markdown(f"**{t('area', lang)}**{colon}{profile.area_km2:.2f} km²")
    for kind, items in profile.sections.items():
        st.markdown(f"#### {SECTION_TITLES[kind][0 if lang == 'zh' else 1]}")
        _items(items, lang)
    if profile.targets:
        st.markdown(f"#### {t('targets', lang)}")
        _items(profile.targets, lang)
    if profile.caveats:
        st.markdown(f"#### {t('caveats', lang)}")
        _items(profile.caveats, lang)
    st.markdown(f"#### {t('sources', lang)}")
    for citation in profile.sources:
        st.caption(_citation_line(citation, lang))
