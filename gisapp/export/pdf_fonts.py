"""Make the fonts matplotlib embeds in a PDF valid TrueType (Type 42) fonts.

Matplotlib embeds a Type 42 font as a CIDFontType2 with the font file as `FontFile2`, which must hold
TrueType (quadratic `glyf`) outlines. Noto Sans CJK is CFF-flavoured OpenType ("OTTO"), so the file it
writes there is not TrueType: poppler warns "Mismatch between font type and embedded font file" and
some readers draw nothing or will not select the text. Here each such embedded subset (a few hundred
glyphs) is converted to TrueType outlines with fontTools (cu2qu), keeping glyph order, widths and the
ToUnicode map, so the text stays selectable and searchable everywhere.
"""

from __future__ import annotations

import io

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject

CFF_MAGIC = b"OTTO"
MAX_ERROR_EM = 1 / 1000  # cu2qu tolerance: a thousandth of the em, invisible at any print size
CFF_ONLY_TABLES = ("CFF ", "CFF2", "VORG")


def cff_to_truetype(data: bytes) -> bytes:
    """A CFF-flavoured OpenType font as a TrueType font with the same glyphs (in the same order) and metrics."""
    font = TTFont(io.BytesIO(data))
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    max_error = font["head"].unitsPerEm * MAX_ERROR_EM
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_error, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for tag in CFF_ONLY_TABLES:
        if tag in font:
            del font[tag]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):  # fmt: skip
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: a PDF reaches glyphs by index (CIDToGIDMap)
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_descriptors(writer: PdfWriter):
    """Every font descriptor reachable from the pages' fonts (including fonts of form XObjects)."""
    seen: set[int] = set()
    pending = [page.get("/Resources") for page in writer.pages]
    while pending:
        resources = pending.pop()
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject) or id(resources) in seen:
            continue
        seen.add(id(resources))
        for font in (resources.get("/Font") or DictionaryObject()).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or []:
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    yield descriptor.get_object()
        for xobject in (resources.get("/XObject") or DictionaryObject()).values():
            pending.append(xobject.get_object().get("/Resources"))


def truetype_outlines(pdf: bytes) -> bytes:
    """`pdf` with every CFF font file embedded as FontFile2 converted to TrueType; unchanged if there is none."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    changed = False
    for descriptor in _font_descriptors(writer):
        stream = descriptor.get("/FontFile2")
        if stream is None:
            continue
        stream = stream.get_object()
        data = stream.get_data()
        if not data.startswith(CFF_MAGIC):
            continue
        converted = cff_to_truetype(data)
        stream.set_data(converted)
        stream[NameObject("/Length1")] = NumberObject(len(converted))
        changed = True
    if not changed:
        return pdf
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
