"""Match imported features to atlas features by name or code: 郑家 ↔ 郑家镇, 梁水镇镇 ↔ 梁水镇, 371502110 ↔ 郑家镇."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from gisapp.atlas.records import PlanFeature
from gisapp.i18n import Text

# Unit suffixes an official list or a plan may add or leave out; longest first so 街道办事处 goes before 街道.
SUFFIXES = ("街道办事处", "经济开发区", "办事处", "开发区", "街道", "镇", "乡")
VARIANTS = str.maketrans({"阎": "闫"})  # spellings of one place name found in official lists and the plans
_SPACES = re.compile(r"[\s\u3000]+")
NO_SUCH_NAME = Text(zh="图集中没有此名称或代码的要素", en="no atlas feature has this name or code")
_CODE = re.compile(r"^\d{9}(\d{3})?$")  # a township code, alone or with the 3-digit village-level tail


def name_keys(value: object) -> set[str]:
    """The forms under which a name or code is compared: as written, without a unit suffix, codes to 9 digits."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return set()
    text = _SPACES.sub("", str(value)).translate(VARIANTS).lower()
    if not text:
        return set()
    if text.endswith(".0") and text[:-2].isdigit():  # a code read as a number
        text = text[:-2]
    if _CODE.match(text):
        return {text[:9]}
    keys = {text}
    for suffix in SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            keys.add(text[: -len(suffix)])
            break
    return keys


def feature_keys(feature: PlanFeature) -> set[str]:
    """Every name the atlas knows a feature by: the plan's zh and en names, the official name and code."""
    keys = name_keys(feature.name.zh) | name_keys(feature.name.en)
    if feature.official is not None:
        keys |= name_keys(feature.official.name) | name_keys(feature.official.code)
    return keys


@dataclass(frozen=True)
class NameMatch:
    """What one imported value matched: an atlas feature id, or why nothing was matched."""

    value: str
    feature_id: str | None
    reason: Text | None = None  # for no match: NO_SUCH_NAME / "ambiguous: a, b"


def match_values(values: Iterable[object], features: Mapping[str, PlanFeature]) -> list[NameMatch]:
    """Match each imported value to at most one feature of `features`; ambiguous names match nothing."""
    index: dict[str, set[str]] = {}
    for fid, feature in features.items():
        for key in feature_keys(feature):
            index.setdefault(key, set()).add(fid)
    matches = []
    for value in values:
        found = set().union(*(index.get(key, set()) for key in name_keys(value))) if name_keys(value) else set()
        shown = "" if value is None else str(value)
        if len(found) == 1:
            matches.append(NameMatch(shown, found.pop()))
        elif found:
            matches.append(NameMatch(shown, None, Text(zh=f"有歧义：可对应 {'、'.join(sorted(found))}",
                                                       en=f"ambiguous: {', '.join(sorted(found))}")))  # fmt: skip
        else:
            matches.append(NameMatch(shown, None, NO_SUCH_NAME))
    return matches


def best_match_field(frame: gpd.GeoDataFrame, features: Mapping[str, PlanFeature]) -> str | None:
    """The attribute column whose values match the most distinct atlas features (None if none matches any)."""
    best, best_count = None, 0
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        matched = {m.feature_id for m in match_values(frame[column].tolist(), features) if m.feature_id}
        if len(matched) > best_count:
            best, best_count = column, len(matched)
    return best
