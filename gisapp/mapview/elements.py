"""Leaflet elements the atlas adds to a folium map: labels, legend, marker image path, and their CSS.

Text from data is never parsed as HTML: labels use textContent, the legend escapes every title, and
colours reach CSS only as the #rrggbb values the catalogue was checked for at load.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from branca.element import Element, MacroElement
from jinja2 import Template

from gisapp.atlas.records import GroupSpec, LayerSpec
from gisapp.i18n import t

LEGEND_OPEN_FROM_PX = 700  # a narrower map (a laptop's map column) starts with the legend folded


class Labels(MacroElement):
    """Feature names drawn as non-interactive text markers; one element for a whole layer.

    Each marker is registered on the map with its priority, for LabelDeclutter to show or hide.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this.map_name }};
            var registry = map.atlasLabels = map.atlasLabels || [];
            if (!map.getPane('atlasLabels')) {  // names above every symbol (project dots too), under tooltips
                var pane = map.createPane('atlasLabels');
                pane.style.zIndex = 640;
                pane.style.pointerEvents = 'none';
            }
            var labels = {{ this.labels | tojson }};
            labels.forEach(function(item) {
                var div = document.createElement('div');
                div.className = 'atlas-label atlas-label-' + {{ this.layer_id | tojson }};
                div.textContent = item[2];
                var marker = L.marker([item[0], item[1]], {
                    icon: L.divIcon({html: div, className: 'atlas-label-icon', iconSize: null}),
                    interactive: false, keyboard: false, pane: 'atlasLabels'
                }).addTo({{ this._parent.get_name() }});
                registry.push({marker: marker, priority: item[3]});
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layer_id: str, labels: tuple[tuple[float, float, str, int], ...], map_name: str) -> None:
        super().__init__()
        self._name = "Labels"
        self.layer_id = layer_id
        self.labels = labels
        self.map_name = map_name


class LabelDeclutter(MacroElement):
    """Show the labels that fit, by priority; hide one that overlaps a shown label or the map's edge.

    Recomputed whenever the map zooms, moves, resizes or a
    layer is switched, so zooming in brings hidden labels back.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var GAP = {{ this.gap }};
            var pending = false;
            function clear(a, b) {
                return a.right + GAP <= b.left || b.right + GAP <= a.left
                    || a.bottom + GAP <= b.top || b.bottom + GAP <= a.top;
            }
            function declutter() {
                pending = false;
                // boxes from the map's own geometry (a label is centred on its point), not from the page's
                // layout, which is not final while Streamlit is still sizing the map's frame
                var size = map.getSize();
                var shown = [];
                var items = (map.atlasLabels || []).slice().sort(function(a, b) { return b.priority - a.priority; });
                items.forEach(function(item) {
                    var icon = item.marker.getElement();
                    if (!icon || !map.hasLayer(item.marker)) { return; }
                    icon.classList.remove('atlas-label-hidden');
                    var at = map.latLngToContainerPoint(item.marker.getLatLng());
                    var w = icon.firstChild.offsetWidth, h = icon.firstChild.offsetHeight;
                    var box = {left: at.x - w / 2, right: at.x + w / 2, top: at.y - h / 2, bottom: at.y + h / 2};
                    var inside = box.left >= 0 && box.right <= size.x && box.top >= 0 && box.bottom <= size.y;
                    if (inside && shown.every(function(other) { return clear(box, other); })) {
                        shown.push(box);
                    } else {
                        icon.classList.add('atlas-label-hidden');
                    }
                });
            }
            function schedule() {
                if (!pending) { pending = true; window.requestAnimationFrame(declutter); }
            }
            map.atlasDeclutter = declutter;
            map.on('zoomend moveend resize layeradd layerremove', schedule);
            window.addEventListener('resize', schedule);  // the map's frame is given its height after the map is drawn
            schedule();
            if (document.fonts && document.fonts.ready) { document.fonts.ready.then(schedule); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, gap_px: int = 2) -> None:
        super().__init__()
        self._name = "LabelDeclutter"
        self.gap = gap_px


class MapNote(MacroElement):
    """A short line of text on the map itself (the schematic warning), so no screen size can hide it below the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var note = L.control({position: {{ this.position | tojson }}});
            note.onAdd = function() {
                var div = L.DomUtil.create('div', 'atlas-map-note');
                div.textContent = {{ this.text | tojson }};
                return div;
            };
            note.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, text: str, position: str = "bottomleft") -> None:
        super().__init__()
        self._name = "MapNote"
        self.text = text  # set as text, never markup
        self.position = position


class StackBySize(MacroElement):
    """Put the smaller polygon on top, so that it gets the click where polygons overlap.

    `bottom_to_top` lists feature ids from the largest polygon to the smallest, then lines, then points;
    each is brought to the front in that order (all paths share one SVG). `map.atlasRestack` redoes it
    after a layer is switched back on (Leaflet appends a re-added layer on top).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var order = {{ this.bottom_to_top | tojson }};
            function restack() {
                var byId = {};
                map.eachLayer(function(layer) {
                    var id = layer.feature && layer.feature.properties && layer.feature.properties.id;
                    if (id && layer.bringToFront) { byId[id] = layer; }
                });
                order.forEach(function(id) { if (byId[id]) { byId[id].bringToFront(); } });
            }
            map.atlasRestack = restack;
            restack();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bottom_to_top: list[str]) -> None:
        super().__init__()
        self._name = "StackBySize"
        self.bottom_to_top = bottom_to_top


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


class KeepView(MacroElement):
    """Keep the user's pan and zoom when the map is redrawn (a layer switched, the language changed).

    Streamlit replaces the map's frame whenever its content changes, and a new map opens at the district.
    The view is kept in the tab's sessionStorage on every move and restored on the next map, unless the
    page asks for a new view (`pending`: centre, zoom and request number of a feature just selected), applied once.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var KEY = 'atlas-map-view';
            var pending = {{ this.pending_json }};
            var saved = null;
            try { saved = JSON.parse(window.sessionStorage.getItem(KEY) || 'null'); } catch (e) { saved = null; }
            var asked = JSON.stringify(pending);
            var fresh = pending !== null && (saved === null || JSON.stringify(saved.pending) !== asked);
            if (fresh) {  // a view the page asks for and has not had yet
                map.setView([pending[0], pending[1]], pending[2], {animate: false});
            } else if (saved !== null && isFinite(saved.lat) && isFinite(saved.lng) && isFinite(saved.zoom)) {
                map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
            }
            function keep() {
                var centre = map.getCenter();
                var view = {lat: centre.lat, lng: centre.lng, zoom: map.getZoom(), pending: pending};
                try { window.sessionStorage.setItem(KEY, JSON.stringify(view)); } catch (e) { /* storage off */ }
            }
            if (fresh) { keep(); }
            map.on('moveend', keep);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, pending: tuple[tuple[float, float], float, int] | None) -> None:
        super().__init__()
        self._name = "KeepView"
        if pending is None:
            self.pending_json = "null"
        else:
            (lat, lon), zoom, request = pending
            self.pending_json = json.dumps([float(lat), float(lon), float(zoom), int(request)])


class SelectionEvent(MacroElement):
    """Report a clicked feature's id to the embedding Streamlit page at once, as a component value.

    streamlit-folium reports clicks too, but only after a 250 ms debounce; this posts the same shape
    (`last_active_drawing.properties.id`) with the standard component message the moment Leaflet sees the
    click. Outside an embedding page (the exported HTML) there is no parent and nothing is sent.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.atlasSelect = function(featureId) {
            if (window.parent === window) { return; }
            window.parent.postMessage({
                isStreamlitMessage: true, type: "streamlit:setComponentValue", dataType: "json",
                value: {last_active_drawing: {type: "Feature", properties: {id: featureId}}, last_object_clicked: null}
            }, "*");
        };
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "SelectionEvent"


class Legend(MacroElement):
    """A Leaflet control listing the drawn layers with their catalogue colours; all text escaped.

    It starts folded on a map narrower than `open_from_px` (a laptop's map column), so it does not cover
    the map; its summary line opens it. Top right by default: on a laptop the map's bottom is below the
    fold. With `toggles` (layer id -> the JS name of the layer's group), each entry has a checkbox that
    switches its layer, and entries are grouped as the catalogue groups them.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var legend = L.control({position: {{ this.position | tojson }}});
            var toggles = {
                {%- for layer_id, group in this.toggles.items() %}{{ layer_id | tojson }}: {{ group }},{% endfor -%}
            };
            legend.onAdd = function() {
                var div = L.DomUtil.create('details', 'atlas-legend');
                div.open = map.getContainer().clientWidth >= {{ this.open_from_px }};
                div.innerHTML = {{ this.body | tojson }};
                div.querySelectorAll('input[data-layer]').forEach(function(box) {
                    box.addEventListener('change', function() {
                        var group = toggles[box.getAttribute('data-layer')];
                        if (box.checked) { map.addLayer(group); } else { map.removeLayer(group); }
                        if (map.atlasRestack) { map.atlasRestack(); }
                    });
                });
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        layers: list[LayerSpec],
        lang: str,
        groups: Sequence[GroupSpec] | None = None,
        toggles: dict[str, str] | None = None,
        open_from_px: int = LEGEND_OPEN_FROM_PX,
        hint: str | None = None,
        position: str = "topright",
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.position = position
        self.toggles = toggles or {}
        self.open_from_px = open_from_px
        note = html.escape(t("schematic_legend", lang))
        title = html.escape(t("legend", lang))
        sections = [(None, layers)] if groups is None else [
            (group.title.get(lang), [spec for spec in layers if spec.group == group.id]) for group in groups
        ]  # fmt: skip
        parts = [f'<div class="atlas-legend-hint">{html.escape(hint)}</div>'] if hint else []
        for heading, specs in sections:
            if not specs:
                continue
            if heading is not None:
                parts.append(f'<div class="atlas-legend-group">{html.escape(heading)}</div>')
            parts.extend(self._row(spec, lang) for spec in specs)
        self.body = f'<summary>{title}</summary>{"".join(parts)}<div class="atlas-legend-note">{note}</div>'

    def _row(self, spec: LayerSpec, lang: str) -> str:
        text = f"{legend_swatch(spec)}{html.escape(spec.title.get(lang))}"
        if spec.id not in self.toggles:
            return f"<div>{text}</div>"
        box = f'<input type="checkbox" checked data-layer="{spec.id}">'
        return f'<label class="atlas-legend-toggle">{box}{text}</label>'


class FeaturePanel(MacroElement):
    """The standalone map's side panel: a click on a feature shows its facts and their sources.

    `feature_html` maps feature ids to panel HTML made in Python with every data text escaped; it is
    written into the page as <template> elements (markup as it is, ~40 % smaller than a JSON string)
    and copied into the panel on a click. The clicked feature is outlined with `selection_style`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var style = {{ this.selection_style | tojson }};
            var outline = null;
            var control = L.control({position: 'topleft'});
            var div;
            control.onAdd = function() {
                div = L.DomUtil.create('div', 'atlas-panel');
                div.hidden = true;
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo(map);
            function clearSelection() {
                if (outline) { map.removeLayer(outline); outline = null; }
                div.hidden = true;
                div.innerHTML = '';
            }
            window.atlasSelect = function(featureId) {
                var content = document.getElementById('atlas-feature-' + featureId);
                if (!content) { return; }
                clearSelection();
                div.appendChild(content.content.cloneNode(true));
                div.hidden = false;
                div.scrollTop = 0;
                var close = div.querySelector('.atlas-panel-close');
                if (close) { close.addEventListener('click', clearSelection); }
                map.eachLayer(function(layer) {
                    if (!outline && layer.feature && layer.feature.properties.id === featureId) {
                        outline = L.geoJSON(layer.toGeoJSON(), {
                            style: function() { return style; },
                            pointToLayer: function(f, latlng) {
                                return L.circleMarker(latlng, Object.assign({radius: 12}, style));
                            },
                            interactive: false
                        }).addTo(map);
                    }
                });
                if (outline) { keepBesidePanel(outline.getBounds()); }
            };
            function keepBesidePanel(bounds) {
                // the panel covers the map's left side: pan the selected feature out from under it, whole if it fits
                var frame = map.getContainer().getBoundingClientRect();
                var edge = div.getBoundingClientRect().right - frame.left + 16;
                var free = frame.width - edge;
                if (free < frame.width * 0.4) { return; }  // a narrow map: the panel covers most of it anyway
                var west = map.latLngToContainerPoint(bounds.getNorthWest()).x;
                var east = map.latLngToContainerPoint(bounds.getSouthEast()).x;
                var shift = east - west <= free ? edge - west : edge + free / 2 - (west + east) / 2;
                if (shift > 0) { map.panBy([-shift, 0]); }
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, feature_html: dict[str, str], selection_style: dict) -> None:
        super().__init__()
        self._name = "FeaturePanel"
        self.selection_style = selection_style
        self.templates = "".join(
            f'<template id="atlas-feature-{feature_id}">{body}</template>' for feature_id, body in feature_html.items()
        )  # feature ids are checked [a-z0-9_] at load

    def render(self, **kwargs) -> None:
        """Write the panels into the page body, then the script."""
        self.get_root().html.add_child(Element(self.templates), name="atlas_feature_panels")
        super().render(**kwargs)


def legend_swatch(spec: LayerSpec) -> str:
    """A small HTML sample of the layer's symbol (colours are checked hex values)."""
    style = spec.style
    border = "dashed" if style.dash else "solid"
    fill = style.fill or "transparent"
    if spec.geometry_type == "line":
        return f'<span class="sw line" style="border-top:3px {border} {style.color}"></span>'
    if spec.geometry_type == "point":
        return f'<span class="sw point" style="background:{fill};border:2px solid {style.color}"></span>'
    return f'<span class="sw" style="background:{fill};border:2px {border} {style.color}"></span>'


MAP_CSS = """
.atlas-label-icon { background: none; border: none; }
.atlas-label-hidden { visibility: hidden; }
.atlas-label { font: 12px/1.2 "Noto Sans CJK SC","Microsoft YaHei",sans-serif; color:#333; width:max-content;
  max-width:12em; white-space:normal; text-align:center;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; transform: translate(-50%, -50%); pointer-events:none; }
.leaflet-interactive:focus, .leaflet-container:focus { outline: none; }
.atlas-legend { background: rgba(255,255,255,.92); padding: 4px 8px; border-radius: 4px; max-width: 230px;
  max-height: 60vh; overflow-y: auto;
  font: 11px/1.45 "Noto Sans CJK SC","Microsoft YaHei",sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.atlas-legend .sw { display:inline-block; width:16px; height:11px; margin-right:6px; vertical-align:middle; }
.atlas-legend .sw.line { height:0; }
.atlas-legend .sw.point { width:10px; height:10px; border-radius:50%; }
.atlas-legend summary { font-weight:600; cursor:pointer; }
.atlas-legend-group { font-weight:600; margin-top:4px; color:#444; }
.atlas-legend-toggle { display:block; cursor:pointer; }
.atlas-legend-toggle input { margin:0 4px 0 0; vertical-align:middle; }
.atlas-legend-note { color:#6d4c41; margin-top:4px; font-size:11px; }
.leaflet-tooltip { white-space:normal; width:max-content; max-width:260px; }
.atlas-map-note { background:rgba(255,255,255,0.85); color:#6d4c41; font:11px/1.3 "Noto Sans CJK SC",sans-serif;
  padding:1px 5px; border-radius:3px; margin-bottom:2px !important; pointer-events:none; }
.atlas-legend-hint { color:#555; margin:2px 0 4px; }
.atlas-panel { background:#fff; width:340px; max-width:45vw; max-height:calc(100vh - 150px); overflow-y:auto;
  padding:8px 12px; border-radius:4px; box-shadow:0 1px 6px rgba(0,0,0,.35);
  font:13px/1.5 "Noto Sans CJK SC","Microsoft YaHei",sans-serif; }
.atlas-panel h2 { font-size:16px; margin:0 24px 4px 0; }
.atlas-panel h3 { font-size:13px; margin:10px 0 2px; }
.atlas-panel ul { margin:2px 0; padding-left:18px; }
.atlas-panel .atlas-meta, .atlas-panel .atlas-source { color:#666; font-size:11.5px; }
.atlas-panel .atlas-note { color:#6d4c41; font-size:12px; }
.atlas-panel-close { float:right; border:none; background:none; font-size:18px; cursor:pointer; line-height:1; }
"""


WEIGHTS = {True: 600, False: 400}


def map_css(layers: list[LayerSpec]) -> str:
    """The map's stylesheet, with each labelled layer's label colour from the catalogue."""
    rules = [
        f".atlas-label-{spec.id} {{ color:{spec.style.label_color}; font-weight:{WEIGHTS[spec.style.label_bold]}; }}"
        for spec in layers
        if spec.label
    ]
    return "<style>" + MAP_CSS + "\n".join(rules) + "\n</style>"
