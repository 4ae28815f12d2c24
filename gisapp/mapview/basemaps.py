"""The basemaps a user can pick (`layers/basemaps.yaml`), with the datum their tiles are in."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

import xyzservices.providers as xyz
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from xyzservices import TileProvider

from gisapp.atlas.files import read_yaml
from gisapp.atlas.records import PlainId, error_details
from gisapp.config import BASEMAPS_FILE
from gisapp.errors import AtlasError
from gisapp.i18n import Text

Datum = Literal["wgs84", "gcj02"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TileSpec(_Strict):
    """One tile layer: an xyzservices provider name, an https URL template, or a provider with a new URL."""

    provider: str | None = None
    url: str | None = Field(default=None, pattern=r"^https://[^\s\"'<>]+$")
    attribution: str | None = None  # plain text; escaped before it reaches the page
    subdomains: str | None = Field(default=None, pattern=r"^[0-9a-z]*$")
    max_zoom: int | None = Field(default=None, ge=1, le=22)


class BasemapSpec(_Strict):
    id: PlainId
    title: Text
    datum: Datum = "wgs84"
    requires_key: Literal["tianditu"] | None = None
    tiles: tuple[TileSpec, ...] = ()


class BasemapsFile(_Strict):
    basemaps: tuple[BasemapSpec, ...]


@dataclass(frozen=True)
class Basemap:
    """A tile source; `datum` says which coordinates its tiles are drawn in (GCJ-02 needs shifted vectors)."""

    id: str
    title: Text
    tiles: tuple[TileProvider, ...]  # drawn bottom to top (e.g. 天地图 vector + labels)
    datum: Datum = "wgs84"

    @property
    def has_tiles(self) -> bool:
        return bool(self.tiles)

    @property
    def needs_key(self) -> bool:
        """Its tile URLs carry an access key (天地图), which must not travel in exported files by default."""
        return any("tk" in tiles for tiles in self.tiles)

    def without_key(self) -> Basemap:
        """The same basemap with the key left out of its tile URLs (tiles then need a key added by the reader)."""
        return replace(self, tiles=tuple(TileProvider({**tiles, "tk": ""}) for tiles in self.tiles))


def _provider(spec: TileSpec, key: str | None) -> TileProvider:
    fields: dict = dict(xyz.query_name(spec.provider)) if spec.provider else {"name": "custom"}
    if spec.url:
        fields["url"] = spec.url
    if spec.attribution:
        fields["attribution"] = spec.attribution
        fields["html_attribution"] = html.escape(spec.attribution)
    if spec.subdomains:
        fields["subdomains"] = spec.subdomains
    if spec.max_zoom:
        fields["max_zoom"] = spec.max_zoom
    if key is not None:
        fields["tk"] = key
    if "url" not in fields or "attribution" not in fields:
        raise AtlasError([f"{BASEMAPS_FILE}: a tile layer needs a provider or a url and an attribution"])
    return TileProvider(fields)


@cache
def _basemap_specs(path: Path) -> tuple[BasemapSpec, ...]:
    try:
        return BasemapsFile.model_validate(read_yaml(path)).basemaps
    except ValidationError as exc:
        raise AtlasError([f"{path}: {error_details(exc)}"]) from exc


def available_basemaps(tianditu: str | None = None, path: Path = BASEMAPS_FILE) -> dict[str, Basemap]:
    """Basemaps in menu order; those that need a key only when it is configured."""
    keys = {"tianditu": tianditu}
    basemaps = {}
    for spec in _basemap_specs(Path(path)):
        key = keys.get(spec.requires_key) if spec.requires_key else None
        if spec.requires_key and not key:
            continue
        tiles = tuple(_provider(tile, key) for tile in spec.tiles)
        basemaps[spec.id] = Basemap(spec.id, spec.title, tiles, spec.datum)
    return basemaps
