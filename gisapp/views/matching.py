"""Industry → zones: "where would my factory fit?" — zones whose plans name an industry, with the quote."""

from __future__ import annotations

from dataclasses import dataclass

from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import PlanFeature, Source
from gisapp.i18n import Text
from gisapp.views.profile import linked_projects
from gisapp.views.search import FIELD_WEIGHTS, search
from gisapp.views.search_index import FACT_FIELDS

# What a promoter can be pointed to: zones, parks, towns and the corridors the plans assign industries to.
ZONE_KINDS = (
    "industrial_cluster", "agri_zone", "park", "development_zone", "town", "subdistrict", "service_core",
    "axis", "service_belt",
)  # fmt: skip
# The industries a promoter is asked about most, as chips: searched in Chinese (the plans' words), shown in the UI's.
SUGGESTED_INDUSTRIES = {
    "轴承": Text(zh="轴承", en="Bearings"),
    "新能源汽车": Text(zh="新能源汽车", en="New-energy vehicles"),
    "高精管材": Text(zh="高精管材", en="Precision tubes"),
    "智能制造": Text(zh="智能制造", en="Intelligent manufacturing"),
    "葡萄": Text(zh="葡萄", en="Grapes"),
    "中药材": Text(zh="中药材", en="Medicinal herbs"),
    "蔬菜": Text(zh="蔬菜", en="Vegetables"),
    "冷链物流": Text(zh="冷链物流", en="Cold-chain logistics"),
    "葫芦": Text(zh="葫芦", en="Gourds"),
    "芳香": Text(zh="芳香", en="Aromatic plants"),
}


@dataclass(frozen=True)
class Match:
    """A zone that plans the industry: the matched text and the quote that says so."""

    feature_id: str
    score: float
    matched_text: str  # the plan's words that matched, as the knowledge base holds them (Chinese)
    field: str
    source: Source
    suggestion: str | None = None  # the corrected industry when the typed one matched nothing ("did you mean")
    matched: Text | None = None  # the matched fact in both languages, where it is a fact with a translation


def match_industry(atlas: Atlas, industry: str, limit: int = 10) -> list[Match]:
    """Zones ranked by how strongly their plans name `industry`; empty when no plan names it."""
    matches = []
    for hit in search(atlas, industry, limit=len(atlas.every_feature)):
        feature = atlas.features.get(hit.feature_id)  # projects the plans do not locate are no zone to offer
        if feature is None or feature.kind not in ZONE_KINDS:
            continue
        field, text = max(hit.matches, key=lambda match: FIELD_WEIGHTS[match[0]])  # the most telling match
        source = _source_of(atlas, feature, field, text)
        matches.append(Match(hit.feature_id, hit.score, text, field, source, hit.suggestion,
                             _translated(atlas, feature, field, text)))  # fmt: skip
    return matches[:limit]


def _translated(atlas: Atlas, feature: PlanFeature, field: str, text: str) -> Text | None:
    """The matched text in both languages: the fact, linked project or name it was found in."""
    candidates = [*getattr(feature, field, ())] if field in FACT_FIELDS else []
    candidates += [project.name for project in linked_projects(atlas, feature.id)] + [feature.name]
    return next((item for item in candidates if text in (item.zh, item.en)), None)


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
