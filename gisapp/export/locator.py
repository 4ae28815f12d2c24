"""A small locator map: the district and its towns, with one feature in red."""

from __future__ import annotations

from matplotlib.figure import Figure

from gisapp.atlas.loading import Atlas
from gisapp.export.extent import extent_bounds, metric_frame

HIGHLIGHT = "#d32f2f"


def draw_locator(fig: Figure, atlas: Atlas, feature_id: str, position=(0.60, 0.72, 0.33, 0.24)) -> None:
    """Draw the locator into a new axes of `fig` at `position` (figure fractions: left, bottom, width, height)."""
    ax = fig.add_axes(list(position))
    metric_frame(atlas, "district").plot(ax=ax, facecolor="#f5f1e6", edgecolor="#555555", linewidth=0.6)
    metric_frame(atlas, "towns").plot(ax=ax, facecolor="none", edgecolor="#aaaaaa", linewidth=0.3, linestyle="--")
    feature = metric_frame(atlas, atlas.layer_of[feature_id]).loc[[feature_id]]
    kind = feature.geometry.iloc[0].geom_type
    if kind == "Point":
        ax.scatter(feature.geometry.x, feature.geometry.y, s=30, color=HIGHLIGHT, zorder=5)
    elif "Line" in kind:
        feature.plot(ax=ax, color=HIGHLIGHT, linewidth=1.6)
    else:
        feature.plot(ax=ax, facecolor="#ef9a9a", edgecolor=HIGHLIGHT, linewidth=1.0)
    ax.set_axis_off()
    ax.set_aspect("equal")
    min_x, min_y, max_x, max_y = extent_bounds(atlas, "district")
    ax.set_xlim(min_x, max_x)
    ax.set_ylim(min_y, max_y)
    ax.annotate("N", xy=(0.92, 0.95), xytext=(0.92, 0.80), xycoords="axes fraction", ha="center", fontsize=7,
                arrowprops={"facecolor": "black", "width": 1.5, "headwidth": 5})  # fmt: skip
