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
import matplotlib.pyplot as plt
import shapely
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar
from shapely.geometry import box

from gisapp.atlas.geo import METRIC_CRS
from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import LayerSpec
from gisapp.errors import ExportError
from gisapp.export import DPI_RANGE, PAPER_MM
from gisapp.export.extent import extent_bounds, fit_ratio, metric_frame
from gisapp.export.fonts import print_rc
from gisapp.export.labels import LabelSpec, label_anchor, place_labels
from gisapp.export.output import check_output, write_output
from gisapp.export.pdf_fonts import truetype_outlines
from gisapp.export.text import balanced_lines, clean_for_print, display_width, wrap
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


DISTRICT_LAYER = "district"  # drawn on every print map, whatever layers are chosen
# Label priority by the layer's group: the plan's zones before the towns that hold them.
LABEL_GROUP_PRIORITY = ("industry", "agriculture", "structure", "services", "projects", "towns", "base")
ZONE_GROUPS = ("industry", "agriculture")  # the plan's zones: their names are never left off (they may cover a dot)
LABEL_SIZE_PT = {True: 6.0, False: 5.5}  # bold (zone) labels a little larger than town names
CLOSE_UP_LABEL_SCALE = 1.3  # a map of one feature has room for names a reader can read at arm's length
LABEL_WRAP_COLUMNS = 22  # longer names go on two balanced lines
TITLE_COLUMNS = 56  # a longer title is set smaller so it stays on the page
MARKER_CLEARANCE_PT = 4.0
HIGHLIGHT = {"color": "#f9a825", "linewidth": 2.4}  # the feature a close-up is of (the web map's selection colour)


def print_layers(atlas: Atlas, request: MapRequest) -> list[LayerSpec]:
    """The layers to draw, in catalogue order: the requested ones, and always the district outline."""
    wanted = set(request.layers) | {DISTRICT_LAYER}
    return [spec for spec in atlas.layers if spec.id in wanted]


def _draw_layer(ax, atlas: Atlas, spec: LayerSpec) -> None:
    frame = metric_frame(atlas, spec.id)
    symbol = mpl_symbol(spec)
    if spec.geometry_type == "point":
        ax.scatter(frame.geometry.x, frame.geometry.y, zorder=5, **symbol)
    elif "schematic" in frame.columns and not frame["schematic"].astype(bool).all():
        schematic = frame["schematic"].astype(bool)  # imported official shapes: solid outline, not the 示意 dashes
        zorder = 3 if spec.id == DISTRICT_LAYER else 1
        if schematic.any():
            frame[schematic].plot(ax=ax, zorder=zorder, **symbol)
        frame[~schematic].plot(ax=ax, zorder=zorder, **{**symbol, "linestyle": "solid"})
    else:
        frame.plot(ax=ax, zorder=3 if spec.id == DISTRICT_LAYER else 1, **symbol)


def _highlight(ax, atlas: Atlas, feature_id: str) -> None:
    """Outline the feature the map is of, under the labels and over every other layer."""
    geometry = metric_frame(atlas, atlas.layer_of[feature_id]).geometry.loc[feature_id]
    if geometry.geom_type in ("Point", "MultiPoint"):
        points = shapely.get_parts(geometry)
        ax.scatter([p.x for p in points], [p.y for p in points], s=220, facecolors="none",
                   edgecolors=HIGHLIGHT["color"], linewidths=2, zorder=6, label="map-highlight")  # fmt: skip
        return
    outline = geometry.boundary if geometry.geom_type in ("Polygon", "MultiPolygon") else geometry
    for part in shapely.get_parts(outline):
        xs, ys = part.xy
        ax.plot(xs, ys, zorder=4, solid_capstyle="round", **HIGHLIGHT)


def label_specs(atlas: Atlas, layers: list[LayerSpec], lang: str, view, close_up: bool = False) -> list[LabelSpec]:
    """A label for every named feature of the labelled layers, with its priority (zones first, big first).

    A close-up (a map of one feature) names every layer's features in view, parks and projects too: there is room.
    """
    specs = []
    for spec in layers:
        if not (spec.label or (close_up and spec.id != DISTRICT_LAYER)):
            continue
        group_rank = LABEL_GROUP_PRIORITY.index(spec.group) if spec.group in LABEL_GROUP_PRIORITY else 99
        frame = metric_frame(atlas, spec.id)
        by_size = sorted(frame.geometry.items(), key=lambda item: -item[1].area)
        for rank, (fid, geometry) in enumerate(by_size):
            anchor = label_anchor(geometry, view)
            name = clean_for_print(atlas.name(fid).get(lang))
            if anchor is None or not name:
                continue
            bold = bool(spec.style.label_bold)
            specs.append(LabelSpec(text=balanced_lines(name, LABEL_WRAP_COLUMNS), x=anchor[0], y=anchor[1],
                                   feature=anchor[2], priority=group_rank * 1000 + spec.order * 10 + rank,
                                   size=LABEL_SIZE_PT[bold] * (CLOSE_UP_LABEL_SCALE if close_up else 1),
                                   color=spec.style.label_color, bold=bold,
                                   gid=f"label-{fid}", essential=spec.group in ZONE_GROUPS))  # fmt: skip
    return specs


def _marker_boxes(ax, renderer) -> list[Bbox]:
    """Boxes round the point symbols drawn on the map: labels keep off them."""
    half = MARKER_CLEARANCE_PT * ax.figure.dpi / 72
    boxes = []
    for collection in ax.collections:
        if not isinstance(collection, PathCollection) or collection.get_label() == "map-label":
            continue
        for x, y in ax.transData.transform(collection.get_offsets()):
            boxes.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
    return boxes


def _legend_label(text: str, landscape: bool) -> str:
    return "\n".join(wrap(clean_for_print(text), 40 if landscape else 44))


def _legend_handles(layers: list[LayerSpec], lang: str, landscape: bool) -> list:
    handles = []
    for spec in layers:
        symbol, label = mpl_symbol(spec), _legend_label(spec.title.get(lang), landscape)
        if spec.geometry_type == "polygon":
            handles.append(mpatches.Patch(facecolor=symbol["facecolor"], edgecolor=symbol["edgecolor"],
                                          linewidth=symbol["linewidth"], linestyle=symbol["linestyle"],
                                          label=label))  # fmt: skip
        elif spec.geometry_type == "line":
            handles.append(mlines.Line2D([], [], color=symbol["color"], linestyle=symbol["linestyle"],
                                         linewidth=symbol["linewidth"], label=label))  # fmt: skip
        else:
            handles.append(
                mlines.Line2D([], [], marker=symbol["marker"], linestyle="None", markersize=6,
                              markerfacecolor=symbol["facecolor"], markeredgecolor=symbol["edgecolor"], label=label)
            )  # fmt: skip
    return handles


def _north_arrow(ax):
    return ax.annotate(
        "N", xy=(0.95, 0.95), xytext=(0.95, 0.85), xycoords="axes fraction", ha="center", va="center",
        fontsize=11, fontweight="bold", arrowprops={"facecolor": "black", "width": 3.5, "headwidth": 10},
    )  # fmt: skip


def render_map(atlas: Atlas, request: MapRequest) -> Figure:
    """The print layout as a matplotlib figure (checked request; caller closes the figure)."""
    check_request(atlas, request)
    short, long = PAPER_MM[request.paper]
    width_mm, height_mm = (long, short) if request.orientation == "landscape" else (short, long)
    layers = print_layers(atlas, request)
    lang = request.lang
    with plt.rc_context(print_rc()):
        fig = plt.figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), dpi=request.dpi)
        landscape = request.orientation == "landscape"
        map_box = [0.03, 0.09, 0.70, 0.80] if landscape else [0.05, 0.30, 0.90, 0.60]
        side_box = [0.75, 0.09, 0.23, 0.80] if landscape else [0.05, 0.04, 0.90, 0.23]
        ax = fig.add_axes(map_box)
        for spec in layers:
            _draw_layer(ax, atlas, spec)
        close_up = request.extent in atlas.features and not _is_district(atlas, request.extent)
        if close_up:
            _highlight(ax, atlas, request.extent)
        axes_ratio = (map_box[2] * width_mm) / (map_box[3] * height_mm)
        min_x, min_y, max_x, max_y = fit_ratio(extent_bounds(atlas, request.extent), axes_ratio)
        ax.set_xlim(min_x, max_x)
        ax.set_ylim(min_y, max_y)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        scale_bar = ScaleBar(1, "m", location="lower left", box_alpha=0.8, font_properties={"size": 8})
        ax.add_artist(scale_bar)
        arrow = _north_arrow(ax)

        renderer = fig.canvas.get_renderer()
        furniture = [scale_bar.get_window_extent(renderer), arrow.get_window_extent(renderer)]
        view = box(min_x, min_y, max_x, max_y)
        specs = label_specs(atlas, layers, lang, view, close_up)
        place_labels(ax, renderer, specs, furniture, _marker_boxes(ax, renderer))

        side = fig.add_axes(side_box)
        side.set_axis_off()
        shown = [spec for spec in layers if metric_frame(atlas, spec.id).intersects(view).any()]  # in the frame only
        handles = _legend_handles(shown, lang, landscape)
        if close_up:
            handles.insert(0, mlines.Line2D([], [], label=t("selected", lang), **HIGHLIGHT))
        side.legend(handles=handles, loc="upper left", title=t("legend", lang),
                    fontsize=7, title_fontsize=9, frameon=False, handlelength=4,
                    ncol=1 if landscape else 2)  # fmt: skip
        notes = [
            t("schematic_map", lang),
            atlas.documents.map_sources_note.get(lang),
            t("crs_note", lang).format(crs=METRIC_CRS),
            t("map_date", lang) + request.date.isoformat(),
        ]
        wrap_at = 46 if landscape else 120
        lines = [line for note in notes for line in wrap(note, wrap_at)]
        side.text(0, 0, "\n".join(lines), fontsize=6, va="bottom", ha="left", color="#444444",
                  transform=side.transAxes, linespacing=1.4)  # fmt: skip

        title = map_title(atlas, request)
        fig.text(0.03, 0.955, title, fontsize=title_size(title), fontweight="bold", va="top")
        fig.text(0.03, 0.915, subtitle(atlas, request), fontsize=9, va="top", color="#6d4c41")
    return fig


def title_size(title: str) -> float:
    """16 pt, or smaller for a long title so that it stays on one line on the page."""
    columns = display_width(title)
    return 16.0 if columns <= TITLE_COLUMNS else max(9.0, 16.0 * TITLE_COLUMNS / columns)


def _is_district(atlas: Atlas, extent: str) -> bool:
    return extent == "district" or extent in atlas.frame(DISTRICT_LAYER).index


def map_title(atlas: Atlas, request: MapRequest) -> str:
    """The title printed: the user's own (whitespace tidied), else the default for the extent and language."""
    own = clean_for_print(request.title or "")
    return own or default_title(atlas, request)


def default_title(atlas: Atlas, request: MapRequest) -> str:
    """'东昌府区规划图' for the district or a map view; the feature's name when the map shows one feature."""
    feature = atlas.features.get(request.extent)
    if feature is None or _is_district(atlas, request.extent):
        return t("map_title", request.lang)
    return clean_for_print(feature.name.get(request.lang))


def subtitle(atlas: Atlas, request: MapRequest) -> str:
    """The line under the title: '东昌府区 · 示意图（未经测绘）', the series title first when a feature is named."""
    named_feature = map_title(atlas, request) != t("map_title", request.lang)
    series = t("map_title" if named_feature else "district", request.lang)
    return f"{series} · {t('schematic_subtitle', request.lang)}"


def map_bytes(atlas: Atlas, request: MapRequest, fmt: str) -> bytes:
    """The map as PNG, PDF or SVG bytes."""
    if f".{fmt}" not in FORMATS:
        raise ExportError(f"format must be one of {FORMATS}, got {fmt!r}")
    fig = render_map(atlas, request)
    buffer = io.BytesIO()
    try:
        metadata = {"Title": map_title(atlas, request)} if fmt in ("pdf", "svg") else None
        with plt.rc_context(print_rc()):
            fig.savefig(buffer, format=fmt, dpi=request.dpi, metadata=metadata)
    finally:
        plt.close(fig)
    if fmt == "pdf":
        return truetype_outlines(buffer.getvalue())
    return buffer.getvalue()


def write_map(atlas: Atlas, request: MapRequest, out: Path) -> Path:
    """Write the map to `out` (.png, .pdf or .svg, from its name) atomically; returns the path written."""
    out = check_output(out, FORMATS)  # before the drawing, so a bad path fails fast
    return write_output(out, map_bytes(atlas, request, out.suffix.lower().lstrip(".")), FORMATS)
