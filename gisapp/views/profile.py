"""A feature's profile (画像): what the plans say about it, as plain data ready for any view."""

from __future__ import annotations

from dataclasses import dataclass, field

from gisapp.atlas.geo import area_km2
from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import FACT_KINDS, PlanFeature, Source, Target
from gisapp.i18n import Text, t


@dataclass(frozen=True)
class Citation:
    doc_title: str
    doc: str
    lines: tuple[int, int]
    quote: str


@dataclass(frozen=True)
class Item:
    text: str
    note: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Profile:
    """Everything a panel, page or PDF shows about one feature, in one language."""

    id: str
    name: str
    name_zh: str
    kind: str
    layer_title: str
    towns: tuple[str, ...]
    area_km2: float | None
    position: str | None
    schematic: bool
    geometry_note: str
    sections: dict[str, tuple[Item, ...]] = field(default_factory=dict)
    targets: tuple[Item, ...] = ()
    caveats: tuple[Item, ...] = ()
    sources: tuple[Citation, ...] = ()


def line_span(lines: tuple[int, int]) -> str:
    """A cited line range as people write it: '18' or '18–20'."""
    first, last = lines
    return f"{first}" if first == last else f"{first}–{last}"


def section_title(kind: str, lang: str) -> str:
    """The heading of a fact section ('规划产业' / 'Planned industries')."""
    return t(f"section_{kind}", lang)


def _citations(atlas: Atlas, sources: tuple[Source, ...], lang: str) -> tuple[Citation, ...]:
    return tuple(
        Citation(atlas.documents.title(source.doc, lang), source.doc, source.lines, source.quote) for source in sources
    )


def _note(note: Text | None, lang: str) -> str | None:
    return note.get(lang) if note else None


def target_text(target: Target, lang: str) -> str:
    """'2025：工业产值 150 亿元' / '2025: Industrial output value 150 亿元'."""
    if target.value is None:
        amount = t("no_value", lang)
    else:
        value = f"{target.value:g}" + (f"–{target.value_max:g}" if target.value_max is not None else "")
        amount = f"{value} {target.unit or ''}".strip()
    year = f"{target.year}" if target.year else t("no_year", lang)
    return f"{year}{t('colon', lang)}{target.indicator.get(lang)} {amount}"


def build_profile(atlas: Atlas, feature: PlanFeature, lang: str = "zh") -> Profile:
    """The profile of `feature` in `lang` ('zh' or 'en'); English keeps the Chinese name beside it."""
    row = atlas.row(feature.id)
    geometry = atlas.geometry(feature.id)
    sections = {
        kind: tuple(
            Item(fact.get(lang), _note(fact.note, lang), _citations(atlas, fact.sources, lang))
            for fact in getattr(feature, kind)
        )
        for kind in FACT_KINDS
        if getattr(feature, kind)
    }
    targets = tuple(
        Item(target_text(target, lang), _note(target.note, lang), _citations(atlas, target.sources, lang))
        for target in sorted(feature.targets, key=lambda target: target.year or 9999)
    )
    caveats = tuple(Item(c.get(lang), None, _citations(atlas, c.sources, lang)) for c in feature.caveats)
    return Profile(
        id=feature.id,
        name=feature.name.get(lang),
        name_zh=feature.name.zh,
        kind=feature.kind,
        layer_title=atlas.catalog.layer(feature.layer).title.get(lang),
        towns=tuple(atlas.features[town].name.get(lang) for town in feature.towns),
        area_km2=round(area_km2(geometry), 2) if geometry.geom_type in ("Polygon", "MultiPolygon") else None,
        position=feature.position.get(lang) if feature.position else None,
        schematic=bool(row["schematic"]),
        geometry_note=Text(zh=row["geometry_note_zh"], en=row["geometry_note_en"]).get(lang),
        sections=sections,
        targets=targets,
        caveats=caveats,
        sources=_citations(atlas, feature.sources, lang),
    )


def feature_label(atlas: Atlas, feature_id: str, lang: str) -> str:
    """A feature's name with its layer, for choosers: '郑家镇工业集聚区（四大工业集聚区）'."""
    feature = atlas.features[feature_id]
    layer = atlas.catalog.layer(feature.layer).title.get(lang)
    return feature.name.named(lang) + t("paren", lang).format(layer)
