"""Find a CJK font for printed output, so Chinese never renders as empty boxes."""

from __future__ import annotations

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
# Text from the data is drawn as written: "$…$" in a name or title is not typeset as maths.
DATA_TEXT = {"text.parse_math": False, "text.usetex": False}


def _covers_chinese(path: Path) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(str(path))
    except (OSError, RuntimeError):
        return False
    charmap = font.get_charmap()
    return all(ord(char) in charmap for char in PROBE)


@cache
def cjk_font_path() -> Path:
    """A font file with Chinese glyphs: `$GISAPP_CJK_FONT`, a known file, or a known family installed."""
    configured = cjk_font_setting()
    candidates = [configured] if configured else []
    candidates += [Path(name) for name in KNOWN_FONT_FILES]
    for entry in font_manager.fontManager.ttflist:
        if entry.name in KNOWN_FAMILIES:
            candidates.append(Path(entry.fname))
    for path in candidates:
        if path.is_file() and _covers_chinese(path):
            return path
    raise FontMissingError(
        "no CJK font found for Chinese text: install Debian's fonts-noto-cjk "
        f"(apt-get install fonts-noto-cjk) or set {CJK_FONT_ENV} to a .ttf/.otf/.ttc file with Chinese glyphs"
    )


@cache
def cjk_font() -> font_manager.FontProperties:
    """Matplotlib font properties for the CJK font (registered with the font manager once)."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path))
