"""Streamlit rendering of a feature's profile; data text is always escaped, never run as HTML or Markdown."""

from __future__ import annotations

import re

import streamlit as st

from gisapp.i18n import lines_label, t
from gisapp.views.profile import Citation, Item, Profile, area_line, section_title

# Markdown, HTML, maths ($) and Streamlit directives (:red[…], :material/…:)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")
# GFM turns URLs and e-mail addresses in plain text into links even when escaped; an invisible word
# joiner (U+2060) inside the pattern keeps them text.
_AUTOLINKS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def md_escape(text: str) -> str:
    """Text shown literally by Streamlit's Markdown (st.markdown, headings, widget labels): all markup escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _AUTOLINKS.sub(WORD_JOINER, text))


def _citation_line(citation: Citation, lang: str) -> str:
    """'《title》 (第 12 行)：“quote”' — the document by its title; its file name is the caption's tooltip."""
    where = md_escape(citation.doc_title) + t("paren", lang).format(lines_label(citation.lines, lang))
    return f"{where}{t('colon', lang)}“{md_escape(citation.quote)}”"


def _cite(citation: Citation, lang: str) -> None:
    st.caption(_citation_line(citation, lang), help=md_escape(citation.doc))


def _items(items: tuple[Item, ...], lang: str) -> None:
    for item in items:
        note = f" — {md_escape(item.note)}" if item.note else ""
        st.markdown(f"- {md_escape(item.text)}{note}")
        for citation in item.citations:
            _cite(citation, lang)


def render_profile(profile: Profile, lang: str) -> None:
    """A feature's profile: name, where, facts by section, targets, caveats, sources."""
    title = profile.name if profile.name == profile.name_zh else f"{profile.name} ({profile.name_zh})"
    st.subheader(md_escape(title))
    st.caption(md_escape(f"{profile.layer_title} · {profile.geometry_note}"))
    if profile.schematic:
        st.info(t("schematic_feature", lang))
    colon = t("colon", lang)
    if profile.position:
        st.markdown(f"**{t('position', lang)}**{colon}{md_escape(profile.position)}")
    if profile.towns:
        st.markdown(f"**{t('towns', lang)}**{colon}{md_escape(t('list_sep', lang).join(profile.towns))}")
    area = area_line(profile, lang)
    if area is not None:
        st.markdown(f"**{t('area', lang)}**{colon}{md_escape(area.text)}")
        for citation in area.citations:
            _cite(citation, lang)
    for kind, items in profile.sections.items():
        st.markdown(f"#### {section_title(kind, lang)}")
        _items(items, lang)
    if profile.targets:
        st.markdown(f"#### {t('targets', lang)}")
        _items(profile.targets, lang)
    if profile.caveats:
        st.markdown(f"#### {t('caveats', lang)}")
        _items(profile.caveats, lang)
    st.markdown(f"#### {t('sources', lang)}")
    for citation in profile.sources:
        _cite(citation, lang)


COMPACT_PAGE_CSS = (
    '<style>[data-testid="stMainBlockContainer"] { padding-top: 4rem; }'  # clear of the toolbar, not 6rem below it
    ' [data-testid="stMainBlockContainer"] h1 { font-size: 2.1rem; padding-top: 0.5rem; }</style>'
)


def compact_page() -> None:
    """Less empty space above a smaller page title, so that on a 1280×720 laptop screen the whole map shows."""
    st.html(COMPACT_PAGE_CSS)  # a fixed style sheet: no data reaches it
