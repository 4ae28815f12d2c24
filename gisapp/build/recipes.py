"""Turn each feature's geometry recipe (`geometry:` in layers/plan) into a WGS-84 shape.

Recipes are data, so a reviewer can read how every shape was made. Each method below says what
it does; distances and areas are computed in the metric CRS (EPSG:4548).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gisapp.atlas.geo import to_metric, to_storage
from gisapp.atlas.records import PlanFeature
from gisapp.build.anchors import Anchors
from gisapp.errors import RecipeError

_FAR = 2.0  # degrees: how far half-plane constraints reach beyond the district

# Short descriptions of each method, shown to users beside a shape (zh, en).
METHOD_NOTES: dict[str, tuple[str, str]] = {
    "boundary-import": ("软件包区界（简化）", "district outline from package data (simplified)"),
    "voronoi-cells": (
        "镇驻地参考点泰森多边形，裁切至区界（示意）",
        "Voronoi cells of seat reference points, clipped to the district (schematic)",
    ),
    "union": ("由其他要素合并（示意）", "union of other features (schematic)"),
    "same-as": ("与另一要素同形（示意）", "same shape as another feature (schematic)"),
    "buffer-of-anchors": ("以参考点为中心的示意范围", "schematic disc around reference points"),
    "line-through-anchors": ("经过文中所列地点的示意连线", "schematic line through the places the text names"),
    "reference-line": ("示意参考线（道路/河流）", "schematic reference line (road/river)"),
    "line-buffer": ("沿示意参考线的缓冲带", "buffer along a schematic reference line"),
    "constrained-area": ("按文中方位约束划定的示意范围", "schematic area bounded as the text says"),
    "point-at-anchor": ("参考点位（示意）", "reference point (schematic)"),
    "point-in-parent": (
        "位置未给出：在所属要素内的示意点",
        "not located by the plan: symbolic point inside its parent",
    ),
    "official-import": ("导入的正式边界（见来源与版本）", "imported official boundary (see source and version)"),
    "traced-figure": ("据规划附图描绘（示意）", "traced from a plan figure (schematic)"),
}
SURVEYED_METHODS = ("boundary-import", "official-import")  # shapes not marked schematic (示意)


@dataclass(frozen=True)
class AcceptedShape:
    """A shape a person accepted in place of a feature's recipe (from the version store)."""

    geometry: BaseGeometry
    method: str  # official-import | traced-figure
    version: int
    source: str  # one line for the layer file: file, CRS, version, note


class GeometryBuilder:
    """Resolves recipes feature by feature, memoised, following references between features."""

    def __init__(
        self,
        features: dict[str, PlanFeature],
        anchors: Anchors,
        boundary: BaseGeometry,
        accepted: Mapping[str, AcceptedShape] | None = None,
    ) -> None:
        self.features = features
        self.accepted = dict(accepted or {})
        self.anchors = anchors
        self.boundary = boundary
        self._built: dict[str, BaseGeometry] = {}
        self._resolving: list[str] = []
        self._cells: dict[str, BaseGeometry] | None = None
        self._methods: dict[str, Callable[[dict[str, Any]], BaseGeometry]] = {
            "boundary-import": lambda recipe: self.boundary,
            "voronoi-cells": self._voronoi_cells,
            "union": lambda recipe: unary_union([self.geometry(ref) for ref in recipe["of"]]),
            "same-as": lambda recipe: self.geometry(recipe["feature"]),
            "buffer-of-anchors": self._buffer_of_anchors,
            "line-through-anchors": self._line_through_anchors,
            "reference-line": self._reference_line,
            "line-buffer": self._line_buffer,
            "constrained-area": self._constrained_area,
            "point-at-anchor": lambda recipe: self._anchor(recipe["anchor"]),
            "point-in-parent": self._point_in_parent,
        }

    def geometry(self, feature_id: str) -> BaseGeometry:
        """The built geometry of a feature (WGS-84)."""
        if feature_id in self._built:
            return self._built[feature_id]
        if feature_id not in self.features:
            raise RecipeError(f"recipe refers to unknown feature {feature_id!r}")
        if feature_id in self._resolving:
            raise RecipeError(f"recipe cycle: {' -> '.join([*self._resolving, feature_id])}")
        if feature_id in self.accepted:  # a person's accepted shape stands in for the recipe
            self._built[feature_id] = self.accepted[feature_id].geometry
            return self._built[feature_id]
        feature = self.features[feature_id]
        recipe = feature.geometry
        method = self._methods.get(recipe.get("method"))
        if method is None:
            raise RecipeError(
                f"{feature.file}: feature {feature_id!r}: unknown geometry method {recipe.get('method')!r}"
            )
        self._resolving.append(feature_id)
        try:
            built = method(recipe)
        except (KeyError, TypeError) as exc:
            raise RecipeError(f"{feature.file}: feature {feature_id!r}: bad recipe {recipe}: {exc!r}") from exc
        finally:
            self._resolving.pop()
        if built.is_empty:
            raise RecipeError(f"{feature.file}: feature {feature_id!r}: recipe {recipe} produced an empty geometry")
        self._built[feature_id] = built
        return built

    # --- helpers -------------------------------------------------------------------------------
    def _anchor(self, anchor_id: str) -> Point:
        if anchor_id not in self.anchors.points:
            raise RecipeError(f"unknown anchor {anchor_id!r}")
        return self.anchors.points[anchor_id].point

    def _line(self, line_id: str) -> LineString:
        if line_id not in self.anchors.lines:
            raise RecipeError(f"unknown reference line {line_id!r}")
        return self.anchors.lines[line_id].line

    def _clip(self, geom: BaseGeometry, clip_to: list[str] | None) -> BaseGeometry:
        area = unary_union([self.geometry(ref) for ref in clip_to]) if clip_to else self.boundary
        return geom.intersection(area)

    def _cell_map(self) -> dict[str, BaseGeometry]:
        """Voronoi cells of all sites (plan-scope towns and city-managed areas), clipped to the district."""
        if self._cells is None:
            sites = self.anchors.voronoi_sites()
            diagram = shapely.voronoi_polygons(
                shapely.MultiPoint([site.point for site in sites]), extend_to=self.boundary.buffer(_FAR)
            )
            self._cells = {}
            for cell in diagram.geoms:
                owners = [site for site in sites if cell.contains(site.point)]
                if len(owners) != 1:
                    raise RecipeError(f"Voronoi cell holds {len(owners)} sites; sites must be distinct")
                self._cells[owners[0].id] = cell.intersection(self.boundary)
        return self._cells

    # --- methods -------------------------------------------------------------------------------
    def _voronoi_cells(self, recipe: dict[str, Any]) -> BaseGeometry:
        cells = self._cell_map()
        missing = [site for site in recipe["sites"] if site not in cells]
        if missing:
            raise RecipeError(f"not Voronoi sites (anchors with in_plan_scope): {missing}")
        return unary_union([cells[site] for site in recipe["sites"]])

    def _buffer_of_anchors(self, recipe: dict[str, Any]) -> BaseGeometry:
        if "area_km2" in recipe:
            radius_m = math.sqrt(recipe["area_km2"] * 1e6 / math.pi)
        else:
            radius_m = recipe["radius_km"] * 1000
        discs = [to_metric(self._anchor(anchor)).buffer(radius_m, quad_segs=32) for anchor in recipe["anchors"]]
        return self._clip(to_storage(unary_union(discs)), recipe.get("clip_to"))

    def _line_through_anchors(self, recipe: dict[str, Any]) -> BaseGeometry:
        paths = [recipe["anchors"], *recipe.get("branches", [])]
        lines = [LineString([self._anchor(anchor) for anchor in path]) for path in paths]
        geom = lines[0] if len(lines) == 1 else MultiLineString(lines)
        return self._clip(geom, recipe.get("clip_to"))

    def _reference_line(self, recipe: dict[str, Any]) -> BaseGeometry:
        return self._clip(self._line(recipe["line"]), recipe.get("clip_to"))

    def _line_buffer(self, recipe: dict[str, Any]) -> BaseGeometry:
        band = to_storage(to_metric(self._line(recipe["line"])).buffer(recipe["width_km"] * 1000, quad_segs=16))
        return self._clip(band, recipe.get("clip_to"))

    def _constrained_area(self, recipe: dict[str, Any]) -> BaseGeometry:
        area = unary_union([self.geometry(ref) for ref in recipe["within"]])
        for side in ("east_of", "west_of", "north_of", "south_of"):
            if side in recipe:
                area = area.intersection(half_plane(self._line(recipe[side]), side))
        if "near" in recipe:
            near = recipe["near"]
            area = area.intersection(
                self._buffer_of_anchors({"anchors": near["anchors"], "radius_km": near["radius_km"]})
            )
        return area

    def _point_in_parent(self, recipe: dict[str, Any]) -> BaseGeometry:
        return symbolic_point(self.geometry(recipe["parent"]), recipe["slot"], recipe["of"])


def half_plane(line: LineString, side: str) -> Polygon:
    """The given side of a reference line, as a polygon reaching far beyond the district.

    The line must run monotonically north-south (for east/west) or west-east (for north/south).
    """
    along_y = side in ("east_of", "west_of")
    coords = list(line.coords)
    if (coords[0][1] > coords[-1][1]) if along_y else (coords[0][0] > coords[-1][0]):
        coords.reverse()
    keys = [xy[1] if along_y else xy[0] for xy in coords]
    if any(b <= a for a, b in itertools.pairwise(keys)):
        raise RecipeError(
            f"{side}: the reference line must run monotonically {'north-south' if along_y else 'west-east'}"
        )
    if along_y:
        (x0, y0), (x1, y1) = coords[0], coords[-1]
        path = [(x0, y0 - _FAR), *coords, (x1, y1 + _FAR)]
        edge = max(x for x, _ in path) + _FAR if side == "east_of" else min(x for x, _ in path) - _FAR
        ring = [*path, (edge, y1 + _FAR), (edge, y0 - _FAR)]
    else:
        (x0, y0), (x1, y1) = coords[0], coords[-1]
        path = [(x0 - _FAR, y0), *coords, (x1 + _FAR, y1)]
        edge = max(y for _, y in path) + _FAR if side == "north_of" else min(y for _, y in path) - _FAR
        ring = [*path, (x1 + _FAR, edge), (x0 - _FAR, edge)]
    return Polygon(ring)


def symbolic_point(parent: BaseGeometry, slot: int, of: int) -> Point:
    """Point number `slot` of `of` on a small ring around the parent's inner point.

    This is a diagram, not a position; a single point sits on the inner point itself.
    """
    centre = parent.point_on_surface() if parent.geom_type != "Point" else parent
    if of <= 1:
        return centre
    metric_parent, metric_centre = to_metric(parent), to_metric(centre)
    radius = min(1500.0, 0.35 * math.sqrt(max(metric_parent.area, 1.0) / math.pi))
    angle = math.pi / 2 - 2 * math.pi * (slot - 1) / of  # clockwise from north
    candidate = Point(metric_centre.x + radius * math.cos(angle), metric_centre.y + radius * math.sin(angle))
    for _ in range(10):  # pull towards the centre until the point lies inside the parent
        if metric_parent.contains(candidate):
            break
        candidate = Point((candidate.x + metric_centre.x) / 2, (candidate.y + metric_centre.y) / 2)
    return to_storage(candidate)
