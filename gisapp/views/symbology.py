"""How a catalogue style is drawn by each renderer — web map, print (matplotlib), QGIS — decided once.

The catalogue gives widths and dash patterns in screen pixels (Leaflet's units). Print and QGIS draw
the same symbol at PRINT_PT_PER_PX points per pixel, so a dash keeps its proportions everywhere.
Colours are the checked #rrggbb values; nothing here imports a drawing library.
"""

from __future__ import annotations

from gisapp.atlas.records import LayerSpec, LayerStyle

PRINT_PT_PER_PX = 0.5  # a 2-px web line prints 1 pt wide: legible on A4 at district scale
MM_PER_PT = 25.4 / 72
POINT_RADIUS_PX = 7  # web markers; print and QGIS scale from it
MARKERS_MPL = {"circle": "o", "square": "s", "diamond": "D", "star": "*", None: "o"}
MARKERS_QGIS = {"circle": "circle", "square": "square", "diamond": "diamond", "star": "star", None: "circle"}


def rgba(colour: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """'#rrggbb' as (r, g, b, a) in 0..1."""
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255, alpha)


def fill_rgba(style: LayerStyle) -> tuple[float, float, float, float] | None:
    """The fill colour with its opacity, or None for an unfilled outline."""
    return rgba(style.fill, style.fill_opacity) if style.fill else None


def leaflet_style(spec: LayerSpec) -> dict:
    """Leaflet path options of the layer's features."""
    style = spec.style
    options = {
        "color": style.color,
        "weight": style.weight,
        "opacity": 0.9,
        "fillColor": style.fill or style.color,
        "fillOpacity": style.fill_opacity if style.fill else 0.0,
    }
    if style.dash:
        options["dashArray"] = style.dash
    return options


def print_width_pt(style: LayerStyle) -> float:
    return style.weight * PRINT_PT_PER_PX


def mpl_linestyle(style: LayerStyle) -> str | tuple[float, tuple[float, ...]]:
    """The matplotlib dash spec: the catalogue pattern, in multiples of the line width (matplotlib scales by it)."""
    if not style.dash_pattern:
        return "solid"
    return (0.0, tuple(length / style.weight for length in style.dash_pattern))


def mpl_symbol(spec: LayerSpec) -> dict:
    """Keyword arguments for drawing the layer with matplotlib/geopandas (polygons, lines or points)."""
    style = spec.style
    if spec.geometry_type == "point":
        return {
            "marker": MARKERS_MPL[style.marker],
            "s": (POINT_RADIUS_PX * 2 * PRINT_PT_PER_PX) ** 2,
            "facecolor": fill_rgba(style) or rgba(style.color),
            "edgecolor": rgba(style.color),
            "linewidth": print_width_pt(style),
        }
    symbol = {"linewidth": print_width_pt(style), "linestyle": mpl_linestyle(style), "edgecolor": rgba(style.color)}
    if spec.geometry_type == "polygon":
        symbol["facecolor"] = fill_rgba(style) or "none"
    else:
        symbol["color"] = symbol.pop("edgecolor")
    return symbol


def _qgis_colour(colour: tuple[float, float, float, float] | None) -> str:
    if colour is None:
        return "0,0,0,0"
    return ",".join(str(round(channel * 255)) for channel in colour)


def qgis_symbol(spec: LayerSpec) -> tuple[str, list[tuple[str, dict[str, str]]]]:
    """A QGIS single symbol: its type and its symbol layers (class, properties), dashes kept as drawn.

    QGIS fills take no custom dash, so a dashed polygon is a plain fill plus a dashed outline line layer.
    """
    style = spec.style
    stroke = _qgis_colour(rgba(style.color))
    width_mm = f"{print_width_pt(style) * MM_PER_PT:.3f}"
    line = {"line_color": stroke, "line_style": "solid", "line_width": width_mm, "line_width_unit": "MM"}
    if style.dash_pattern:
        dash_mm = ";".join(f"{length * PRINT_PT_PER_PX * MM_PER_PT:.3f}" for length in style.dash_pattern)
        line |= {"use_custom_dash": "1", "customdash": dash_mm, "customdash_unit": "MM"}
    if spec.geometry_type == "line":
        return "line", [("SimpleLine", line)]
    if spec.geometry_type == "polygon":
        fill = {"color": _qgis_colour(fill_rgba(style)), "style": "solid" if style.fill else "no",
                "outline_style": "no"}  # fmt: skip
        return "fill", [("SimpleFill", fill), ("SimpleLine", line)]
    size_mm = f"{POINT_RADIUS_PX * 2 * PRINT_PT_PER_PX * MM_PER_PT:.2f}"
    marker = {"color": _qgis_colour(fill_rgba(style) or rgba(style.color)), "outline_color": stroke,
              "name": MARKERS_QGIS[style.marker], "size": size_mm, "size_unit": "MM",
              "outline_width": width_mm, "outline_width_unit": "MM"}  # fmt: skip
    return "marker", [("SimpleMarker", marker)]
