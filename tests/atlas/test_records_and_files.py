"""Values that reach HTML/CSS/JS are checked at load; YAML is read strictly; writes are all-or-nothing."""

import os

import pytest

from gisapp.atlas.files import read_yaml, write_atomically
from gisapp.atlas.loading import load_atlas
from gisapp.errors import AtlasError
from tests.conftest import edit

AGRI_STYLE = 'style: {color: "#2e7d32", fill: "#81c784"'


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (AGRI_STYLE, 'style: {color: "#2e7d32\\"></span><img src=x onerror=alert(1)>", fill: "#81c784"', "color"),
        (AGRI_STYLE, 'style: {color: "red", fill: "#81c784"', "color"),
        (AGRI_STYLE, 'style: {color: "#2e7d32", fill: "url(javascript:x)"', "fill"),
        ('dash: "6 3", label_color: "#1b5e20"', 'dash: "6 3;stroke:red", label_color: "#1b5e20"', "dash"),
        ('label_color: "#1b5e20"', 'label_color: "#1b5e20;font-size:99px"', "label_color"),
        ("  - id: agri_zones", "  - id: \"agri_zones'><script>\"", "id"),
    ],
)
def test_catalogue_values_that_reach_css_or_js_are_checked_at_load(layers_copy, old, new, field):
    edit(layers_copy / "catalog.yaml", old, new)
    with pytest.raises(AtlasError, match=rf"catalog\.yaml: layers\.\d+\.(style\.)?{field}"):
        load_atlas(layers_copy)


def test_the_catalogue_dash_pattern_is_read_as_numbers(atlas):
    assert atlas.catalog.layer("commerce_axes").style.dash_pattern == (12.0, 6.0)
    assert atlas.catalog.layer("district").style.dash_pattern == ()


def test_a_key_given_twice_in_yaml_is_refused_not_silently_replaced(layers_copy):
    path = layers_copy / "plan" / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  project_airport:\n")
    path.write_text(text + text[start : text.index("\n  project_", start + 1) + 1], encoding="utf-8")
    with pytest.raises(AtlasError, match=r"projects\.yaml: .*duplicate key 'project_airport'"):
        load_atlas(layers_copy)


def test_yaml_that_is_not_utf8_names_the_file(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("features: {名称: 郑家}".encode("gbk"))
    with pytest.raises(AtlasError, match=r"gbk\.yaml: cannot read YAML"):
        read_yaml(path)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "layer.geojson"
    write_atomically(path, "old")

    class Unencodable(str):
        def encode(self, *args, **kwargs):
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, Unencodable("new"))
    assert path.read_text() == "old"
    assert [item.name for item in tmp_path.iterdir()] == ["layer.geojson"]


def test_a_dead_writers_leftover_is_removed_even_when_the_name_holds_glob_characters(tmp_path):
    path = tmp_path / "map[1].png"
    orphan = tmp_path / ".map[1].png.999999999.x.png"  # no process has this id
    orphan.write_text("left by a killed export")
    live = tmp_path / f".map[1].png.{os.getpid()}.y.png"  # a writer that is still running
    live.write_text("being written")
    write_atomically(path, b"new")
    assert sorted(item.name for item in tmp_path.iterdir()) == sorted([path.name, live.name])
