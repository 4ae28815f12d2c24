"""English names are names a reader can use, not identifiers."""

from __future__ import annotations


def test_every_english_name_is_written_as_a_name(atlas):
    lowercase_or_id = {
        fid: feature.name.en
        for fid, feature in atlas.every_feature.items()
        if not feature.name.en or feature.name.en[0].islower() or "_" in feature.name.en
    }
    assert lowercase_or_id == {}


def test_schematic_reference_lines_say_so_in_english_too(atlas):
    lines = atlas.frame("reference_lines")
    assert len(lines) >= 5
    for fid, zh, en in zip(lines.index, lines["name_zh"], lines["name_en"], strict=True):
        assert "示意" in zh and "schematic" in en and en[0].isupper(), (fid, en)
