"""The documented positions the build places features by (`layers/inputs/anchors.yaml`), schema-checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from shapely.geometry import LineString, Point

from gisapp.atlas.files import read_yaml
from gisapp.atlas.records import PlainId, error_details
from gisapp.config import INPUTS_DIR
from gisapp.errors import AtlasError

ANCHORS_FILE = INPUTS_DIR / "anchors.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnchorRecord(_Strict):
    """A named point with its provenance; `in_plan_scope` is set on the Voronoi sites (town seats)."""

    lon: float = Field(ge=73, le=136)
    lat: float = Field(ge=18, le=54)
    name: str
    source: str
    confidence: Literal["low", "medium", "high"]
    in_plan_scope: bool | None = None
    managed_by: str | None = None


class ReferenceLineRecord(_Strict):
    """A schematic road or river (WGS-84 vertices) used to bound or place plan features."""

    name: str
    name_en: str
    source: str
    vertices: tuple[tuple[float, float], ...] = Field(min_length=2)


class AnchorsFile(_Strict):
    points: dict[PlainId, AnchorRecord]
    lines: dict[PlainId, ReferenceLineRecord]


@dataclass(frozen=True)
class Anchor:
    id: str
    name: str
    point: Point
    in_plan_scope: bool | None


@dataclass(frozen=True)
class ReferenceLine:
    id: str
    name: str
    name_en: str
    line: LineString
    source: str


@dataclass(frozen=True)
class Anchors:
    points: dict[str, Anchor]
    lines: dict[str, ReferenceLine]

    def voronoi_sites(self) -> list[Anchor]:
        """The sites of the town tessellation: every anchor that says whether it is in the plan scope."""
        return [anchor for anchor in self.points.values() if anchor.in_plan_scope is not None]


def load_anchors(path: Path = ANCHORS_FILE) -> Anchors:
    """Read and check the anchors file; an AtlasError names the file and the field at fault."""
    try:
        data = AnchorsFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise AtlasError([f"{path}: {error_details(exc)}"]) from exc
    points = {
        key: Anchor(key, value.name, Point(value.lon, value.lat), value.in_plan_scope)
        for key, value in data.points.items()
    }
    lines = {
        key: ReferenceLine(key, value.name, value.name_en, LineString(value.vertices), value.source)
        for key, value in data.lines.items()
    }
    return Anchors(points=points, lines=lines)
