"""A zone profile (画像) as an A4 handout an investment promoter can put on the table: PDF or PNG, zh/en/both.

Page one: the title block (with a QR code back to the live atlas view when the atlas has a public
address), a key-facts box beside a labelled locator map, then the plan's facts by section. Numbered
notes quote the plans (document title and lines, never a file name); caveats close the text as a
footnote. Every page carries the schematic note, the date and 'page x of y'.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from PIL import Image

from gisapp.atlas.loading import Atlas
from gisapp.config import public_url
from gisapp.errors import ExportError
from gisapp.export.fonts import print_rc
from gisapp.export.locator import draw_locator
from gisapp.export.measure import text_width_pt
from gisapp.export.output import check_output, write_output
from gisapp.export.pdf_fonts import truetype_outlines
from gisapp.export.qr import draw_qr
from gisapp.export.text import wrap_measured
from gisapp.i18n import SHEET_LANGS, first_lang, lines_label, second_lang, t
from gisapp.views.explorer import zone_link
from gisapp.views.key_facts import KeyFact, key_facts
from gisapp.views.profile import Citation, Item, Profile, build_profile, section_title

A4_IN = (210 / 25.4, 297 / 25.4)
PAGE_W_PT, PAGE_H_PT = A4_IN[0] * 72, A4_IN[1] * 72
MARGIN = 0.07  # left and right margin (page width fraction)
TOP, BOTTOM = 0.955, 0.075  # where text may start and must stop (page height fractions)
QR_W = 0.10  # page width fraction
LOCATOR = (0.58, 0.35, 0.27)  # left, width (page width fractions), height (page height fraction)
FACTS_W = 0.48  # the key-facts box's width (page width fraction)
FACTS_LABEL_W = 0.10  # its label column
FACTS_PAD = 0.012
FORMATS = (".pdf", ".png")
INK, GREY, BLUE, BROWN = "#222222", "#5f5f5f", "#0d47a1", "#6d4c41"


@dataclass
class Para:
    """A paragraph of the flowing text: wrapped to the column, moved whole to the next page if its head won't fit."""

    text: str
    size: float = 8.5
    weight: str = "normal"
    color: str = INK
    indent: float = 0.0  # left indent (page width fraction)
    hanging: str = ""  # printed before the first line; later lines start after it ('• ', '[12] ')
    space_before: float = 0.0  # points
    keep_with_next: bool = False  # a heading stays with the first line after it
    rule: bool = False  # a thin line above (a section that starts the footnotes)
    show_mark: bool = True  # False: indent as if the hanging mark were there (a translation under its line)
    role: str = "sheet-text"  # the drawn text's label: 'sheet-note' marks the plans' quoted words


class _Notes:
    """Numbers each cited passage (document and lines) once, in order of first use.

    Several facts often quote parts of one long line; they share its note, which gives each distinct part
    once (a part already inside another is not repeated).
    """

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._numbers: dict[tuple, int] = {}

    def mark(self, citations) -> str:
        numbers = []
        for citation in citations:
            key = (citation.doc, citation.lines)
            if key not in self._numbers:
                self.items.append(citation)
                self._numbers[key] = len(self.items)
            else:
                index = self._numbers[key] - 1
                self.items[index] = _with_part(self.items[index], citation.quote)
            numbers.append(self._numbers[key])
        return "".join(f"[{n}]" for n in sorted(set(numbers)))


PART_SEP = "”……“"  # between two quoted parts of one line, inside the note's own quotation marks


def _with_part(note: Citation, quote: str) -> Citation:
    """The note with `quote` added as a part of its own, unless a part already contains it (or it contains one)."""
    parts = note.quote.split(PART_SEP)
    if any(quote in part for part in parts):
        return note
    kept = [part for part in parts if part not in quote]
    return replace(note, quote=PART_SEP.join([*kept, quote]))


def note_text(citation: Citation, lang: str) -> str:
    """A numbered note's body: '《东昌府区产业规划（2021-2030年）》第 18–20 行：“…”' / '…, lines 18–20: “…”'."""
    return t("note_form", lang).format(doc=citation.doc_title, at=lines_label(citation.lines, lang), q=citation.quote)


@dataclass
class SheetContent:
    """Everything the sheet prints, in reading order; the citations numbered as they first appear."""

    title: str
    subtitle: str | None
    kicker: str
    facts: list[tuple[str, str, str | None]]  # label, value, value in the second language
    body: list[Para] = field(default_factory=list)
    notes: _Notes = field(default_factory=_Notes)


def _paired(first: tuple[KeyFact, ...], second: tuple[KeyFact, ...] | None) -> list[tuple[KeyFact, KeyFact | None]]:
    by_key = {fact.key: fact for fact in second or ()}
    return [(fact, by_key.get(fact.key)) for fact in first]


def sheet_content(atlas: Atlas, feature_id: str, lang: str) -> SheetContent:
    """The sheet's text in `lang` ('zh', 'en' or 'both': Chinese with the English under each line)."""
    head = first_lang(lang)
    profile = build_profile(atlas, atlas.features[feature_id], head)
    second = second_lang(lang)
    other = build_profile(atlas, atlas.features[feature_id], second) if second else None
    content = SheetContent(
        title=profile.name,
        subtitle=other.name if other else (f"{profile.name_zh}" if head == "en" else None),
        kicker=f"{profile.layer_title} · {t('district', lang)}",
        facts=[],
    )
    notes = content.notes
    notes.mark(profile.sources)  # the zone's own defining sources are notes [1]…
    facts_second = key_facts(atlas, other, second) if other else None
    for fact, fact_second in _paired(key_facts(atlas, profile, head), facts_second):
        value = f"{fact.text} {notes.mark(fact.citations)}".strip()
        content.facts.append((t(fact.key, lang), value, fact_second.text if fact_second else None))
    _body(content, profile, other, lang)
    return content


def noted(note: str | None, lang: str) -> str:
    """A line's note after it: in brackets, or after a dash when it has brackets of its own (no （…（…））)."""
    if not note:
        return ""
    return f" — {note}" if any(mark in note for mark in "（(") else t("paren", lang).format(note)


def _items(content: SheetContent, first: tuple[Item, ...], second: tuple[Item, ...] | None, lang: str) -> None:
    head = first_lang(lang)
    for index, item in enumerate(first):
        note = noted(item.note, head)
        marks = content.notes.mark(item.citations)
        content.body.append(Para(f"{item.text}{note} {marks}".rstrip(), hanging="• ", indent=0.005,
                                 keep_with_next=second is not None))  # a line and its translation on one page
        if second is not None:
            translated = second[index]
            own_note = noted(translated.note, second_lang(lang))
            content.body.append(Para(f"{translated.text}{own_note}", size=7.5, color=GREY, indent=0.005,
                                     hanging="• ", show_mark=False))  # fmt: skip


def _heading(content: SheetContent, text: str, color: str = BLUE, size: float = 10.5) -> None:
    content.body.append(Para(text, size=size, weight="bold", color=color, space_before=5, keep_with_next=True))


def _body(content: SheetContent, profile: Profile, other: Profile | None, lang: str) -> None:
    for kind, items in profile.sections.items():
        _heading(content, section_title(kind, lang))
        if kind == "city_echoes":
            content.body.append(Para(t("sheet_city_context", lang), size=7.5, color=GREY, keep_with_next=True))
        _items(content, items, other.sections[kind] if other else None, lang)
    if profile.targets:
        _heading(content, t("targets", lang))
        _items(content, profile.targets, other.targets if other else None, lang)
    if profile.caveats:  # a footnote: smaller, after the facts, under a rule
        content.body.append(Para(t("sheet_caveats", lang), size=8, weight="bold", color=BROWN, space_before=8,
                                 keep_with_next=True, rule=True))  # fmt: skip
        for index, item in enumerate(profile.caveats):
            marks = content.notes.mark(item.citations)
            content.body.append(Para(f"{item.text} {marks}".rstrip(), size=7, color=BROWN, hanging="* "))
            if other is not None:
                caveat = other.caveats[index].text
                content.body.append(Para(caveat, size=6.5, color=GREY, hanging="* ", show_mark=False))
    content.body.append(Para(t("sheet_notes", lang), size=8, weight="bold", color=BLUE, space_before=8,
                             keep_with_next=True, rule=True))  # fmt: skip
    head = first_lang(lang)
    for number, citation in enumerate(content.notes.items, start=1):
        content.body.append(Para(note_text(citation, head), size=6.5, color=GREY, hanging=f"[{number}] ",
                                 role="sheet-note"))  # fmt: skip


class _Layout:
    """Lays text out on A4 pages top to bottom, measuring every line so nothing runs past the margins."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.pages: list[Figure] = []
        self.y = TOP

    def new_page(self) -> Figure:
        fig = plt.figure(figsize=A4_IN)
        self.pages.append(fig)
        self.y = TOP
        return fig

    @property
    def fig(self) -> Figure:
        return self.pages[-1]

    def text(self, x: float, y: float, text: str, size: float, role: str = "sheet-text", **style) -> None:
        self.fig.text(x, y, text, fontsize=size, va="top", **style).set_label(role)

    @staticmethod
    def hang(para: Para) -> float:
        """The width of the paragraph's hanging mark (page width fraction): where its text starts."""
        return text_width_pt(para.hanging, para.size, para.weight) / PAGE_W_PT if para.hanging else 0.0

    def lines_of(self, para: Para, width: float) -> list[str]:
        """The paragraph's lines: the first after its hanging mark, the rest aligned under the first's text."""
        room = (width - para.indent - self.hang(para)) * PAGE_W_PT
        return wrap_measured(para.text, room, lambda piece: text_width_pt(piece, para.size, para.weight))

    def flow(self, paras: list[Para], left: float = MARGIN, width: float = 1 - 2 * MARGIN, bottom: float = BOTTOM):
        """Set `paras` from the current height down, starting a new page where one would cross `bottom`."""
        for index, para in enumerate(paras):
            lines = self.lines_of(para, width)
            step = para.size * 1.45 / PAGE_H_PT
            head = para.space_before / PAGE_H_PT + step
            if para.keep_with_next and index + 1 < len(paras):
                head += paras[index + 1].size * 1.45 / PAGE_H_PT
            if self.y - head < bottom:
                self.new_page()
            elif para.space_before:
                self.y -= para.space_before / PAGE_H_PT
            if para.rule:
                self.fig.add_artist(Line2D([left, left + width], [self.y + 0.002] * 2, color="#bbbbbb",
                                           linewidth=0.5, transform=self.fig.transFigure))  # fmt: skip
            hang = self.hang(para)
            x = left + para.indent
            for number, line in enumerate(lines):
                if self.y - step < bottom:
                    self.new_page()
                style = {"weight": para.weight, "color": para.color, "role": para.role}
                if number == 0 and para.hanging.strip() and para.show_mark:
                    self.text(x, self.y, para.hanging.strip(), para.size, **style)
                self.text(x + hang, self.y, line, para.size, **style)
                self.y -= step


def _header(layout: _Layout, content: SheetContent, link: str | None) -> None:
    """Title, subtitle and kicker left; the QR code (when the atlas has a public address) right."""
    fig = layout.fig
    right = 1 - MARGIN
    if link:
        qr_h = QR_W * PAGE_W_PT / PAGE_H_PT
        draw_qr(fig, link, (right - QR_W, TOP + 0.01 - qr_h, QR_W, qr_h))
        fig.text(right - QR_W / 2, TOP + 0.006 - qr_h, t("sheet_link", layout.lang), fontsize=6, color=GREY,
                 ha="center", va="top")  # fmt: skip
        right -= QR_W + 0.02
    block = [Para(content.title, size=18, weight="bold")]
    if content.subtitle:  # the other language's name; on an English sheet, the Chinese name as written
        block.append(Para(content.subtitle, size=11, color="#333333", role="sheet-name"))
    block.append(Para(content.kicker, size=8, color=GREY))
    layout.flow(block, MARGIN, right - MARGIN)
    if link:
        layout.y = min(layout.y, TOP + 0.006 - QR_W * PAGE_W_PT / PAGE_H_PT - 0.012)
    layout.y -= 0.006
    fig.add_artist(Line2D([MARGIN, 1 - MARGIN], [layout.y] * 2, color=BLUE, linewidth=1.0,
                          transform=fig.transFigure))  # fmt: skip
    layout.y -= 0.012


def _key_facts_box(layout: _Layout, content: SheetContent) -> float:
    """The key-facts box under the header, left of the locator; returns its bottom (page fraction)."""
    top = layout.y
    inner = FACTS_W - 2 * FACTS_PAD
    value_w = inner - FACTS_LABEL_W
    layout.y -= FACTS_PAD
    layout.flow([Para(t("key_facts", layout.lang), size=10, weight="bold", color=BLUE)], MARGIN + FACTS_PAD, inner)
    for label, value, value_second in content.facts:
        row_top = layout.y
        layout.flow([Para(label, size=8, weight="bold", color=GREY)], MARGIN + FACTS_PAD, FACTS_LABEL_W)
        label_bottom, layout.y = layout.y, row_top
        paras = [Para(value, size=8.5)]
        if value_second:
            paras.append(Para(value_second, size=7.5, color=GREY))
        layout.flow(paras, MARGIN + FACTS_PAD + FACTS_LABEL_W, value_w)
        layout.y = min(layout.y, label_bottom) - 0.003
    bottom = layout.y - FACTS_PAD
    box = Rectangle((MARGIN, bottom), FACTS_W, top - bottom, transform=layout.fig.transFigure, facecolor="#eef3f9",
                    edgecolor="none", zorder=-1)  # fmt: skip
    box.set_label("key-facts-box")
    layout.fig.add_artist(box)
    return bottom


def _footers(pages: list[Figure], lang: str, when: dt.date, link: str | None) -> None:
    """The schematic note, the date, the link and 'page x of y' at the foot of every page."""
    note = t("schematic_feature", lang)
    stamp = f"{t('generated', lang)} {when.isoformat()}" + (f" · {link}" if link else "")
    for number, fig in enumerate(pages, start=1):
        layout = _Layout(lang)
        layout.pages.append(fig)
        layout.y = BOTTOM - 0.012
        footer = [Para(note, size=6, color=BROWN, role="sheet-footer"),
                  Para(stamp, size=6, color=GREY, role="sheet-footer")]  # fmt: skip
        layout.flow(footer, MARGIN, 1 - 2 * MARGIN - 0.1, bottom=0.0)
        page = t("sheet_page", first_lang(lang)).format(page=number, pages=len(pages))
        number_text = fig.text(1 - MARGIN, BOTTOM - 0.012, page, fontsize=7, color=GREY, ha="right", va="top")
        number_text.set_label("sheet-footer")


def sheet_link(atlas: Atlas, feature_id: str, lang: str, base_url: str | None) -> str | None:
    """The live atlas view the sheet links to, from `base_url` or `$GISAPP_PUBLIC_URL`; None if neither is set."""
    base = base_url or public_url()
    return zone_link(atlas, base, feature_id, first_lang(lang)) if base else None


def render_profile_pages(
    atlas: Atlas, feature_id: str, lang: str = "zh", when: dt.date | None = None, base_url: str | None = None
) -> list[Figure]:
    """The sheet as A4 figures (usually two); the caller closes them (and draws them inside `print_rc()`)."""
    if feature_id not in atlas.features:
        raise ExportError(f"unknown feature id {feature_id!r}")
    if lang not in SHEET_LANGS:
        raise ExportError(f"lang must be one of {SHEET_LANGS}, got {lang!r}")
    when = when or dt.date.today()
    link = sheet_link(atlas, feature_id, lang, base_url)
    content = sheet_content(atlas, feature_id, lang)
    layout = _Layout(lang)
    with plt.rc_context(print_rc()):
        layout.new_page()
        _header(layout, content, link)
        top = layout.y
        facts_bottom = _key_facts_box(layout, content)
        left, width, height = LOCATOR
        locator_bottom = top - height
        draw_locator(layout.fig, atlas, feature_id, position=(left, locator_bottom, width, height),
                     lang=first_lang(lang))  # fmt: skip
        layout.y = min(facts_bottom, locator_bottom) - 0.01
        layout.flow(content.body)
        _footers(layout.pages, lang, when, link)
    return layout.pages


def profile_bytes(
    atlas: Atlas, feature_id: str, lang: str = "zh", fmt: str = "pdf", dpi: int = 200, base_url: str | None = None
) -> bytes:
    """The sheet as PDF bytes (one A4 page each, fonts embedded as TrueType) or PNG bytes (pages stacked)."""
    if fmt not in ("pdf", "png"):
        raise ExportError(f"format must be pdf or png, got {fmt!r}")
    pages = render_profile_pages(atlas, feature_id, lang, base_url=base_url)
    buffer = io.BytesIO()
    try:
        with plt.rc_context(print_rc()):
            if fmt == "pdf":
                from matplotlib.backends.backend_pdf import PdfPages

                title = f"{atlas.features[feature_id].name.zh} {t('profile_suffix', 'both')}"
                with PdfPages(buffer, metadata={"Title": title}) as pdf:
                    for page in pages:
                        pdf.savefig(page)
                return truetype_outlines(buffer.getvalue())
            images = []
            for page in pages:
                page.set_dpi(dpi)
                page.canvas.draw()
                images.append(np.asarray(page.canvas.buffer_rgba())[:, :, :3])
            Image.fromarray(np.concatenate(images, axis=0)).save(buffer, format="PNG")
            return buffer.getvalue()
    finally:
        for page in pages:
            plt.close(page)


def write_profile(
    atlas: Atlas, feature_id: str, out: Path, lang: str = "zh", fmt: str | None = None, dpi: int = 200,
    base_url: str | None = None,
) -> Path:  # fmt: skip
    """Write the sheet to `out` atomically (PDF or PNG, from `fmt` or the file name)."""
    out = check_output(out, FORMATS)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    return write_output(out, profile_bytes(atlas, feature_id, lang, fmt, dpi, base_url), FORMATS)
