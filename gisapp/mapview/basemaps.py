"""The basemaps a user can pick, with the datum their tiles are in (vectors follow it)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

import xyzservices.providers as xyz
from xyzservices import TileProvider

from gisapp.model import Text

TIANDITU_KEY_ENV = "TIANDITU_KEY"


@dataclass(frozen=True)
class Basemap:
    """A tile source; `datum` says which coordinates its tiles are drawn in (GCJ-02 needs shifted vectors)."""

    id: str
    title: Text
    tiles: tuple[TileProvider, ...]  # drawn bottom to top (e.g. 天地图 vector + labels)
    datum: Literal["wgs84", "gcj02"] = "wgs84"

    @property
    def has_tiles(self) -> bool:
        return bool(self.tiles)


# xyzservices' Gaode entry is plain http (blocked as mixed content on https sites): same tiles over https.
GAODE = TileProvider(
    {
        **xyz.Gaode.Normal,
        "url": "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=7&x={x}&y={y}&z={z}",
        "subdomains": "1234",
    }
)


def _tianditu(layer: str, key: str) -> TileProvider:
    return TileProvider(
        name=f"Tianditu.{layer}",
        url=(
            "https://t{s}.tianditu.gov.cn/" + layer + "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
            "&LAYER=" + layer + "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
            "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}"
        ),
        attribution="天地图 Tianditu",
        html_attribution='&copy; <a href="https://www.tianditu.gov.cn/">天地图</a>',
        subdomains="01234567",
        max_zoom=18,
        tk=key,
    )


def tianditu_key(secrets: dict | None = None) -> str | None:
    """The 天地图 key from the environment or Streamlit secrets (`tianditu_key`), if any."""
    key = os.environ.get(TIANDITU_KEY_ENV) or (secrets or {}).get("tianditu_key")
    return key.strip() if key and key.strip() else None


def available_basemaps(tianditu: str | None = None) -> dict[str, Basemap]:
    """Basemaps in menu order; 天地图 only when a key is configured."""
    basemaps = {
        "osm": Basemap("osm", Text(zh="OpenStreetMap", en="OpenStreetMap"), (xyz.OpenStreetMap.Mapnik,)),
        "light": Basemap(
            "light", Text(zh="浅色底图（Esri）", en="Light (Esri grey canvas)"), (xyz.Esri.WorldGrayCanvas,)
        ),
        "gaode": Basemap("gaode", Text(zh="高德地图（GCJ-02）", en="Gaode / AMap (GCJ-02)"), (GAODE,), "gcj02"),
        "none": Basemap("none", Text(zh="无底图", en="No basemap"), ()),
    }
    if tianditu:
        basemaps = {
            "tianditu": Basemap(
                "tianditu",
                Text(zh="天地图", en="Tianditu"),
                (_tianditu("vec", tianditu), _tianditu("cva", tianditu)),
            ),
            **basemaps,
        }
    return basemaps
