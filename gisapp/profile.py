"""A feature's profile (画像): what the plans say about it, as plain data ready for any view."""

from __future__ import annotations

from dataclasses import dataclass, field

from gisapp.catalog import Atlas
from gisapp.geo import area_km2
from gisapp.model import FACT_KINDS, PlanFeature, Source
from gisapp.seeds import DOC_TITLES

SECTION_TITLES = {
    "functions": ("定位与功能", "Role and functions"),
    "industries": ("规划产业", "Planned industries"),
    "projects": ("项目", "Projects"),
    "enterprises": ("企业", "Enterprises"),
    "landmarks": ("依托资源与地标", "Assets and landmarks"),
    "specialties": ("特色产业", "Specialties"),
    "heritage": ("历史文化与非遗", "Heritage"),
}


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


def _citations(sources: tuple[Source, ...], lang: str) -> tuple[Citation, ...]:
    return tuple(
        Citation(DOC_TITLES.get(source.doc, {}).get(lang, source.doc), source.doc, source.lines, source.quote)
        for source in sources
    )


def _pick(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def target_text(target, lang: str) -> str:
    """'2025年：工业产值 150 亿元' / '2025: Industrial output value 150 亿元'."""
    if target.value is None:
        amount = _pick("（无数值）", "(no value given)", lang)
    else:
        value = f"{target.value:g}" + (f"–{target.value_max:g}" if target.value_max is not None else "")
        amount = f"{value} {target.unit or ''}".strip()
    year = f"{target.year}" if target.year else _pick("年份未写明", "year not given", lang)
    indicator = _pick(target.indicator.zh, target.indicator.en, lang)
    return f"{year}{'：' if lang == 'zh' else ': '}{indicator} {amount}"


def build_profile(atlas: Atlas, feature: PlanFeature, lang: str = "zh") -> Profile:
    """The profile of `feature` in `lang` ('zh' or 'en'); English keeps the Chinese name beside it."""
    row = atlas.frame(feature.layer).loc[feature.id]
    geometry = atlas.geometry(feature.id)
    towns = tuple(_pick(atlas.features[town].name.zh, atlas.features[town].name.en, lang) for town in feature.towns)
    sections = {
        kind: tuple(
            Item(
                _pick(fact.zh, fact.en, lang),
                _pick(fact.note.zh, fact.note.en, lang) if fact.note else None,
                _citations(fact.sources, lang),
            )
            for fact in getattr(feature, kind)
        )
        for kind in FACT_KINDS
        if getattr(feature, kind)
    }
    targets = tuple(
        Item(
            target_text(target, lang),
            _pick(target.note.zh, target.note.en, lang) if target.note else None,
            _citations(target.sources, lang),
        )
        for target in sorted(feature.targets, key=lambda t: t.year or 9999)
    )
    caveats = tuple(Item(_pick(c.zh, c.en, lang), None, _citations(c.sources, lang)) for c in feature.caveats)
    layer = atlas.catalog.layer(feature.layer)
    return Profile(
        id=feature.id,
        name=_pick(feature.name.zh, feature.name.en, lang),
        name_zh=feature.name.zh,
        kind=feature.kind,
        layer_title=_pick(layer.title.zh, layer.title.en, lang),
        towns=towns,
        area_km2=round(area_km2(geometry), 2) if geometry.geom_type in ("Polygon", "MultiPolygon") else None,
        position=_pick(feature.position.zh, feature.position.en, lang) if feature.position else None,
        schematic=bool(row["schematic"]),
        geometry_note=row["geometry_note_zh"] if lang == "zh" else row["geometry_note_en"],
        sections=sections,
        targets=targets,
        caveats=caveats,
        sources=_citations(feature.sources, lang),
    )
