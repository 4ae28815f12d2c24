"""Where exports are written: one check of the output path, one atomic write, for every format."""

from __future__ import annotations

import os
from pathlib import Path

from gisapp.atlas.files import write_atomically
from gisapp.errors import ExportError


def check_output(out: Path, suffixes: tuple[str, ...]) -> Path:
    """`out` if its suffix is one of `suffixes` and its folder exists and is writable; else an ExportError.

    Missing folders are refused, not created, so a typo in a path never scatters files.
    """
    out = Path(out)
    if out.suffix.lower() not in suffixes:
        raise ExportError(f"output must end in {' or '.join(suffixes)}: {out}")
    if not out.parent.is_dir():
        raise ExportError(f"output folder does not exist: {out.parent}")
    if not os.access(out.parent, os.W_OK):
        raise ExportError(f"output folder is not writable: {out.parent}")
    return out


def write_output(out: Path, data: str | bytes, suffixes: tuple[str, ...]) -> Path:
    """Check `out`, then write `data` atomically: a failure leaves no partial file and the old one intact."""
    out = check_output(out, suffixes)
    write_atomically(out, data)
    return out
