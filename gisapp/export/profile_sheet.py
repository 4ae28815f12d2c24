"""A zone profile (画像) as an A4 handout: PDF or PNG, in Chinese, English or both.

A locator map, the plan's facts and targets, caveats, numbered sources, the date and the schematic note.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from PIL import Image

from gisapp.atlas.loading import Atlas
from gisapp.errors import ExportError
from gisapp.export.fonts import DATA_TEXT, cjk_font
from gisapp.export.locator import draw_locator
from gisapp.export.output import check_output, write_output
from gisapp.export.text import wrap
from gisapp.i18n import SHEET_LANGS, first_lang, second_lang, t
from gisapp.views.profile import Citation, Profile, build_profile, line_span, section_title

A4_IN = (210 / 25.4, 297 / 25.4)
PAGE_PT = A4_IN[1] * 72
MARGIN = 0.07  # page fraction
LOCATOR_BOX = (0.60, 0.72, 0.33, 0.24)  # left, bottom, width, height (page fractions)
FORMATS = (".pdf", ".png")


@dataclass
class _Line:
    text: str
    size: float
    weight: str = "normal"
    color: str = "#222222"
    indent: float = 0.0  # page fraction


class _Citations:
    """Numbers each distinct source once, in order of first use."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def mark(self, citations) -> str:
        numbers = []
        for citation in citations:
            key = (citation.doc, citation.lines, citation.quote)
            existing = [i for i, c in enumerate(self.items) if (c.doc, c.lines, c.quote) == key]
            if existing:
                numbers.append(existing[0] + 1)
            else:
                self.items.append(citation)
                numbers.append(len(self.items))
        return "".join(f"[{n}]" for n in sorted(set(numbers)))


def _lines(primary: Profile, secondary: Profile | None, lang: str) -> tuple[list[_Line], list[_Line]]:
    """The sheet's text: facts (main flow) and the numbered sources (small print).

    `secondary` is the English profile printed under each Chinese line when `lang` is 'both'.
    """
    citations = _Citations()
    colon = t("colon", lang)
    defining = citations.mark(primary.sources)  # the feature's own citations come first: [1]…
    body: list[_Line] = [_Line(f"{t('basis', lang)}{colon}{defining}", 8, color="#555555")]

    def para(text: str, size: float = 9, weight: str = "normal", color: str = "#222222", indent: float = 0.0):
        body.append(_Line(text, size, weight, color, indent))

    def items(first, second) -> None:
        for index, item in enumerate(first):
            note = f"（{item.note}）" if item.note else ""
            para(f"• {item.text}{note} {citations.mark(item.citations)}", indent=0.01)
            if second is not None:
                para(second[index].text, size=8, color="#555555", indent=0.025)

    meta = [
        ("position", primary.position, secondary.position if secondary else None),
        ("towns", t("list_sep", lang).join(primary.towns), ", ".join(secondary.towns) if secondary else None),
    ]
    for key, value, value_en in meta:
        if value:
            para(f"{t(key, lang)}{colon}{value}")
            if value_en:
                para(value_en, size=8, color="#555555", indent=0.025)
    if primary.area_km2 is not None:
        para(f"{t('area', lang)}{colon}{primary.area_km2:.2f} km²")
    for kind, section in primary.sections.items():
        para(section_title(kind, lang), size=11, weight="bold", color="#0d47a1")
        items(section, secondary.sections[kind] if secondary else None)
    if primary.targets:
        para(t("targets", lang), size=11, weight="bold", color="#0d47a1")
        items(primary.targets, secondary.targets if secondary else None)
    if primary.caveats:
        para(t("caveats", lang), size=11, weight="bold", color="#6d4c41")
        items(primary.caveats, secondary.caveats if secondary else None)
    sources = [_Line(t("sources", lang), 10, "bold", "#0d47a1")]
    line_word = t("lines", first_lang(lang))
    for number, citation in enumerate(citations.items, start=1):
        span = line_span(citation.lines)
        text = f"[{number}] {citation.doc_title}（{citation.doc}，{line_word} {span}）：“{citation.quote}”"
        sources.append(_Line(text, 6.5, color="#444444"))
    return body, sources


def _new_page(lang: str, page_number: int, when: dt.date) -> Figure:
    fig = plt.figure(figsize=A4_IN)
    footer = f"{t('schematic_feature', lang)}  ·  {t('generated', lang)} {when.isoformat()}  ·  {page_number}"
    fig.text(MARGIN, 0.045, "\n".join(wrap(footer, 150)), fontsize=6.5, color="#6d4c41", va="top")
    return fig


def _columns(width: float, size: float) -> int:
    """How many display columns (a Chinese character is two) of `size`-point text fit in `width` of the page."""
    return int(width * A4_IN[0] * 72 / (size * 0.52))


def _header(fig: Figure, atlas: Atlas, profile: Profile, profile_en: Profile | None) -> float:
    """Title block left of the locator map (long names wrap); returns where the text flow starts (from bottom)."""
    title_width = LOCATOR_BOX[0] - MARGIN - 0.02
    y = 0.955
    block = [(profile.name, 17, {"weight": "bold"})]
    if profile_en is not None:
        block.append((profile_en.name, 11, {"color": "#333333"}))
    block.append((f"{profile.layer_title} · {t('district', 'both')}", 8, {"color": "#666666"}))
    for text, size, style in block:
        for piece in wrap(text, _columns(title_width, size)):
            fig.text(MARGIN, y, piece, fontsize=size, va="top", **style)
            y -= size * 1.35 / PAGE_PT
        y -= 0.006
    draw_locator(fig, atlas, profile.id, position=LOCATOR_BOX)
    return min(0.70, y - 0.01)


def render_profile_pages(atlas: Atlas, feature_id: str, lang: str = "zh", when: dt.date | None = None) -> list[Figure]:
    """The sheet as A4 figures (usually one or two); the caller closes them."""
    if feature_id not in atlas.features:
        raise ExportError(f"unknown feature id {feature_id!r}")
    if lang not in SHEET_LANGS:
        raise ExportError(f"lang must be one of {SHEET_LANGS}, got {lang!r}")
    when = when or dt.date.today()
    font = cjk_font()
    profile = build_profile(atlas, atlas.features[feature_id], first_lang(lang))
    second = second_lang(lang)
    profile_en = build_profile(atlas, atlas.features[feature_id], second) if second else None
    body, sources = _lines(profile, profile_en, lang)
    pages: list[Figure] = []
    with plt.rc_context({**DATA_TEXT, "font.family": [font.get_name(), "DejaVu Sans"]}):
        fig = _new_page(lang, 1, when)
        pages.append(fig)
        y = _header(fig, atlas, profile, profile_en)
        text_width = 1 - 2 * MARGIN
        for block_index, block in enumerate((body, sources)):
            if block_index == 1:
                y -= 0.015
            for line in block:
                columns = _columns(text_width, line.size) - int(line.indent * 200)
                for piece in wrap(line.text, columns):
                    step = line.size * 1.5 / PAGE_PT
                    if y - step < 0.06:
                        fig = _new_page(lang, len(pages) + 1, when)
                        pages.append(fig)
                        y = 0.95
                    fig.text(MARGIN + line.indent, y, piece, fontsize=line.size, weight=line.weight,
                             color=line.color, va="top")  # fmt: skip
                    y -= step
    return pages


def profile_bytes(atlas: Atlas, feature_id: str, lang: str = "zh", fmt: str = "pdf", dpi: int = 200) -> bytes:
    """The sheet as PDF bytes (one A4 page each) or PNG bytes (pages stacked)."""
    if fmt not in ("pdf", "png"):
        raise ExportError(f"format must be pdf or png, got {fmt!r}")
    pages = render_profile_pages(atlas, feature_id, lang)
    buffer = io.BytesIO()
    try:
        if fmt == "pdf":
            title = atlas.features[feature_id].name.zh
            with PdfPages(buffer, metadata={"Title": f"{title} {t('profile_suffix', 'both')}"}) as pdf:
                for page in pages:
                    pdf.savefig(page)
        else:
            images = []
            for page in pages:
                page.set_dpi(dpi)
                page.canvas.draw()
                images.append(np.asarray(page.canvas.buffer_rgba())[:, :, :3])
            Image.fromarray(np.concatenate(images, axis=0)).save(buffer, format="PNG")
    finally:
        for page in pages:
            plt.close(page)
    return buffer.getvalue()


def write_profile(
    atlas: Atlas, feature_id: str, out: Path, lang: str = "zh", fmt: str | None = None, dpi: int = 200
) -> Path:
    """Write the sheet to `out` atomically (PDF or PNG, from `fmt` or the file name)."""
    out = check_output(out, FORMATS)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    return write_output(out, profile_bytes(atlas, feature_id, lang, fmt, dpi), FORMATS)
