"""The read-only knowledge base: records, loading, seed documents, validation, flat records, geometry helpers.

Nothing here imports streamlit, folium or matplotlib (a layering test checks it).
"""

from gisapp.atlas.loading import Atlas, load_atlas

__all__ = ["Atlas", "load_atlas"]
