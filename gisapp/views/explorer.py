"""The map explorer's state — layers, selection, basemap, language — and its URL form. Pure logic."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from gisapp.atlas.loading import Atlas
from gisapp.errors import GisappError
from gisapp.i18n import LANGS, t

DEFAULT_BASEMAP = "osm"


@dataclass(frozen=True)
class ViewState:
    """What a shared link reproduces."""

    layers: tuple[str, ...]
    selected: str | None
    basemap: str
    lang: str


def default_layers(atlas: Atlas) -> tuple[str, ...]:
    return tuple(spec.id for spec in atlas.layers if spec.visible)


def _first(value) -> str | None:
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def state_from_query(params: Mapping, atlas: Atlas, basemap_ids: tuple[str, ...]) -> ViewState:
    """Read `?layers=a,b&sel=id&base=osm&lang=en`; unknown values fall back to defaults."""
    layer_ids = {spec.id for spec in atlas.layers}
    raw_layers = _first(params.get("layers"))
    if raw_layers is None:
        layers = default_layers(atlas)
    else:
        wanted = {item for item in raw_layers.split(",") if item in layer_ids}
        layers = tuple(spec.id for spec in atlas.layers if spec.id in wanted)
    selected = _first(params.get("sel"))
    if selected not in atlas.every_feature:  # a project the plans do not locate: its panel, no place on the map
        selected = None
    elif selected in atlas.features and atlas.layer_of[selected] not in layers:  # a link shows its feature's layer
        shown = {*layers, atlas.layer_of[selected]}
        layers = tuple(spec.id for spec in atlas.layers if spec.id in shown)
    basemap = _first(params.get("base"))
    lang = _first(params.get("lang"))
    return ViewState(
        layers=layers,
        selected=selected,
        basemap=basemap
        if basemap in basemap_ids
        else (DEFAULT_BASEMAP if DEFAULT_BASEMAP in basemap_ids else basemap_ids[0]),
        lang=lang if lang in LANGS else LANGS[0],
    )


def state_to_query(state: ViewState) -> dict[str, str]:
    """The URL query parameters of a view."""
    query = {"layers": ",".join(state.layers), "base": state.basemap, "lang": state.lang}
    if state.selected:
        query["sel"] = state.selected
    return query


def zone_link(atlas: Atlas, base_url: str, feature_id: str, lang: str) -> str:
    """The live atlas view of one feature: the map with it selected (its layer on), in `lang`; a short link.

    `base_url` is the atlas's public address (configuration, so untrusted): only an http(s) address is used.
    """
    base = base_url.strip()
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(char.isspace() for char in base):
        raise GisappError(f"the atlas address {base_url!r} is not a web address (expected http(s)://host/…)")
    if feature_id not in atlas.features:
        raise GisappError(f"unknown feature id {feature_id!r}")
    query = urlencode({"sel": feature_id, "lang": lang if lang in LANGS else LANGS[0]})
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", query, ""))


def attribute_table(atlas: Atlas, layer_ids: tuple[str, ...], lang: str, text_filter: str = "") -> pd.DataFrame:
    """One row per plan feature of the visible layers; `text_filter` keeps rows containing it anywhere."""
    rows = []
    for spec in atlas.layers:
        if spec.id not in layer_ids:
            continue
        frame = atlas.frame(spec.id)
        for fid in frame.index:
            feature = atlas.features.get(fid)
            if feature is None:
                continue
            schematic = bool(frame.loc[fid, "schematic"])
            rows.append(
                {
                    "id": fid,
                    "name": feature.name.named(lang),
                    "layer": spec.title.get(lang),
                    "towns": t("list_sep", lang).join(atlas.features[town].name.get(lang) for town in feature.towns),
                    "industries": t("item_sep", lang).join(fact.get(lang) for fact in feature.industries),
                    # a schematic shape's area is the atlas's drawing, not a fact: only surveyed outlines have one
                    "area_km2": None if schematic or "area_km2" not in frame.columns else frame.loc[fid, "area_km2"],
                    "schematic": schematic,
                }
            )
    table = pd.DataFrame(rows, columns=["id", "name", "layer", "towns", "industries", "area_km2", "schematic"])
    needle = text_filter.strip().casefold()
    if needle:
        text = table[["name", "layer", "towns", "industries"]].astype(str).agg(" ".join, axis=1).str.casefold()
        table = table[text.str.contains(needle, regex=False)]
    return table.reset_index(drop=True)


def bounds_to_extent(bounds: dict | None, datum: str = "wgs84") -> str | None:
    """Leaflet's `{_southWest: {lat, lng}, _northEast: {...}}` as 'minlon,minlat,maxlon,maxlat' in WGS-84.

    On GCJ-02 (Gaode) tiles the map's coordinates are shifted; the shift is undone (to ~1 m).
    """
    try:
        south_west, north_east = bounds["_southWest"], bounds["_northEast"]
        corners = [(south_west["lng"], south_west["lat"]), (north_east["lng"], north_east["lat"])]
    except (KeyError, TypeError):
        return None
    if datum == "gcj02":
        from coordTransform import gcj02_to_wgs84

        corners = [tuple(gcj02_to_wgs84(lon, lat)) for lon, lat in corners]
    (min_x, min_y), (max_x, max_y) = corners
    if not (min_x < max_x and min_y < max_y):
        return None
    return f"{min_x:.6f},{min_y:.6f},{max_x:.6f},{max_y:.6f}"
