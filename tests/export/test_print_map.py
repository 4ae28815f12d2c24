"""Print maps as a GIS professional checks them: SC glyphs, embedded TrueType, labels clear of each other."""

import itertools
import re
import subprocess
import warnings

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from matplotlib.transforms import Bbox
from pypdf import PdfReader

from gisapp.export.fonts import cjk_face, cjk_font
from gisapp.export.labels import LABEL_ZORDER, LabelSpec, place_labels
from gisapp.export.print_map import (
    DISTRICT_LAYER,
    MapRequest,
    default_title,
    map_bytes,
    render_map,
    subtitle,
    write_map,
)
from gisapp.views.explorer import default_layers
from gisapp.views.symbology import PRINT_PT_PER_PX, rgba


def _pdffonts(path) -> tuple[str, str]:
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return result.stdout, result.stderr


def _postscript_name(index: int) -> str:
    return FT2Font(str(cjk_face().path), face_index=index).postscript_name


def test_the_chinese_face_is_the_simplified_one_of_the_collection():
    face = cjk_face()
    assert face.family == "Noto Sans CJK SC" and face.index != 0  # the .ttc opens on its Japanese face
    found = font_manager.findfont(cjk_font())
    assert (found.path, found.face_index) == (str(face.path), face.index)


def test_simplified_and_japanese_faces_draw_bone_differently():
    """Why the face matters: 骨 has different strokes in SC and JP; the map uses the SC outline."""
    face = cjk_face()
    sc = FT2Font(str(face.path), face_index=face.index)
    jp = FT2Font(str(face.path), face_index=0)
    outlines = []
    for font in (sc, jp):
        font.set_size(48, 72)
        font.load_char(ord("骨"))
        outlines.append(font.get_path())
    assert outlines[0][0].tolist() != outlines[1][0].tolist()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_fonts_are_embedded_truetype_of_the_sc_face_with_selectable_text(atlas, tmp_path, lang):
    out = write_map(atlas, MapRequest(default_layers(atlas), lang=lang, dpi=150), tmp_path / "map.pdf")
    listing, problems = _pdffonts(out)
    rows = listing.splitlines()[2:]
    assert rows, listing
    assert "Type 3" not in listing
    assert all("CID TrueType" in row for row in rows), listing
    assert all(_postscript_name(cjk_face().index) in row or "NotoSansCJKsc-Bold" in row for row in rows), listing
    assert _postscript_name(0) not in listing  # not the Japanese face
    assert "Mismatch" not in problems and "Error" not in problems, problems  # a valid TrueType font file
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    expected = {"zh": ["东昌府区规划图", "郑家镇工业集聚区", "七大农业示范区"],
                "en": ["Dongchangfu District Plan Map", "Legend"]}[lang]  # fmt: skip
    for phrase in expected:
        assert phrase in text.replace("\n", "") or phrase in PdfReader(out).pages[0].extract_text()


def test_svg_keeps_text_as_text_naming_the_font_family(atlas, tmp_path):
    svg = write_map(atlas, MapRequest(default_layers(atlas), dpi=150), tmp_path / "map.svg").read_text("utf-8")
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    assert any("东昌府区规划图" in text for text in texts)
    assert any("郑家镇工业集聚区" in text for text in texts)
    assert "font-family: 'Noto Sans CJK SC'" in svg


def _label_boxes(fig):
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    labels = [text for text in ax.texts if text.get_label() == "map-label"]
    return ax, renderer, labels, [text.get_window_extent(renderer) for text in labels]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_at_the_default_view_never_overlap_and_stay_in_the_frame(atlas, lang):
    fig = render_map(atlas, MapRequest(default_layers(atlas), paper="A4", orientation="landscape", lang=lang))
    try:
        ax, renderer, labels, boxes = _label_boxes(fig)
        frame = ax.get_window_extent(renderer)
        assert len(labels) >= 20, [text.get_text() for text in labels]
        for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes, strict=True), 2):
            assert not box_a.overlaps(box_b), (a.get_text(), b.get_text())
        assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
        named = {text.get_gid() for text in labels}
        for zone in atlas.frame("agri_zones").index.tolist() + atlas.frame("industrial_clusters").index.tolist():
            assert f"label-{zone}" in named  # the plan's zones come first: none is dropped
    finally:
        plt.close(fig)


def test_labels_are_drawn_above_every_layer(atlas):
    fig = render_map(atlas, MapRequest(default_layers(atlas)))
    try:
        ax, _, labels, _ = _label_boxes(fig)
        drawn = [*ax.collections, *ax.patches, *(line for line in ax.lines if line.get_zorder() < LABEL_ZORDER - 2)]
        assert drawn and labels
        assert min(text.get_zorder() for text in labels) > max(artist.get_zorder() for artist in drawn)
    finally:
        plt.close(fig)


def test_labels_that_do_not_fit_are_moved_with_a_leader_or_left_off(atlas):
    fig, ax = plt.subplots(figsize=(3, 2), dpi=100)
    try:
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        anchors = [(40 + 4 * (i % 6), 40 + 4 * (i // 6)) for i in range(36)]  # a crowd of places close together
        specs = [LabelSpec(f"Label {i}", x, y, None, priority=i, size=9, color="#000000")
                 for i, (x, y) in enumerate(anchors)]  # fmt: skip
        layout = place_labels(ax, fig.canvas.get_renderer(), specs, obstacles=[])
        boxes = [placed.bbox for placed in layout.placed]
        assert layout.placed[0].spec.text == "Label 0" and not layout.placed[0].leader  # first priority, on its anchor
        assert any(placed.leader for placed in layout.placed)  # displaced ones point back to their place
        assert layout.dropped  # 36 labels within a fifth of a small frame cannot all fit
        assert len(layout.placed) + len(layout.dropped) == 36
        assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
        texts = [text for text in ax.texts if text.get_label() == "map-label"]
        assert len(texts) == len(layout.placed)  # dropped labels leave nothing behind
        leaders = [line for line in ax.lines if line.get_zorder() == LABEL_ZORDER - 2]
        assert len(leaders) == sum(placed.leader for placed in layout.placed)
    finally:
        plt.close(fig)


def test_an_obstacle_keeps_labels_off(atlas):
    fig, ax = plt.subplots(figsize=(3, 2), dpi=100)
    try:
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        centre = ax.transData.transform((50, 50))
        blocker = Bbox.from_extents(centre[0] - 30, centre[1] + 2, centre[0] + 30, centre[1] + 20)  # just above it
        layout = place_labels(ax, fig.canvas.get_renderer(), [LabelSpec("Name", 50, 50, None, 0, 9, "#000000")],
                              obstacles=[blocker])  # fmt: skip
        assert layout.placed and not layout.placed[0].bbox.overlaps(blocker) and layout.placed[0].leader
    finally:
        plt.close(fig)


def test_the_district_outline_is_drawn_whatever_layers_are_chosen(atlas):
    fig = render_map(atlas, MapRequest(("agri_zones",)))
    try:
        outline = rgba(next(spec for spec in atlas.layers if spec.id == DISTRICT_LAYER).style.color)
        edges = [tuple(colour) for collection in fig.axes[0].collections for colour in collection.get_edgecolor()]
        assert any(edge == pytest.approx(outline) for edge in edges)
        legend = [text.get_text() for text in fig.axes[1].get_legend().get_texts()]
        assert "区界" in legend and any("七大农业示范区" in label for label in legend)
    finally:
        plt.close(fig)


def test_tabs_and_odd_spaces_print_without_missing_glyph_boxes(atlas, tmp_path):
    title = "东昌府区\t农业\u200b示范区\u3000分布图"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph 9 (\t) missing from font(s)" before drawing a box
        data = map_bytes(atlas, MapRequest(("agri_zones",), title=title, dpi=150), "pdf")
    (tmp_path / "m.pdf").write_bytes(data)
    text = PdfReader(tmp_path / "m.pdf").pages[0].extract_text()
    assert "东昌府区 农业示范区 分布图" in text


def _dash_arrays(pdf: bytes, tmp_path) -> set[tuple[float, ...]]:
    (tmp_path / "d.pdf").write_bytes(pdf)
    content = PdfReader(tmp_path / "d.pdf").pages[0].get_contents().get_data().decode("latin-1")
    return {tuple(float(n) for n in found.split()) for found in re.findall(r"\[([\d. ]+)\] [\d.]+ d", content)}


def test_every_dash_pattern_of_the_catalogue_is_printed_as_drawn(atlas, tmp_path):
    dashed = [spec for spec in atlas.layers if spec.style.dash_pattern]
    patterns = {tuple(length * PRINT_PT_PER_PX for length in spec.style.dash_pattern) for spec in dashed}
    assert len(patterns) >= 5  # the catalogue has many patterns, not two
    drawn = _dash_arrays(map_bytes(atlas, MapRequest(tuple(spec.id for spec in atlas.layers), dpi=150), "pdf"),
                         tmp_path)  # fmt: skip
    for pattern in patterns:
        assert any(found == pytest.approx(pattern, abs=0.01) for found in drawn), (pattern, drawn)


def test_default_titles_are_sensible_in_each_language(atlas):
    district_feature = atlas.frame(DISTRICT_LAYER).index[0]
    for extent in ("district", district_feature, "115.9,36.4,116.1,36.5"):
        assert default_title(atlas, MapRequest(("towns",), extent=extent)) == "东昌府区规划图"
        assert default_title(atlas, MapRequest(("towns",), extent=extent, lang="en")) == "Dongchangfu District Plan Map"
    zone = MapRequest(("towns",), extent="agri_grapes")
    assert default_title(atlas, zone) == atlas.name("agri_grapes").zh
    assert subtitle(atlas, zone) == "东昌府区规划图 · 示意图（未经测绘）"
    english = MapRequest(("towns",), extent="agri_grapes", lang="en")
    assert default_title(atlas, english) == atlas.name("agri_grapes").en
    assert "—" not in default_title(atlas, zone)


def test_a_configured_collection_is_read_for_its_simplified_chinese_face(monkeypatch):
    from gisapp.export import fonts

    serif = cjk_face().path.with_name(cjk_face().path.name.replace("Sans", "Serif"))
    assert serif.is_file()  # Debian's fonts-noto-cjk ships both collections
    monkeypatch.setenv("GISAPP_CJK_FONT", str(serif))
    fonts.cjk_face.cache_clear()
    try:
        face = fonts.cjk_face()
        assert (face.path, face.family) == (serif, "Noto Serif CJK SC") and face.index != 0
    finally:
        fonts.cjk_face.cache_clear()


@pytest.mark.parametrize(("extent", "outlined"), [("guangping_tubes_cluster", True), ("district", False)])
def test_a_map_of_one_feature_outlines_it_and_says_so_in_the_legend(atlas, extent, outlined):
    from gisapp.export.print_map import HIGHLIGHT

    fig = render_map(atlas, MapRequest(default_layers(atlas), extent=extent))
    try:
        ax, side = fig.axes[0], fig.axes[1]
        lines = [line for line in ax.get_lines() if line.get_color() == HIGHLIGHT["color"]]
        legend = [text.get_text() for text in side.get_legend().get_texts()]
    finally:
        plt.close(fig)
    assert bool(lines) is outlined and ("当前选中要素" in legend) is outlined


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("嘉明经济开发区", "嘉明经济\n开发区"),
        ("高精管材特色产业集聚区", "高精管材特色\n产业集聚区"),
        ("郑家镇", "郑家镇"),
    ],
)
def test_a_two_line_name_breaks_between_words(name, lines):
    from gisapp.export.text import balanced_lines

    assert balanced_lines(name, 12) == lines
