"""The errors the CLI and the app report to a person: one base class, messages that name the file at fault.

The message (str(exc)) is English, as the CLI and its JSON report speak; an error a planner meets in the app
may carry its Chinese wording too (`zh`). Which one a reader gets is decided in gisapp.i18n, not here.
"""

from __future__ import annotations


class GisappError(Exception):
    """Something the user can act on (bad data, bad request, missing font); shown as its message, never a traceback.

    `zh` is the same message in Chinese, or None where only the English exists.
    """

    def __init__(self, message: str = "", zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh


class AtlasError(GisappError):
    """The layer data is inconsistent; the message lists every problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class RecipeError(GisappError):
    """A geometry recipe names an unknown method, anchor, line or feature, or produces nothing."""


class DocumentMissingError(GisappError):
    """A seed document (plan text) is not where the configuration says."""


class ExportError(GisappError):
    """A request that cannot be exported (unknown layer or feature, bad size, dpi, format or path)."""


class FontMissingError(GisappError):
    """No font with Chinese glyphs was found; the message says how to install one."""


class UnknownAssetError(GisappError):
    """A map element wants a CDN file the app does not serve locally; it would break offline."""


class UsageError(GisappError):
    """A command-line value that is not one of the allowed ones."""


class StoreError(GisappError):
    """The version store cannot do what was asked (no such version, unreachable database, bad change)."""


class IngestError(GisappError):
    """An uploaded file that cannot be imported as it is (unreadable, unsafe, oversized, wrong CRS or type)."""


class FigureError(IngestError):
    """A plan figure that cannot be used for tracing (unreadable, too large) or control points that do not fit."""
