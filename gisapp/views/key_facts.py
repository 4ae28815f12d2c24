"""The key facts of a zone, as an investor reads them first: where, how big, what for, who, what by when.

Each row is drawn from the zone's profile (so it carries the same citations) and says only what the plans
say; a row the plans give nothing for is left out, never filled with a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from gisapp.atlas.loading import Atlas
from gisapp.i18n import t
from gisapp.views.profile import Citation, Item, Profile, area_line, linked_projects

LIST_LIMIT = {"industries": 4, "specialties": 3, "enterprises": 3, "transport": 2, "support": 2, "targets": 2}


@dataclass(frozen=True)
class KeyFact:
    key: str  # the i18n key of the row's label ('kf_industries' → 主导产业 / Lead industries)
    text: str
    citations: tuple[Citation, ...] = ()


def _listed(items: tuple[Item, ...], limit: int, lang: str) -> tuple[str, tuple[Citation, ...]]:
    """'A、B、C 等 5 项' / 'A; B; C and 2 more', with the citations of the items shown."""
    shown = items[:limit]
    text = t("item_sep", lang).join(item.text for item in shown)
    if len(items) > limit:
        text += t("kf_more", lang).format(count=len(items) - limit)
    return text, tuple(citation for item in shown for citation in item.citations)


def key_facts(atlas: Atlas, profile: Profile, lang: str) -> tuple[KeyFact, ...]:
    """The key-facts rows of `profile` (built in `lang`, 'zh' or 'en'), in reading order."""
    rows: list[KeyFact] = []
    towns = t("list_sep", lang).join(profile.towns)
    position = profile.position or ""
    where = position if towns and all(town in position for town in profile.towns) else t("item_sep", lang).join(
        part for part in (position, towns) if part
    )
    if where:
        rows.append(KeyFact("kf_where", where))
    area = area_line(profile, lang)
    if area is not None:
        rows.append(KeyFact("kf_area", area.text, area.citations))
    sections = profile.sections
    if "functions" in sections:
        rows.append(KeyFact("kf_role", sections["functions"][0].text, sections["functions"][0].citations))
    industries = "industries" if "industries" in sections else "specialties" if "specialties" in sections else None
    if industries:
        rows.append(KeyFact(f"kf_{industries}", *_listed(sections[industries], LIST_LIMIT[industries], lang)))
    if "enterprises" in sections:
        rows.append(KeyFact("kf_enterprises", *_listed(sections["enterprises"], LIST_LIMIT["enterprises"], lang)))
    with_value = tuple(item for item in profile.targets if not item.text.endswith(t("no_value", lang)))
    if with_value:
        rows.append(KeyFact("kf_targets", *_listed(with_value, LIST_LIMIT["targets"], lang)))
    projects = linked_projects(atlas, profile.id)
    if projects:
        located = sum(project.located for project in projects)
        rows.append(KeyFact("kf_projects", t("kf_projects_count", lang).format(count=len(projects), located=located)))
    for kind in ("transport", "support"):
        if kind in sections:
            rows.append(KeyFact(f"kf_{kind}", *_listed(sections[kind], LIST_LIMIT[kind], lang)))
    if "city_echoes" in sections:
        count = len(sections["city_echoes"])
        rows.append(KeyFact("kf_city", t("kf_city_one" if count == 1 else "kf_city_count", lang).format(count=count)))
    return tuple(rows)
