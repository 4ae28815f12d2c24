"""Errors that name the file and feature at fault."""

from __future__ import annotations


class AtlasError(Exception):
    """The layer data is inconsistent; the message lists every problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
