"""A feature's profile (画像): what the plans say about it, as plain data ready for any view."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from gisapp.atlas.geo import area_km2
from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import FACT_KINDS, PlanFeature, Source, Target
from gisapp.i18n import Text, amount, t


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
    area_km2: float | None  # the surveyed or imported shape's area; None for schematic shapes (not a fact)
    position: str | None
    schematic: bool
    geometry_note: str
    sections: dict[str, tuple[Item, ...]] = field(default_factory=dict)
    targets: tuple[Item, ...] = ()
    caveats: tuple[Item, ...] = ()
    sources: tuple[Citation, ...] = ()
    stated_area: Item | None = None  # the area the plans give, with its citation
    area_unstated: bool = False  # a schematic area shape whose size the plans do not give


AREA_UNITS = ("平方公里", "平方千米")


def area_line(profile: Profile, lang: str) -> Item | None:
    """What a reader is told about a zone's size: the plan's figure, a surveyed shape's area, or that none is given.

    A schematic shape (a disc round a town seat, a Voronoi cell) has an area, but it is the atlas's drawing, not the
    plan's: quoting it as the zone's size would invent a fact, so it is never shown as one.
    """
    if profile.stated_area is not None:
        return profile.stated_area
    if profile.area_km2 is not None:
        return Item(f"{profile.area_km2:.2f} km²", None, ())
    if profile.area_unstated:
        return Item(t("area_not_given", lang), None, ())
    return None


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


def target_amount(target: Target, lang: str) -> str:
    """'150 亿元' / 'CNY 15 billion', or 'no figure given' where the plan names the target without one."""
    if target.value is None:
        return t("no_value", lang)
    return amount(target.value, target.value_max, target.unit, lang)


def target_text(target: Target, lang: str) -> str:
    """'2025：工业产值 150 亿元' / '2025: Industrial output value CNY 15 billion'."""
    year = f"{target.year}" if target.year else t("no_year", lang)
    return f"{year}{t('colon', lang)}{target.indicator.get(lang)} {target_amount(target, lang)}"


PROJECT_LAYER = "projects"
TOWN_LAYER = "towns"


def zones_of(atlas: Atlas, feature: PlanFeature) -> tuple[str, ...]:
    """The zones, parks or axes a project lies in or serves (its parent first), as ids of mapped features."""
    wanted = (feature.parent, *feature.zones) if feature.layer == PROJECT_LAYER else feature.zones
    return tuple(dict.fromkeys(zone for zone in wanted if zone and zone in atlas.every_feature))


@lru_cache(maxsize=4)  # the atlas is read-only and hashed by identity
def _projects_by_zone(atlas: Atlas) -> dict[str, tuple[PlanFeature, ...]]:
    links: dict[str, list[PlanFeature]] = {}
    for project in atlas.every_feature.values():
        if project.layer != PROJECT_LAYER:
            continue
        for zone in dict.fromkeys((*zones_of(atlas, project), *project.towns)):
            if zone != project.id:
                links.setdefault(zone, []).append(project)
    return {zone: tuple(projects) for zone, projects in links.items()}


def linked_projects(atlas: Atlas, feature_id: str) -> tuple[PlanFeature, ...]:
    """The projects (mapped or not located) that name this zone, park, axis or town as theirs."""
    return _projects_by_zone(atlas).get(feature_id, ())


def zones_in_town(atlas: Atlas, town_id: str) -> tuple[PlanFeature, ...]:
    """The mapped plan zones, parks, axes and points the plans place in a town (projects are listed apart)."""
    return tuple(
        feature
        for feature in atlas.features.values()
        if town_id in feature.towns and feature.layer not in (PROJECT_LAYER, TOWN_LAYER) and feature.id != town_id
    )


def _project_item(atlas: Atlas, project: PlanFeature, lang: str) -> Item:
    status = t("item_sep", lang).join(fact.get(lang) for fact in project.status)
    note = status or None
    if not project.located:
        note = t("not_located_tag", lang) + (f"{t('item_sep', lang)}{status}" if status else "")
    return Item(project.name.get(lang), note, _citations(atlas, project.sources, lang))


def _zone_item(atlas: Atlas, zone: PlanFeature, lang: str) -> Item:
    """A linked zone by name, with its layer as the note unless the name already says it ('…（多区支撑）')."""
    name, layer = zone.name.get(lang), atlas.catalog.layer(zone.layer).title.get(lang)
    return Item(name, None if layer.casefold() in name.casefold() else layer, ())


def _linked_sections(atlas: Atlas, feature: PlanFeature, lang: str) -> dict[str, tuple[Item, ...]]:
    """A project's zones, and a zone's projects: the two directions of the same link."""
    sections = {}
    zones = zones_of(atlas, feature)
    if zones:
        sections["linked_zones"] = tuple(_zone_item(atlas, atlas.every_feature[zone], lang) for zone in zones)
    if feature.layer == TOWN_LAYER:
        inside = zones_in_town(atlas, feature.id)
        if inside:
            sections["zones_in_town"] = tuple(_zone_item(atlas, zone, lang) for zone in inside)
    projects = linked_projects(atlas, feature.id)
    if projects:
        sections["linked_projects"] = tuple(_project_item(atlas, project, lang) for project in projects)
    return sections


def _version_note(row, lang: str) -> str:
    """'（导入版本 3，来源：村界.gpkg）' for a shape imported into the version store; '' for a built one."""
    version, source = row.get("geometry_version"), row.get("geometry_source")
    if not isinstance(source, str) or not source or version is None or version != version:  # NaN: not imported
        return ""
    return t("imported_version", lang).format(version=int(version), source=source)


def build_profile(atlas: Atlas, feature: PlanFeature, lang: str = "zh") -> Profile:
    """The profile of `feature` in `lang` ('zh' or 'en'); English keeps the Chinese name beside it.

    A not-located project has a profile too: no geometry, no area, a note saying the plans give no place.
    """
    if feature.located:
        row, geometry = atlas.row(feature.id), atlas.geometry(feature.id)
        schematic = bool(row["schematic"])
        geometry_note = Text(zh=row["geometry_note_zh"], en=row["geometry_note_en"]).get(lang)
        geometry_note += _version_note(row, lang)
        polygonal = geometry.geom_type in ("Polygon", "MultiPolygon")
        area = round(area_km2(geometry), 2) if polygonal and not schematic else None
    else:
        schematic, geometry_note, area, polygonal = False, t("not_located_note", lang), None, False
    stated = next((target for target in feature.targets if target.unit in AREA_UNITS and target.value), None)
    sections = {
        kind: tuple(
            Item(fact.get(lang), _note(fact.note, lang), _citations(atlas, fact.sources, lang))
            for fact in getattr(feature, kind)
        )
        for kind in FACT_KINDS
        if getattr(feature, kind)
    }
    sections.update(_linked_sections(atlas, feature, lang))
    targets = tuple(
        Item(target_text(target, lang), _note(target.note, lang), _citations(atlas, target.sources, lang))
        for target in sorted(feature.targets, key=lambda target: target.year or 9999)
    )
    caveats = tuple(Item(c.get(lang), None, _citations(atlas, c.sources, lang)) for c in feature.caveats)
    layer = atlas.catalog.layer(feature.layer).title.get(lang)
    layer_title = layer if feature.located else t("unlocated_layer", lang)  # not the map layer it is absent from
    return Profile(
        id=feature.id,
        name=feature.name.get(lang),
        name_zh=feature.name.zh,
        kind=feature.kind,
        layer_title=layer_title,
        towns=tuple(atlas.features[town].name.get(lang) for town in feature.towns),
        area_km2=area,
        position=feature.position.get(lang) if feature.position else None,
        schematic=schematic,
        geometry_note=geometry_note,
        sections=sections,
        targets=targets,
        caveats=caveats,
        sources=_citations(atlas, feature.sources, lang),
        stated_area=None if stated is None else Item(
            target_amount(stated, lang), _note(stated.note, lang), _citations(atlas, stated.sources, lang)),
        area_unstated=polygonal and schematic and stated is None,
    )  # fmt: skip


def unlocated_projects(atlas: Atlas, lang: str) -> tuple[Item, ...]:
    """The projects the plans name without a place, each with the zones or towns it names (never a position)."""
    items = []
    for project in atlas.unlocated.values():
        where = [atlas.every_feature[zone].name.get(lang) for zone in zones_of(atlas, project)]
        where += [atlas.features[town].name.get(lang) for town in project.towns]
        status = [fact.get(lang) for fact in project.status]
        note = t("item_sep", lang).join(dict.fromkeys([*where, *status])) or None
        items.append(Item(project.name.get(lang), note, _citations(atlas, project.sources, lang)))
    return tuple(items)


def feature_label(atlas: Atlas, feature_id: str, lang: str) -> str:
    """A feature's name with its layer, for choosers: '郑家镇工业集聚区（四大工业集聚区）'."""
    feature = atlas.every_feature[feature_id]
    layer = atlas.catalog.layer(feature.layer).title.get(lang)
    return feature.name.named(lang) + t("paren", lang).format(layer)
