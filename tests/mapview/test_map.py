"""The folium map: offline assets, escaping, basemaps and the GCJ-02 shift (HTML asserted, no browser)."""

import json
import math
import re

import folium
import pytest
from shapely.geometry import Point, Polygon, shape

from gisapp.atlas.loading import load_atlas
from gisapp.config import tianditu_key
from gisapp.errors import UnknownAssetError
from gisapp.mapview.assets import ASSETS, MOUNT_MODULE, asset_path, local_url, localise_assets
from gisapp.mapview.basemaps import available_basemaps
from gisapp.mapview.build import build_map, view_for
from gisapp.mapview.display import DISPLAY_VERTEX_BUDGET, display_shapes, for_display, layer_geojson, to_gcj02
from gisapp.mapview.elements import Legend
from gisapp.views.explorer import default_layers
from tests.conftest import edit

CDN_HOSTS = ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "bootstrapcdn.com")


def rendered(fmap: folium.Map) -> str:
    return fmap.get_root().render()


@pytest.fixture(scope="module")
def basemaps():
    return available_basemaps()


def test_every_asset_is_installed_by_a_package():
    for asset in ASSETS.values():
        assert asset_path(asset).exists(), asset
    assert asset_path(ASSETS["leaflet_js"]).stat().st_size > 100_000
    assert (asset_path(ASSETS["leaflet_images"]) / "layers.png").exists()


def test_only_leaflet_is_loaded_by_the_map(atlas, basemaps):
    html = rendered(build_map(atlas, default_layers(atlas), basemaps["osm"], "zh"))
    assert not re.search(r"jquery|bootstrap|fontawesome|font-awesome|awesome-markers", html, re.IGNORECASE)
    assert "$(" not in html.split("</head>", 1)[1]  # nothing on the map needs jQuery


def test_asset_urls_name_the_components_the_app_registers():
    import gisapp.app.assets as registering_module

    assert registering_module.__name__ == MOUNT_MODULE
    assert local_url("leaflet_js") == "/component/gisapp.app.assets.leaflet/leaflet.js"


def test_rendered_map_links_no_cdn(atlas, basemaps):
    html = rendered(build_map(atlas, default_layers(atlas), basemaps["osm"], "zh"))
    assert not any(host in html for host in CDN_HOSTS)
    assert "/component/gisapp.app.assets.leaflet/leaflet.js" in html


def test_base_url_path_prefixes_local_assets(atlas, basemaps):
    html = rendered(build_map(atlas, ("towns",), basemaps["none"], "zh", base_url="atlas/"))
    assert "/atlas/component/gisapp.app.assets.leaflet/leaflet.css" in html


def test_unknown_cdn_asset_is_refused():
    fmap = folium.Map()
    fmap.default_js = [*fmap.default_js, ("mystery", "https://cdn.example.com/mystery.js")]
    with pytest.raises(UnknownAssetError, match="mystery"):
        localise_assets(fmap)


def test_no_basemap_mode_has_no_tiles_and_still_shows_the_district(atlas, basemaps):
    html = rendered(build_map(atlas, ("agri_zones",), basemaps["none"], "zh"))
    assert "tileLayer" not in html
    assert '"id": "district"' in html
    assert "#f4f1ea" in html


def test_tianditu_is_offered_only_with_a_key(monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    assert "tianditu" not in available_basemaps(tianditu_key({}))
    assert tianditu_key({"tianditu_key": " abc "}) == "abc"
    monkeypatch.setenv("TIANDITU_KEY", "k1")
    maps = available_basemaps(tianditu_key({}))
    assert "tk=k1" in maps["tianditu"].tiles[0].build_url(fill_subdomain=False)


def test_gaode_view_shifts_vectors_to_gcj02_by_about_half_a_kilometre(atlas):
    wgs = layer_geojson(atlas, "projects", "zh", "wgs84")
    gcj = layer_geojson(atlas, "projects", "zh", "gcj02")
    for a, b in zip(wgs["features"], gcj["features"], strict=True):
        pa, pb = shape(a["geometry"]), shape(b["geometry"])
        shift_east_m = (pb.x - pa.x) * 111_320 * 0.804  # cos(36.45°)
        assert 400 < shift_east_m < 700
    # the stored data is never shifted
    assert atlas.geometry("landmark_water_ancient_city").equals(Point(115.986, 36.455))


def test_gcj02_shift_is_identity_outside_china():
    assert to_gcj02(Point(2.35, 48.85)).equals(Point(2.35, 48.85))


def test_display_geometry_is_simplified_and_rounded():
    # a surveyed-looking outline: 2,000 vertices 5 m apart, wobbling by 2 m (below the ~20 m display tolerance)
    ring = [(116.0 + 0.02 * math.cos(a), 36.45 + 0.02 * math.sin(a) + 0.00002 * (i % 2))
            for i, a in enumerate(i * 2 * math.pi / 2000 for i in range(2000))]  # fmt: skip
    outline = Polygon(ring)
    shown = for_display(outline, "wgs84")
    assert len(shown.exterior.coords) < len(outline.exterior.coords) / 10
    assert shown.symmetric_difference(outline).area < 0.01 * outline.area  # the shape survives
    for x, y in shown.exterior.coords:  # ~1 m grid: 5 decimals of a degree
        assert abs(x * 1e5 - round(x * 1e5)) < 1e-6 and abs(y * 1e5 - round(y * 1e5)) < 1e-6


def test_tooltips_carry_only_id_and_escaped_text(layers_copy):
    hostile_name = """name: {zh: '<img src=x onerror="alert(1)">斗虎屯&镇',"""
    edit(layers_copy / "plan" / "towns.yaml", 'name: {zh: "斗虎屯镇",', hostile_name)
    hostile = load_atlas(layers_copy)
    data = layer_geojson(hostile, "towns", "en", "wgs84")
    for feature in data["features"]:
        assert set(feature["properties"]) == {"id", "tip"}
    tip = next(f["properties"]["tip"] for f in data["features"] if f["id"] == "douhutun")
    assert tip == "Douhutun Town (&lt;img src=x onerror=&quot;alert(1)&quot;&gt;斗虎屯&amp;镇) (schematic)"


def test_legend_escapes_layer_titles(atlas):
    spec = atlas.catalog.layer("towns").model_copy(update={"title": atlas.catalog.layer("towns").title.model_copy(
        update={"zh": "<img src=x onerror=alert(1)>"})})  # fmt: skip
    legend = Legend([spec], "zh")
    assert "<img" not in legend.body and "&lt;img src=x" in legend.body


def test_map_payload_stays_small(atlas, basemaps):
    every_layer = tuple(spec.id for spec in atlas.layers)
    html = rendered(build_map(atlas, every_layer, basemaps["osm"], "zh"))
    assert len(html.encode()) < 500_000


def test_view_for_a_point_zooms_in_and_for_a_big_zone_less(atlas):
    (lat, lon), zoom = view_for(atlas, "project_airport", "wgs84")
    assert zoom == 13 and 36 < lat < 37 and 115 < lon < 117
    assert view_for(atlas, "douhutun", "wgs84")[1] < 13


def test_layer_geojson_is_json_serialisable(atlas):
    json.dumps(layer_geojson(atlas, "commerce_axes", "zh", "gcj02"))


def test_a_dense_layer_is_simplified_more_to_stay_within_the_display_budget():
    # 2,000 wiggly parcels of ~150 vertices each: 300,000 vertices, far over the budget at the default tolerance
    parcels = []
    for index in range(2000):
        x0, y0 = 115.8 + (index % 50) * 0.008, 36.3 + (index // 50) * 0.008
        ring = [(x0 + 0.003 + 0.003 * math.cos(a) + 0.0003 * math.sin(9 * a),
                 y0 + 0.003 + 0.003 * math.sin(a) + 0.0003 * math.cos(7 * a))
                for a in (k * 2 * math.pi / 150 for k in range(150))]  # fmt: skip
        parcels.append(Polygon(ring))
    shapes = display_shapes(parcels, "wgs84")
    sent = sum(len(shape.exterior.coords) for shape in shapes)
    assert sent <= DISPLAY_VERTEX_BUDGET < sum(len(p.exterior.coords) for p in parcels)
    assert all(shape.is_valid and not shape.is_empty for shape in shapes)
    assert all(p.symmetric_difference(s).area < 0.2 * p.area for p, s in zip(parcels, shapes, strict=True))


def test_a_light_layer_keeps_the_fine_tolerance(atlas):
    towns = list(atlas.frame("towns").geometry)
    assert [s.wkb for s in display_shapes(towns, "wgs84")] == [for_display(t, "wgs84").wkb for t in towns]


def test_smaller_polygons_are_stacked_above_larger_ones_then_lines_then_points(atlas):
    from gisapp.mapview.build import stacking_order

    shown = [spec for spec in atlas.layers if spec.id in (*default_layers(atlas), "commerce_zones")]
    order = stacking_order(atlas, shown)
    position = {fid: index for index, fid in enumerate(order)}
    assert position["agri_grain"] > position["zone_tangyi"]  # 16 km² zone above the 87 km² commerce zone
    assert position["gulou"] > position["main_city"]  # a 28 km² subdistrict above the 61 km² core
    assert position["zone_shazhen"] > position["shazhen"]  # same shape: the layer drawn on top wins
    assert order.index("district") == 0  # the largest polygon at the bottom
    layer_of = {fid: spec for spec in shown for fid in atlas.frame(spec.id).index}
    kinds = [layer_of[fid].geometry_type for fid in order]
    assert kinds == sorted(kinds, key=["polygon", "line", "point"].index)
    assert sorted(order) == sorted(layer_of)


def test_labels_carry_priorities_by_layer_then_size(atlas, basemaps):
    html = rendered(build_map(atlas, default_layers(atlas), basemaps["none"], "en"))
    assert "atlasDeclutter" in html and "atlasRestack" in html
    from gisapp.mapview.build import _labels

    towns = _labels(atlas, atlas.catalog.layer("towns"), "en", "wgs84")
    clusters = _labels(atlas, atlas.catalog.layer("industrial_clusters"), "en", "wgs84")
    assert min(p for *_, p in clusters) > max(p for *_, p in towns)  # the upper layer's names first
    by_priority = sorted(towns, key=lambda label: -label[3])
    assert by_priority[0][2] == "Douhutun Town"  # the largest town first (98 km²)


def test_legend_starts_folded_below_the_width_threshold(atlas):
    legend = Legend([atlas.catalog.layer("towns")], "zh")
    assert "clientWidth >= 700" in rendered(legend.add_to(folium.Map()))
    assert "<input" not in legend.body  # the app's legend lists; the sidebar switches layers


def test_grouped_legend_has_a_box_per_layer_under_its_catalogue_group(atlas):
    specs = [atlas.catalog.layer(layer) for layer in ("towns", "agri_zones", "district")]
    legend = Legend(specs, "en", groups=atlas.catalog.groups, toggles={s.id: f"group_{s.id}" for s in specs})
    body = legend.body
    assert body.index("Seven agricultural demonstration zones") < body.index('data-layer="agri_zones"')
    assert body.index("Towns and subdistricts</div>") < body.index('data-layer="towns"') < body.index(">Base<")
    assert body.count('type="checkbox"') == 3
    assert '"towns": group_towns' in rendered(legend.add_to(folium.Map()))


def test_map_css_removes_the_focus_outline_of_clicked_shapes():
    from gisapp.mapview.elements import MAP_CSS

    assert ".leaflet-interactive:focus" in MAP_CSS and "outline: none" in MAP_CSS


def test_the_import_preview_opens_framed_on_the_imported_shapes_not_zoomed_out(atlas):
    from gisapp.mapview.preview import preview_map

    basemap = available_basemaps()["osm"]
    shapes = {fid: atlas.geometry(fid) for fid in atlas.frame("towns").index}
    fmap = preview_map(atlas, "towns", shapes, basemap, "zh")
    lat, lon = fmap.location
    district = atlas.geometry("district")
    assert district.bounds[1] < lat < district.bounds[3] and district.bounds[0] < lon < district.bounds[2]
    assert 9 <= fmap.options["zoom"] <= 11  # the district fills the 420-px frame (300 km across was zoom 7)


@pytest.mark.parametrize(("lang", "note"), [("zh", "示意图 · 未经测绘"), ("en", "Schematic map · not surveyed")])
def test_the_map_itself_says_it_is_schematic(atlas, basemaps, lang, note):
    """Below the map a caption says so too, but at 1280×720 it is below the fold."""
    html = rendered(build_map(atlas, default_layers(atlas), basemaps["none"], lang))
    assert "atlas-map-note" in html and json.dumps(note) in html
