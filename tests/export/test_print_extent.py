"""The area a print map covers: the web map's view as seen, the district and features with surroundings."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from gisapp.atlas.geo import to_metric
from gisapp.errors import ExportError
from gisapp.export.extent import extent_bounds, fit_ratio

VIEW = "115.87,36.426,116.043,36.551"  # a view zoomed in on the centre of the district, ~15 km across


def test_a_view_is_printed_as_seen_only_widened_to_the_page(atlas):
    seen = to_metric(box(115.87, 36.426, 116.043, 36.551)).bounds
    assert extent_bounds(atlas, VIEW) == pytest.approx(seen)
    width, height = seen[2] - seen[0], seen[3] - seen[1]
    printed = fit_ratio(extent_bounds(atlas, VIEW), 1.5)
    assert printed[3] - printed[1] == pytest.approx(height)  # the page is wider than the view: height kept
    assert printed[2] - printed[0] == pytest.approx(height * 1.5) and height * 1.5 >= width


def test_a_feature_is_printed_with_its_surroundings(atlas):
    feature = to_metric(atlas.geometry("zhengjia")).bounds
    shown = extent_bounds(atlas, "zhengjia")
    assert shown[2] - shown[0] > 1.5 * (feature[2] - feature[0])


def test_a_view_outside_the_district_is_refused_in_both_languages(atlas):
    with pytest.raises(ExportError, match="outside the district") as refused:
        extent_bounds(atlas, "116.5,36.0,116.6,36.1")
    assert "区界之外" in refused.value.zh
