"""A zone outline drawn over a georeferenced plan figure, checked and kept as a version (still schematic)."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gisapp.atlas.geo import area_km2
from gisapp.atlas.loading import Atlas
from gisapp.errors import IngestError
from gisapp.ingest.figure import Figure, Fit
from gisapp.ingest.prepare import conform
from gisapp.store.records import Change, Provenance, Shape, Version
from gisapp.store.sql import SqlStore

TRACE_METHOD = "traced-figure"
MAX_OUTSIDE_SHARE = 0.2  # a traced zone may overrun the schematic district outline a little, not by a fifth


@dataclass(frozen=True)
class Traced:
    """A drawn outline made ready for one feature: the shape, whether it was repaired, and what it replaces."""

    feature_id: str
    layer: str
    geometry: BaseGeometry
    repaired: bool
    area_before_km2: float
    area_after_km2: float


def prepare_trace(atlas: Atlas, feature_id: str, drawn: dict) -> Traced:
    """Check a drawn GeoJSON geometry (WGS-84) for a polygon feature; IngestError says what is wrong."""
    feature = atlas.features.get(feature_id)
    if feature is None:
        raise IngestError(f"unknown feature {feature_id!r}", zh=f"未知要素 {feature_id!r}")
    spec = next(s for s in atlas.layers if s.id == feature.layer)
    if spec.role != "plan" or spec.geometry_type != "polygon":
        raise IngestError(f"{feature_id}: only polygon features of plan layers can be traced",
                          zh=f"{feature_id}：只能描绘规划图层中的面要素")  # fmt: skip
    try:
        geom = shape(drawn)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IngestError(f"the drawn shape is not a GeoJSON geometry ({exc.__class__.__name__})",
                          zh=f"描绘的形状不是 GeoJSON 几何（{exc.__class__.__name__}）") from exc  # fmt: skip
    conformed, repaired = conform(geom, "polygon")
    if conformed is None or conformed.area == 0:
        raise IngestError("draw a closed outline (a polygon with at least three corners)",
                          zh="请画出闭合的范围（至少有三个角点的多边形）")  # fmt: skip
    district = atlas.geometry("district")
    outside = conformed.difference(district).area / conformed.area
    if outside > MAX_OUTSIDE_SHARE:
        raise IngestError(f"{outside:.0%} of the drawn outline lies outside the district: check the figure's fit",
                          zh=f"描绘的范围有 {outside:.0%} 落在区外：请检查附图的拟合")  # fmt: skip
    return Traced(feature_id, feature.layer, conformed, repaired, round(area_km2(atlas.geometry(feature_id)), 2),
                  round(area_km2(conformed), 2))  # fmt: skip


def apply_trace(traced: Traced, figure: Figure, fit: Fit, store: SqlStore, author: str, note: str) -> Version:
    """Record the traced outline as one version: figure, page, fit, control points and residuals kept with it."""
    if not author.strip():
        raise IngestError("say who is tracing (author name): every version records it",
                          zh="请填写描图人姓名：每个版本都记录由谁完成")  # fmt: skip
    details = {"figure": figure.name, "page": figure.page, **fit.summary(), "repaired": traced.repaired, "note": note}
    shapes = {traced.feature_id: Shape(traced.geometry, Provenance(TRACE_METHOD, details))}
    source = {"figure": figure.name, "page": figure.page, "fit": fit.method, "rms_m": round(fit.rms_m, 1)}
    return store.record(Change(traced.layer, "trace", author.strip(), note, shapes, source))
