"""Build the folium map of the chosen layers: styled from the catalogue, escaped, offline-ready."""

from __future__ import annotations

import html
import math
from functools import lru_cache

import folium
from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from gisapp.catalog import Atlas
from gisapp.i18n import t
from gisapp.mapview.assets import local_url, localise_assets
from gisapp.mapview.basemaps import Basemap
from gisapp.mapview.display import display_name, for_display, layer_geojson
from gisapp.model import LayerSpec

DISTRICT_CENTRE = (36.49, 115.955)  # lat, lon: middle of the district outline
DISTRICT_ZOOM = 10
SELECTION_STYLE = {"color": "#ffd600", "weight": 5, "fillOpacity": 0.05, "opacity": 1.0}
NO_BASEMAP_BACKGROUND = "#f4f1ea"


def _style(spec: LayerSpec):
    style = spec.style
    base = {
        "color": style.color,
        "weight": style.weight,
        "opacity": 0.9,
        "fillColor": style.fill or style.color,
        "fillOpacity": style.fill_opacity if style.fill else 0.0,
    }
    if style.dash:
        base["dashArray"] = style.dash
    return lambda feature: base


def _highlight(spec: LayerSpec):
    return lambda feature: {"weight": spec.style.weight + 2, "fillOpacity": min(0.8, spec.style.fill_opacity + 0.2)}


# Tooltips bound in one JS function per layer (folium's GeoJsonTooltip recompiles a template per
# render). `tip` was HTML-escaped in Python; Leaflet inserts it as HTML, so it shows as text.
TOOLTIP_JS = JsCode("function(feature, layer) { layer.bindTooltip(feature.properties.tip, {sticky: true}); }")


def _add_layer(fmap: folium.Map, atlas: Atlas, spec: LayerSpec, lang: str, datum: str) -> None:
    data = layer_geojson(atlas, spec.id, lang, datum)
    marker = None
    if spec.geometry_type == "point":
        marker = folium.CircleMarker(
            radius=7, color=spec.style.color, weight=spec.style.weight, fill=True,
            fill_color=spec.style.fill or spec.style.color, fill_opacity=spec.style.fill_opacity,
        )  # fmt: skip
    folium.GeoJson(
        data,
        name=spec.title.zh if lang == "zh" else spec.title.en,
        style_function=_style(spec),
        highlight_function=_highlight(spec),
        on_each_feature=TOOLTIP_JS,
        marker=marker,
        zoom_on_click=False,
    ).add_to(fmap)
    if spec.label:
        Labels(spec.id, _labels(atlas, spec.id, lang, datum)).add_to(fmap)


@lru_cache(maxsize=256)
def _labels(atlas: Atlas, layer_id: str, lang: str, datum: str) -> tuple[tuple[float, float, str], ...]:
    """(lat, lon, text) of each feature's name at a point inside it."""
    frame = atlas.frame(layer_id)
    labels = []
    for fid, geom in frame.geometry.items():
        anchor = for_display(geom.representative_point(), datum)
        text = display_name(atlas, fid, lang) if lang == "zh" else frame.loc[fid, "name_en"]
        labels.append((anchor.y, anchor.x, text))
    return tuple(labels)


class Labels(MacroElement):
    """Feature names drawn as non-interactive text markers; one element for a whole layer.

    The text is set with textContent, so names are never parsed as HTML.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var labels = {{ this.labels | tojson }};
            labels.forEach(function(item) {
                var div = document.createElement('div');
                div.className = 'atlas-label atlas-label-' + {{ this.layer_id | tojson }};
                div.textContent = item[2];
                L.marker([item[0], item[1]], {
                    icon: L.divIcon({html: div, className: 'atlas-label-icon', iconSize: null}),
                    interactive: false, keyboard: false
                }).addTo({{ this._parent.get_name() }});
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layer_id: str, labels: tuple[tuple[float, float, str], ...]) -> None:
        super().__init__()
        self._name = "Labels"
        self.layer_id = layer_id
        self.labels = labels


class LeafletImagePath(MacroElement):
    """Tell Leaflet where its marker images are served (it cannot guess them from a local CSS link)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = {{ this.path | tojson }};
        {% endmacro %}
        """
    )

    def __init__(self, path: str) -> None:
        super().__init__()
        self._name = "LeafletImagePath"
        self.path = path


class Legend(MacroElement):
    """A Leaflet control listing the drawn layers with their catalogue colours; all text escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function() {
                var div = L.DomUtil.create('details', 'atlas-legend');
                div.open = true;
                div.innerHTML = {{ this.body | tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layers: list[LayerSpec], lang: str) -> None:
        super().__init__()
        self._name = "Legend"
        rows = []
        for spec in layers:
            style = spec.style
            border = "dashed" if style.dash else "solid"
            fill = style.fill or "transparent"
            if spec.geometry_type == "line":
                swatch = f'<span class="sw line" style="border-top:3px {border} {style.color}"></span>'
            elif spec.geometry_type == "point":
                swatch = f'<span class="sw point" style="background:{fill};border:2px solid {style.color}"></span>'
            else:
                swatch = f'<span class="sw" style="background:{fill};border:2px {border} {style.color}"></span>'
            title = spec.title.zh if lang == "zh" else spec.title.en
            rows.append(f"<div>{swatch}{html.escape(title)}</div>")
        note = html.escape(t("legend_note", lang))
        title = html.escape(t("legend", lang))
        self.body = f'<summary>{title}</summary>{"".join(rows)}<div class="atlas-legend-note">{note}</div>'


MAP_CSS = """
<style>
.atlas-label-icon { background: none; border: none; }
.atlas-label { font: 12px/1.2 "Noto Sans CJK SC","Microsoft YaHei",sans-serif; color:#333; white-space:nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; transform: translate(-50%, -50%); pointer-events:none; }
.atlas-label-agri_zones { color:#1b5e20; font-weight:600; }
.atlas-label-industrial_clusters { color:#0d47a1; font-weight:600; }
.atlas-legend { background: rgba(255,255,255,.92); padding: 4px 8px; border-radius: 4px; max-width: 230px;
  font: 11px/1.45 "Noto Sans CJK SC","Microsoft YaHei",sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.atlas-legend .sw { display:inline-block; width:16px; height:11px; margin-right:6px; vertical-align:middle; }
.atlas-legend .sw.line { height:0; }
.atlas-legend .sw.point { width:10px; height:10px; border-radius:50%; }
.atlas-legend summary { font-weight:600; cursor:pointer; }
.atlas-legend-note { color:#6d4c41; margin-top:4px; font-size:11px; }
</style>
"""


def build_map(atlas: Atlas, layer_ids: tuple[str, ...], basemap: Basemap, lang: str, base_url: str = "") -> folium.Map:
    """The map of `layer_ids` (drawn in catalogue order) on `basemap`, with legend and labels."""
    fmap = folium.Map(
        location=DISTRICT_CENTRE, zoom_start=DISTRICT_ZOOM, tiles=None, control_scale=True,
        double_click_zoom=False, prefer_canvas=False, zoom_snap=0.25,
    )  # fmt: skip
    LeafletImagePath(local_url("leaflet_images", base_url) + "/").add_to(fmap)
    for provider in basemap.tiles:
        folium.TileLayer(
            tiles=provider.build_url(fill_subdomain=False),
            attr=provider.html_attribution,
            name=basemap.title.zh if lang == "zh" else basemap.title.en,
            max_zoom=provider.get("max_zoom", 18),
            subdomains=provider.get("subdomains", "abc"),
            overlay=False,
            control=False,
        ).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(MAP_CSS), name="atlas_css")
    if not basemap.has_tiles:
        background = f"<style>.leaflet-container {{ background: {NO_BASEMAP_BACKGROUND}; }}</style>"
        fmap.get_root().header.add_child(folium.Element(background), name="atlas_background")
    shown = [spec for spec in atlas.layers if spec.id in layer_ids]
    if not basemap.has_tiles and "district" not in layer_ids:
        shown.insert(0, atlas.catalog.layer("district"))  # keep the map legible without tiles
    for spec in shown:
        _add_layer(fmap, atlas, spec, lang, basemap.datum)
    Legend(shown, lang).add_to(fmap)
    min_x, min_y, max_x, max_y = for_display(atlas.geometry("district"), basemap.datum).bounds
    fmap.fit_bounds([(min_y, min_x), (max_y, max_x)], padding=(10, 10))
    localise_assets(fmap, base_url)
    return fmap


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
    geom = for_display(atlas.geometry(feature_id), datum)
    min_x, min_y, max_x, max_y = geom.bounds
    centre = ((min_y + max_y) / 2, (min_x + max_x) / 2)
    span_x, span_y = max(max_x - min_x, 1e-6), max(max_y - min_y, 1e-6)
    zoom_x = math.log2(360 * width_px / 256 / span_x)
    zoom_y = math.log2(170 * height_px / 256 / span_y)
    zoom = 13 if geom.geom_type == "Point" else int(max(9, min(14, math.floor(min(zoom_x, zoom_y) - 0.3))))
    return centre, zoom
