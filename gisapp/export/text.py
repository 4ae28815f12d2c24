"""Line wrapping that counts Chinese characters as double width (textwrap splits only on spaces)."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns a text takes: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` columns, at spaces for Latin words, anywhere in CJK.

    Tabs and odd whitespace are printed as single spaces (see `clean_for_print`). A word longer than a
    line stays whole on a line of its own.
    """
    return wrap_measured(text, width, display_width, cut_long=False)


def wrap_measured(text: str, width: float, width_of, cut_long: bool = True) -> list[str]:
    """Break `text` into lines no wider than `width` as measured by `width_of(piece)`, breaking as `wrap` does.

    With `cut_long`, a single word wider than the line is cut between characters rather than run past the margin.
    """
    lines: list[str] = []
    for paragraph in clean_for_print(text).splitlines() or [""]:
        line = ""
        for token in _tokens(paragraph):
            if line and width_of(line + token) > width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
            while cut_long and width_of(line) > width and len(line) > 1:  # an over-long word: cut where it stops
                cut = max(1, next(i for i in range(1, len(line) + 1) if width_of(line[:i]) > width) - 1)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """Latin words (with their leading space) stay whole; every wide character is its own token."""
    tokens, word = [], ""
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " " and word.strip():
            tokens.append(word)
            word = char
        else:
            word += char
    if word:
        tokens.append(word)
    return _kinsoku(tokens)


# Chinese line-breaking rules: a line never starts with closing punctuation nor ends with an opening one.
NO_LINE_START = set("，。、；：！？）》」』”’〕】…·%,.;:!?)]")
NO_LINE_END = set("（《「『“‘〔【(")


def _kinsoku(tokens: list[str]) -> list[str]:
    """Glue closing punctuation to the token before it and opening punctuation to the token after it."""
    glued: list[str] = []
    for token in tokens:
        if glued and (token[0] in NO_LINE_START or glued[-1][-1] in NO_LINE_END):
            glued[-1] += token
        else:
            glued.append(token)
    return glued


def clean_for_print(text: str) -> str:
    """`text` with tabs and odd whitespace as single spaces and invisible control characters dropped.

    Line breaks are kept. A font has no glyph for a tab or U+200B: matplotlib prints it as an empty box.
    """
    lines = []
    for line in text.splitlines():
        kept = "".join(" " if char.isspace() else char for char in line if not _invisible(char))
        lines.append(" ".join(part for part in kept.split(" ") if part))
    return "\n".join(lines)


def _invisible(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) in ("Cc", "Cf")


# Words a Chinese place name ends with: a line break before one reads '嘉明经济 / 开发区', not '嘉明经 / 济开发区'.
NATURAL_BREAKS = ("开发区", "街道", "示范区", "集聚区", "产业", "园区", "小镇", "中心", "基地", "片区", "功能区")


def balanced_lines(text: str, max_width: int) -> str:
    """A label as one line if it fits in `max_width` columns, else two lines of about equal width."""
    if display_width(text) <= max_width:
        return text
    tokens = _tokens(text)
    best, best_key = text, (display_width(text), 1)
    for cut in range(1, len(tokens)):
        first, second = "".join(tokens[:cut]).rstrip(), "".join(tokens[cut:]).lstrip()
        key = (max(display_width(first), display_width(second)), 0 if second.startswith(NATURAL_BREAKS) else 1)
        if first and second and key < best_key:  # of two equally wide cuts, the one between words
            best, best_key = f"{first}\n{second}", key
    return best
