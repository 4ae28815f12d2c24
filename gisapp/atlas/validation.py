"""The atlas checked as a reviewer would: citations resolve to the seed text, geometry is sound, counts hold."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from shapely.ops import unary_union

from gisapp.atlas.documents import SeedLibrary
from gisapp.atlas.geo import METRIC_CRS, area_km2, to_metric
from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import CITY_FACT_KIND, FACT_KINDS
from gisapp.errors import DocumentMissingError
from gisapp.i18n import UNITS, known_unit

INSIDE_TOLERANCE_M = 100.0  # how far a feature may stray outside the district outline
OVERLAP_TOLERANCE_KM2 = 0.01  # rounding slivers allowed between town polygons
PLAN_SCOPE_KM2 = 945.0  # 001 line 18


@dataclass
class Report:
    """Problems found (empty when all checks pass) and the figures a reviewer wants to see."""

    problems: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def citation_problems(atlas: Atlas, seeds: SeedLibrary) -> tuple[list[str], int]:
    """Every source whose document, line range or quote does not check out; and the number checked."""
    problems, checked = [], 0
    for fid, feature in atlas.every_feature.items():
        for source in feature.all_sources():
            checked += 1
            where = f"{feature.file}: feature {fid!r}: {source.doc} lines {list(source.lines)}"
            if source.doc not in atlas.documents.documents:
                problems.append(f"{where}: unknown seed document")
                continue
            try:
                found = seeds.quote_in_lines(source.doc, *source.lines, source.quote)
            except DocumentMissingError as exc:
                problems.append(f"{where}: {exc}")
                continue
            if not found:
                elsewhere = seeds.locate(source.doc, source.quote)
                hint = (
                    f" (found at lines {[[loc.first, loc.last] for loc in elsewhere]})"
                    if elsewhere
                    else " (not in the document)"
                )
                problems.append(f"{where}: quote not found in the cited lines{hint}: {source.quote[:40]}…")
    return problems, checked


def city_source_problems(atlas: Atlas) -> list[str]:
    """The city's plans are context: cited only as 市级规划呼应 (city_echoes) or caveats, not as district facts."""
    city_docs = {doc for doc, spec in atlas.documents.documents.items() if spec.level == "city"}
    problems = []
    for fid, feature in atlas.every_feature.items():
        cited = [("sources", feature.sources), *(("targets", t.sources) for t in feature.targets)]
        cited += [
            (kind, fact.sources) for kind in FACT_KINDS if kind != CITY_FACT_KIND for fact in getattr(feature, kind)
        ]
        problems += [
            f"{feature.file}: feature {fid!r}: {kind} cites the city's {source.doc} (use city_echoes)"
            for kind, sources in cited
            for source in sources
            if source.doc in city_docs
        ]
        problems += [
            f"{feature.file}: feature {fid!r}: a city echo cites the district's {source.doc}"
            for fact in feature.city_echoes
            for source in fact.sources
            if source.doc not in city_docs
        ]
    return problems


def unit_problems(atlas: Atlas) -> list[str]:
    """Every target unit an English reader would get untranslated ('150 亿元' on an English sheet)."""
    return [
        f"{feature.file}: feature {fid!r}: target {target.indicator.zh!r} has unit {target.unit!r}, which has "
        f"no English form (known: {' '.join(UNITS)}; add it to UNITS in gisapp/i18n.py)"
        for fid, feature in atlas.every_feature.items()
        for target in feature.targets
        if not known_unit(target.unit)
    ]


def outside_district_problems(atlas: Atlas) -> list[str]:
    """Shapes outside the district (100 m tolerance).

    Missing, empty, invalid and mistyped shapes never get this far: loading refuses them (layer_checks).
    """
    district = to_metric(atlas.geometry("district")).buffer(INSIDE_TOLERANCE_M)
    return [
        f"{spec.id}.geojson: feature {fid!r}: lies outside the district boundary"
        for spec in atlas.layers
        for fid, geom in atlas.frame(spec.id).geometry.items()
        if not to_metric(geom).within(district)
    ]


def tiling_problems(atlas: Atlas) -> list[str]:
    """The towns must tile the plan scope: no overlaps, no gaps."""
    towns = atlas.frame("towns").geometry
    problems = []
    for i, (a_id, a) in enumerate(towns.items()):
        for b_id, b in list(towns.items())[i + 1 :]:
            if a.intersects(b):
                overlap = area_km2(a.intersection(b))
                if overlap > OVERLAP_TOLERANCE_KM2:
                    problems.append(f"towns.geojson: {a_id!r} and {b_id!r} overlap by {overlap:.3f} km²")
    scope = atlas.geometry("plan_scope")
    gap = area_km2(scope.symmetric_difference(unary_union(list(towns))))
    if gap > OVERLAP_TOLERANCE_KM2:
        problems.append(f"towns.geojson: towns differ from the plan scope by {gap:.3f} km²")
    return problems


def town_membership_problems(atlas: Atlas) -> list[str]:
    """Each feature lies in (polygons, points) or passes through (lines) the towns its text names."""
    problems = []
    for fid, feature in atlas.features.items():
        if not feature.towns or feature.layer == "towns":
            continue
        geom = atlas.geometry(fid)
        town_geoms = {town: atlas.geometry(town) for town in feature.towns}
        where = f"{feature.file}: feature {fid!r}"
        if geom.geom_type in ("LineString", "MultiLineString"):
            problems += [
                f"{where}: line does not reach town {town!r}"
                for town, tg in town_geoms.items()
                if not geom.intersects(tg)
            ]
            continue
        outside = to_metric(geom).difference(to_metric(unary_union(list(town_geoms.values()))).buffer(1.0))
        if not outside.is_empty and (geom.geom_type == "Point" or outside.area / 1e6 > OVERLAP_TOLERANCE_KM2):
            problems.append(f"{where}: not inside its towns {list(feature.towns)}")
        problems += [
            f"{where}: does not touch town {town!r}" for town, tg in town_geoms.items() if not geom.intersects(tg)
        ]
    return problems


def count_problems(atlas: Atlas) -> list[str]:
    return [
        f"{spec.id}.geojson: {len(atlas.frame(spec.id))} features, catalogue expects {spec.expected_count}"
        for spec in atlas.layers
        if spec.expected_count is not None and len(atlas.frame(spec.id)) != spec.expected_count
    ]


def summarise(atlas: Atlas) -> dict:
    """Counts per layer and kind, plan-scope areas, caveat and citation totals."""
    towns = atlas.frame("towns")
    town_areas = {fid: area_km2(geom) for fid, geom in towns.geometry.items()}
    fourteen = sum(area for fid, area in town_areas.items() if atlas.features[fid].kind != "development_zone")
    kinds = Counter((feature.layer, feature.kind) for feature in atlas.every_feature.values())
    return {
        "layers": {spec.id: len(atlas.frame(spec.id)) for spec in atlas.layers},
        "kinds": {f"{layer}/{kind}": count for (layer, kind), count in sorted(kinds.items())},
        "area_km2": {
            "measured_in": METRIC_CRS,
            "district": round(area_km2(atlas.geometry("district")), 1),
            "fourteen_towns": round(fourteen, 1),
            "plan_scope": round(sum(town_areas.values()), 1),
            "plan_scope_stated": PLAN_SCOPE_KM2,
        },
        "not_located": len(atlas.unlocated),
        "caveats": sum(len(feature.caveats) for feature in atlas.every_feature.values()),
        "citations": sum(len(feature.all_sources()) for feature in atlas.every_feature.values()),
    }


def validate_atlas(atlas: Atlas, seeds_folder: Path) -> Report:
    """Run every check; problems name the file and feature."""
    report = Report()
    if not seeds_folder.is_dir():
        report.problems.append(f"seeds folder not found: {seeds_folder} (set GISAPP_SEEDS)")
    else:
        cited, checked = citation_problems(atlas, SeedLibrary(seeds_folder))
        report.problems += cited
        report.summary["citations_checked"] = checked
    report.problems += city_source_problems(atlas)
    report.problems += unit_problems(atlas)
    report.problems += outside_district_problems(atlas)
    report.problems += tiling_problems(atlas)
    report.problems += town_membership_problems(atlas)
    report.problems += count_problems(atlas)
    report.summary.update(summarise(atlas))
    return report
