"""Print-layout map images (PNG/PDF/SVG) drawn with matplotlib.

Title, legend from the catalogue colours, scale bar, north arrow, sources, schematic note and date.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.lines as mlines
import matplotlib.patches as mpatches
import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib_scalebar.scalebar import ScaleBar

from gisapp.atlas.geo import METRIC_CRS
from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import LayerSpec
from gisapp.errors import ExportError
from gisapp.export import DPI_RANGE, PAPER_MM
from gisapp.export.extent import extent_bounds, fit_ratio, metric_frame
from gisapp.export.fonts import DATA_TEXT, cjk_font
from gisapp.export.output import check_output, write_output
from gisapp.export.text import wrap
from gisapp.i18n import LANGS, t
from gisapp.views.symbology import mpl_symbol

FORMATS = (".png", ".pdf", ".svg")
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class MapRequest:
    """What to print: layers, extent ('district', a feature id, or 'minlon,minlat,maxlon,maxlat'), paper."""

    layers: tuple[str, ...]
    extent: str = "district"
    paper: str = "A4"
    orientation: str = "landscape"
    dpi: int = 200
    lang: str = "zh"
    title: str | None = None
    date: dt.date = field(default_factory=dt.date.today)


def check_request(atlas: Atlas, request: MapRequest) -> None:
    """Raise ExportError with a clear message for anything the export cannot honour."""
    known = {spec.id for spec in atlas.layers}
    unknown = [layer for layer in request.layers if layer not in known]
    if unknown:
        raise ExportError(f"unknown layer(s) {unknown}; known: {sorted(known)}")
    if not request.layers:
        raise ExportError("choose at least one layer")
    if request.paper not in PAPER_MM:
        raise ExportError(f"paper must be one of {sorted(PAPER_MM)}, got {request.paper!r}")
    if request.orientation not in ("portrait", "landscape"):
        raise ExportError(f"orientation must be portrait or landscape, got {request.orientation!r}")
    if not DPI_RANGE[0] <= request.dpi <= DPI_RANGE[1]:
        raise ExportError(f"dpi must be between {DPI_RANGE[0]} and {DPI_RANGE[1]}, got {request.dpi}")
    if request.lang not in LANGS:
        raise ExportError(f"lang must be one of {LANGS}, got {request.lang!r}")
    extent_bounds(atlas, request.extent)


def _draw_layer(ax, atlas: Atlas, spec: LayerSpec) -> None:
    frame = metric_frame(atlas, spec.id)
    symbol = mpl_symbol(spec)
    if spec.geometry_type == "point":
        ax.scatter(frame.geometry.x, frame.geometry.y, zorder=5, **symbol)
    else:
        frame.plot(ax=ax, **symbol)


def _draw_labels(ax, atlas: Atlas, spec: LayerSpec, lang: str, font) -> None:
    frame = metric_frame(atlas, spec.id)
    halo = [path_effects.withStroke(linewidth=2, foreground="white")]
    for fid, geom in frame.geometry.items():
        point = geom.representative_point()
        name = atlas.name(fid).get(lang)
        ax.text(point.x, point.y, name, fontproperties=font, fontsize=5.5, ha="center", va="center",
                color=spec.style.label_color, path_effects=halo, zorder=6, clip_on=True)  # fmt: skip


def _legend_handles(layers: list[LayerSpec], lang: str) -> list:
    handles = []
    for spec in layers:
        symbol, label = mpl_symbol(spec), spec.title.get(lang)
        if spec.geometry_type == "polygon":
            handles.append(mpatches.Patch(facecolor=symbol["facecolor"], edgecolor=symbol["edgecolor"],
                                          linestyle=symbol["linestyle"], label=label))  # fmt: skip
        elif spec.geometry_type == "line":
            handles.append(mlines.Line2D([], [], color=symbol["color"], linestyle=symbol["linestyle"],
                                         linewidth=symbol["linewidth"], label=label))  # fmt: skip
        else:
            handles.append(
                mlines.Line2D([], [], marker=symbol["marker"], linestyle="None", markersize=6,
                              markerfacecolor=symbol["facecolor"], markeredgecolor=symbol["edgecolor"], label=label)
            )  # fmt: skip
    return handles


def _north_arrow(ax) -> None:
    ax.annotate(
        "N", xy=(0.95, 0.95), xytext=(0.95, 0.85), xycoords="axes fraction", ha="center", va="center",
        fontsize=11, fontweight="bold", arrowprops={"facecolor": "black", "width": 3.5, "headwidth": 10},
    )  # fmt: skip


def render_map(atlas: Atlas, request: MapRequest) -> Figure:
    """The print layout as a matplotlib figure (checked request; caller closes the figure)."""
    check_request(atlas, request)
    font = cjk_font()
    short, long = PAPER_MM[request.paper]
    width_mm, height_mm = (long, short) if request.orientation == "landscape" else (short, long)
    layers = [spec for spec in atlas.layers if spec.id in request.layers]
    with plt.rc_context({**DATA_TEXT, "font.family": [font.get_name(), "DejaVu Sans"], "svg.fonttype": "path"}):
        fig = plt.figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH))
        landscape = request.orientation == "landscape"
        map_box = [0.03, 0.09, 0.70, 0.80] if landscape else [0.05, 0.30, 0.90, 0.60]
        side_box = [0.75, 0.09, 0.23, 0.80] if landscape else [0.05, 0.04, 0.90, 0.23]
        ax = fig.add_axes(map_box)
        for spec in layers:
            _draw_layer(ax, atlas, spec)
        for spec in layers:  # names above every layer
            if spec.label:
                _draw_labels(ax, atlas, spec, request.lang, font)
        axes_ratio = (map_box[2] * width_mm) / (map_box[3] * height_mm)
        min_x, min_y, max_x, max_y = fit_ratio(extent_bounds(atlas, request.extent), axes_ratio)
        ax.set_xlim(min_x, max_x)
        ax.set_ylim(min_y, max_y)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.add_artist(ScaleBar(1, "m", location="lower left", box_alpha=0.8, font_properties={"size": 8}))
        _north_arrow(ax)

        side = fig.add_axes(side_box)
        side.set_axis_off()
        side.legend(handles=_legend_handles(layers, request.lang), loc="upper left", title=t("legend", request.lang),
                    fontsize=7, title_fontsize=9, frameon=False, handlelength=4,
                    ncol=1 if landscape else 2)  # fmt: skip
        notes = [
            t("schematic_map", request.lang),
            atlas.documents.map_sources_note.get(request.lang),
            t("crs_note", request.lang).format(crs=METRIC_CRS),
            t("map_date", request.lang) + request.date.isoformat(),
        ]
        wrap_at = 46 if landscape else 120
        lines = [line for note in notes for line in wrap(note, wrap_at)]
        side.text(0, 0, "\n".join(lines), fontsize=6, va="bottom", ha="left", color="#444444",
                  transform=side.transAxes, linespacing=1.4)  # fmt: skip

        title = request.title or default_title(atlas, request)
        fig.text(0.03, 0.955, title, fontsize=16, fontweight="bold", va="top")
        fig.text(0.03, 0.915, t("schematic_mark", request.lang).strip(), fontsize=9, va="top", color="#6d4c41")
    return fig


def default_title(atlas: Atlas, request: MapRequest) -> str:
    """'东昌府区规划图', or the feature's name when the extent is one feature."""
    feature = atlas.features.get(request.extent)
    if feature is None or request.extent == "district":
        return t("map_title", request.lang)
    return f"{feature.name.named(request.lang)} — {t('map_title', request.lang)}"


def map_bytes(atlas: Atlas, request: MapRequest, fmt: str) -> bytes:
    """The map as PNG, PDF or SVG bytes."""
    if f".{fmt}" not in FORMATS:
        raise ExportError(f"format must be one of {FORMATS}, got {fmt!r}")
    fig = render_map(atlas, request)
    buffer = io.BytesIO()
    try:
        metadata = {"Title": request.title or default_title(atlas, request)} if fmt == "pdf" else None
        fig.savefig(buffer, format=fmt, dpi=request.dpi, metadata=metadata)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def write_map(atlas: Atlas, request: MapRequest, out: Path) -> Path:
    """Write the map to `out` (.png, .pdf or .svg, from its name) atomically; returns the path written."""
    out = check_output(out, FORMATS)  # before the drawing, so a bad path fails fast
    return write_output(out, map_bytes(atlas, request, out.suffix.lower().lstrip(".")), FORMATS)
