"""Georeference a plan figure (附图): control points pixel ↔ known place, a fit with residuals, a warped overlay.

The fit works in metres (EPSG:4548, the district's Gauss-Krüger zone) so residuals read as distances; the
overlay is resampled onto a grid that is regular in Web Mercator, the projection Leaflet stretches images in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from pyproj import Transformer

from gisapp.atlas.geo import METRIC_CRS
from gisapp.errors import FigureError

MAX_FIGURE_BYTES = 40 * 2**20  # a scanned A1 plan figure at 300 dpi as JPEG stays well below this
MAX_FIGURE_PIXELS = 60_000_000  # decoded size guard (a PNG "bomb" is small on disk, huge in memory)
PDF_DPI = 150  # a plan figure page rendered at 150 dpi is ~2,500 px across on A3: enough to trace
MAX_OVERLAY_SIDE = 1600  # the warped overlay's longest side in pixels (sent to the browser as PNG)
MAX_FOOTPRINT_KM = 400  # a fit that puts the figure wider than this is a control-point mistake
FIGURE_TYPES = ("png", "jpg", "jpeg", "pdf")
MIN_POINTS = {"affine": 3, "polynomial": 6}  # unknowns per coordinate: 3 (affine), 6 (2nd-order polynomial)
FIT_ZH = {"affine": "仿射", "polynomial": "二次多项式"}


@dataclass(frozen=True)
class Figure:
    """A decoded plan figure (RGB), with the file name and PDF page it came from."""

    name: str
    image: Image.Image
    page: int | None = None

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


@dataclass(frozen=True)
class ControlPoint:
    """A pixel of the figure (x right, y down) and the place it shows (WGS-84)."""

    x: float
    y: float
    lon: float
    lat: float
    label: str

    def as_dict(self) -> dict:
        return {"label": self.label, "pixel": [round(self.x, 1), round(self.y, 1)],
                "lonlat": [round(self.lon, 6), round(self.lat, 6)]}  # fmt: skip


@cache
def _to_metres() -> Transformer:
    return Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


@cache
def _from_mercator() -> Transformer:
    return Transformer.from_crs("EPSG:3857", "EPSG:4326", always_xy=True)


@cache
def _to_mercator() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)


def load_figure(data: bytes, name: str, page: int = 1) -> Figure:
    """Decode a PNG/JPEG, or render one page of a PDF; FigureError for anything unusable or too large."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in FIGURE_TYPES:
        raise FigureError(f"{name}: a plan figure must be one of {', '.join(FIGURE_TYPES)}",
                          zh=f"{name}：规划附图须为以下格式之一：{'、'.join(FIGURE_TYPES)}")  # fmt: skip
    if not data:
        raise FigureError(f"{name}: the file is empty", zh=f"{name}：文件是空的")
    if len(data) > MAX_FIGURE_BYTES:
        raise FigureError(f"{name}: {len(data) / 2**20:.0f} MB is more than the {MAX_FIGURE_BYTES // 2**20} MB allowed",
                          zh=f"{name}：文件 {len(data) / 2**20:.0f} MB，超过上限 {MAX_FIGURE_BYTES // 2**20} MB")
    image = _render_pdf(data, name, page) if suffix == "pdf" else _decode_image(data, name)
    return Figure(name, image, page if suffix == "pdf" else None)


def _decode_image(data: bytes, name: str) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_FIGURE_PIXELS:
                raise FigureError(f"{name}: {width}×{height} pixels is more than the {MAX_FIGURE_PIXELS:,} allowed",
                                  zh=f"{name}：图像 {width}×{height} 像素，超过上限 {MAX_FIGURE_PIXELS:,} 像素")
            probe.load()
            return ImageOps.exif_transpose(probe).convert("RGB")
    except FigureError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise FigureError(f"{name}: not a readable image ({exc.__class__.__name__})",
                          zh=f"{name}：无法读取的图像（{exc.__class__.__name__}）") from exc  # fmt: skip


def _render_pdf(data: bytes, name: str, page: int) -> Image.Image:
    import pypdfium2  # only figures given as PDF need it

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise FigureError(f"{name}: not a readable PDF ({exc})", zh=f"{name}：无法读取的 PDF（{exc}）") from exc
    try:
        if not 1 <= page <= len(document):
            raise FigureError(f"{name}: page {page} does not exist (the PDF has {len(document)})",
                              zh=f"{name}：第 {page} 页不存在（该 PDF 共 {len(document)} 页）")  # fmt: skip
        sheet = document[page - 1]
        width, height = sheet.get_size()  # points
        scale = PDF_DPI / 72
        if width * height * scale * scale > MAX_FIGURE_PIXELS:
            scale = (MAX_FIGURE_PIXELS / (width * height)) ** 0.5
        return sheet.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def _terms(u: np.ndarray, v: np.ndarray, method: str) -> np.ndarray:
    if method == "affine":
        return np.column_stack([np.ones_like(u), u, v])
    return np.column_stack([np.ones_like(u), u, v, u * u, u * v, v * v])


@dataclass(frozen=True)
class _Normaliser:
    """Centre and scale coordinates before fitting, so a polynomial in metres stays well conditioned."""

    cx: float
    cy: float
    scale: float

    @staticmethod
    def of(x: np.ndarray, y: np.ndarray) -> _Normaliser:
        spread = float(max(np.ptp(x), np.ptp(y))) or 1.0
        return _Normaliser(float(np.mean(x)), float(np.mean(y)), spread)

    def __call__(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        return (np.asarray(x, float) - self.cx) / self.scale, (np.asarray(y, float) - self.cy) / self.scale


@dataclass(frozen=True)
class Fit:
    """Pixel ↔ place transformation fitted to control points, with each point's residual in metres."""

    method: str
    points: tuple[ControlPoint, ...]
    residuals_m: tuple[float, ...]
    _pixels: _Normaliser
    _metres: _Normaliser
    _forward: np.ndarray  # pixel terms -> metres (columns: x, y)
    _inverse: np.ndarray  # metre terms -> pixels

    @property
    def rms_m(self) -> float:
        return float(np.sqrt(np.mean(np.square(self.residuals_m))))

    @property
    def checkable(self) -> bool:
        """False when there are only as many points as unknowns: the residuals are then zero by construction."""
        return len(self.points) > MIN_POINTS[self.method]

    def pixel_to_metres(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        terms = _terms(*self._pixels(x, y), self.method)
        out = terms @ self._forward
        return out[:, 0], out[:, 1]

    def metres_to_pixel(self, mx, my) -> tuple[np.ndarray, np.ndarray]:
        terms = _terms(*self._metres(mx, my), self.method)
        out = terms @ self._inverse
        return out[:, 0], out[:, 1]

    def pixel_to_lonlat(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        mx, my = self.pixel_to_metres(np.atleast_1d(x), np.atleast_1d(y))
        return _to_metres().transform(mx, my, direction="INVERSE")

    def lonlat_to_pixel(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        mx, my = _to_metres().transform(np.atleast_1d(lon), np.atleast_1d(lat))
        return self.metres_to_pixel(mx, my)

    def summary(self) -> dict:
        """What the store keeps with a traced shape: method, points and residuals."""
        return {"fit": self.method, "rms_m": round(self.rms_m, 1), "control_points": [
            {**p.as_dict(), "residual_m": round(r, 1)} for p, r in zip(self.points, self.residuals_m, strict=True)
        ]}  # fmt: skip


def fit_figure(points: list[ControlPoint], method: str = "affine") -> Fit:
    """Least-squares fit of `method` to the control points (FigureError if too few or degenerate)."""
    if method not in MIN_POINTS:
        raise FigureError(f"unknown fit {method!r}: use one of {', '.join(MIN_POINTS)}",
                          zh=f"未知的拟合方法 {method!r}：请使用 {'、'.join(MIN_POINTS)} 之一")  # fmt: skip
    needed = MIN_POINTS[method]
    if len(points) < needed:
        raise FigureError(f"a {method} fit needs at least {needed} control points; {len(points)} given",
                          zh=f"{FIT_ZH[method]}拟合至少需要 {needed} 个控制点，现有 {len(points)} 个")  # fmt: skip
    px = np.array([p.x for p in points], float)
    py = np.array([p.y for p in points], float)
    mx, my = _to_metres().transform(np.array([p.lon for p in points]), np.array([p.lat for p in points]))
    mx, my = np.asarray(mx), np.asarray(my)
    pixels, metres = _Normaliser.of(px, py), _Normaliser.of(mx, my)
    forward_terms = _terms(*pixels(px, py), method)
    inverse_terms = _terms(*metres(mx, my), method)
    width = forward_terms.shape[1]
    if np.linalg.matrix_rank(forward_terms) < width or np.linalg.matrix_rank(inverse_terms) < width:
        raise FigureError(
            "the control points lie on one line (or repeat a pixel or a place): spread them over the figure",
            zh="控制点在一条直线上（或像素、地点有重复）：请把控制点分散在整幅附图上",
        )
    forward = np.linalg.lstsq(forward_terms, np.column_stack([mx, my]), rcond=None)[0]
    inverse = np.linalg.lstsq(inverse_terms, np.column_stack([px, py]), rcond=None)[0]
    fitted = forward_terms @ forward
    residuals = np.hypot(fitted[:, 0] - mx, fitted[:, 1] - my)
    fit = Fit(method, tuple(points), tuple(float(r) for r in residuals), pixels, metres, forward, inverse)
    _check_footprint(fit, px, py)
    return fit


def _check_footprint(fit: Fit, px: np.ndarray, py: np.ndarray) -> None:
    span_px = max(np.ptp(px), np.ptp(py))
    mx, my = fit.pixel_to_metres(np.array([px.min(), px.max()]), np.array([py.min(), py.max()]))
    span_km = float(np.hypot(np.ptp(mx), np.ptp(my))) / 1000
    if span_km > MAX_FOOTPRINT_KM or not np.isfinite(span_km) or span_px == 0:
        raise FigureError(f"these control points stretch the figure over {span_km:,.0f} km: check the places chosen",
                          zh=f"按这些控制点，附图将铺开 {span_km:,.0f} 公里：请检查所选的地点")  # fmt: skip


@dataclass(frozen=True)
class Overlay:
    """The figure resampled for the web map: RGBA PNG bytes and its bounds ((south, west), (north, east))."""

    png: bytes
    bounds: tuple[tuple[float, float], tuple[float, float]]
    size: tuple[int, int]


def _outline_pixels(width: int, height: int, per_side: int = 24) -> tuple[np.ndarray, np.ndarray]:
    steps = np.linspace(0, 1, per_side)
    xs = np.concatenate([steps * width, np.full(per_side, width), steps[::-1] * width, np.zeros(per_side)])
    ys = np.concatenate([np.zeros(per_side), steps * height, np.full(per_side, height), steps[::-1] * height])
    return xs, ys


def warp_for_map(figure: Figure, fit: Fit, max_side: int = MAX_OVERLAY_SIDE) -> Overlay:
    """The figure on a Web-Mercator-regular grid over its footprint, transparent outside the figure."""
    width, height = figure.size
    lon, lat = fit.pixel_to_lonlat(*_outline_pixels(width, height))
    ex, ey = _to_mercator().transform(lon, lat)
    west, east, south, north = float(np.min(ex)), float(np.max(ex)), float(np.min(ey)), float(np.max(ey))
    if not all(np.isfinite([west, east, south, north])) or east - west <= 0 or north - south <= 0:
        raise FigureError("the fit does not place the figure anywhere sensible: check the control points",
                          zh="拟合结果无法把附图放到合理的位置：请检查控制点")  # fmt: skip
    ratio = (east - west) / (north - south)
    out_w, out_h = (
        (max_side, max(1, round(max_side / ratio))) if ratio >= 1 else (max(1, round(max_side * ratio)), max_side)
    )
    cols = west + (np.arange(out_w) + 0.5) * (east - west) / out_w
    rows = north - (np.arange(out_h) + 0.5) * (north - south) / out_h
    grid_x, grid_y = np.meshgrid(cols, rows)
    glon, glat = _from_mercator().transform(grid_x.ravel(), grid_y.ravel())
    sx, sy = fit.lonlat_to_pixel(glon, glat)
    inside = (sx >= 0) & (sx < width) & (sy >= 0) & (sy < height)
    source = np.asarray(figure.image)
    rgba = np.zeros((out_h * out_w, 4), dtype=np.uint8)
    rgba[inside, :3] = source[sy[inside].astype(int), sx[inside].astype(int)]
    rgba[inside, 3] = 255
    buffer = io.BytesIO()
    Image.fromarray(rgba.reshape(out_h, out_w, 4), "RGBA").save(buffer, format="PNG", optimize=True)
    (w_lon, s_lat), (e_lon, n_lat) = (_from_mercator().transform(west, south), _from_mercator().transform(east, north))
    return Overlay(buffer.getvalue(), ((s_lat, w_lon), (n_lat, e_lon)), (out_w, out_h))
