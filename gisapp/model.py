"""Typed records of the plan knowledge base (`layers/plan/*.yaml`) and the layer catalogue."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in Chinese with its curated English translation."""

    zh: str
    en: str


class Source(_Strict):
    """A citation: seed file, 1-based inclusive line range, and a verbatim quote from those lines."""

    doc: str
    lines: tuple[int, int]
    quote: str = Field(min_length=2)

    @field_validator("lines")
    @classmethod
    def _ordered(cls, lines: tuple[int, int]) -> tuple[int, int]:
        if lines[0] < 1 or lines[1] < lines[0]:
            raise ValueError(f"line range must be 1 <= first <= last, got {list(lines)}")
        return lines


class Fact(_Strict):
    """One cited statement about a feature: an industry, project, enterprise or specialty."""

    zh: str
    en: str
    sources: tuple[Source, ...] = Field(min_length=1)
    note: Text | None = None
    compass: Literal["north", "south", "east", "west"] | None = None


class Target(_Strict):
    """A planned target; `value`/`unit`/`year` stay empty where the plan gives none."""

    indicator: Text
    value: float | None
    value_max: float | None = None
    unit: str | None
    year: int | None
    note: Text | None = None
    sources: tuple[Source, ...] = Field(min_length=1)


class Caveat(_Strict):
    """Something missing, ambiguous, inferred or conflicting in the sources — said, not smoothed."""

    zh: str
    en: str
    sources: tuple[Source, ...] = ()


FACT_KINDS = ("functions", "industries", "projects", "enterprises", "landmarks", "specialties", "heritage")


class PlanFeature(_Strict):
    """A mappable place of the plans with everything the plans say about it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")  # ids go into HTML and URLs: keep them plain
    layer: str
    file: str
    name: Text
    kind: str
    geometry: dict[str, Any]
    sources: tuple[Source, ...] = Field(min_length=1)
    towns: tuple[str, ...] = ()
    parent: str | None = None
    position: Text | None = None
    functions: tuple[Fact, ...] = ()
    industries: tuple[Fact, ...] = ()
    projects: tuple[Fact, ...] = ()
    enterprises: tuple[Fact, ...] = ()
    landmarks: tuple[Fact, ...] = ()
    specialties: tuple[Fact, ...] = ()
    heritage: tuple[Fact, ...] = ()
    targets: tuple[Target, ...] = ()
    caveats: tuple[Caveat, ...] = ()

    def all_sources(self) -> list[Source]:
        """Every citation of the feature, its facts, targets and caveats."""
        cited = list(self.sources)
        for kind in FACT_KINDS:
            for fact in getattr(self, kind):
                cited.extend(fact.sources)
        for item in (*self.targets, *self.caveats):
            cited.extend(item.sources)
        return cited


class LayerStyle(_Strict):
    """How a layer is drawn: colours from the catalogue, shared by the web map and print exports."""

    color: str
    fill: str | None = None
    fill_opacity: float = 0.25
    weight: float = 2.0
    dash: str | None = None
    marker: Literal["circle", "square", "diamond", "star"] | None = None


class LayerSpec(_Strict):
    """One map layer of the catalogue."""

    id: str
    title: Text
    group: str
    geometry_type: Literal["polygon", "line", "point"]
    role: Literal["plan", "context"] = "plan"
    order: int
    visible: bool = True
    expected_count: int | None = None
    label: bool = False  # draw feature names on the map
    style: LayerStyle
    description: Text | None = None


class GroupSpec(_Strict):
    """A group of layers, as the plans group them."""

    id: str
    title: Text


class Catalog(_Strict):
    """`layers/catalog.yaml`: groups and layers in drawing order."""

    groups: tuple[GroupSpec, ...]
    layers: tuple[LayerSpec, ...]

    def layer(self, layer_id: str) -> LayerSpec:
        for spec in self.layers:
            if spec.id == layer_id:
                return spec
        raise KeyError(f"unknown layer id: {layer_id!r}")
