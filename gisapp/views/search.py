"""Find plan features by name, industry, project, enterprise or specialty — ranked, with the match.

Forgiving: every word of a query must match (轴承 郑家), English words find the Chinese terms the plans
use (search_synonyms.yaml), Latin letters find place names by pinyin (zhengjia), official names and
codes find the towns (梁水镇镇, 371502105), and a query with no match is corrected to the closest
word of the knowledge base (轴成 → 轴承), its hits marked as fuzzy with the suggestion.
Ranking: a feature named exactly as the query first, then by score (a field's weight times how it
matched: exact > prefix > substring), fuzzy hits only when nothing matched as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gisapp.atlas.loading import Atlas
from gisapp.i18n import t
from gisapp.views.search_fuzzy import correct
from gisapp.views.search_index import Entry, SearchIndex, is_han, normalise, search_index, stem

# How much a match in each field says that the feature is "about" the query.
FIELD_WEIGHTS = {
    "industries": 3.0,
    "name": 2.5,
    "official": 2.5,
    "functions": 2.0,
    "specialties": 2.0,
    "projects": 1.5,
    "enterprises": 1.5,
    "landmarks": 1.0,
    "heritage": 1.0,
    "transport": 0.8,
    "support": 0.8,
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
TIERS = ("fuzzy", "substring", "prefix", "exact")  # how a hit matched, weakest first
TIER_FACTORS = (1.0, 1.0, 1.2, 1.5)  # a field matched exactly says more than one that merely contains the word
NAME_FIELDS = ("name", "official")  # a feature named exactly as the whole query comes first
LONGEST_SYNONYM = 5  # words
LONGEST_QUERY = 200  # characters read of a query: a pasted page is not a question


@dataclass(frozen=True)
class Hit:
    """A feature that matched, its score, the texts that matched (with their field), and how it matched.

    `tier` is exact / prefix / substring (the weakest over the query's words) or fuzzy, in which case
    `suggestion` is the corrected query whose hits these are ("did you mean 轴承?").
    """

    feature_id: str
    score: float
    matches: tuple[tuple[str, str], ...]
    tier: str = "substring"
    suggestion: str | None = None


@dataclass(frozen=True)
class Term:
    """One word (or synonym phrase) of a query and the needles any of which may match it."""

    word: str
    needles: tuple[str, ...]
    whole_words: bool = False  # an English synonym phrase matches whole words only ("ev" is not in "level")


@dataclass
class _TermHit:
    fields: dict[str, int]  # field -> the best tier it matched with
    matches: list[tuple[str, str]]

    @property
    def tier(self) -> int:
        return max(self.fields.values())

    @property
    def weight(self) -> float:
        return sum(FIELD_WEIGHTS[field] * TIER_FACTORS[tier] for field, tier in self.fields.items())


def parse(query: str, index: SearchIndex) -> list[Term]:
    """The query's words; a run of words that is an English synonym becomes one term with its Chinese terms."""
    words = normalise(query[:LONGEST_QUERY]).split()
    terms, start = [], 0
    while start < len(words):
        for end in range(min(len(words), start + LONGEST_SYNONYM), start, -1):
            phrase = " ".join(words[start:end])
            chinese = index.synonyms.get(stem(phrase))
            if chinese:
                terms.append(Term(phrase, (phrase, *(normalise(term) for term in chinese)), whole_words=True))
                start = end
                break
        else:
            terms.append(Term(words[start], (words[start],)))
            start += 1
    return terms


def _patterns(term: Term) -> list[tuple[str, re.Pattern | None]]:
    """Each needle with the pattern a Latin needle must match (at a word start; whole words for synonyms)."""
    patterns = []
    for needle in term.needles:
        if is_han(needle):
            patterns.append((needle, None))
        else:
            tail = r"(?:e?s)?(?: |$)" if term.whole_words else ""
            patterns.append((needle, re.compile(r"(?:^| )" + re.escape(needle) + tail)))
    return patterns


def _tier(entry: Entry, needle: str, pattern: re.Pattern | None) -> int | None:
    """How `needle` matches the entry: 3 exact, 2 prefix, 1 substring, None not at all."""
    if entry.norm == needle:
        return 3
    if entry.spelled:  # pinyin of a name: Latin letters only, from its start
        return 2 if pattern is not None and " " not in needle and entry.norm.startswith(needle) else None
    if pattern is None:
        return 2 if entry.norm.startswith(needle) else 1 if needle in entry.norm else None
    found = pattern.search(entry.norm)
    return None if found is None else 2 if found.start() == 0 else 1


def match_term(term: Term, index: SearchIndex) -> dict[str, _TermHit]:
    """Features any of whose texts match the term, with the best tier and the matched texts."""
    patterns = _patterns(term)
    hits: dict[str, _TermHit] = {}
    for fid, entries in index.entries.items():
        if not any(needle in index.blobs[fid] for needle in term.needles):
            continue
        for entry in entries:
            tiers = [tier for needle, pattern in patterns if (tier := _tier(entry, needle, pattern)) is not None]
            if not tiers:
                continue
            hit = hits.setdefault(fid, _TermHit({}, []))
            hit.fields[entry.field] = max(hit.fields.get(entry.field, 0), *tiers)
            if (entry.field, entry.text) not in hit.matches:
                hit.matches.append((entry.field, entry.text))
    return hits


def _split_compound(term: Term, index: SearchIndex) -> list[Term] | None:
    """A Chinese word with no match read as two that each match (轴承郑家 → 轴承 郑家), or None."""
    if not is_han(term.word) or len(term.word) < 4:
        return None
    for cut in range(2, len(term.word) - 1):
        parts = [Term(term.word[:cut], (term.word[:cut],)), Term(term.word[cut:], (term.word[cut:],))]
        if all(match_term(part, index) for part in parts):
            return parts
    return None


def _named(index: SearchIndex, fid: str, phrase: str) -> bool:
    """Whether the feature's name, English name or official name or code is the whole query."""
    return any(entry.field in NAME_FIELDS and entry.norm == phrase for entry in index.entries[fid])


def _rank(
    atlas: Atlas, index: SearchIndex, per_term: list[dict[str, _TermHit]], phrase: str, fuzzy_as: str | None
) -> list[Hit]:
    """Features every term matched: one named exactly as the whole query first, then by score."""
    common = set.intersection(*(set(hits) for hits in per_term)) if per_term else set()
    order = {spec.id: spec.order for spec in atlas.layers}
    hits = []
    for fid in common:
        term_hits = [hits_of_term[fid] for hits_of_term in per_term]
        score = round(sum(hit.weight for hit in term_hits) * KIND_WEIGHTS.get(atlas.every_feature[fid].kind, 0.7), 3)
        named = _named(index, fid, phrase)
        tier = "fuzzy" if fuzzy_as is not None else "exact" if named else TIERS[min(hit.tier for hit in term_hits)]
        matches = tuple(dict.fromkeys(match for hit in term_hits for match in hit.matches))
        hits.append((not named, Hit(fid, score, matches, tier, fuzzy_as)))
    hits.sort(key=lambda pair: (pair[0], -pair[1].score, order.get(atlas.every_feature[pair[1].feature_id].layer, 0),
                                pair[1].feature_id))  # fmt: skip
    return [hit for _, hit in hits]


def _search_terms(atlas: Atlas, query: str, index: SearchIndex, fuzzy_as: str | None = None):
    """Hits of features matching every term, and the terms nothing matched."""
    per_term, unmatched = [], []
    for term in parse(query, index):
        hits = match_term(term, index)
        parts = None if hits else _split_compound(term, index)
        if parts:
            per_term += [match_term(part, index) for part in parts]
        elif hits:
            per_term.append(hits)
        else:
            unmatched.append(term)
    phrase = normalise(query[:LONGEST_QUERY])
    return ([] if unmatched else _rank(atlas, index, per_term, phrase, fuzzy_as)), unmatched


def search(atlas: Atlas, query: str, limit: int = 20) -> list[Hit]:
    """Features matching every word of `query`, best first; corrected (fuzzy) hits when a word matches nothing."""
    index = search_index(atlas)
    terms = parse(query, index)
    if not terms:
        return []
    hits, unmatched = _search_terms(atlas, query, index)
    if not unmatched:
        return hits[:limit]
    corrections = {term.word: correct(term.word, index) for term in unmatched}
    if None in corrections.values():
        return []
    suggestion = " ".join(corrections.get(term.word, term.word) for term in terms)
    hits, unmatched = _search_terms(atlas, suggestion, index, fuzzy_as=suggestion)
    return [] if unmatched else hits[:limit]


def hit_label(atlas: Atlas, feature_id: str, lang: str) -> str:
    """A result as listed: its name and layer, or that the plans give it no place (selecting it zooms nowhere).

    '嘉明经济开发区 · 镇街' and '嘉明经济开发区 · 四大工业集聚区' are two places with one name.
    """
    feature = atlas.every_feature[feature_id]
    where = atlas.catalog.layer(feature.layer).title.get(lang) if feature.located else t("not_located_tag", lang)
    return f"{feature.name.get(lang)} · {where}"


def did_you_mean(hits: list[Hit]) -> str | None:
    """The corrected query when the hits are a typo's correction, else None."""
    return hits[0].suggestion if hits and hits[0].tier == "fuzzy" else None
