"""The interactive map as one self-contained HTML file: Leaflet inlined, opens offline."""

from __future__ import annotations

import html as html_lib

from gisapp.catalog import Atlas
from gisapp.mapview.assets import ASSETS, asset_path, local_url
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.build import build_map

INLINE_JS = ("leaflet_js", "jquery_js")
INLINE_CSS = ("leaflet_css", "bootstrap_css")
DROPPED_CSS = ("fontawesome_css",)  # needs its webfont files; the atlas map draws no icons


def _read(name: str) -> str:
    return asset_path(ASSETS[name]).read_text(encoding="utf-8")


def standalone_html(atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, title: str) -> str:
    """The folium map of the layers with every script and style inlined; tiles still need the web."""
    page = build_map(atlas, layer_ids, basemap, lang).get_root().render()
    for name in INLINE_JS:
        tag = f'<script src="{local_url(name)}"></script>'
        # "</script" inside inlined code would end the tag early
        page = page.replace(tag, "<script>" + _read(name).replace("</script", "<\\/script") + "</script>")
    for name in INLINE_CSS:
        page = page.replace(f'<link rel="stylesheet" href="{local_url(name)}"/>', f"<style>{_read(name)}</style>")
    for name in DROPPED_CSS:
        page = page.replace(f'<link rel="stylesheet" href="{local_url(name)}"/>', "")
    if "/app/static/" in page.replace(local_url("leaflet_images"), ""):
        raise RuntimeError("an asset link was left in the standalone HTML")
    return page.replace("<head>", f"<head>\n<title>{html_lib.escape(title)}</title>", 1)
