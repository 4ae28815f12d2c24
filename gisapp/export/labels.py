"""Map labels placed as a cartographer would: by priority, never overlapping, displaced with a leader or dropped.

Labels are tried in priority order. Each is first tried on its anchor (a polygon's pole of
inaccessibility), then nudged while its centre stays inside its own polygon, then moved around the
anchor with a thin leader line back to it. A position is taken only if the label's box (with a margin
for the halo) stays inside the map frame and clear of every placed label, leader line and obstacle
(scale bar, north arrow, point symbols); a label with no such position is left off. The text stays
real text (selectable in PDF, text in SVG): the white halo is a separate outline drawn under it.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.patheffects as path_effects
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

LABEL_ZORDER = 50  # above every layer (geopandas draws at 1-2, markers at 5)
HALO_PT = 1.6
MARGIN_PT = 1.2  # clear space kept around each label box (halo included)
LEADER_COLOUR = "#555555"
LEADER_WIDTH_PT = 0.4
RINGS = (0.6, 1.4, 2.4, 3.6, 5.0, 6.5)  # distances tried around the anchor, in label heights beyond the box edge
INNER_GRID = 9  # a polygon's label may also sit at any of these grid points inside it (no leader needed)
SIZE_STEPS = (1.0, 0.85)  # a label that finds no room is tried once a little smaller before it is left off
DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1),
              (0.5, 1), (-0.5, 1), (0.5, -1), (-0.5, -1), (1, 0.5), (-1, 0.5), (1, -0.5), (-1, -0.5))  # fmt: skip


@dataclass(frozen=True)
class LabelSpec:
    """One label to place: its text, anchor (data coordinates), the feature it names, and how it looks."""

    text: str
    x: float
    y: float
    feature: BaseGeometry | None  # the feature's shape (map units): a label centred inside it needs no leader
    priority: int  # lower is placed first
    size: float
    color: str
    bold: bool = False
    gid: str = ""
    essential: bool = False  # a plan zone's name: may cover a point symbol rather than be left off


@dataclass(frozen=True)
class PlacedLabel:
    spec: LabelSpec
    bbox: Bbox  # display coordinates, without margin
    leader: bool


def _candidate_offsets(
    width: float, height: float, inner: list[tuple[float, float]] = ()
) -> list[tuple[float, float, bool]]:
    """Offsets (display units) to try, in order, each marked whether it must stay inside the feature.

    First the anchor and small nudges, then `inner` (other points inside the feature), then rings around it.
    """
    inside = [(0.0, 0.0), (0.0, 1.1 * height), (0.0, -1.1 * height), (0.35 * width, 0.0), (-0.35 * width, 0.0)]
    offsets = [(dx, dy, True) for dx, dy in (*inside, *inner)]
    for ring in RINGS:
        gap = ring * height
        for dx, dy in DIRECTIONS:
            offsets.append((dx * (width / 2 + gap), dy * (height / 2 + gap), False))
    return offsets


def _shift(bbox: Bbox, dx: float, dy: float) -> Bbox:
    return Bbox.from_extents(bbox.x0 + dx, bbox.y0 + dy, bbox.x1 + dx, bbox.y1 + dy)


def _shape(bbox: Bbox):
    return box(bbox.x0, bbox.y0, bbox.x1, bbox.y1)


def _leader_end(anchor: tuple[float, float], bbox: Bbox) -> tuple[float, float]:
    """The point of the label box nearest the anchor: where the leader line meets the label."""
    return (min(max(anchor[0], bbox.x0), bbox.x1), min(max(anchor[1], bbox.y0), bbox.y1))


class LabelLayout:
    """Places labels on one axes, keeping track of what is already taken (display coordinates)."""

    def __init__(self, ax, renderer, obstacles: list[Bbox], symbols: list[Bbox] = ()):
        self.ax = ax
        self.renderer = renderer
        self.pixels_per_pt = ax.figure.dpi / 72
        frame = ax.get_window_extent(renderer)
        inset = MARGIN_PT * self.pixels_per_pt
        self.frame = Bbox.from_extents(frame.x0 + inset, frame.y0 + inset, frame.x1 - inset, frame.y1 - inset)
        self.boxes = [_shape(obstacle) for obstacle in obstacles]  # labels and frame furniture: nothing crosses
        self.symbols = [_shape(symbol) for symbol in symbols]  # point symbols: a label keeps off, a leader may cross
        self.leaders: list[LineString] = []
        self.placed: list[PlacedLabel] = []
        self.dropped: list[LabelSpec] = []

    def _box_free(self, shape, ignore_symbols: bool = False) -> bool:
        symbols = () if ignore_symbols else self.symbols
        return not any(shape.intersects(other) for other in (*self.boxes, *symbols, *self.leaders))

    def _leader_free(self, line: LineString) -> bool:
        return not any(line.intersects(other) for other in (*self.boxes, *self.leaders))

    def _fits(self, padded: Bbox) -> bool:
        return (self.frame.x0 <= padded.x0 and padded.x1 <= self.frame.x1 and self.frame.y0 <= padded.y0
                and padded.y1 <= self.frame.y1)  # fmt: skip

    def place(self, spec: LabelSpec) -> PlacedLabel | None:
        """Place one label at its first free position, smaller if it must; None (nothing drawn) if none is free."""
        for ignore_symbols in (False, True) if spec.essential else (False,):
            for scale in SIZE_STEPS:
                placed = self._try(spec, spec.size * scale, ignore_symbols)
                if placed:
                    self.placed.append(placed)
                    return placed
        self.dropped.append(spec)
        return None

    def _try(self, spec: LabelSpec, size: float, ignore_symbols: bool = False) -> PlacedLabel | None:
        weight = "bold" if spec.bold else "normal"
        text = self.ax.text(spec.x, spec.y, spec.text, fontsize=size, fontweight=weight, color=spec.color,
                            ha="center", va="center", multialignment="center", zorder=LABEL_ZORDER,
                            clip_on=False, gid=spec.gid or None)  # fmt: skip
        text.set_label("map-label")
        base = text.get_window_extent(self.renderer)
        anchor = tuple(self.ax.transData.transform((spec.x, spec.y)))
        to_data = self.ax.transData.inverted()
        margin = MARGIN_PT * self.pixels_per_pt
        for dx, dy, keep_inside in _candidate_offsets(base.width, base.height, self._inner_offsets(spec, anchor)):
            bbox = _shift(base, dx, dy)
            padded = bbox.expanded((bbox.width + 2 * margin) / bbox.width, (bbox.height + 2 * margin) / bbox.height)
            if not self._fits(padded):
                continue
            centre = to_data.transform((anchor[0] + dx, anchor[1] + dy))
            inside = spec.feature is not None and spec.feature.contains(Point(*centre))
            if keep_inside and not (inside or (dx, dy) == (0.0, 0.0)):
                continue
            leader = not inside and not bbox.contains(*anchor)
            label_shape = _shape(padded)
            leader_line = LineString([anchor, _leader_end(anchor, padded)]) if leader else None
            if not self._box_free(label_shape, ignore_symbols) or (leader_line and not self._leader_free(leader_line)):
                continue
            text.set_position(tuple(centre))
            self._draw_halo(text)
            if leader:
                end = to_data.transform(_leader_end(anchor, bbox))
                self.ax.add_line(Line2D([spec.x, end[0]], [spec.y, end[1]], color=LEADER_COLOUR,
                                        linewidth=LEADER_WIDTH_PT, zorder=LABEL_ZORDER - 2))  # fmt: skip
            self.boxes.append(label_shape)
            if leader_line:
                self.leaders.append(leader_line)
            return PlacedLabel(spec, bbox, leader)
        text.remove()
        return None

    def _inner_offsets(self, spec: LabelSpec, anchor: tuple[float, float]) -> list[tuple[float, float]]:
        """Offsets to points of a grid over the feature that lie inside it, nearest the anchor first."""
        if spec.feature is None or spec.feature.geom_type not in ("Polygon", "MultiPolygon"):
            return []
        min_x, min_y, max_x, max_y = spec.feature.bounds
        steps = [i / (INNER_GRID - 1) for i in range(INNER_GRID)]
        points = [(min_x + (max_x - min_x) * fx, min_y + (max_y - min_y) * fy) for fx in steps for fy in steps]
        inside = [point for point in points if spec.feature.contains(Point(point))]
        shown = [self.ax.transData.transform(point) for point in inside]
        offsets = [(x - anchor[0], y - anchor[1]) for x, y in shown]
        return sorted(offsets, key=lambda offset: offset[0] ** 2 + offset[1] ** 2)

    def _draw_halo(self, text) -> None:
        """A white outline under the text, as its own artist: the label itself stays plain, selectable text."""
        halo = self.ax.text(*text.get_position(), text.get_text(), fontproperties=text.get_fontproperties(),
                            color="white", ha="center", va="center", multialignment="center",
                            zorder=LABEL_ZORDER - 1, clip_on=False)  # fmt: skip
        halo.set_path_effects([path_effects.Stroke(linewidth=HALO_PT, foreground="white")])
        halo.set_label("map-label-halo")


def label_anchor(geometry, view) -> tuple[float, float, object] | None:
    """Where a feature's name goes: the pole of inaccessibility of its largest visible part."""
    visible = geometry.intersection(view)
    if visible.is_empty:
        return None
    if visible.geom_type == "MultiPolygon":
        visible = max(visible.geoms, key=lambda part: part.area)
    if visible.geom_type == "Polygon":
        point = polylabel(visible, tolerance=max(visible.length / 1000, 1.0))
    else:
        point = visible.representative_point()
    return point.x, point.y, geometry


def place_labels(ax, renderer, specs: list[LabelSpec], obstacles: list[Bbox], symbols: list[Bbox] = ()) -> LabelLayout:
    """Place `specs` by priority (then as given) on `ax`; returns the layout with what was placed and dropped.

    Labels keep clear of `obstacles` (scale bar, north arrow) and `symbols` (point markers); leader lines may
    cross a point symbol but never a label or another leader.
    """
    layout = LabelLayout(ax, renderer, obstacles, symbols)
    for spec in sorted(specs, key=lambda spec: spec.priority):
        layout.place(spec)
    return layout
