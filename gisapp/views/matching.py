"""Industry → zones: "where would my factory fit?" — zones whose plans name an industry, with the quote."""

from __future__ import annotations

from dataclasses import dataclass

from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import PlanFeature, Source
from gisapp.views.profile import linked_projects
from gisapp.views.search import FIELD_WEIGHTS, search
from gisapp.views.search_index import FACT_FIELDS

# What a promoter can be pointed to: zones, parks, towns and the corridors the plans assign industries to.
ZONE_KINDS = (
    "industrial_cluster", "agri_zone", "park", "development_zone", "town", "subdistrict", "service_core",
    "axis", "service_belt",
)  # fmt: skip
SUGGESTED_INDUSTRIES = (
    "轴承",
    "新能源汽车",
    "高精管材",
    "智能制造",
    "葡萄",
    "中药材",
    "蔬菜",
    "冷链物流",
    "葫芦",
    "芳香",
)


@dataclass(frozen=True)
class Match:
    """A zone that plans the industry: the matched text and the quote that says so."""

    feature_id: str
    score: float
    matched_text: str
    field: str
    source: Source
    suggestion: str | None = None  # the corrected industry when the typed one matched nothing ("did you mean")


def match_industry(atlas: Atlas, industry: str, limit: int = 10) -> list[Match]:
    """Zones ranked by how strongly their plans name `industry`; empty when no plan names it."""
    matches = []
    for hit in search(atlas, industry, limit=100):
        feature = atlas.features[hit.feature_id]
        if feature.kind not in ZONE_KINDS:
            continue
        field, text = max(hit.matches, key=lambda match: FIELD_WEIGHTS[match[0]])  # the most telling match
        source = _source_of(atlas, feature, field, text)
        matches.append(Match(hit.feature_id, hit.score, text, field, source, hit.suggestion))
    return matches[:limit]


def _source_of(atlas: Atlas, feature: PlanFeature, field: str, text: str) -> Source:
    if field not in FACT_FIELDS:  # name, official name or code, position: the feature's own citation
        return feature.sources[0]
    for fact in getattr(feature, field):
        if text in (fact.zh, fact.en):
            return fact.sources[0]
    for project in linked_projects(atlas, feature.id) if field == "projects" else ():
        if text in (project.name.zh, project.name.en):
            return project.sources[0]  # the zone is named by a project of its own
    return feature.sources[0]
