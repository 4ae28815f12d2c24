"""The interactive map as one self-contained HTML file: Leaflet inlined, opens offline.

The file explains itself: a legend grouped as the app groups layers, whose boxes switch them, and a
panel that shows a clicked feature's facts with their sources (document, lines, quote).
"""

from __future__ import annotations

import html as html_lib
from pathlib import Path

from gisapp.atlas.loading import Atlas
from gisapp.errors import ExportError
from gisapp.export.output import write_output
from gisapp.i18n import lines_label, t
from gisapp.mapview.assets import ASSETS, asset_path, local_url
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.build import build_standalone_map
from gisapp.views.profile import Citation, Item, Profile, area_line, build_profile, section_title

FORMATS = (".html", ".htm")

INLINE_JS = ("leaflet_js",)
INLINE_CSS = ("leaflet_css",)


def _read(name: str) -> str:
    return asset_path(ASSETS[name]).read_text(encoding="utf-8")


def _esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def citation_html(citation: Citation, lang: str) -> str:
    """'Document title, lines 18–20: “quote”' with every part escaped; the file name in a tooltip."""
    where = f"{_esc(citation.doc_title)}{t('comma', lang)}{lines_label(citation.lines, lang)}{t('colon', lang)}"
    return f'<div class="atlas-source" title="{_esc(citation.doc)}">{where}“{_esc(citation.quote)}”</div>'


def _items_html(items: tuple[Item, ...], lang: str) -> str:
    rows = []
    for item in items:
        note = f' <span class="atlas-note">— {_esc(item.note)}</span>' if item.note else ""
        sources = "".join(citation_html(citation, lang) for citation in item.citations)
        rows.append(f"<li>{_esc(item.text)}{note}{sources}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def profile_html(profile: Profile, lang: str) -> str:
    """A feature's facts and their sources as panel HTML; data text is escaped, never markup."""
    colon = t("colon", lang)
    title = profile.name if profile.name == profile.name_zh else f"{profile.name} ({profile.name_zh})"
    parts = [
        f'<button type="button" class="atlas-panel-close" aria-label="{_esc(t("web_close", lang))}">×</button>',
        f"<h2>{_esc(title)}</h2>",
        f'<div class="atlas-meta">{_esc(profile.layer_title)} · {_esc(profile.geometry_note)}</div>',
    ]
    if profile.schematic:
        parts.append(f'<p class="atlas-note">{_esc(t("schematic_feature", lang))}</p>')
    if profile.position:
        parts.append(f"<p><b>{_esc(t('position', lang))}</b>{colon}{_esc(profile.position)}</p>")
    if profile.towns:
        parts.append(f"<p><b>{_esc(t('towns', lang))}</b>{colon}{_esc(t('list_sep', lang).join(profile.towns))}</p>")
    area = area_line(profile, lang)
    if area is not None:
        parts.append(f"<p><b>{_esc(t('area', lang))}</b>{colon}{_esc(area.text)}</p>")
    for kind, items in profile.sections.items():
        parts.append(f"<h3>{_esc(section_title(kind, lang))}</h3>{_items_html(items, lang)}")
    for key, items in (("targets", profile.targets), ("caveats", profile.caveats)):
        if items:
            parts.append(f"<h3>{_esc(t(key, lang))}</h3>{_items_html(items, lang)}")
    if profile.sources:
        sources = "".join(citation_html(citation, lang) for citation in profile.sources)
        parts.append(f"<h3>{_esc(t('sources', lang))}</h3>{sources}")
    return "".join(parts)


def feature_panels(atlas: Atlas, layer_ids: tuple[str, ...], lang: str) -> dict[str, str]:
    """Panel HTML of every plan feature in the exported layers, by feature id."""
    panels = {}
    for layer_id in layer_ids:
        for fid in atlas.frame(layer_id).index:
            if fid in atlas.features:
                panels[fid] = profile_html(build_profile(atlas, atlas.features[fid], lang), lang)
    return panels


def html_text(atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, include_key: bool = False) -> str:
    """The folium map of the layers with every script and style inlined; tiles still need the web.

    A basemap's access key (天地图) is left out unless `include_key`: the file may travel anywhere.
    """
    if basemap.needs_key and not include_key:
        basemap = basemap.without_key()
    known = {spec.id for spec in atlas.layers}
    unknown = [layer for layer in layer_ids if layer not in known]
    if unknown:
        raise ExportError(f"unknown layer(s) {unknown}; known: {sorted(known)}")
    drawn = (*layer_ids, *(() if basemap.has_tiles or "district" in layer_ids else ("district",)))
    fmap = build_standalone_map(atlas, layer_ids, basemap, lang, feature_panels(atlas, drawn, lang))
    page = fmap.get_root().render()
    for name in INLINE_JS:
        tag = f'<script src="{local_url(name)}"></script>'
        # "</script" inside inlined code would end the tag early
        page = page.replace(tag, "<script>" + _read(name).replace("</script", "<\\/script") + "</script>")
    for name in INLINE_CSS:
        page = page.replace(f'<link rel="stylesheet" href="{local_url(name)}"/>', f"<style>{_read(name)}</style>")
    if "/component/" in page:
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
