"""The interactive map as one self-contained HTML file: Leaflet inlined, opens offline."""

from __future__ import annotations

import html as html_lib
from pathlib import Path

from gisapp.atlas.loading import Atlas
from gisapp.errors import ExportError
from gisapp.export.output import write_output
from gisapp.i18n import t
from gisapp.mapview.assets import ASSETS, asset_path, local_url
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.build import build_map

FORMATS = (".html", ".htm")

INLINE_JS = ("leaflet_js",)
INLINE_CSS = ("leaflet_css",)


def _read(name: str) -> str:
    return asset_path(ASSETS[name]).read_text(encoding="utf-8")


def html_text(
    atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, include_key: bool = False
) -> str:
    """The folium map of the layers with every script and style inlined; tiles still need the web.

    A basemap's access key (天地图) is left out unless `include_key`: the file may travel anywhere.
    """
    if basemap.needs_key and not include_key:
        basemap = basemap.without_key()
    known = {spec.id for spec in atlas.layers}
    unknown = [layer for layer in layer_ids if layer not in known]
    if unknown:
        raise ExportError(f"unknown layer(s) {unknown}; known: {sorted(known)}")
    page = build_map(atlas, layer_ids, basemap, lang).get_root().render()
    for name in INLINE_JS:
        tag = f'<script src="{local_url(name)}"></script>'
        # "</script" inside inlined code would end the tag early
        page = page.replace(tag, "<script>" + _read(name).replace("</script", "<\\/script") + "</script>")
    for name in INLINE_CSS:
        page = page.replace(f'<link rel="stylesheet" href="{local_url(name)}"/>', f"<style>{_read(name)}</style>")
    if "/component/" in page.replace(local_url("leaflet_images"), ""):
        raise ExportError("an asset link was left in the standalone HTML")
    title = html_lib.escape(t("app_title", lang))
    return page.replace("<head>", f"<head>\n<title>{title}</title>", 1)


def html_bytes(
    atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, include_key: bool = False
) -> bytes:
    return html_text(atlas, layer_ids, basemap, lang, include_key).encode("utf-8")


def write_html(
    atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, out: Path, include_key: bool = False
) -> Path:
    """Write the self-contained map page atomically."""
    return write_output(out, html_text(atlas, layer_ids, basemap, lang, include_key), FORMATS)
