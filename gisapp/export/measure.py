"""How wide a text prints, in points, in the printing font: so lines are broken where they really end."""

from __future__ import annotations

from functools import cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from gisapp.export.fonts import LATIN_FALLBACK, cjk_family

_REFERENCE_SIZE = 100.0  # measure large, scale down: rounding stays below a hundredth of a point
_TEXT_TO_PATH = TextToPath()


@cache
def _char_width(char: str, weight: str) -> float:
    """The advance of one character at 1 pt (kerning is ignored: it only ever tightens a line)."""
    props = FontProperties(family=[cjk_family(), LATIN_FALLBACK], weight=weight, size=_REFERENCE_SIZE)
    if char == " ":
        return _char_width("a a", weight) - 2 * _char_width("a", weight)  # a lone space measures as zero
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(char, props, ismath=False)
    return width / _REFERENCE_SIZE


def text_width_pt(text: str, size: float, weight: str = "normal") -> float:
    """The printed width of `text` at `size` points."""
    weight = "bold" if weight == "bold" else "normal"
    return sum(_char_width(char, weight) for char in text) * size
