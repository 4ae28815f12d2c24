"""Zone sheets as a promoter hands them out: every sheet whole, in every language, with a link back to the atlas."""

import re
import subprocess

import matplotlib.pyplot as plt
import pytest
from matplotlib.ft2font import FT2Font
from matplotlib.transforms import Bbox

from gisapp.cli import main
from gisapp.errors import GisappError
from gisapp.export.fonts import LATIN_FALLBACK, cjk_face, print_rc
from gisapp.export.profile_sheet import render_profile_pages, sheet_content, sheet_link, write_profile
from gisapp.export.qr import qr_modules
from gisapp.views.explorer import state_from_query

# A number followed by a Chinese unit: what an English reader must never be left with (quotes aside).
CHINESE_UNIT = re.compile(
    r"\d\s*(万千瓦|千瓦|亿元|万元|元|万亩|亩|亿斤|万吨|吨|平方公里|平方千米|公里|家|个|所|万人|人)(?![\u4e00-\u9fff])"
)
CHINESE_PUNCTUATION = re.compile(r"[，。：；（）、“”]")
PAGE_SLACK_PX = 0.5


def _glyphs() -> set[int]:
    from matplotlib import font_manager

    face = cjk_face()
    covered = set(FT2Font(str(face.path), face_index=face.index).get_charmap())
    latin = font_manager.findfont(LATIN_FALLBACK)
    return covered | set(FT2Font(latin).get_charmap())


def _page_problems(fig, glyphs: set[int], lang: str) -> list[str]:
    """What a reader would see wrong on one page: text off the page, over the maps, over other text, no glyph."""
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    figures = [ax.get_window_extent(renderer) for ax in fig.axes if ax.get_label() in ("locator", "qr-code")]
    problems, boxes = [], []
    for text in fig.texts:
        content = text.get_text()
        if not content.strip():
            continue
        box = text.get_window_extent(renderer)
        where = f"{content[:30]!r}"
        if box.x0 < -PAGE_SLACK_PX or box.x1 > width * 0.95 or box.y0 < 0 or box.y1 > height:
            problems.append(f"off the page or margin: {where} {box.bounds}")
        if any(Bbox.intersection(box, other) is not None and _area(Bbox.intersection(box, other)) > 1
               for other in figures):  # fmt: skip
            problems.append(f"over the locator or QR code: {where}")
        problems += [f"overlaps {other_text!r}: {where}" for other, other_text in boxes if _overlap(box, other) > 1]
        boxes.append((box, content[:30]))
        missing = {char for char in content if ord(char) not in glyphs and not char.isspace()}
        if missing:
            problems.append(f"no glyph for {sorted(missing)}: {where}")
        if lang == "en" and text.get_label() not in ("sheet-note", "sheet-name"):  # quotes and the Chinese name
            if CHINESE_UNIT.search(content):
                problems.append(f"untranslated unit: {content!r}")
            if CHINESE_PUNCTUATION.search(re.sub(r"[\u4e00-\u9fff（）“”]+[^A-Za-z]*", "", content)):
                problems.append(f"Chinese punctuation in English: {content!r}")
    return problems


def _area(box) -> float:
    return max(box.width, 0) * max(box.height, 0)


def _overlap(one, other) -> float:
    common = Bbox.intersection(one, other)
    return 0.0 if common is None else _area(common)


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_every_sheet_prints_whole_with_every_glyph_and_english_units(atlas, lang):
    glyphs = _glyphs()
    problems = []
    for feature_id in atlas.features:
        pages = render_profile_pages(atlas, feature_id, lang)
        try:
            for number, fig in enumerate(pages, start=1):
                problems += [f"{feature_id} p{number}: {problem}" for problem in _page_problems(fig, glyphs, lang)]
        finally:
            plt.close("all")
    assert problems == [], "\n".join(problems[:40])


def test_the_page_checks_catch_a_clipped_line_and_an_untranslated_unit(atlas):
    pages = render_profile_pages(atlas, "agri_grapes", "en")
    try:
        fig = pages[0]
        with plt.rc_context(print_rc()):
            fig.text(0.5, 0.5, "Output value 150 亿元 " + "x" * 200, fontsize=8).set_label("sheet-text")
            problems = _page_problems(fig, _glyphs(), "en")
    finally:
        plt.close("all")
    assert any("off the page" in problem for problem in problems)
    assert any("untranslated unit" in problem for problem in problems)


def test_english_sheet_reads_amounts_in_english_and_notes_name_documents(atlas):
    content = sheet_content(atlas, "zhengjia_cluster", "en")
    facts = dict((label, value) for label, value, _ in content.facts)
    assert "CNY 15 billion" in facts["Targets"] and "亿元" not in facts["Targets"]
    body = [para.text for para in content.body]
    assert any(text.startswith("Dongchangfu Industrial Plan 2021-2030, line ") for text in body)
    assert not any(".txt" in text for text in body)


def test_a_bilingual_sheet_gives_each_line_its_own_note_in_both_languages(atlas):
    """The atlas's note on a fact (an inference, a gap) reaches the English reader too, not only the Chinese."""
    body = [para.text for para in sheet_content(atlas, "zhengjia_cluster", "both").body]
    zh = next(index for index, text in enumerate(body) if "规划未给出机场场址" in text)
    assert "The plans give no airport site" in body[zh + 1], body[zh + 1]


def test_no_line_repeats_a_bracketed_label_or_nests_brackets(atlas):
    """'嘉明经济开发区（北片区）（多区支撑）（多区支撑）' and '（园区（位置示意））' read as mistakes on a hand-out."""
    for fid in ("jiaming", "zhengjia", "douhutun"):
        for para in sheet_content(atlas, fid, "both").body:
            if para.role == "sheet-note":
                continue  # the plans' own words, quoted as they are
            assert not re.search(r"（([^（）]+)）（\1）|\(([^()]+)\) \(\2\)", para.text, re.IGNORECASE), para.text
            assert not re.search(r"（[^）]*（", para.text), para.text


def test_a_town_sheet_lists_the_plan_zones_and_projects_in_it(atlas):
    content = sheet_content(atlas, "zhengjia", "zh")
    body = [para.text for para in content.body]
    assert "镇街内的规划片区" in body and "本区域的项目" in body
    assert any(text.startswith("郑家镇工业集聚区") for text in body)


def test_the_sheet_links_to_the_live_view_of_the_zone_with_a_qr_code(atlas, tmp_path):
    link = sheet_link(atlas, "agri_grapes", "en", "https://atlas.example.cn/dcf")
    assert link == "https://atlas.example.cn/dcf/?sel=agri_grapes&lang=en"  # short: a small, easily scanned code
    opened = state_from_query({"sel": "agri_grapes", "lang": "en"}, atlas, ("osm",))
    assert opened.selected == "agri_grapes" and "agri_zones" in opened.layers and opened.lang == "en"
    pages = render_profile_pages(atlas, "agri_grapes", "en", base_url="https://atlas.example.cn/dcf")
    try:
        labels = [ax.get_label() for ax in pages[0].axes]
    finally:
        plt.close("all")
    assert "qr-code" in labels and len(qr_modules(link)) > 20
    out = write_profile(atlas, "agri_grapes", tmp_path / "s.pdf", "en", base_url="https://atlas.example.cn/dcf")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "https://atlas.example.cn/dcf/?" in text.replace("\n", "")


def test_without_a_public_address_the_sheet_has_no_qr_code(atlas, monkeypatch):
    monkeypatch.delenv("GISAPP_PUBLIC_URL", raising=False)
    pages = render_profile_pages(atlas, "agri_grapes", "zh")
    try:
        assert "qr-code" not in [ax.get_label() for ax in pages[0].axes]
    finally:
        plt.close("all")


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "atlas.example.cn", "https://exa mple.cn", "ftp://x.cn"])
def test_a_bad_public_address_is_refused_with_a_message(atlas, tmp_path, capsys, bad):
    with pytest.raises(GisappError, match="not a web address"):
        sheet_link(atlas, "agri_grapes", "zh", bad)
    assert main(["profile", "agri_grapes", "--link", bad, "-o", str(tmp_path / "s.pdf")]) == 2
    assert "not a web address" in capsys.readouterr().err
    assert not (tmp_path / "s.pdf").exists()


def test_profile_pdf_fonts_are_truetype_in_the_simplified_chinese_face(atlas, tmp_path):
    out = write_profile(atlas, "zhengjia_cluster", tmp_path / "s.pdf", "both")
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    fonts = listing.splitlines()[2:]
    assert fonts and all("CID TrueType" in line for line in fonts), listing
    assert "Type 3" not in listing and all("CJKsc" in line or "CJK SC" in line for line in fonts), listing


def test_a_sheet_cites_each_passage_once_with_every_part_it_quotes_verbatim(atlas):
    from gisapp.atlas.documents import seed_library
    from gisapp.export.profile_sheet import PART_SEP, sheet_content

    seeds = seed_library()
    notes = sheet_content(atlas, "zhengjia_cluster", "zh").notes.items
    passages = [(note.doc, note.lines) for note in notes]
    assert len(passages) == len(set(passages)) and len(notes) <= 20  # 36 notes before, line 309 seven times
    merged = [note for note in notes if PART_SEP in note.quote]
    assert merged  # the long lines 309 and 313 each quoted in parts
    for note in notes:
        for part in note.quote.split(PART_SEP):
            assert seeds.quote_in_lines(note.doc, *note.lines, part), (note.doc, note.lines, part)
