"""The area a printed map shows, in the metric CRS: the district, a feature, or a lon/lat box."""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
from shapely.geometry import box

from gisapp.atlas.geo import METRIC_CRS, to_metric
from gisapp.atlas.loading import Atlas
from gisapp.errors import ExportError

MIN_WINDOW_M = 6000  # a small feature is shown with at least this much around it


def extent_bounds(atlas: Atlas, extent: str) -> tuple[float, float, float, float]:
    """The extent ('district', a feature id, or 'minlon,minlat,maxlon,maxlat') in metres.

    The district and a feature are padded to a square with their surroundings; a lon/lat box (the web
    map's view) is kept as it is, so the print shows what the screen showed.
    """
    if extent == "district":
        geometry = atlas.geometry("district")
    elif "," in extent:
        try:
            min_x, min_y, max_x, max_y = (float(value) for value in extent.split(","))
        except ValueError as exc:
            raise ExportError(f"extent {extent!r}: expected minlon,minlat,maxlon,maxlat") from exc
        if not (-180 <= min_x < max_x <= 180 and -90 <= min_y < max_y <= 90):
            raise ExportError(f"extent {extent!r}: not a WGS-84 box (minlon,minlat,maxlon,maxlat)")
        view = box(min_x, min_y, max_x, max_y)
        if not view.intersects(atlas.geometry("district")):
            raise ExportError(f"extent {extent!r} lies outside the district: nothing of the plan to print",
                              zh=f"范围 {extent} 在区界之外，没有可出图的规划内容")  # fmt: skip
        return _at_least(to_metric(view).bounds, MIN_WINDOW_M)  # the view as seen: fit_ratio only widens it
    else:
        try:
            geometry = atlas.geometry(extent)
        except KeyError as exc:
            raise ExportError(f"unknown extent {extent!r}: use 'district', a feature id or a lon/lat box") from exc
    min_x, min_y, max_x, max_y = to_metric(geometry).bounds
    centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    context = 0.55 if extent == "district" else 0.9  # a zone is shown with its surroundings
    half = max(max_x - min_x, max_y - min_y, MIN_WINDOW_M) * context
    return centre_x - half, centre_y - half, centre_x + half, centre_y + half


def _at_least(bounds: tuple[float, float, float, float], side: float) -> tuple[float, float, float, float]:
    """`bounds` grown about its centre so that neither side is shorter than `side` metres."""
    min_x, min_y, max_x, max_y = bounds
    half_w, half_h = max(max_x - min_x, side) / 2, max(max_y - min_y, side) / 2
    centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    return centre_x - half_w, centre_y - half_h, centre_x + half_w, centre_y + half_h


def fit_ratio(bounds: tuple[float, float, float, float], ratio: float) -> tuple[float, float, float, float]:
    """Widen or heighten `bounds` about its centre to the width/height `ratio` of the map frame."""
    min_x, min_y, max_x, max_y = bounds
    width, height = max_x - min_x, max_y - min_y
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    return centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2


@lru_cache(maxsize=64)
def metric_frame(atlas: Atlas, layer_id: str) -> gpd.GeoDataFrame:
    """A layer projected to the metric CRS (cached per atlas and layer)."""
    return atlas.frame(layer_id).to_crs(METRIC_CRS)
