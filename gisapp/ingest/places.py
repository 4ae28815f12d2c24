"""Places a planner can pin a figure to: the reference points the atlas is built on and where its lines cross."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from shapely.geometry import Point

from gisapp.build.anchors import load_anchors


@dataclass(frozen=True)
class KnownPlace:
    """A named WGS-84 point with how far to trust it (the anchors' confidence; crossings: the lines' accuracy)."""

    id: str
    name: str
    lon: float
    lat: float
    note: str


def known_places(layers_dir: Path) -> list[KnownPlace]:
    """Reference points (town seats …) and the crossings of the reference lines (river × road …), by name."""
    anchors = load_anchors(layers_dir / "inputs" / "anchors.yaml")
    places = [KnownPlace(a.id, a.name, a.point.x, a.point.y, "reference point") for a in anchors.points.values()]
    for first, second in combinations(sorted(anchors.lines.values(), key=lambda line: line.id), 2):
        crossing = first.line.intersection(second.line)
        if isinstance(crossing, Point):
            places.append(KnownPlace(f"{first.id}_x_{second.id}", f"{first.name} × {second.name}",
                                     crossing.x, crossing.y, "crossing of schematic lines (±1–2 km)"))  # fmt: skip
    return sorted(places, key=lambda place: place.name)
