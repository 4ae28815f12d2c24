"""The documented positions the build places features by (`layers/inputs/anchors.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import LineString, Point

from gisapp.paths import INPUTS_DIR
from gisapp.plan import read_yaml

ANCHORS_FILE = INPUTS_DIR / "anchors.yaml"


@dataclass(frozen=True)
class Anchor:
    """A named point with its provenance; `in_plan_scope` is set for the Voronoi seeds."""

    id: str
    name: str
    point: Point
    source: str
    confidence: str
    in_plan_scope: bool | None = None
    managed_by: str | None = None


@dataclass(frozen=True)
class ReferenceLine:
    """A schematic road or river line used to bound or place plan features."""

    id: str
    name: str
    line: LineString
    source: str


@dataclass(frozen=True)
class Anchors:
    points: dict[str, Anchor]
    lines: dict[str, ReferenceLine]

    def seeds(self) -> list[Anchor]:
        """The Voronoi seeds: every anchor that says whether it is in the plan scope."""
        return [anchor for anchor in self.points.values() if anchor.in_plan_scope is not None]


def load_anchors(path: Path = ANCHORS_FILE) -> Anchors:
    """Read the anchors file into points and reference lines."""
    data = read_yaml(path)
    points = {
        key: Anchor(
            id=key,
            name=value["name"],
            point=Point(value["lon"], value["lat"]),
            source=value["source"],
            confidence=value["confidence"],
            in_plan_scope=value.get("in_plan_scope"),
            managed_by=value.get("managed_by"),
        )
        for key, value in data["points"].items()
    }
    lines = {
        key: ReferenceLine(id=key, name=value["name"], line=LineString(value["vertices"]), source=value["source"])
        for key, value in data["lines"].items()
    }
    return Anchors(points=points, lines=lines)
