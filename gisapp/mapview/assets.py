"""Serve folium's JavaScript/CSS from the app itself, from packages pip installed (offline-safe).

folium links Leaflet, jQuery, Bootstrap and Font Awesome from public CDNs; on closed networks those
requests fail and the map never draws. The files come from the XStatic packages (Leaflet 1.9.3,
jQuery 3.7.1, Font Awesome 6.2.1) and from streamlit-folium's own build (Bootstrap CSS); they are
copied into Streamlit's static folder at start-up (never committed) and the map's links point there.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import folium

from gisapp.config import STATIC_DIR
from gisapp.errors import UnknownAssetError

VENDOR = "vendor"


@dataclass(frozen=True)
class Asset:
    """A file (or folder) from an installed package and where it is served."""

    package: str  # importable package holding the file
    source: str  # path inside the package
    target: str  # path under static/vendor/


def _xstatic(name: str, source: str, target: str) -> Asset:
    return Asset(f"xstatic.pkg.{name}", f"data/{source}", target)


ASSETS = {
    "leaflet_js": _xstatic("leaflet", "leaflet.js", "leaflet/leaflet.js"),
    "leaflet_css": _xstatic("leaflet", "leaflet.css", "leaflet/leaflet.css"),
    "leaflet_images": _xstatic("leaflet", "images", "leaflet/images"),
    "jquery_js": _xstatic("jquery", "jquery.min.js", "jquery/jquery.min.js"),
    "fontawesome_css": _xstatic("font_awesome", "css/all.min.css", "fontawesome/css/all.min.css"),
    "fontawesome_fonts": _xstatic("font_awesome", "webfonts", "fontawesome/webfonts"),
    "bootstrap_css": Asset("streamlit_folium", "frontend/build/bootstrap.min.css", "bootstrap/bootstrap.min.css"),
}

# folium's CDN links -> the local asset that replaces it (None: not needed by this app, dropped).
CDN_REPLACEMENTS: dict[str, str | None] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet_js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet_css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery_js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap_css",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": "fontawesome_css",
    # Bootstrap's JS, glyphicons and awesome-markers serve folium.Icon markers, which the atlas does not use.
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": None,
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": None,
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": None,
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": None,
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": None,
}


def asset_path(asset: Asset) -> Path:
    """Where the installed package keeps the file, found without running the package.

    (`importlib.resources.files` would import it, and importing streamlit_folium imports streamlit.)
    """
    spec = find_spec(asset.package)
    if spec is None or not spec.submodule_search_locations:
        raise UnknownAssetError(f"package {asset.package} is not installed (it provides {asset.source})")
    return Path(spec.submodule_search_locations[0]) / asset.source


def install_static_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Copy every asset into `static_dir/vendor` (idempotent; skips files already there)."""
    vendor = static_dir / VENDOR
    for asset in ASSETS.values():
        source, target = asset_path(asset), vendor / asset.target
        if not source.exists():
            raise UnknownAssetError(f"asset {asset.source} missing from package {asset.package}")
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    return vendor


def local_url(name: str, base_url: str = "") -> str:
    """The URL the browser loads the asset from, e.g. /app/static/vendor/leaflet/leaflet.js."""
    prefix = f"/{base_url.strip('/')}" if base_url.strip("/") else ""
    return f"{prefix}/app/static/{VENDOR}/{ASSETS[name].target}"


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
