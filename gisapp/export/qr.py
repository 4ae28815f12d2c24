"""A QR code drawn as vector squares, so a printed sheet links back to the live atlas view at any size."""

from __future__ import annotations

import segno
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

QUIET_ZONE = 2  # modules of white border (the standard asks 4; the sheet's white margin supplies the rest)


def qr_modules(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of `text`'s QR code, row by row from the top, with a quiet zone."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def draw_qr(fig, text: str, box: tuple[float, float, float, float]) -> None:
    """Draw `text`'s QR code into `box` (figure fractions: left, bottom, width, height) as one vector path."""
    modules = qr_modules(text)
    size = len(modules)
    ax = fig.add_axes(list(box))
    ax.set_axis_off()
    ax.set_xlim(0, size)
    ax.set_ylim(size, 0)
    ax.set_aspect("equal")
    vertices, codes = [], []
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                vertices += [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1), (x, y)]
                codes += [MplPath.MOVETO, MplPath.LINETO, MplPath.LINETO, MplPath.LINETO, MplPath.CLOSEPOLY]
    ax.add_patch(PathPatch(MplPath(vertices, codes), facecolor="black", edgecolor="none", antialiased=False))
    ax.set_label("qr-code")
