"""Assemble the folium map of the chosen layers: styled from the catalogue, escaped, offline-ready."""

from __future__ import annotations

import math
from functools import lru_cache

import folium
from folium.map import FitBounds
from folium.utilities import JsCode

from gisapp.atlas.geo import area_km2
from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import LayerSpec
from gisapp.i18n import t
from gisapp.mapview.assets import local_url, localise_assets
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.display import for_display, layer_geojson
from gisapp.mapview.elements import (
    FeaturePanel,
    LabelDeclutter,
    Labels,
    LeafletImagePath,
    Legend,
    MapNote,
    SelectionEvent,
    StackBySize,
    map_css,
)
from gisapp.views.symbology import POINT_RADIUS_PX, leaflet_style

DISTRICT_CENTRE = (36.49, 115.955)  # lat, lon: middle of the district outline
DISTRICT_ZOOM = 10
SELECTION_STYLE = {"color": "#ffd600", "weight": 5, "fillOpacity": 0.05, "opacity": 1.0}
NO_BASEMAP_BACKGROUND = "#f4f1ea"


def _style(spec: LayerSpec):
    """The layer's symbol; a surveyed (imported official) feature drops the dashes that mark schematic shapes."""
    options = leaflet_style(spec)
    solid = {key: value for key, value in options.items() if key != "dashArray"}
    return lambda feature: solid if feature["properties"].get("surveyed") else options


def _highlight(spec: LayerSpec):
    return lambda feature: {"weight": spec.style.weight + 2, "fillOpacity": min(0.8, spec.style.fill_opacity + 0.2)}


# Tooltips bound in one JS function per layer (folium's GeoJsonTooltip recompiles a template per
# render). `tip` was HTML-escaped in Python; Leaflet inserts it as HTML, so it shows as text.
# A click also reports the feature at once (SelectionEvent), ahead of streamlit-folium's 250 ms debounce.
FEATURE_JS = JsCode(
    "function(feature, layer) { layer.bindTooltip(feature.properties.tip, {sticky: true});"
    " layer.on('click', function() { if (window.atlasSelect) { window.atlasSelect(feature.properties.id); } }); }"
)


def _add_layer(fmap: folium.Map, parent, atlas: Atlas, spec: LayerSpec, lang: str, datum: str) -> None:
    """Draw a layer (and its labels) into `parent`: the map itself, or the layer's own group."""
    data = layer_geojson(atlas, spec.id, lang, datum)
    marker = None
    if spec.geometry_type == "point":
        marker = folium.CircleMarker(
            radius=POINT_RADIUS_PX, color=spec.style.color, weight=spec.style.weight, fill=True,
            fill_color=spec.style.fill or spec.style.color, fill_opacity=spec.style.fill_opacity,
        )  # fmt: skip
    folium.GeoJson(
        data,
        name=spec.title.get(lang),
        style_function=_style(spec),
        highlight_function=_highlight(spec),
        on_each_feature=FEATURE_JS,
        marker=marker,
        zoom_on_click=False,
    ).add_to(parent)
    if spec.label:
        Labels(spec.id, _labels(atlas, spec, lang, datum), fmap.get_name()).add_to(parent)


def _area(atlas: Atlas, layer_id: str, feature_id: str) -> float:
    frame = atlas.frame(layer_id)
    if "area_km2" in frame.columns and frame.loc[feature_id, "area_km2"] == frame.loc[feature_id, "area_km2"]:
        return float(frame.loc[feature_id, "area_km2"])
    return area_km2(frame.geometry[feature_id])


@lru_cache(maxsize=256)
def _labels(atlas: Atlas, spec: LayerSpec, lang: str, datum: str) -> tuple[tuple[float, float, str, int], ...]:
    """(lat, lon, text, priority) of each feature's name at a point inside it.

    Priority (for decluttering): a layer drawn higher in the catalogue first, and within a layer the
    larger feature first.
    """
    frame = atlas.frame(spec.id)
    by_size = sorted(frame.index, key=lambda fid: -_area(atlas, spec.id, fid))
    labels = []
    for rank, fid in enumerate(by_size):
        anchor = for_display(frame.geometry[fid].representative_point(), datum)
        labels.append((anchor.y, anchor.x, atlas.name(fid).get(lang), spec.order * 1000 + 999 - rank))
    return tuple(labels)


def stacking_order(atlas: Atlas, shown: list[LayerSpec]) -> list[str]:
    """Feature ids from bottom to top: polygons from the largest to the smallest, then lines, then points.

    So a click goes to the smallest polygon under the cursor (an unfilled outline such as the district
    is still clickable inside: Leaflet fills it transparently); where two have the same size (a 多区支撑
    zone drawn on its town), the layer later in the catalogue — the one drawn on top — wins.
    """
    polygons, lines, points = [], [], []
    for spec in shown:
        for fid in atlas.frame(spec.id).index:
            if spec.geometry_type == "point":
                points.append(fid)
            elif spec.geometry_type == "line":
                lines.append(fid)
            else:
                polygons.append(((-round(_area(atlas, spec.id, fid), 2), spec.order), fid))
    return [fid for _, fid in sorted(polygons)] + lines + points


def _new_map(atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str) -> tuple[folium.Map, list]:
    """A map with the basemap's tiles and the stylesheet; returns it with the layers to draw."""
    fmap = folium.Map(
        location=DISTRICT_CENTRE, zoom_start=DISTRICT_ZOOM, tiles=None, control_scale=True,
        double_click_zoom=False, prefer_canvas=False, zoom_snap=0.25,
        keyboard=False,  # a focusable map scrolls the page on mousedown at laptop sizes, and the click is lost
    )  # fmt: skip
    for provider in basemap.tiles:
        folium.TileLayer(
            tiles=provider.build_url(fill_subdomain=False),
            attr=provider.html_attribution,
            name=basemap.title.get(lang),
            max_zoom=provider.get("max_zoom", 18),
            subdomains=provider.get("subdomains", "abc"),
            overlay=False,
            control=False,
        ).add_to(fmap)
    if not basemap.has_tiles:
        background = f"<style>.leaflet-container {{ background: {NO_BASEMAP_BACKGROUND}; }}</style>"
        fmap.get_root().header.add_child(folium.Element(background), name="atlas_background")
    shown = [spec for spec in atlas.layers if spec.id in layer_ids]
    if not basemap.has_tiles and "district" not in layer_ids:
        shown.insert(0, atlas.catalog.layer("district"))  # keep the map legible without tiles
    fmap.get_root().header.add_child(folium.Element(map_css(shown)), name="atlas_css")
    return fmap, shown


def _finish(
    fmap: folium.Map, atlas: Atlas, shown: list[LayerSpec], datum: str, base_url: str, lang: str
) -> folium.Map:  # fmt: skip
    MapNote(t("schematic_badge", lang)).add_to(fmap)
    StackBySize(stacking_order(atlas, shown)).add_to(fmap)
    LabelDeclutter().add_to(fmap)
    min_x, min_y, max_x, max_y = for_display(atlas.geometry("district"), datum).bounds
    fit = FitBounds([(min_y, min_x), (max_y, max_x)], padding=(10, 10))
    fit.options["animate"] = False  # an animated first fit ends after, and undoes, a view set just after it
    fit.add_to(fmap)
    localise_assets(fmap, base_url)
    return fmap


def build_map(atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, base_url: str = "") -> folium.Map:
    """The map of `layer_ids` (drawn in catalogue order) on `basemap`, with legend and labels."""
    fmap, shown = _new_map(atlas, layer_ids, basemap, lang)
    LeafletImagePath(local_url("leaflet_images", base_url) + "/").add_to(fmap)
    for spec in shown:
        _add_layer(fmap, fmap, atlas, spec, lang, basemap.datum)
    Legend(shown, lang).add_to(fmap)
    SelectionEvent().add_to(fmap)
    return _finish(fmap, atlas, shown, basemap.datum, base_url, lang)


def build_standalone_map(
    atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, feature_html: dict[str, str]
) -> folium.Map:
    """The map for a file of its own: a grouped legend that switches layers, and a feature panel.

    The legend groups layers as the catalogue does; a click shows the feature's `feature_html` (its
    facts and sources, escaped by the caller).
    """
    fmap, shown = _new_map(atlas, layer_ids, basemap, lang)
    toggles = {}
    for spec in shown:
        group = folium.FeatureGroup(name=spec.title.get(lang), control=False).add_to(fmap)
        _add_layer(fmap, group, atlas, spec, lang, basemap.datum)
        toggles[spec.id] = group.get_name()
    hint = t("web_click_hint", lang)
    Legend(shown, lang, groups=atlas.catalog.groups, toggles=toggles, hint=hint, position="bottomright").add_to(fmap)
    FeaturePanel(feature_html, SELECTION_STYLE).add_to(fmap)
    return _finish(fmap, atlas, shown, basemap.datum, "", lang)


def selection_group(atlas: Atlas, feature_id: str | None, datum: str) -> folium.FeatureGroup:
    """The highlighted outline of the selected feature, added to the map without a reload."""
    group = folium.FeatureGroup(name="selection")
    if feature_id is not None:
        geom = for_display(atlas.geometry(feature_id), datum)
        if geom.geom_type == "Point":
            folium.CircleMarker((geom.y, geom.x), radius=12, **SELECTION_STYLE).add_to(group)
        else:
            folium.GeoJson(geom.__geo_interface__, style_function=lambda _: SELECTION_STYLE, interactive=False).add_to(
                group
            )
    return group


def view_for(atlas: Atlas, feature_id: str, datum: str, width_px: int = 800, height_px: int = 600):
    """Centre (lat, lon) and zoom that frame a feature (points at zoom 13)."""
    return view_of(atlas.geometry(feature_id), datum, width_px, height_px)


def view_of(geometry, datum: str, width_px: int = 800, height_px: int = 600):
    """Centre (lat, lon) and zoom that frame a shape (WGS-84) on a map of that size; a point at zoom 13.

    Computed here rather than left to Leaflet's fitBounds, which gets the zoom wrong when the map's
    frame has no size yet as it is created (a Streamlit component still laying out).
    """
    geom = for_display(geometry, datum)
    min_x, min_y, max_x, max_y = geom.bounds
    centre = ((min_y + max_y) / 2, (min_x + max_x) / 2)
    span_x, span_y = max(max_x - min_x, 1e-6), max(max_y - min_y, 1e-6)
    zoom_x = math.log2(360 * width_px / 256 / span_x)
    zoom_y = math.log2(170 * height_px / 256 / span_y)
    zoom = 13 if geom.geom_type == "Point" else int(max(9, min(14, math.floor(min(zoom_x, zoom_y) - 0.3))))
    return centre, zoom
