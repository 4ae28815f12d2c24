"""The import preview: the shapes in force now (dashed) under the shapes an import would put in (solid)."""

from __future__ import annotations

import html

import folium
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gisapp.atlas.loading import Atlas
from gisapp.i18n import t
from gisapp.mapview.assets import local_url, localise_assets
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.build import view_of
from gisapp.mapview.display import for_display
from gisapp.mapview.elements import LeafletImagePath

CURRENT_STYLE = {"color": "#616161", "weight": 1.5, "dashArray": "6 4", "fillOpacity": 0.05}
IMPORTED_STYLE = {"color": "#d32f2f", "weight": 2.5, "fillColor": "#ef5350", "fillOpacity": 0.15}


def _geojson(atlas: Atlas, shapes: dict[str, BaseGeometry], datum: str, lang: str, title: str) -> dict:
    features = []
    for fid, geom in shapes.items():
        name = html.escape(atlas.name(fid).get(lang))
        features.append({"type": "Feature", "properties": {"tip": f"{name} · {html.escape(title)}"},
                         "geometry": for_display(geom, datum).__geo_interface__})  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def preview_map(
    atlas: Atlas, layer_id: str, shapes: dict[str, BaseGeometry], basemap: Basemap, lang: str, base_url: str = ""
) -> folium.Map:
    """Current shapes of `layer_id` and the imported `shapes` (WGS-84), framed on the imported ones."""
    framed = unary_union(list(shapes.values())) if shapes else atlas.geometry("district")
    centre, zoom = view_of(framed, basemap.datum, width_px=700, height_px=420)  # the preview frame on the page
    fmap = folium.Map(location=centre, zoom_start=zoom, tiles=None, control_scale=True, keyboard=False,
                      prefer_canvas=False)  # fmt: skip
    LeafletImagePath(local_url("leaflet_images", base_url) + "/").add_to(fmap)
    for provider in basemap.tiles:
        folium.TileLayer(
            tiles=provider.build_url(fill_subdomain=False), attr=provider.html_attribution,
            max_zoom=provider.get("max_zoom", 18), subdomains=provider.get("subdomains", "abc"), control=False,
        ).add_to(fmap)  # fmt: skip
    current = {fid: atlas.geometry(fid) for fid in atlas.frame(layer_id).index}
    for data, style in (
        (_geojson(atlas, current, basemap.datum, lang, t("preview_current", lang)), CURRENT_STYLE),
        (_geojson(atlas, shapes, basemap.datum, lang, t("preview_imported", lang)), IMPORTED_STYLE),
    ):
        folium.GeoJson(
            data, style_function=lambda _, style=style: style,
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        ).add_to(fmap)  # fmt: skip
    localise_assets(fmap, base_url)
    return fmap
