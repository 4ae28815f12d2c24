"""A small locator map: the district and its towns, the feature in red, its towns shaded and named."""

from __future__ import annotations

from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from shapely.geometry import box

from gisapp.atlas.loading import Atlas
from gisapp.export.extent import extent_bounds, metric_frame
from gisapp.export.labels import LabelSpec, label_anchor, place_labels
from gisapp.export.text import balanced_lines, clean_for_print

HIGHLIGHT = "#d32f2f"
OWN_TOWN_FILL = "#fde0c5"
TOWN_LABEL_PT = {True: 6.0, False: 5.0}  # the feature's own towns are named larger, in dark ink


def draw_locator(
    fig: Figure, atlas: Atlas, feature_id: str, position=(0.60, 0.72, 0.33, 0.24), lang: str | None = None
) -> None:
    """Draw the locator into a new axes of `fig` at `position` (figure fractions: left, bottom, width, height).

    With `lang`, town names are placed as on the print map (the feature's towns first; others only where room).
    """
    ax = fig.add_axes(list(position))
    ax.set_label("locator")
    towns = metric_frame(atlas, "towns")
    own = [town for town in atlas.features[feature_id].towns if town in towns.index and town != feature_id]
    _shapes(ax, metric_frame(atlas, "district").geometry, facecolor="#f5f1e6", edgecolor="#555555", linewidth=0.6)
    if own:
        _shapes(ax, towns.loc[own].geometry, facecolor=OWN_TOWN_FILL, edgecolor="none")
    _shapes(ax, towns.geometry, facecolor="none", edgecolor="#aaaaaa", linewidth=0.3, linestyle="--")
    shape = metric_frame(atlas, atlas.layer_of[feature_id]).geometry[feature_id]
    if shape.geom_type in ("Point", "MultiPoint"):
        points = [shape] if shape.geom_type == "Point" else list(shape.geoms)
        ax.scatter([p.x for p in points], [p.y for p in points], s=30, color=HIGHLIGHT, zorder=5)
    elif "Line" in shape.geom_type:
        _shapes(ax, [shape], facecolor="none", edgecolor=HIGHLIGHT, linewidth=1.6, zorder=4)
    else:
        _shapes(ax, [shape], facecolor="#ef9a9a", edgecolor=HIGHLIGHT, linewidth=1.0, alpha=0.85, zorder=4)
    ax.set_axis_off()
    ax.set_aspect("equal")
    min_x, min_y, max_x, max_y = extent_bounds(atlas, "district")
    ax.set_xlim(min_x, max_x)
    ax.set_ylim(min_y, max_y)
    ax.annotate("N", xy=(0.95, 0.97), xytext=(0.95, 0.84), xycoords="axes fraction", ha="center", fontsize=7,
                arrowprops={"facecolor": "black", "width": 1.5, "headwidth": 5})  # fmt: skip
    if lang:
        _town_labels(fig, ax, atlas, towns, own, lang, box(min_x, min_y, max_x, max_y))


def _paths(geometry) -> list[MplPath]:
    """Matplotlib paths of a shapely geometry: polygons with their holes, lines as open paths."""
    if hasattr(geometry, "geoms"):
        return [path for part in geometry.geoms for path in _paths(part)]
    if geometry.geom_type == "Polygon":
        rings = [geometry.exterior, *geometry.interiors]
        return [MplPath.make_compound_path(*(MplPath(list(ring.coords), closed=True) for ring in rings))]
    if geometry.geom_type in ("LineString", "LinearRing"):
        return [MplPath(list(geometry.coords))]
    return []


def _shapes(ax, geometries, **style) -> None:
    """Draw shapes as one collection (geopandas' plot redraws the whole figure each call: too slow here)."""
    paths = [path for geometry in geometries if geometry is not None for path in _paths(geometry)]
    ax.add_collection(PathCollection(paths, **style))


def _town_labels(fig: Figure, ax, atlas: Atlas, towns, own: list[str], lang: str, view) -> None:
    specs = []
    for rank, (town, geometry) in enumerate(sorted(towns.geometry.items(), key=lambda item: -item[1].area)):
        anchor = label_anchor(geometry, view)
        if anchor is None:
            continue
        mine = town in own
        name = clean_for_print(atlas.name(town).get(lang))
        specs.append(LabelSpec(text=balanced_lines(name, 12), x=anchor[0], y=anchor[1], feature=anchor[2],
                               priority=rank if mine else 100 + rank, size=TOWN_LABEL_PT[mine],
                               color="#3e2723" if mine else "#777777", bold=mine, gid=f"locator-{town}",
                               essential=mine))  # fmt: skip
    renderer = fig.canvas.get_renderer()
    arrow = [ax.texts[0].get_window_extent(renderer)] if ax.texts else []
    place_labels(ax, renderer, specs, obstacles=arrow)
