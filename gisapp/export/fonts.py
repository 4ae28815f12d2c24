"""Find a CJK font for printed output, so Chinese never renders as empty boxes, in Simplified Chinese forms.

Noto Sans CJK ships as one .ttc whose first face is Japanese (户 骨 海 冷 drawn the Japanese way): the face
used here is the Simplified Chinese one (family "Noto Sans CJK SC", face index 2), which matplotlib >= 3.10
selects by family name from the .ttc.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib import font_manager

from gisapp.config import CJK_FONT_ENV, cjk_font_setting
from gisapp.errors import FontMissingError

# Debian's fonts-noto-cjk (OFL), then common system CJK fonts, by file.
KNOWN_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
KNOWN_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
)
PROBE = "东昌府区规划"
# A face name that says Simplified Chinese: "… SC", "… CN", "… GB", "Hans", "PingFang SC", "YaHei".
SIMPLIFIED = re.compile(r"(\bSC\b|\bCN\b|\bGB|Hans|Simplified|YaHei|Micro Hei)", re.IGNORECASE)
LATIN_FALLBACK = "DejaVu Sans"
# Text from the data is drawn as written: "$…$" in a name or title is not typeset as maths.
DATA_TEXT = {"text.parse_math": False, "text.usetex": False}


@dataclass(frozen=True)
class CjkFace:
    """One face of a font file: the file, the face's index in it (a .ttc holds several) and its family name."""

    path: Path
    index: int
    family: str


def _faces(path: Path) -> list[CjkFace]:
    """The faces of `path` that cover Chinese, Simplified-Chinese faces first, monospaced faces last."""
    from matplotlib.ft2font import FT2Font

    try:
        first = FT2Font(str(path))
    except (OSError, RuntimeError):
        return []
    faces = []
    for index in range(first.num_faces):
        face = first if index == 0 else FT2Font(str(path), face_index=index)
        charmap = face.get_charmap()
        if all(ord(char) in charmap for char in PROBE):
            faces.append(CjkFace(path, index, face.family_name))
    return sorted(faces, key=lambda face: (not SIMPLIFIED.search(face.family), "Mono" in face.family, face.index))


def _covers_chinese(path: Path) -> bool:
    return bool(_faces(path))


@cache
def cjk_face() -> CjkFace:
    """The Chinese face to print with: from `$GISAPP_CJK_FONT`, a known file, or a known family installed.

    In a collection (.ttc) the Simplified Chinese face is chosen; a single-face file is used as it is.
    """
    configured = cjk_font_setting()
    candidates = [configured] if configured else []
    candidates += [Path(name) for name in KNOWN_FONT_FILES]
    for entry in font_manager.fontManager.ttflist:
        if entry.name in KNOWN_FAMILIES:
            candidates.append(Path(entry.fname))
    for path in candidates:
        faces = _faces(path) if path.is_file() else []
        if faces:
            return faces[0]
    raise FontMissingError(
        "no CJK font found for Chinese text: install Debian's fonts-noto-cjk "
        f"(apt-get install fonts-noto-cjk) or set {CJK_FONT_ENV} to a .ttf/.otf/.ttc file with Chinese glyphs"
    )


def cjk_font_path() -> Path:
    """The file holding the Chinese face (a .ttc may hold other faces too: see `cjk_face().index`)."""
    return cjk_face().path


@cache
def cjk_family() -> str:
    """The Chinese face's family name, registered with matplotlib's font manager (once)."""
    face = cjk_face()
    if _registered_name(face) is None:
        font_manager.fontManager.addfont(str(face.path))  # registers every face of a collection
    return _registered_name(face) or face.family


def _registered_name(face: CjkFace) -> str | None:
    """The family name matplotlib's font manager knows the face by (it reads the name table its own way)."""
    for entry in font_manager.fontManager.ttflist:
        if Path(entry.fname) == face.path and entry.index == face.index:
            return entry.name
    return None


@cache
def cjk_font() -> font_manager.FontProperties:
    """Matplotlib font properties selecting the Chinese face by family (so a .ttc's SC face, not its first)."""
    return font_manager.FontProperties(family=[cjk_family(), LATIN_FALLBACK])


def print_rc() -> dict:
    """Matplotlib settings for every printed output: the CJK face, fonts embedded whole, text kept as text.

    PDF fonts are embedded as Type 42 (CID fonts, selectable text; see `pdf_fonts.truetype_outlines` for
    the CFF-flavoured Noto faces) and SVG text stays text, naming its font family.
    """
    return {
        **DATA_TEXT,
        "font.family": [cjk_family(), LATIN_FALLBACK],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "none",
    }
