"""Typed records of the knowledge base: plan features (`layers/plan/*.yaml`), catalogue, documents.

Values that end up in HTML, CSS, JS or QML (ids, colours, dash patterns) are checked here, at load.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from gisapp.i18n import Text

HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
DashPattern = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?( \d+(\.\d+)?)+$")]  # "6 3": on, off …
PlainId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]  # goes into HTML, URLs and SQL names


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def error_details(exc: ValidationError) -> str:
    """A schema error as 'field.path: message; …', for messages that also name the file."""
    return "; ".join(f"{'.'.join(str(part) for part in err['loc'])}: {err['msg']}" for err in exc.errors())


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


class _Bilingual(_Strict):
    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The statement in `lang` ('zh', 'en' or 'both')."""
        return Text(zh=self.zh, en=self.en).get(lang)


class Fact(_Bilingual):
    """One cited statement about a feature: an industry, project, enterprise or specialty."""

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


class Caveat(_Bilingual):
    """Something missing, ambiguous, inferred or conflicting in the sources — said, not smoothed."""

    sources: tuple[Source, ...] = ()


FACT_KINDS = (
    "functions", "industries", "projects", "enterprises", "landmarks", "specialties", "heritage", "status",
    "responsible", "transport", "support", "city_echoes",
)  # fmt: skip
CITY_FACT_KIND = (
    "city_echoes"  # 市级规划呼应: what the city's plans say about the same thing; the only facts citing them
)
NOT_LOCATED = "not-located"  # the geometry recipe of a feature the plans do not place: listed, never drawn
PROJECT_SECTORS = (
    "industry", "logistics", "commerce", "transport", "energy", "environment", "health", "education", "culture",
    "tourism", "digital", "agriculture", "public",
)  # fmt: skip


class OfficialUnit(_Strict):
    """Today's official name and code of an administrative unit (not a plan fact: an alias for search and import)."""

    code: Annotated[str, StringConstraints(pattern=r"^\d{9}$")]
    name: str = Field(min_length=2)
    as_of: str  # the date of the official list


class PlanFeature(_Strict):
    """A mappable place of the plans with everything the plans say about it."""

    id: PlainId
    layer: PlainId
    file: str
    name: Text
    kind: str
    geometry: dict[str, Any]
    sources: tuple[Source, ...] = Field(min_length=1)
    towns: tuple[str, ...] = ()
    official: OfficialUnit | None = None
    parent: str | None = None
    position: Text | None = None
    functions: tuple[Fact, ...] = ()
    industries: tuple[Fact, ...] = ()
    projects: tuple[Fact, ...] = ()
    enterprises: tuple[Fact, ...] = ()
    landmarks: tuple[Fact, ...] = ()
    specialties: tuple[Fact, ...] = ()
    heritage: tuple[Fact, ...] = ()
    status: tuple[Fact, ...] = ()  # a project's status words as the plan writes them (规划建设, 加快推进, 完成 …)
    responsible: tuple[Fact, ...] = ()  # the body the plan makes responsible, where it names one
    transport: tuple[Fact, ...] = ()  # roads, rail, airport, ports and hubs the plans name for this place
    support: tuple[Fact, ...] = ()  # support measures, funds, platforms and policies the plans name for it
    city_echoes: tuple[Fact, ...] = ()  # 市级规划呼应: the city's plans naming the same industry, hub or project
    targets: tuple[Target, ...] = ()  # a project's investment is a target {indicator: 投资, value, unit, year}
    caveats: tuple[Caveat, ...] = ()
    zones: tuple[str, ...] = ()  # plan features (zones, parks, axes) a project lies in or serves: linked both ways
    sector: Literal[PROJECT_SECTORS] | None = None  # a curator's classification of a project, not a plan fact

    @field_validator("geometry")
    @classmethod
    def _recipe_has_method(cls, recipe: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(recipe.get("method"), str):
            raise ValueError("a geometry recipe needs a 'method'")
        if recipe["method"] == NOT_LOCATED and set(recipe) - {"method", "note"}:
            raise ValueError(f"a {NOT_LOCATED!r} recipe takes only a note, got {sorted(recipe)}")
        return recipe

    @property
    def located(self) -> bool:
        """False for a feature the plans name without a place: it has no geometry and is listed, not drawn."""
        return self.geometry["method"] != NOT_LOCATED

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
    """How a layer is drawn: colours from the catalogue, shared by the web map, print and QGIS styles."""

    color: HexColour
    fill: HexColour | None = None
    fill_opacity: float = Field(default=0.25, ge=0, le=1)
    weight: float = Field(default=2.0, gt=0, le=20)
    dash: DashPattern | None = None  # screen pixels, as Leaflet's dashArray
    marker: Literal["circle", "square", "diamond", "star"] | None = None
    label_color: HexColour = "#333333"  # feature names on the map, when the layer is labelled
    label_bold: bool = False

    @property
    def dash_pattern(self) -> tuple[float, ...]:
        """The dash as numbers (on, off, …); empty for a solid line."""
        return tuple(float(part) for part in self.dash.split()) if self.dash else ()


class LayerSpec(_Strict):
    """One map layer of the catalogue."""

    id: PlainId
    title: Text
    group: PlainId
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

    id: PlainId
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


class DocumentSpec(_Strict):
    """A plan text the atlas cites: its title (from its own heading) and whose plan it is."""

    title: Text
    level: Literal["district", "city"]
    short: Text  # the name the atlas's own notes use for it ("产业规划第18行", not "001第18行")


SEED_NUMBER = re.compile(r"(?<![0-9A-Za-z_.])(\d{3})(?![0-9A-Za-z_])")  # "001" in "001第18行", not in "2001"


class Documents(_Strict):
    """`layers/documents.yaml`: the cited plan texts by file name, and the sources line printed on maps."""

    documents: dict[str, DocumentSpec]
    map_sources_note: Text

    def named_refs(self, text: str, lang: str) -> str:
        """`text` with the seed numbers curators wrote ("001第18行", "004 l.493") replaced by the documents' names."""
        names = {doc.split("_", 1)[0]: spec.short.get(lang) for doc, spec in self.documents.items()}
        return SEED_NUMBER.sub(lambda match: names.get(match.group(1), match.group(1)), text)

    def title(self, doc: str, lang: str) -> str:
        """The document's title in `lang`, or its file name when it is not listed."""
        spec = self.documents.get(doc)
        return spec.title.get(lang) if spec else doc
