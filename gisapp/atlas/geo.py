"""Coordinate reference systems and the few metric operations the atlas needs."""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

STORAGE_CRS = "EPSG:4326"  # WGS-84, what every layers/*.geojson is stored in (RFC 7946)
METRIC_CRS = "EPSG:4548"  # CGCS2000 / 3-degree Gauss-Kruger CM 117E (no zone prefix): areas and distances
# 东昌府区 (~115.7–116.3°E) lies in the zone of 117°E; EPSG:4549 is CM 120E and overstates areas by ~0.3 %.
# Where 东昌府区 can be, generously (lon min, lat min, lon max, lat max): data outside is in the wrong CRS.
DISTRICT_ENVELOPE = (115.3, 36.0, 116.7, 37.0)
COORD_GRID = 1e-6  # 6 decimals of a degree, about 0.1 m


@cache
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def _project(geom: BaseGeometry, source: str, target: str) -> BaseGeometry:
    transformer = _transformer(source, target)
    return shapely.transform(geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def to_metric(geom: BaseGeometry) -> BaseGeometry:
    """Project a WGS-84 geometry to the district's metric CRS."""
    return _project(geom, STORAGE_CRS, METRIC_CRS)


def to_storage(geom: BaseGeometry) -> BaseGeometry:
    """Project a metric geometry back to WGS-84."""
    return _project(geom, METRIC_CRS, STORAGE_CRS)


def area_km2(geom: BaseGeometry) -> float:
    """Area of a WGS-84 geometry in square kilometres, measured in the metric CRS."""
    return to_metric(geom).area / 1e6


def tidy(geom: BaseGeometry) -> BaseGeometry:
    """Round to 6 decimals, repair, and orient polygons counter-clockwise (RFC 7946)."""
    rounded = shapely.set_precision(geom, COORD_GRID)
    if not rounded.is_valid:
        rounded = shapely.make_valid(rounded)
    return shapely.orient_polygons(rounded)
