"""The page links in the sidebar, each carrying the address its page will show.

Streamlit's own page menu opens a page with the old page's query and the page then writes its own: two
browser history entries per visit, so Back seemed to do nothing. A link that already holds the page's
address makes one entry, and Back returns to the page before. (The profile link leaves the zone to the
page, which may add one entry: its sidebar link cannot know a selection made by a click on the map.)
"""

from __future__ import annotations

import streamlit as st

from gisapp.app import state
from gisapp.views.explorer import ViewState, state_to_query

MAP_LABEL = "地图 Map"
PROFILE_LABEL = "画像 Profile"
DATA_LABEL = "数据 Data"


def map_query(lang: str) -> dict[str, str]:
    """The map's last view in the language in use (what the map page restores and writes)."""
    saved: ViewState | None = st.session_state.get(state.SAVED_VIEW)
    if saved is None:
        return {"lang": lang}
    return state_to_query(ViewState(saved.layers, saved.selected, saved.basemap, lang))


def sidebar_links(map_page: st.Page, profile_page: st.Page, data_page: st.Page) -> None:
    """The three pages, as links (drawn into the container the caller gives: the sidebar's top)."""
    lang = state.opening_lang()
    st.page_link(map_page, label=MAP_LABEL, query_params=map_query(lang))
    # no zone in this link: a click on the map reruns only the map, so the sidebar may not know the latest
    # selection; the profile page picks it itself (and adds it to the address)
    st.page_link(profile_page, label=PROFILE_LABEL, query_params={"lang": lang})
    st.page_link(data_page, label=DATA_LABEL, query_params={"lang": lang})
    st.divider()
