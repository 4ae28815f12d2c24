"""Leaflet elements the atlas adds to a folium map: labels, legend, marker image path, and their CSS.

Text from data is never parsed as HTML: labels use textContent, the legend escapes every title, and
colours reach CSS only as the #rrggbb values the catalogue was checked for at load.
"""

from __future__ import annotations

import html

from branca.element import MacroElement
from jinja2 import Template

from gisapp.atlas.records import LayerSpec
from gisapp.i18n import t


class Labels(MacroElement):
    """Feature names drawn as non-interactive text markers; one element for a whole layer."""

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
        rows = [f"<div>{legend_swatch(spec)}{html.escape(spec.title.get(lang))}</div>" for spec in layers]
        note = html.escape(t("schematic_legend", lang))
        title = html.escape(t("legend", lang))
        self.body = f'<summary>{title}</summary>{"".join(rows)}<div class="atlas-legend-note">{note}</div>'


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
.atlas-label { font: 12px/1.2 "Noto Sans CJK SC","Microsoft YaHei",sans-serif; color:#333; white-space:nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; transform: translate(-50%, -50%); pointer-events:none; }
.atlas-legend { background: rgba(255,255,255,.92); padding: 4px 8px; border-radius: 4px; max-width: 230px;
  font: 11px/1.45 "Noto Sans CJK SC","Microsoft YaHei",sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.atlas-legend .sw { display:inline-block; width:16px; height:11px; margin-right:6px; vertical-align:middle; }
.atlas-legend .sw.line { height:0; }
.atlas-legend .sw.point { width:10px; height:10px; border-radius:50%; }
.atlas-legend summary { font-weight:600; cursor:pointer; }
.atlas-legend-note { color:#6d4c41; margin-top:4px; font-size:11px; }
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
