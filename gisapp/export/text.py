"""Line wrapping that counts Chinese characters as double width (textwrap splits only on spaces)."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns a text takes: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` columns, at spaces for Latin words, anywhere in CJK."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, line_width = "", 0
        for token in _tokens(paragraph):
            token_width = display_width(token)
            if line and line_width + token_width > width:
                lines.append(line.rstrip())
                line, line_width = token.lstrip(), display_width(token.lstrip())
            else:
                line, line_width = line + token, line_width + token_width
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
    return tokens
