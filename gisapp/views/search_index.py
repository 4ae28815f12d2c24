"""The search index: every searchable text of the atlas, normalised once, with pinyin and a vocabulary for typos.

Built once per atlas (the atlas is read-only and hashed by identity) so a query only compares strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from gisapp.atlas.loading import Atlas
from gisapp.atlas.records import PlanFeature
from gisapp.views.profile import linked_projects

SYNONYMS_FILE = Path(__file__).with_name("search_synonyms.yaml")
FACT_FIELDS = (
    "industries", "functions", "specialties", "projects", "enterprises", "landmarks", "heritage",
    "transport", "support",
)  # fmt: skip
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
LATIN_WORD = re.compile(r"[a-z]{3,}")
_SEPARATORS = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Full-width to half-width, case folded, punctuation and hyphens as single spaces: what matching compares."""
    return _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def stem(phrase: str) -> str:
    """A normalised English phrase with a plural "s" dropped from each word (for synonym look-up only)."""
    return " ".join(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
                    for word in phrase.split())  # fmt: skip


def is_han(text: str) -> bool:
    return bool(HAN.search(text))


def syllables(han: str) -> list[str]:
    """Toneless pinyin, one syllable per Chinese character (pypinyin picks readings from its phrase list)."""
    return lazy_pinyin(han, errors=lambda chars: ["?"] * len(chars))


def blur(syllable: str) -> str:
    """A syllable as an input method's fuzzy pinyin hears it: zh/z, ch/c, sh/s, l/n and -ng/-n alike."""
    for retroflex in ("zh", "ch", "sh"):
        if syllable.startswith(retroflex):
            syllable = syllable[0] + syllable[2:]
    if syllable.startswith("l"):
        syllable = "n" + syllable[1:]
    return syllable[:-1] if syllable.endswith(("ang", "eng", "ing")) else syllable


@dataclass(frozen=True)
class Windows:
    """Runs of Chinese characters of one length, with their syllables, fuzzy syllables and counts."""

    words: list[str]
    spellings: list[tuple[str, ...]]
    heard: list[tuple[str, ...]]
    counts: list[int]


@dataclass(frozen=True)
class Entry:
    """One searchable text of a feature: the field it is in, the text as written, and as matching sees it."""

    feature_id: str
    field: str
    text: str
    norm: str
    spelled: tuple[str, ...] = ()  # when the norm is pinyin (of a run of the name): its syllables; only Latin
    # queries look at such an entry, by prefix


@dataclass
class SearchIndex:
    """Entries by feature, the synonyms, and the vocabulary that typo correction picks from."""

    entries: dict[str, tuple[Entry, ...]]
    synonyms: dict[str, tuple[str, ...]]  # stemmed English phrase -> Chinese terms
    han_runs: Counter[str]  # every run of Chinese characters in the texts, with how many texts hold it
    spelled_runs: dict[str, list[str]]  # each run's syllables, read in context (pypinyin picks by phrase)
    latin_words: Counter[str]  # English words and the pinyin of names, with how often they occur
    blobs: dict[str, str]  # feature id -> all its texts: a quick "can it match at all?"
    _latin: list[str] = field(default_factory=list)
    _windows: dict[int, Windows] = field(default_factory=dict)

    def latin_vocabulary(self) -> list[str]:
        """The Latin words typo correction may suggest, sorted."""
        if not self._latin:
            self._latin.extend(sorted(self.latin_words))
        return self._latin

    def windows(self, size: int) -> Windows:
        """Distinct runs of `size` Chinese characters in the texts, their syllables (read and heard), counts."""
        if size not in self._windows:
            counts: Counter[str] = Counter()
            spelled: dict[str, tuple[str, ...]] = {}
            for run, count in self.han_runs.items():
                run_syllables = self.spelled_runs[run]
                for start in range(len(run) - size + 1):
                    window = run[start : start + size]
                    counts[window] += count
                    spelled.setdefault(window, tuple(run_syllables[start : start + size]))
            words = sorted(counts)
            spellings = [spelled[word] for word in words]
            heard = [tuple(map(blur, spelling)) for spelling in spellings]
            self._windows[size] = Windows(words, spellings, heard, [counts[word] for word in words])
        return self._windows[size]


WIDE_KINDS = ("district",)  # every district-wide project links to the district: no search hit from those links


def feature_entries(feature: PlanFeature, projects: tuple[PlanFeature, ...] = ()) -> list[Entry]:
    """The texts search looks at: names, official name and code, pinyin of the name, facts, position.

    A zone is also found by the names of the projects that name it as theirs (`projects`).
    """
    texts: list[tuple[str, str]] = [("name", feature.name.zh), ("name", feature.name.en)]
    if feature.official is not None:
        texts += [("official", feature.official.name), ("official", feature.official.code)]
    if feature.position is not None:
        texts += [("position", feature.position.zh), ("position", feature.position.en)]
    texts += [(name, text) for name in FACT_FIELDS for fact in getattr(feature, name) for text in (fact.zh, fact.en)]
    texts += [("projects", text) for project in projects for text in (project.name.zh, project.name.en)]
    entries = [Entry(feature.id, name, text, normalise(text)) for name, text in dict.fromkeys(texts)]
    for name, text in dict.fromkeys((name, text) for name, text in texts if name in ("name", "official")):
        for run in HAN.findall(text):  # names in pinyin: 郑家镇 -> zhengjiazhen (matched only by Latin queries)
            spelled = tuple(syllables(run))
            entries.append(Entry(feature.id, name, text, "".join(spelled), spelled))
    return entries


def load_synonyms(path: Path = SYNONYMS_FILE) -> dict[str, tuple[str, ...]]:
    """English phrase (normalised, stemmed) -> the Chinese terms it stands for."""
    synonyms: dict[str, tuple[str, ...]] = {}
    for group in yaml.safe_load(path.read_text(encoding="utf-8")):
        for phrase in group["en"]:
            key = stem(normalise(str(phrase)))
            synonyms[key] = tuple(dict.fromkeys(synonyms.get(key, ()) + tuple(group["zh"])))
    return synonyms


@lru_cache(maxsize=4)
def search_index(atlas: Atlas) -> SearchIndex:
    """The atlas's index (cached: the atlas is read-only and hashed by identity)."""
    entries = {
        fid: tuple(feature_entries(feature, () if feature.kind in WIDE_KINDS else linked_projects(atlas, fid)))
        for fid, feature in atlas.every_feature.items()  # projects the plans do not locate are found too
    }
    synonyms = load_synonyms()
    han_runs: Counter[str] = Counter()
    latin_words: Counter[str] = Counter()
    for entry in (entry for group in entries.values() for entry in group):
        if entry.spelled:  # whole names and their leading syllables: zhengjia, zhengjiazhen
            latin_words.update("".join(entry.spelled[:count]) for count in range(2, len(entry.spelled) + 1))
            continue
        han_runs.update(HAN.findall(entry.norm))
        latin_words.update(LATIN_WORD.findall(entry.norm))
    latin_words.update(word for phrase in synonyms for word in LATIN_WORD.findall(phrase))
    spelled_runs = {run: syllables(run) for run in han_runs}
    blobs = {fid: "\n".join(entry.norm for entry in group) for fid, group in entries.items()}
    index = SearchIndex(entries, synonyms, han_runs, spelled_runs, latin_words, blobs)
    for size in range(2, 7):  # the lengths most typos have: their windows ready before the first query
        index.windows(size)
    return index
