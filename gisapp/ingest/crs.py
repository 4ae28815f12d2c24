"""Which coordinate system an imported file is in: declared, detected from the coordinates, or given — never guessed.

Every candidate that could hold the coordinates is tried: the shapes are brought to WGS-84 and compared with
the district (share inside its outline) and with the atlas shapes they replace (overlap, IoU). The report
lists every candidate with where it would put the data, so a person can see why one was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from coordTransform import bd09_to_wgs84, gcj02_to_wgs84, wgs84_to_bd09, wgs84_to_gcj02
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gisapp.atlas.geo import STORAGE_CRS, to_metric
from gisapp.errors import IngestError
from gisapp.i18n import Text


@dataclass(frozen=True)
class Candidate:
    """A coordinate system the data could be in; `code` is an EPSG code or GCJ-02 / BD-09 (web-map offsets)."""

    code: str
    zh: str
    en: str
    warning: Text | None = None  # said whenever this candidate is used


def _datum_warning(zh: str, en: str) -> Text:
    return Text(
        zh=f"{zh}：PROJ 在本区没有到 CGCS2000 的精确转换，位置可能偏差数十米——请尽量使用 CGCS2000 坐标系的数据",
        en=f"{en}: PROJ has no exact transformation to CGCS2000 here; positions may be off by tens of metres"
        " — prefer data in CGCS2000",
    )


XIAN80 = _datum_warning("西安80坐标系", "Xi'an 1980")
BEIJING54 = _datum_warning("北京54坐标系", "Beijing 1954")
OLD_DATUMS = {"Xian 1980": XIAN80, "Beijing 1954": BEIJING54}
LONLAT_DATUMS = ("World Geodetic System 1984", "China 2000")
GIVE_CRS = Text(zh="请指定坐标系（页面上的“坐标系”选项，命令行用 --crs）",
                en="choose the coordinate system (the Coordinate system option, or --crs)")
GEOGRAPHIC = (
    Candidate("EPSG:4490", "经纬度（CGCS2000/WGS-84）", "longitude/latitude (CGCS2000 / WGS-84)"),
    Candidate(
        "GCJ-02", "经纬度，高德/腾讯偏移（GCJ-02）", "longitude/latitude with the GCJ-02 offset (Gaode/AMap, Tencent)"
    ),
    Candidate("BD-09", "经纬度，百度偏移（BD-09）", "longitude/latitude with the BD-09 offset (Baidu)"),
)
FAMILIES = {  # by easting range: the 3-degree zone 39 and 6-degree zone 20 prefixes, or none (CM 117E)
    "gk3-zone39": (
        Candidate("EPSG:4527", "CGCS2000 3度带第39带（带号）", "CGCS2000 3-degree Gauss-Krüger zone 39 (prefixed)"),
        Candidate("EPSG:2363", "西安80 3度带第39带", "Xi'an 1980 3-degree GK zone 39", XIAN80),
        Candidate("EPSG:2415", "北京54 3度带第39带", "Beijing 1954 3-degree GK zone 39", BEIJING54),
    ),
    "gk6-zone20": (
        Candidate("EPSG:4498", "CGCS2000 6度带第20带（带号）", "CGCS2000 6-degree Gauss-Krüger zone 20 (prefixed)"),
        Candidate("EPSG:2334", "西安80 6度带第20带", "Xi'an 1980 6-degree GK zone 20", XIAN80),
        Candidate("EPSG:21420", "北京54 6度带第20带", "Beijing 1954 6-degree GK zone 20", BEIJING54),
    ),
    "gk-cm117": (
        Candidate(
            "EPSG:4548", "CGCS2000 3度带 中央经线117°（无带号）", "CGCS2000 3-degree Gauss-Krüger CM 117E (no prefix)"
        ),
        Candidate("EPSG:2384", "西安80 3度带 中央经线117°", "Xi'an 1980 3-degree GK CM 117E", XIAN80),
        Candidate("EPSG:2436", "北京54 3度带 中央经线117°", "Beijing 1954 3-degree GK CM 117E", BEIJING54),
    ),
}
KNOWN = {candidate.code: candidate for family in (GEOGRAPHIC, *FAMILIES.values()) for candidate in family}
PLAUSIBLE_INSIDE = 0.9  # share of the data that must fall inside the district (1 km margin)
CLEAR_MARGIN = 0.005  # IoU by which the best offset candidate must beat the next to be called detected
INSIDE_MARGIN_M = 1000.0


def family_of(bounds: tuple[float, float, float, float]) -> str | None:
    """The family of candidates whose coordinate ranges hold these bounds, or None."""
    min_x, min_y, max_x, max_y = bounds
    if 70 <= min_x and max_x <= 140 and 0 <= min_y and max_y <= 60:
        return "geographic"
    if 3.0e6 <= min_y and max_y <= 5.0e6:
        if 39.0e6 <= min_x and max_x <= 40.0e6:
            return "gk3-zone39"
        if 20.0e6 <= min_x and max_x <= 21.0e6:
            return "gk6-zone20"
        if 0 <= min_x and max_x <= 1.0e6:
            return "gk-cm117"
    return None


def candidates_for(family: str | None) -> tuple[Candidate, ...]:
    return GEOGRAPHIC if family == "geographic" else FAMILIES.get(family, ())


def candidate_for(code: str) -> Candidate:
    """The candidate for a user's `--crs` (EPSG:xxxx, GCJ-02, BD-09); IngestError for an unknown CRS."""
    normalised = code.strip().upper().replace("GCJ02", "GCJ-02").replace("BD09", "BD-09")
    if normalised in KNOWN:
        return KNOWN[normalised]
    try:
        crs = CRS.from_user_input(code)
    except CRSError as exc:
        raise IngestError(f"unknown CRS {code!r}: give an EPSG code (e.g. EPSG:4527), GCJ-02 or BD-09",
                          zh=f"无法识别的坐标系 {code!r}：请填写 EPSG 代码（如 EPSG:4527）、GCJ-02 或 BD-09") from exc
    warning = next((w for datum, w in OLD_DATUMS.items() if crs.datum and crs.datum.name.startswith(datum)), None)
    return Candidate(crs.to_string(), crs.name, crs.name, warning)


def plain_lonlat(crs: CRS) -> bool:
    """Longitude/latitude on WGS-84 or CGCS2000, which agree to well under a metre here (read as EPSG:4490)."""
    return crs.is_geographic and crs.datum is not None and crs.datum.name.startswith(LONLAT_DATUMS)


def to_wgs84(shapes: gpd.GeoSeries, candidate: Candidate) -> gpd.GeoSeries:
    """The raw shapes as WGS-84, read as `candidate` says."""
    if candidate.code in ("GCJ-02", "BD-09"):
        inverse, forward = (
            (gcj02_to_wgs84, wgs84_to_gcj02) if candidate.code == "GCJ-02" else (bd09_to_wgs84, wgs84_to_bd09)
        )

        def shift(xy: np.ndarray) -> np.ndarray:
            # the library's inverse is good to a metre or two; a few fixed-point steps make it centimetres
            lon, lat = (np.asarray(v) for v in inverse(xy[:, 0], xy[:, 1]))
            for _ in range(3):
                there_lon, there_lat = forward(lon, lat)
                lon, lat = lon - (np.asarray(there_lon) - xy[:, 0]), lat - (np.asarray(there_lat) - xy[:, 1])
            return np.column_stack([lon, lat])

        return gpd.GeoSeries(shapely.transform(np.asarray(shapes), shift), index=shapes.index, crs=STORAGE_CRS)
    return gpd.GeoSeries(np.asarray(shapes), index=shapes.index, crs=candidate.code).to_crs(STORAGE_CRS)


@dataclass
class Assessment:
    """Where a candidate puts the data: share inside the district, overlap with the shapes it replaces."""

    candidate: Candidate
    inside: float  # share of the data (area for polygons, vertices otherwise) within the district + 1 km
    iou: float | None  # overlap of the data with the atlas shapes it would replace (polygons only)
    centroid: tuple[float, float]  # lon, lat of the data's centre

    def as_dict(self) -> dict:
        return {
            "crs": self.candidate.code, "name_zh": self.candidate.zh, "name_en": self.candidate.en,
            "inside_district": round(self.inside, 3), "overlap_iou": None if self.iou is None else round(self.iou, 4),
            "centre_lonlat": [round(self.centroid[0], 5), round(self.centroid[1], 5)],
            **({"warning": self.candidate.warning.en} if self.candidate.warning else {}),
        }  # fmt: skip


def _overlap_area(one: BaseGeometry, other: BaseGeometry) -> float:
    """Area shared by two shapes (metres); snapped to a centimetre grid where GEOS finds a topology conflict."""
    try:
        return one.intersection(other).area
    except shapely.errors.GEOSException:
        return shapely.set_precision(one, 0.01).intersection(shapely.set_precision(other, 0.01)).area


def assess(shapes: gpd.GeoSeries, candidate: Candidate, district: BaseGeometry, reference: BaseGeometry | None):
    """How well `candidate` places the shapes: share inside the district, IoU with `reference` (WGS-84)."""
    try:
        placed = to_wgs84(shapes, candidate)
    except Exception:
        return Assessment(candidate, 0.0, None, (float("nan"), float("nan")))
    valid = placed[placed.notna() & ~placed.is_empty]
    bounds = valid.total_bounds if len(valid) else (np.nan,) * 4
    if not len(valid) or not np.all(np.isfinite(bounds)) or not (-180 <= bounds[0] <= bounds[2] <= 180):
        return Assessment(candidate, 0.0, None, (float("nan"), float("nan")))
    together = unary_union(list(shapely.make_valid(np.asarray(valid))))
    metric_district = to_metric(district).buffer(INSIDE_MARGIN_M)
    metric = shapely.make_valid(to_metric(together))  # a valid shape can turn invalid when reprojected
    if metric.area > 0:
        inside = _overlap_area(metric, metric_district) / metric.area
    else:
        points = shapely.points(shapely.get_coordinates(metric))
        inside = float(np.mean(shapely.contains(metric_district, points))) if len(points) else 0.0
    iou = None
    if reference is not None and metric.area > 0:
        ref = shapely.make_valid(to_metric(reference))
        common = _overlap_area(metric, ref)
        union = metric.area + ref.area - common
        iou = common / union if union else None
    centre = together.centroid
    return Assessment(candidate, inside, iou, (centre.x, centre.y))


@dataclass
class CrsDecision:
    """The CRS the import will use, how it was chosen, and every candidate considered."""

    chosen: Candidate | None
    how: str  # "given" | "declared" | "detected" | "ambiguous" | "implausible" | "unknown"
    declared: str | None
    assessments: list[Assessment] = field(default_factory=list)
    message: Text | None = None  # why no CRS could be chosen, or what to know about the one chosen

    @property
    def ok(self) -> bool:
        return self.chosen is not None

    def as_dict(self) -> dict:
        return {
            "chosen": None if self.chosen is None else self.chosen.code,
            "how": self.how,
            "declared": self.declared,
            "message": self.message.en if self.message else "",
            "candidates": [assessment.as_dict() for assessment in self.assessments],
        }


def _declared_code(declared: CRS | None) -> str | None:
    if declared is None:
        return None
    epsg = declared.to_epsg()
    return f"EPSG:{epsg}" if epsg else declared.to_string()


def decide_crs(
    shapes: gpd.GeoSeries,
    declared: CRS | None,
    district: BaseGeometry,
    reference: BaseGeometry | None,
    given: str | None = None,
    declared_by_format: bool = False,
) -> CrsDecision:
    """Choose the CRS of `shapes` (raw coordinates) and say why; `given` (the user's --crs) always wins."""
    declared_code = _declared_code(declared)
    family = family_of(tuple(shapes.total_bounds))
    pool = list(candidates_for(family))
    if given is not None:
        chosen = candidate_for(given)
        if chosen.code not in {c.code for c in pool}:
            pool.insert(0, chosen)
        assessments = [assess(shapes, c, district, reference) for c in pool]
        placed = next(a for a in assessments if a.candidate.code == chosen.code)
        message = None if placed.inside >= PLAUSIBLE_INSIDE else Text(
            zh=f"按 {chosen.code} 解读，只有 {placed.inside:.0%} 的数据落在区内",
            en=f"as {chosen.code} only {placed.inside:.0%} of the data lies in the district",
        )  # fmt: skip
        return CrsDecision(chosen, "given", declared_code, assessments, message)
    if declared is not None and (declared.is_projected or not plain_lonlat(declared)):  # e.g. Xi'an 1980 lon/lat
        chosen = candidate_for(declared_code)
        if chosen.code not in {c.code for c in pool}:
            pool.insert(0, chosen)
        assessments = [assess(shapes, c, district, reference) for c in pool]
        placed = next(a for a in assessments if a.candidate.code == chosen.code)
        if placed.inside >= PLAUSIBLE_INSIDE:
            return CrsDecision(chosen, "declared", declared_code, assessments, chosen.warning)
        return CrsDecision(None, "implausible", declared_code, assessments, Text(
            zh=f"文件声明的坐标系为 {declared_code}，但按此只有 {placed.inside:.0%} 的数据落在区内；"
               f"请检查文件，或{GIVE_CRS.zh}",
            en=f"the file declares {declared_code}, which puts only {placed.inside:.0%} of the data in "
               f"the district; check the file or {GIVE_CRS.en}",
        ))  # fmt: skip
    if not pool:
        return CrsDecision(None, "unknown", declared_code, [], Text(
            zh="坐标既不是经纬度，也不是中央经线 117°E 附近的高斯-克吕格平面坐标（米；CGCS2000、西安80、北京54）；"
               + GIVE_CRS.zh,
            en="the coordinates are neither longitude/latitude nor Gauss-Krüger metres near 117°E "
               f"(CGCS2000, Xi'an 1980, Beijing 1954); {GIVE_CRS.en}",
        ))  # fmt: skip
    assessments = [assess(shapes, c, district, reference) for c in pool]
    plausible = [a for a in assessments if a.inside >= PLAUSIBLE_INSIDE]
    if not plausible:
        return CrsDecision(None, "implausible", declared_code, assessments, Text(
            zh=f"没有任何候选坐标系能把数据放在区内；{GIVE_CRS.zh}",
            en=f"no candidate coordinate system puts the data inside the district; {GIVE_CRS.en}",
        ))  # fmt: skip
    if family != "geographic":  # the datums differ by tens of metres: coordinates cannot tell them apart
        chosen = pool[0]
        said = Text(zh="文件未声明坐标系", en="no CRS in the file") if declared is None else Text(
            zh=f"文件声明的坐标系为 {declared_code}，但坐标是以米为单位的平面坐标",
            en=f"the file declares {declared_code}, but holds metres",
        )  # fmt: skip
        return CrsDecision(chosen, "detected", declared_code, assessments, Text(
            zh=f"{said.zh}；坐标与 {chosen.code} 相符。西安80、北京54 坐标系的数据与之相差仅数十米，无法据坐标区分："
               f"如果您的数据属于其中之一，{GIVE_CRS.zh}",
            en=f"{said.en}; the coordinates fit {chosen.code}. Xi'an 1980 / Beijing 1954 data "
               f"look the same within tens of metres: if yours is one of them, {GIVE_CRS.en}",
        ))  # fmt: skip
    return _decide_offset(assessments, declared_code, declared_by_format)


def _decide_offset(assessments: list[Assessment], declared_code: str | None, by_format: bool) -> CrsDecision:
    """Lon/lat data: plain, GCJ-02 or BD-09 — told apart by how well each fits the atlas shapes."""
    plain = assessments[0]
    scored = sorted((a for a in assessments if a.iou is not None), key=lambda a: a.iou, reverse=True)
    stated = Text(
        zh=f"文件声明的坐标系为 {declared_code}" + ("（该格式一律如此声明）" if by_format else ""),
        en=f"the file declares {declared_code}" + (" (as its format always does)" if by_format else ""),
    )
    if len(scored) < 2:  # nothing to compare with: take the file at its word, say the offset was not checked
        if declared_code is not None:
            return CrsDecision(plain.candidate, "declared", declared_code, assessments, Text(
                zh=f"{stated.zh}；无法检查是否带有网络地图偏移（GCJ-02/BD-09）",
                en=f"{stated.en}; a web-map offset (GCJ-02/BD-09) could not be checked",
            ))  # fmt: skip
        return CrsDecision(None, "ambiguous", declared_code, assessments, Text(
            zh="坐标为经纬度，但无法判断是否带有网络地图偏移（GCJ-02、BD-09）："
               "请指定坐标系（“坐标系”选项或 --crs：EPSG:4490、GCJ-02 或 BD-09）",
            en="longitude/latitude, but whether with a web-map offset (GCJ-02, BD-09) cannot be told: "
               "choose EPSG:4490, GCJ-02 or BD-09 (option / --crs)",
        ))  # fmt: skip
    best, runner_up = scored[0], scored[1]
    if best.iou - runner_up.iou < CLEAR_MARGIN:
        return CrsDecision(None, "ambiguous", declared_code, assessments, Text(
            zh=f"{best.candidate.code} 与 {runner_up.candidate.code} 同样吻合图集现有形状"
               f"（IoU {best.iou:.3f} 与 {runner_up.iou:.3f}）；{GIVE_CRS.zh}",
            en=f"{best.candidate.code} and {runner_up.candidate.code} fit the atlas equally well "
               f"(IoU {best.iou:.3f} vs {runner_up.iou:.3f}); {GIVE_CRS.en}",
        ))  # fmt: skip
    if best is plain:
        how = "declared" if declared_code else "detected"
        return CrsDecision(best.candidate, how, declared_code, assessments)
    message = Text(
        zh=f"{stated.zh}，但按 {best.candidate.code} 解读时形状与图集最吻合（IoU {best.iou:.3f}，"
        f"按未偏移的经纬度为 {plain.iou:.3f}）：已从 {best.candidate.code} 转换；"
        "如要保留原坐标，请指定坐标系 EPSG:4490（“坐标系”选项或 --crs）",
        en=f"{stated.en}, but the shapes fit the atlas as {best.candidate.code} data (IoU {best.iou:.3f} vs "
        f"{plain.iou:.3f} as plain lon/lat): converted from {best.candidate.code}; "
        "choose EPSG:4490 (option / --crs) to keep them",
    )
    return CrsDecision(best.candidate, "detected", declared_code, assessments, message)
