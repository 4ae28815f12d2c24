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
from gisapp.i18n import Text
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
KIND_ZH = {"Point": "点", "LineString": "线", "LinearRing": "线", "Polygon": "面", "GeometryCollection": "几何集合"}
EMPTY_GEOMETRY = Text(zh="几何形状为空", en="empty geometry")


@dataclass(frozen=True)
class LeftOut:
    """A row of the file that is not imported (not matched, or its shape unusable), and why, in both languages."""

    row: int
    value: str
    reason: Text

    def as_dict(self) -> dict:
        """For the JSON report, which speaks English."""
        return {"row": self.row, "value": self.value, "reason": self.reason.en}


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
    unmatched_rows: list[LeftOut] = field(default_factory=list)  # rows whose name or code matched nothing
    unmatched_atlas: list[str] = field(default_factory=list)
    skipped_rows: list[LeftOut] = field(default_factory=list)  # matched rows whose shape cannot be used
    notices: list[Text] = field(default_factory=list)  # what a person should know before accepting
    shapes: dict[str, BaseGeometry] = field(default_factory=dict)  # WGS-84, by atlas feature id

    @property
    def unmatched_imported(self) -> list[dict]:
        return [row.as_dict() for row in self.unmatched_rows]

    @property
    def skipped(self) -> list[dict]:
        return [row.as_dict() for row in self.skipped_rows]

    @property
    def warnings(self) -> list[str]:
        return [notice.en for notice in self.notices]

    @property
    def problem_texts(self) -> list[Text]:
        """Why this import cannot be applied as it is (empty when it can), in both languages."""
        problems = []
        if not self.crs.ok:
            message = self.crs.message or Text(zh="无法确定", en="not determined")
            problems.append(Text(zh=f"坐标系：{message.zh}", en=f"coordinate system: {message.en}"))
        if self.match_field is None:
            problems.append(Text(
                zh="文件中没有任何字段与图集的名称或代码相符；"
                   "请选择名称或代码字段（页面上的“名称或代码字段”，命令行用 --match-field）",
                en="no attribute of the file matches the atlas's names or codes; choose the name or code field "
                   "(the Name or code field option, or --match-field)",
            ))  # fmt: skip
        elif not self.shapes:
            problems.append(Text(zh="文件中没有一个要素既与图集要素匹配、又有可用的形状",
                                 en="no feature of the file matched an atlas feature with a usable shape"))  # fmt: skip
        return problems

    @property
    def problems(self) -> list[str]:
        """Why this import cannot be applied as it is (empty when it can), in English for the CLI."""
        return [problem.en for problem in self.problem_texts]

    @property
    def ready(self) -> bool:
        return not self.problems

    def report(self) -> dict:
        """The dry-run report (JSON-ready): CRS and candidates, matches, changes, repairs, what is left out."""
        return {
            "file": self.source.file, "format": self.source.format, "source_layer": self.source.layer,
            "source_layers": self.source.layers, "encoding": self.source.encoding,
            "notes": [note.en for note in self.source.notes],
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
    name: str | None = None,
) -> ImportPlan:
    """Read `path` and work out what importing it into `layer` would change; writes nothing.

    `name` is the file's own name when `path` is a scratch copy of an upload (messages and provenance use it).
    """
    spec = next((s for s in atlas.layers if s.id == layer and s.role == "plan"), None)
    if spec is None:
        plan_layers = ", ".join(s.id for s in atlas.layers if s.role == "plan")
        raise IngestError(f"unknown layer {layer!r}; imports go into one of: {plan_layers}",
                          zh=f"未知图层 {layer!r}；只能导入以下图层之一：{plan_layers}")  # fmt: skip
    source = read_source(Path(path), source_layer, encoding, prefer=layer, name=name)
    features = {fid: f for fid, f in atlas.features.items() if f.layer == layer}
    if match_field is not None and match_field not in source.frame.columns:
        raise IngestError(
            f"{source.file}: no field {match_field!r} (fields: {', '.join(map(str, source.frame.columns))})",
            zh=f"{source.file}：没有字段 {match_field!r}（现有字段：{'、'.join(map(str, source.frame.columns))}）",
        )
    field_name = match_field or best_match_field(source.frame, features)
    matches = match_values(_values(source, field_name), features) if field_name else []
    matched_ids = sorted({m.feature_id for m in matches if m.feature_id})
    reference = unary_union([atlas.geometry(fid) for fid in matched_ids]) if spec.geometry_type == "polygon" else None
    rows = [i for i, m in enumerate(matches) if m.feature_id] if matches else list(range(len(source.frame)))
    shapes_raw = source.frame.geometry.iloc[rows] if rows else source.frame.geometry
    usable = shapes_raw[shapes_raw.notna() & ~shapes_raw.is_empty]
    if usable.empty:
        raise IngestError(f"{source.file}: layer {source.layer!r} has no usable geometry",
                          zh=f"{source.file}：图层 {source.layer!r} 中没有可用的几何形状")  # fmt: skip
    decision = decide_crs(usable, source.declared_crs, atlas.geometry("district"), reference if matched_ids else None,
                          crs, source.format in FORMAT_DECLARES_WGS84)  # fmt: skip
    plan = ImportPlan(layer, source, decision, field_name)
    if decision.message and decision.ok:
        plan.notices.append(decision.message)
    _collect(plan, atlas, matches, spec.geometry_type)
    plan.unmatched_atlas = sorted(set(features) - set(plan.shapes))
    return plan


def _collect(plan: ImportPlan, atlas: Atlas, matches: list[NameMatch], geometry_type: str) -> None:
    """Fill the plan's matches, repairs and skips (only once the CRS is known)."""
    frame = plan.source.frame
    plan.unmatched_rows = [LeftOut(i, m.value, m.reason) for i, m in enumerate(matches) if m.feature_id is None]
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
                plan.skipped_rows.append(LeftOut(row, matches[row].value, EMPTY_GEOMETRY))
                continue
            conformed, fixed = conform(geom, geometry_type)
            if conformed is None:
                plan.skipped_rows.append(LeftOut(row, matches[row].value, _wrong_type(geom, geometry_type)))
                continue
            parts.append(conformed)
            repaired = repaired or fixed
        if not parts:
            continue
        new = parts[0] if len(parts) == 1 else conform(unary_union(parts), geometry_type)[0]
        named = f"{atlas.name(fid).zh}（{fid}）"
        if len(rows) > 1:
            plan.notices.append(Text(zh=f"{named}：文件中有 {len(rows)} 个要素与之匹配，已合并为一个形状",
                                     en=f"{fid}: {len(rows)} features of the file matched it; their shapes are merged"))
        if repaired:
            plan.notices.append(Text(zh=f"{named}：几何形状无效（如自相交），已用 make_valid 修复",
                                     en=f"{fid}: invalid geometry (e.g. self-intersecting) repaired with make_valid"))
        old = atlas.geometry(fid)
        polygonal = geometry_type == "polygon"
        plan.matched.append(MatchedFeature(
            fid, atlas.name(fid).zh, [matches[r].value for r in rows], rows,
            round(area_km2(old), 3) if polygonal else None, round(area_km2(new), 3) if polygonal else None,
            to_metric(old.centroid).distance(to_metric(new.centroid)), repaired,
        ))  # fmt: skip
        plan.shapes[fid] = new


def _wrong_type(geom: BaseGeometry, geometry_type: str) -> Text:
    """Why a shape of another kind is left out: 'Point where the layer holds polygons'."""
    kind = KIND_ZH.get(geom.geom_type.removeprefix("Multi"), geom.geom_type)
    wanted = KIND_ZH[PARTS[geometry_type][0][0]]
    return Text(zh=f"{kind}要素（{geom.geom_type}），而该图层只收{wanted}要素",
                en=f"{geom.geom_type} where the layer holds {geometry_type}s")  # fmt: skip


def apply_import(plan: ImportPlan, store: SqlStore, author: str, note: str) -> Version:
    """Record the prepared import as one version of the store (IngestError if the plan has problems)."""
    if not plan.ready:
        problems = plan.problem_texts
        raise IngestError("the import cannot be applied: " + "; ".join(p.en for p in problems),
                          zh="无法应用此次导入：" + "；".join(p.zh for p in problems))  # fmt: skip
    if not author.strip():
        raise IngestError("say who is importing (author name): every version records it",
                          zh="请填写导入人姓名：每个版本都记录由谁完成")  # fmt: skip
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
