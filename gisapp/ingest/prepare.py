"""An import, prepared and checked before anything is written: what matched, what changes, in which CRS.

`prepare_import` reads the file, matches its features to the atlas by name or code, decides the CRS and
repairs what it can, reporting every step; `apply_import` records the result as one store version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry import MultiLineString, MultiPoint, MultiPolygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gisapp.atlas.geo import area_km2, to_metric
from gisapp.atlas.loading import Atlas
from gisapp.errors import IngestError
from gisapp.ingest.crs import CrsDecision, decide_crs, to_wgs84
from gisapp.ingest.names import NameMatch, best_match_field, match_values
from gisapp.ingest.read import SourceData, read_source
from gisapp.store.records import Change, Provenance, Shape, Version
from gisapp.store.sql import SqlStore

IMPORT_METHOD = "official-import"
FORMAT_DECLARES_WGS84 = ("GeoJSON", "KML", "KMZ")  # these formats are lon/lat by definition, whatever the data is
PARTS = {  # the layer's geometry type -> the shapely part types it accepts, and how parts are put together
    "polygon": (("Polygon",), MultiPolygon),
    "line": (("LineString",), MultiLineString),
    "point": (("Point",), MultiPoint),
}


@dataclass
class MatchedFeature:
    """One atlas feature the import would replace, and how much it would change."""

    feature_id: str
    name: str
    values: list[str]
    rows: list[int]
    area_before_km2: float | None
    area_after_km2: float | None
    centroid_shift_m: float
    repaired: bool

    def as_dict(self) -> dict:
        return {
            "feature_id": self.feature_id, "name": self.name, "imported_values": self.values, "rows": self.rows,
            "area_before_km2": self.area_before_km2, "area_after_km2": self.area_after_km2,
            "centroid_shift_m": round(self.centroid_shift_m, 1), "repaired": self.repaired,
        }  # fmt: skip


@dataclass
class ImportPlan:
    """Everything an import would do, for a person to read before accepting it."""

    layer: str
    source: SourceData
    crs: CrsDecision
    match_field: str | None
    matched: list[MatchedFeature] = field(default_factory=list)
    unmatched_imported: list[dict] = field(default_factory=list)
    unmatched_atlas: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shapes: dict[str, BaseGeometry] = field(default_factory=dict)  # WGS-84, by atlas feature id

    @property
    def problems(self) -> list[str]:
        """Why this import cannot be applied as it is (empty when it can)."""
        problems = []
        if not self.crs.ok:
            problems.append(f"coordinate system: {self.crs.message}")
        if self.match_field is None:
            problems.append("no attribute of the file matches the atlas's names or codes; choose --match-field")
        elif not self.shapes:
            problems.append("no feature of the file matched an atlas feature with a usable shape")
        return problems

    @property
    def ready(self) -> bool:
        return not self.problems

    def report(self) -> dict:
        """The dry-run report (JSON-ready): CRS and candidates, matches, changes, repairs, what is left out."""
        return {
            "file": self.source.file, "format": self.source.format, "source_layer": self.source.layer,
            "source_layers": self.source.layers, "encoding": self.source.encoding, "notes": self.source.notes,
            "target_layer": self.layer, "features_read": len(self.source.frame), "crs": self.crs.as_dict(),
            "match_field": self.match_field, "matched": [m.as_dict() for m in self.matched],
            "unmatched_imported": self.unmatched_imported, "unmatched_atlas": self.unmatched_atlas,
            "repaired": [m.feature_id for m in self.matched if m.repaired], "skipped": self.skipped,
            "warnings": self.warnings, "ready": self.ready, "problems": self.problems,
        }  # fmt: skip


def conform(geom: BaseGeometry, geometry_type: str) -> tuple[BaseGeometry | None, bool]:
    """The shape as the layer's type, repaired if invalid; (None, …) if nothing of that type is left."""
    repaired = not geom.is_valid
    if repaired:
        geom = shapely.make_valid(geom)
    kinds, multi = PARTS[geometry_type]
    parts = [part for part in shapely.get_parts(geom) if part.geom_type in kinds and not part.is_empty]
    if geom.geom_type == "GeometryCollection" or any(p.geom_type == "GeometryCollection" for p in parts):
        parts = [p for g in parts for p in shapely.get_parts(g)]
    if not parts:
        return None, repaired
    return (parts[0] if len(parts) == 1 else multi(parts)), repaired


def _values(source: SourceData, match_field: str) -> list[str]:
    return ["" if value is None else str(value) for value in source.frame[match_field].tolist()]


def prepare_import(
    atlas: Atlas,
    path: Path,
    layer: str,
    crs: str | None = None,
    match_field: str | None = None,
    source_layer: str | None = None,
    encoding: str | None = None,
) -> ImportPlan:
    """Read `path` and work out what importing it into `layer` would change; writes nothing."""
    spec = next((s for s in atlas.layers if s.id == layer and s.role == "plan"), None)
    if spec is None:
        plan_layers = ", ".join(s.id for s in atlas.layers if s.role == "plan")
        raise IngestError(f"unknown layer {layer!r}; imports go into one of: {plan_layers}")
    source = read_source(Path(path), source_layer, encoding)
    features = {fid: f for fid, f in atlas.features.items() if f.layer == layer}
    if match_field is not None and match_field not in source.frame.columns:
        raise IngestError(
            f"{source.file}: no field {match_field!r} (fields: {', '.join(map(str, source.frame.columns))})"
        )
    field_name = match_field or best_match_field(source.frame, features)
    matches = match_values(_values(source, field_name), features) if field_name else []
    matched_ids = sorted({m.feature_id for m in matches if m.feature_id})
    reference = unary_union([atlas.geometry(fid) for fid in matched_ids]) if spec.geometry_type == "polygon" else None
    rows = [i for i, m in enumerate(matches) if m.feature_id] if matches else list(range(len(source.frame)))
    shapes_raw = source.frame.geometry.iloc[rows] if rows else source.frame.geometry
    usable = shapes_raw[shapes_raw.notna() & ~shapes_raw.is_empty]
    if usable.empty:
        raise IngestError(f"{source.file}: layer {source.layer!r} has no usable geometry")
    decision = decide_crs(usable, source.declared_crs, atlas.geometry("district"), reference if matched_ids else None,
                          crs, source.format in FORMAT_DECLARES_WGS84)  # fmt: skip
    plan = ImportPlan(layer, source, decision, field_name)
    if decision.message and decision.ok:
        plan.warnings.append(decision.message)
    _collect(plan, atlas, matches, spec.geometry_type)
    plan.unmatched_atlas = sorted(set(features) - set(plan.shapes))
    return plan


def _collect(plan: ImportPlan, atlas: Atlas, matches: list[NameMatch], geometry_type: str) -> None:
    """Fill the plan's matches, repairs and skips (only once the CRS is known)."""
    frame = plan.source.frame
    plan.unmatched_imported = [
        {"row": i, "value": m.value, "reason": m.reason} for i, m in enumerate(matches) if m.feature_id is None
    ]
    if not plan.crs.ok:
        return
    placed = to_wgs84(frame.geometry, plan.crs.chosen)
    grouped: dict[str, list[int]] = {}
    for i, match in enumerate(matches):
        if match.feature_id is not None:
            grouped.setdefault(match.feature_id, []).append(i)
    for fid, rows in sorted(grouped.items()):
        parts, repaired = [], False
        for row in rows:
            geom = placed.iloc[row]
            if geom is None or geom.is_empty:
                plan.skipped.append({"row": row, "value": matches[row].value, "reason": "empty geometry"})
                continue
            conformed, fixed = conform(geom, geometry_type)
            if conformed is None:
                plan.skipped.append({"row": row, "value": matches[row].value,
                                     "reason": f"{geom.geom_type} where the layer holds {geometry_type}s"})  # fmt: skip
                continue
            parts.append(conformed)
            repaired = repaired or fixed
        if not parts:
            continue
        new = parts[0] if len(parts) == 1 else conform(unary_union(parts), geometry_type)[0]
        if len(rows) > 1:
            plan.warnings.append(f"{fid}: {len(rows)} features of the file matched it; their shapes are merged")
        if repaired:
            plan.warnings.append(f"{fid}: invalid geometry (e.g. self-intersecting) repaired with make_valid")
        old = atlas.geometry(fid)
        polygonal = geometry_type == "polygon"
        plan.matched.append(MatchedFeature(
            fid, atlas.name(fid).zh, [matches[r].value for r in rows], rows,
            round(area_km2(old), 3) if polygonal else None, round(area_km2(new), 3) if polygonal else None,
            to_metric(old.centroid).distance(to_metric(new.centroid)), repaired,
        ))  # fmt: skip
        plan.shapes[fid] = new


def apply_import(plan: ImportPlan, store: SqlStore, author: str, note: str) -> Version:
    """Record the prepared import as one version of the store (IngestError if the plan has problems)."""
    if not plan.ready:
        raise IngestError("the import cannot be applied: " + "; ".join(plan.problems))
    if not author.strip():
        raise IngestError("say who is importing (author name): every version records it")
    common = {
        "file": plan.source.file, "format": plan.source.format, "source_layer": plan.source.layer,
        "crs": plan.crs.chosen.code, "crs_how": plan.crs.how, "match_field": plan.match_field,
    }  # fmt: skip
    values = {m.feature_id: m.values for m in plan.matched}
    shapes = {
        fid: Shape(geom, Provenance(IMPORT_METHOD, {**common, "matched_values": values[fid], "note": note}))
        for fid, geom in plan.shapes.items()
    }
    return store.record(Change(plan.layer, "import", author.strip(), note, shapes, common))
