"""Find plan features by name, industry, project, enterprise or specialty — ranked, with the match."""

from __future__ import annotations

from dataclasses import dataclass

from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import PlanFeature
from gisapp.views.profile import linked_projects

# How much a match in each field says that the feature is "about" the query.
FIELD_WEIGHTS = {
    "industries": 3.0,
    "name": 2.5,
    "functions": 2.0,
    "specialties": 2.0,
    "projects": 1.5,
    "enterprises": 1.5,
    "landmarks": 1.0,
    "heritage": 1.0,
    "position": 0.5,
}
# Planning zones answer "where is X planned" better than the towns or symbolic points inside them.
KIND_WEIGHTS = {
    "industrial_cluster": 1.3,
    "agri_zone": 1.3,
    "park": 1.0,
    "axis": 1.0,
    "service_core": 1.0,
    "service_belt": 1.0,
    "service_group": 1.0,
    "commerce_core": 1.0,
    "town": 0.9,
    "subdistrict": 0.9,
    "development_zone": 0.9,
    "service_cluster": 0.8,
    "service_town": 0.8,
    "project": 0.8,
    "landmark": 0.8,
}


@dataclass(frozen=True)
class Hit:
    """A feature that matched, its score, and the texts that matched (with the field they are in)."""

    feature_id: str
    score: float
    matches: tuple[tuple[str, str], ...]


WIDE_KINDS = ("district",)  # every district-wide project links to the district: no search hit from those links


def _texts(atlas: Atlas, feature: PlanFeature) -> dict[str, list[str]]:
    texts = {
        "name": [feature.name.zh, feature.name.en],
        "position": [feature.position.zh, feature.position.en] if feature.position else [],
    }
    for field in ("industries", "functions", "specialties", "projects", "enterprises", "landmarks", "heritage"):
        texts[field] = [text for fact in getattr(feature, field) for text in (fact.zh, fact.en)]
    if feature.kind not in WIDE_KINDS:  # a zone is found by the projects that name it as theirs
        projects = linked_projects(atlas, feature.id)
        texts["projects"] += [text for project in projects for text in (project.name.zh, project.name.en)]
    return texts


def search(atlas: Atlas, query: str, limit: int = 20) -> list[Hit]:
    """Features whose texts contain `query` (case-insensitive), best first."""
    needle = query.strip().casefold()
    if not needle:
        return []
    order = {spec.id: spec.order for spec in atlas.layers}
    hits = []
    for fid, feature in atlas.features.items():
        matches = [
            (field, text)
            for field, texts in _texts(atlas, feature).items()
            for text in dict.fromkeys(texts)
            if needle in text.casefold()
        ]
        if not matches:
            continue
        fields = {field for field, _ in matches}
        score = sum(FIELD_WEIGHTS[field] for field in fields) * KIND_WEIGHTS.get(feature.kind, 0.7)
        hits.append(Hit(fid, round(score, 3), tuple(matches)))
    hits.sort(key=lambda hit: (-hit.score, order.get(atlas.features[hit.feature_id].layer, 0), hit.feature_id))
    return hits[:limit]
