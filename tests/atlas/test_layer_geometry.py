"""Layer geometry is valid, inside the district, tiles the plan scope, and sits where the text says."""

import math

import pytest
from shapely.geometry import Point

from gisapp.atlas.geo import area_km2
from gisapp.atlas.layer_checks import geometry_problems
from gisapp.atlas.validation import (
    PLAN_SCOPE_KM2,
    count_problems,
    outside_district_problems,
    tiling_problems,
    town_membership_problems,
)
from gisapp.build.anchors import load_anchors
from gisapp.build.recipes import half_plane


def test_every_geometry_is_valid_typed_and_inside_the_district(atlas):
    for spec in atlas.layers:  # what loading checks (present, valid, typed, lon/lat here) holds for the data
        assert geometry_problems(atlas.layers_dir / f"{spec.id}.geojson", spec, atlas.frame(spec.id)) == []
    assert outside_district_problems(atlas) == []


def test_layer_counts_match_the_catalogue(atlas):
    assert count_problems(atlas) == []


def test_towns_tile_the_plan_scope_without_overlaps_or_gaps(atlas):
    assert tiling_problems(atlas) == []


def test_plan_scope_area_is_close_to_the_stated_945_km2(atlas):
    area = area_km2(atlas.geometry("plan_scope"))
    assert abs(area - PLAN_SCOPE_KM2) / PLAN_SCOPE_KM2 < 0.03, area


def test_features_lie_in_the_towns_their_text_names(atlas):
    assert town_membership_problems(atlas) == []


def test_every_shape_except_the_district_is_marked_schematic(atlas):
    for spec in atlas.layers:
        frame = atlas.frame(spec.id)
        for fid, schematic in frame["schematic"].items():
            assert bool(schematic) == (fid != "district"), fid


def test_polygons_are_counter_clockwise_as_rfc7946_asks(atlas):
    for spec in atlas.layers:
        for geom in atlas.frame(spec.id).geometry:
            for polygon in getattr(geom, "geoms", [geom]):
                if polygon.geom_type == "Polygon":
                    assert polygon.exterior.is_ccw


def test_grain_zone_is_east_of_liaolin_road_and_south_of_majia_river(atlas):
    lines = load_anchors().lines
    zone = atlas.geometry("agri_grain")
    assert zone.within(half_plane(lines["liaolin_road"].line, "east_of").buffer(1e-6))
    assert zone.within(half_plane(lines["majia_river"].line, "south_of").buffer(1e-6))
    assert zone.within(atlas.geometry("liangshuizhen").buffer(1e-6))


def test_medicine_zone_is_north_of_the_outer_ring_and_west_of_liaolin_road(atlas):
    lines = load_anchors().lines
    zone = atlas.geometry("agri_tcm")
    assert zone.within(half_plane(lines["outer_ring_north"].line, "north_of").buffer(1e-6))
    assert zone.within(half_plane(lines["liaolin_road"].line, "west_of").buffer(1e-6))


def test_compass_bases_lie_in_their_direction_from_the_old_city(atlas):
    city = load_anchors().points["guangyuelou"].point
    centre = {
        fid: atlas.geometry(fid).centroid
        for fid in ("jiaming_cluster", "jiaming_second_area", "zhengjia_cluster", "guangping_tubes_cluster")
    }
    assert centre["jiaming_cluster"].y > city.y
    assert centre["jiaming_second_area"].y < city.y
    assert centre["zhengjia_cluster"].x < city.x
    assert centre["guangping_tubes_cluster"].x > city.x


def test_new_energy_vehicle_town_has_the_planned_2_93_km2(atlas):
    assert area_km2(atlas.geometry("park_nev_town")) == pytest.approx(2.93, rel=0.01)


def test_symbolic_park_points_sit_inside_their_parent(atlas):
    for feature in atlas.features.values():
        if feature.geometry["method"] == "point-in-parent":
            assert atlas.geometry(feature.id).within(atlas.geometry(feature.geometry["parent"])), feature.id


def test_half_plane_rejects_a_line_that_doubles_back():
    from shapely.geometry import LineString

    from gisapp.build.recipes import RecipeError

    with pytest.raises(RecipeError):
        half_plane(LineString([(0, 0), (2, 1), (1, 2)]), "north_of")
    assert half_plane(LineString([(0, 0), (0, 1)]), "east_of").contains(Point(0.5, 0.5))
    assert not math.isclose(half_plane(LineString([(0, 0), (0, 1)]), "west_of").area, 0)
