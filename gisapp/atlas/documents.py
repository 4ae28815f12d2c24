"""The seed documents (the plan texts): read them and check that a quote stands in its cited lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gisapp.config import seeds_dir
from gisapp.errors import DocumentMissingError

_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text with all whitespace removed, so quotes match across the seeds' hard line wraps."""
    return _WHITESPACE.sub("", text)


@dataclass(frozen=True)
class QuoteLocation:
    """The first and last 1-based line of a quote's occurrence in a seed."""

    first: int
    last: int


class SeedLibrary:
    """The seed documents of one folder, read once, with whitespace-insensitive quote lookup."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @cache  # noqa: B019 - one library per folder, lives for the process
    def lines(self, doc: str) -> tuple[str, ...]:
        """The document's lines; `doc` must be a plain file name in this library's folder (no paths)."""
        path = self.folder / doc
        if Path(doc).name != doc or doc.startswith(".") or path.resolve().parent != self.folder.resolve():
            raise DocumentMissingError(f"not a seed document name: {doc!r} (give the file name, e.g. 001_….txt)")
        if not path.is_file():
            raise DocumentMissingError(f"seed document not found: {path} (set GISAPP_SEEDS)")
        return tuple(path.read_text(encoding="utf-8").splitlines())

    def excerpt(self, doc: str, first: int, last: int) -> str:
        """Lines `first`..`last` (1-based, inclusive) joined with newlines."""
        return "\n".join(self.lines(doc)[first - 1 : last])

    def quote_in_lines(self, doc: str, first: int, last: int, quote: str) -> bool:
        """Whether `quote` stands verbatim (whitespace aside) within the cited lines."""
        lines = self.lines(doc)
        if not (1 <= first <= last <= len(lines)):
            return False
        return squeeze(quote) in squeeze(self.excerpt(doc, first, last))

    def locate(self, doc: str, quote: str) -> list[QuoteLocation]:
        """Every place `quote` occurs in `doc`, as line ranges (for curators filling citations)."""
        lines = self.lines(doc)
        flat, owner = [], []
        for number, line in enumerate(lines, start=1):
            piece = squeeze(line)
            flat.append(piece)
            owner.extend([number] * len(piece))
        text, needle = "".join(flat), squeeze(quote)
        found, start = [], text.find(needle)
        while needle and start != -1:
            found.append(QuoteLocation(owner[start], owner[start + len(needle) - 1]))
            start = text.find(needle, start + 1)
        return found


@cache
def seed_library(folder: Path | None = None) -> SeedLibrary:
    """The shared library for `folder` (default: the configured seeds folder)."""
    return SeedLibrary(folder or seeds_dir())
