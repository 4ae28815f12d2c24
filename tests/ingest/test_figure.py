"""Plan figures: decoding with limits, control-point fits with residuals, the warped overlay, traced versions."""

from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from PIL import Image
from pyproj import Transformer
from shapely.geometry import Polygon
from shapely.geometry import mapping as geojson

from gisapp.build.anchors import load_anchors
from gisapp.config import LAYERS_DIR
from gisapp.errors import FigureError, IngestError
from gisapp.ingest.figure import ControlPoint, fit_figure, load_figure, warp_for_map
from gisapp.ingest.places import known_places
from gisapp.ingest.trace import apply_trace, prepare_trace
from gisapp.store.effective import current_atlas
from gisapp.store.sqlite import SqliteStore
from tests.ingest.figure_fixture import SEAT_RED, plan_figure, red_dot

SEATS = ["zhengjia_seat", "douhutun_seat", "shazhen_seat", "gulou_seat", "tangyi_seat", "liangshuizhen_seat",
         "yansi_seat"]  # fmt: skip


@pytest.fixture(scope="module")
def sheet(atlas, tmp_path_factory):
    path = tmp_path_factory.mktemp("figure") / "附图1.png"
    return path, plan_figure(atlas, path)


@pytest.fixture(scope="module")
def seats():
    return load_anchors(LAYERS_DIR / "inputs" / "anchors.yaml").points


def points_for(mapping, seats, ids, jitter_px: float = 0.0) -> list[ControlPoint]:
    rng = np.random.default_rng(7)
    result = []
    for sid in ids:
        seat = seats[sid]
        x, y = mapping.pixel(seat.point.x, seat.point.y)
        dx, dy = rng.normal(0, jitter_px, 2) if jitter_px else (0.0, 0.0)
        result.append(ControlPoint(x + dx, y + dy, seat.point.x, seat.point.y, seat.name))
    return result


def test_an_affine_fit_from_three_town_seats_places_every_other_seat_within_a_metre(sheet, seats):
    _, mapping = sheet
    fit = fit_figure(points_for(mapping, seats, SEATS[:3]), "affine")
    assert not fit.checkable  # three points: residuals are zero by construction, and the app says so
    for sid in SEATS[3:]:
        lon, lat = fit.pixel_to_lonlat(*mapping.pixel(seats[sid].point.x, seats[sid].point.y))
        assert abs(lon[0] - seats[sid].point.x) < 1e-5 and abs(lat[0] - seats[sid].point.y) < 1e-5
    x, y = fit.lonlat_to_pixel(seats["yansi_seat"].point.x, seats["yansi_seat"].point.y)
    assert np.allclose([x[0], y[0]], mapping.pixel(seats["yansi_seat"].point.x, seats["yansi_seat"].point.y), atol=0.05)


def test_residuals_are_in_metres_and_reveal_a_misplaced_control_point(sheet, seats):
    _, mapping = sheet
    good = fit_figure(points_for(mapping, seats, SEATS[:5], jitter_px=1.0), "affine")
    assert good.checkable and good.rms_m < 3 * mapping.metres_per_pixel
    wrong = points_for(mapping, seats, SEATS[:5])
    wrong[4] = ControlPoint(wrong[4].x + 80, wrong[4].y, wrong[4].lon, wrong[4].lat, wrong[4].label)
    bad = fit_figure(wrong, "affine")
    assert max(bad.residuals_m) > 20 * mapping.metres_per_pixel
    assert bad.summary()["control_points"][4]["residual_m"] == round(bad.residuals_m[4], 1)


def test_a_polynomial_fit_needs_six_points_and_fits_them(sheet, seats):
    _, mapping = sheet
    with pytest.raises(FigureError, match="at least 6 control points; 5 given"):
        fit_figure(points_for(mapping, seats, SEATS[:5]), "polynomial")
    fit = fit_figure(points_for(mapping, seats, SEATS[:7], jitter_px=0.5), "polynomial")
    assert fit.checkable and fit.rms_m < 2 * mapping.metres_per_pixel


def test_control_points_on_one_line_or_too_far_apart_are_refused(seats):
    on_a_line = [ControlPoint(100 * i, 100 * i, 115.8 + 0.1 * i, 36.4 + 0.1 * i, f"p{i}") for i in range(3)]
    with pytest.raises(FigureError, match="lie on one line"):
        fit_figure(on_a_line, "affine")
    stretched = [ControlPoint(0, 0, 115.8, 36.4, "a"), ControlPoint(10, 0, 118.8, 36.4, "b"),
                 ControlPoint(0, 10, 115.8, 39.9, "c")]  # fmt: skip
    with pytest.raises(FigureError, match="stretch the figure over"):
        fit_figure(stretched, "affine")


def test_the_warped_overlay_puts_a_marked_pixel_where_its_place_is(sheet, seats):
    path, mapping = sheet
    figure = load_figure(path.read_bytes(), path.name)
    target = seats["yansi_seat"]
    red_dot(figure.image, mapping.pixel(target.point.x, target.point.y))
    fit = fit_figure(points_for(mapping, seats, SEATS[:4]), "affine")
    overlay = warp_for_map(figure, fit, max_side=1200)
    image = np.asarray(Image.open(io.BytesIO(overlay.png)))
    assert image.shape[2] == 4 and (image[..., 3] == 0).any()  # transparent outside the rotated sheet
    rows, cols = np.nonzero((image[..., 0] > 200) & (image[..., 1] < 40) & (image[..., 3] == 255))
    (south, west), (north, east) = overlay.bounds
    merc = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    (x0, y0), (x1, y1) = merc.transform(west, south), merc.transform(east, north)
    found_x = x0 + (cols.mean() + 0.5) / image.shape[1] * (x1 - x0)
    found_y = y1 - (rows.mean() + 0.5) / image.shape[0] * (y1 - y0)
    lon, lat = merc.transform(found_x, found_y, direction="INVERSE")
    metres = Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True)
    error = np.hypot(*np.subtract(metres.transform(lon, lat), metres.transform(target.point.x, target.point.y)))
    pixel_m = (x1 - x0) / image.shape[1] * np.cos(np.radians(lat))
    assert error < 2 * pixel_m, (error, pixel_m)
    assert tuple(SEAT_RED) == (220, 0, 0)


def test_figures_are_read_from_png_jpeg_and_a_pdf_page_with_clear_refusals(sheet, tmp_path):
    path, _ = sheet
    png = load_figure(path.read_bytes(), "附图.png")
    jpeg_bytes = io.BytesIO()
    png.image.save(jpeg_bytes, format="JPEG")
    assert load_figure(jpeg_bytes.getvalue(), "scan.JPG").size == png.size
    pdf_bytes = io.BytesIO()
    png.image.save(pdf_bytes, format="PDF", resolution=100)
    from_pdf = load_figure(pdf_bytes.getvalue(), "附图.pdf", page=1)
    assert from_pdf.page == 1 and from_pdf.size[0] > 1000
    with pytest.raises(FigureError, match="page 2 does not exist"):
        load_figure(pdf_bytes.getvalue(), "附图.pdf", page=2)
    with pytest.raises(FigureError, match="not a readable image"):
        load_figure(b"<svg onload=alert(1)>", "evil.png")
    with pytest.raises(FigureError, match="not a readable PDF"):
        load_figure(b"%PDF-1.7 broken", "broken.pdf")
    with pytest.raises(FigureError, match="the file is empty"):
        load_figure(b"", "empty.png")
    with pytest.raises(FigureError, match="must be one of"):
        load_figure(b"abc", "figure.tif")
    bomb = io.BytesIO()
    Image.new("1", (10_000, 7_000)).save(bomb, format="PNG")  # 70 Mpx, a few kB on disk
    assert len(bomb.getvalue()) < 200_000
    with pytest.raises(FigureError, match="pixels is more than"):
        load_figure(bomb.getvalue(), "bomb.png")


def test_known_places_are_the_reference_points_and_the_crossings_of_reference_lines():
    places = {place.id: place for place in known_places(LAYERS_DIR)}
    assert "zhengjia_seat" in places and places["zhengjia_seat"].name == "郑家镇"
    crossings = [place for place in places.values() if "_x_" in place.id]
    assert crossings and all("×" in place.name for place in crossings)


@pytest.fixture()
def layers_with_store(tmp_path):
    layers = tmp_path / "site" / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    return layers, SqliteStore(tmp_path / "site" / "data" / "versions.sqlite")


def test_a_traced_outline_becomes_a_version_stays_schematic_and_reverts(atlas, sheet, seats, layers_with_store):
    layers, store = layers_with_store
    path, mapping = sheet
    figure = load_figure(path.read_bytes(), path.name)
    fit = fit_figure(points_for(mapping, seats, SEATS[:4]), "affine")
    zone = "agri_grapes"
    drawn = atlas.geometry(zone).buffer(0.004).simplify(0.002)
    traced = prepare_trace(atlas, zone, geojson(drawn))
    version = apply_trace(traced, figure, fit, store, "王工", "附图1 描绘")
    assert version.action == "trace" and list(version.features) == [zone]
    after = current_atlas(layers, store)
    properties = after.frame("agri_zones").loc[zone]
    assert properties["schematic"] is True or properties["schematic"] == True  # noqa: E712 (numpy bool)
    assert properties["geometry_method"] == "traced-figure"
    assert after.geometry(zone).symmetric_difference(traced.geometry).area < 1e-3 * traced.geometry.area
    kept = store.current()[zone].provenance.details
    assert kept["figure"] == path.name and len(kept["control_points"]) == 4 and kept["fit"] == "affine"
    store.revert(version.number, "李工", "")
    assert current_atlas(layers, store).geometry(zone).equals(atlas.geometry(zone))


def test_drawn_shapes_that_cannot_be_a_zone_are_refused_or_repaired(atlas):
    with pytest.raises(IngestError, match="closed outline"):
        prepare_trace(atlas, "agri_grapes", {"type": "LineString", "coordinates": [[115.9, 36.4], [116.0, 36.5]]})
    with pytest.raises(IngestError, match="outside the district"):
        prepare_trace(atlas, "agri_grapes", geojson(Polygon([(120, 30), (120.1, 30), (120.1, 30.1)])))
    with pytest.raises(IngestError, match="not a GeoJSON geometry"):
        prepare_trace(atlas, "agri_grapes", {"type": "Polygon"})
    with pytest.raises(IngestError, match="only polygon features"):
        prepare_trace(atlas, "belt_canal", geojson(atlas.geometry("agri_grapes")))
    c = atlas.geometry("agri_grapes").centroid
    bowtie = Polygon(
        [(c.x - 0.02, c.y - 0.02), (c.x + 0.02, c.y + 0.02), (c.x + 0.02, c.y - 0.02), (c.x - 0.02, c.y + 0.02)]
    )
    traced = prepare_trace(atlas, "agri_grapes", geojson(bowtie))
    assert traced.repaired and traced.geometry.is_valid and traced.area_after_km2 > 0
