"""The tracing map: the warped plan figure over the basemap, the feature's shape now, and Leaflet.draw tools."""

from __future__ import annotations

import base64
import html

import folium
from folium.plugins import Draw

from gisapp.atlas.loading import Atlas
from gisapp.i18n import t
from gisapp.ingest.figure import Overlay
from gisapp.ingest.places import KnownPlace
from gisapp.mapview.assets import local_url, localise_assets
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.display import for_display
from gisapp.mapview.elements import LeafletImagePath
from gisapp.mapview.preview import CURRENT_STYLE

DRAWN_STYLE = {"color": "#d32f2f", "weight": 2.5, "fillOpacity": 0.1}
DRAW_OPTIONS = {
    "polyline": False, "rectangle": False, "circle": False, "marker": False, "circlemarker": False,
    "polygon": {"allowIntersection": False, "showArea": False, "shapeOptions": DRAWN_STYLE},
}  # fmt: skip


def trace_map(
    atlas: Atlas, feature_id: str, overlay: Overlay, opacity: float, places: list[KnownPlace], basemap: Basemap,
    lang: str, base_url: str = "",
) -> folium.Map:  # fmt: skip
    """A map framed on the figure: tiles, the figure at `opacity`, the feature now (dashed), places, draw tools."""
    fmap = folium.Map(tiles=None, control_scale=True, keyboard=False)
    LeafletImagePath(local_url("leaflet_images", base_url) + "/").add_to(fmap)
    for provider in basemap.tiles:
        folium.TileLayer(
            tiles=provider.build_url(fill_subdomain=False), attr=provider.html_attribution,
            max_zoom=provider.get("max_zoom", 18), subdomains=provider.get("subdomains", "abc"), control=False,
        ).add_to(fmap)  # fmt: skip
    image = "data:image/png;base64," + base64.b64encode(overlay.png).decode("ascii")
    folium.raster_layers.ImageOverlay(image, bounds=[list(corner) for corner in overlay.bounds], opacity=opacity,
                                      interactive=False).add_to(fmap)  # fmt: skip
    name = html.escape(atlas.name(feature_id).get(lang))
    folium.GeoJson(
        {"type": "Feature", "properties": {"tip": f"{name} · {html.escape(t('preview_current', lang))}"},
         "geometry": for_display(atlas.geometry(feature_id), basemap.datum).__geo_interface__},
        style_function=lambda _: CURRENT_STYLE, tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        interactive=False,
    ).add_to(fmap)  # fmt: skip
    for place in places:
        folium.CircleMarker([place.lat, place.lon], radius=3, color="#1565c0", weight=1, fill=True, fill_opacity=0.9,
                            tooltip=html.escape(place.name)).add_to(fmap)  # fmt: skip
    Draw(draw_options=DRAW_OPTIONS, edit_options={"edit": True, "remove": True}, position="topleft").add_to(fmap)
    fmap.fit_bounds([list(corner) for corner in overlay.bounds])
    localise_assets(fmap, base_url)
    return fmap
