"""Serve folium's JavaScript/CSS from the packages pip installed, where they are installed (offline-safe).

folium links Leaflet, jQuery, Bootstrap and Font Awesome from public CDNs; on closed networks those
requests fail and the map never draws. The atlas needs only Leaflet (1.9.3, from the XStatic-Leaflet
package); the rest serve folium features it does not use and are not loaded. Each package folder is
a *mount*: the app registers it with Streamlit as a component folder (gisapp.app.assets), so
Streamlit serves it at <base>/component/<MOUNT_MODULE>.<mount>/… straight from site-packages —
nothing is copied and nothing is written at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import folium

from gisapp.errors import UnknownAssetError

MOUNT_MODULE = "gisapp.app.assets"  # the module that registers the mounts: component names are "<module>.<mount>"


@dataclass(frozen=True)
class Mount:
    """A folder of an installed package, served as it is."""

    package: str  # importable package holding the folder
    folder: str  # path inside the package


@dataclass(frozen=True)
class Asset:
    """A file (or folder) inside a mount."""

    mount: str
    source: str  # path inside the mount


MOUNTS = {
    "leaflet": Mount("xstatic.pkg.leaflet", "data"),
    "leaflet_draw": Mount("gisapp.mapview", "vendor/leaflet_draw"),  # not on PyPI: kept in the package (MIT)
}
ASSETS = {
    "leaflet_js": Asset("leaflet", "leaflet.js"),
    "leaflet_css": Asset("leaflet", "leaflet.css"),
    "leaflet_images": Asset("leaflet", "images"),
    "leaflet_draw_js": Asset("leaflet_draw", "leaflet.draw.js"),
    "leaflet_draw_css": Asset("leaflet_draw", "leaflet.draw.css"),
}

# folium's CDN links -> the local asset that replaces it (None: not needed by this app, dropped).
CDN_REPLACEMENTS: dict[str, str | None] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet_js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet_css",
    # folium.plugins.Draw (the data page's tracing tools) asks for 1.0.2; 1.0.4 is its bug-fix release.
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.draw/1.0.2/leaflet.draw.js": "leaflet_draw_js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.draw/1.0.2/leaflet.draw.css": "leaflet_draw_css",
    # jQuery, Bootstrap, Font Awesome, glyphicons and awesome-markers serve folium's popups, icons and plugins;
    # the atlas draws none of them (nothing on the map uses $, Bootstrap classes or icon fonts): not loaded.
    "https://code.jquery.com/jquery-3.7.1.min.js": None,
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": None,
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": None,
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": None,
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": None,
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": None,
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": None,
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": None,
}


def mount_dir(mount: str) -> Path:
    """Where the installed package keeps the mount's folder, found without running the package.

    (`importlib.resources.files` would import it, and importing streamlit_folium imports streamlit.)
    """
    spec = MOUNTS[mount]
    found = find_spec(spec.package)
    if found is None or not found.submodule_search_locations:
        raise UnknownAssetError(f"package {spec.package} is not installed (the map needs its {spec.folder}/)")
    return Path(found.submodule_search_locations[0]) / spec.folder


def asset_path(asset: Asset) -> Path:
    """The asset's file on disk (for the self-contained HTML export, which inlines it)."""
    return mount_dir(asset.mount) / asset.source


def local_url(name: str, base_url: str = "") -> str:
    """The URL the browser loads the asset from, e.g. /component/gisapp.app.assets.leaflet/leaflet.js."""
    prefix = f"/{base_url.strip('/')}" if base_url.strip("/") else ""
    asset = ASSETS[name]
    return f"{prefix}/component/{MOUNT_MODULE}.{asset.mount}/{asset.source}"


def _localised(links: list[tuple[str, str]], base_url: str) -> list[tuple[str, str]]:
    result = []
    for name, url in links:
        if url not in CDN_REPLACEMENTS:
            raise UnknownAssetError(f"no local copy of {url} (from {name}); add it to gisapp.mapview.assets")
        replacement = CDN_REPLACEMENTS[url]
        if replacement is not None:
            result.append((name, local_url(replacement, base_url)))
    return result


def localise_assets(element: folium.Element, base_url: str = "") -> None:
    """Point every JS/CSS link of the map and its children at the local copies (in place)."""
    for child in [element, *_descendants(element)]:
        if isinstance(child, folium.elements.JSCSSMixin):
            child.default_js = _localised(list(child.default_js), base_url)
            child.default_css = _localised(list(child.default_css), base_url)


def _descendants(element: folium.Element):
    for child in element._children.values():
        yield child
        yield from _descendants(child)
