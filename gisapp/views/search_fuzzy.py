"""Typo correction for search: the word of the knowledge base a mistyped query word most likely meant.

Chinese typos are mostly homophones typed with a pinyin keyboard (轴成 for 轴承, 葡桃 for 葡萄), so a
Chinese word is corrected first to a run of the texts that sounds the same, then to one a character
away (words of three characters or more), then to a near homophone (zh/z, -ng/-n …); a Latin word
to a word of the texts or a place name's pinyin within one or two edits. Distances from rapidfuzz.
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from gisapp.views.search_index import HAN, SearchIndex, blur, syllables


def max_edits(length: int) -> int:
    """How many edits a word of `length` characters may be from its correction: none for very short words."""
    return 0 if length <= 2 else 1 if length <= 6 else 2


LONGEST_TYPO = 20  # characters: a longer word is not corrected (nor its windows made)


def correct(word: str, index: SearchIndex) -> str | None:
    """The knowledge base's word closest to `word` (normalised), or None when nothing is close enough."""
    if len(word) > LONGEST_TYPO:
        return None
    if HAN.fullmatch(word):
        return _correct_chinese(word, index)
    if word.isascii() and word.isalpha():
        return _correct_latin(word, index)
    return None


def _correct_chinese(word: str, index: SearchIndex) -> str | None:
    if len(word) < 2:
        return None
    spelled = tuple(syllables(word))
    heard = tuple(map(blur, spelled))
    ranked: list[tuple[tuple, str]] = []
    same_length = index.windows(len(word))
    for position, sounds in enumerate(same_length.heard):  # homophones first, then near homophones
        if sounds == heard:
            exact_sound = same_length.spellings[position] == spelled
            ranked.append(((0 if exact_sound else 2, -same_length.counts[position]), same_length.words[position]))
    edits = max_edits(len(word))
    for size in sorted({len(word) - 1, len(word), len(word) + 1} - {0, 1}) if edits else ():
        windows = index.windows(size)  # a character added, dropped or changed
        found = process.extract(word, windows.words, scorer=Levenshtein.distance, score_cutoff=edits, limit=None)
        for candidate, distance, position in found:
            likeness = Levenshtein.normalized_similarity("".join(spelled), "".join(windows.spellings[position]))
            # what the reader typed is kept: a character they dropped is likelier than one too many or a wrong one
            kept = (len(candidate) < len(word), Indel.distance(word, candidate))
            ranked.append(((1, distance, *kept, -likeness, -windows.counts[position]), candidate))
    return min(ranked)[1] if ranked else None


def _correct_latin(word: str, index: SearchIndex) -> str | None:
    edits = max_edits(len(word)) if len(word) >= 4 else 0
    if not edits:
        return None
    vocabulary = index.latin_vocabulary()
    found = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=edits, limit=None)
    ranked = [((distance, -index.latin_words[candidate], candidate), candidate) for candidate, distance, _ in found]
    return min(ranked)[1] if ranked else None
