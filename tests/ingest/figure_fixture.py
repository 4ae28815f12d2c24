"""A plan figure made from the atlas (towns drawn on a rotated, scaled sheet), with its exact pixel mapping."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from pyproj import Transformer

from gisapp.atlas.loading import Atlas

TO_METRES = Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True)
SEAT_RED = (220, 0, 0)


@dataclass(frozen=True)
class SheetMapping:
    """lon/lat -> figure pixel, as a printed plan figure would be: rotated, scaled, y down."""

    origin: tuple[float, float]  # metres (EPSG:4548) at pixel (margin, margin) before rotation
    metres_per_pixel: float
    rotation_deg: float
    size: tuple[int, int]

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        mx, my = TO_METRES.transform(lon, lat)
        dx, dy = (mx - self.origin[0]) / self.metres_per_pixel, (self.origin[1] - my) / self.metres_per_pixel
        angle = math.radians(self.rotation_deg)
        return (dx * math.cos(angle) - dy * math.sin(angle) + 60, dx * math.sin(angle) + dy * math.cos(angle) + 60)


def plan_figure(
    atlas: Atlas, path: Path, rotation_deg: float = 4.0, size: tuple[int, int] = (1100, 1300)
) -> SheetMapping:
    """Draw the district, the towns and a red dot at each town's reference point; write PNG (or PDF) to `path`."""
    district = atlas.geometry("district")
    west, south, east, north = district.bounds
    (x0, y1), (x1, y0) = TO_METRES.transform(west, north), TO_METRES.transform(east, south)
    scale = max((x1 - x0) / (size[0] - 160), (y1 - y0) / (size[1] - 160))
    mapping = SheetMapping((x0, y1), scale, rotation_deg, size)
    image = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(image)
    for fid in atlas.frame("towns").index:
        for polygon in getattr(atlas.geometry(fid), "geoms", [atlas.geometry(fid)]):
            draw.polygon([mapping.pixel(x, y) for x, y in np.asarray(polygon.exterior.coords)], outline=(60, 60, 60),
                         fill=(235, 240, 225))  # fmt: skip
    for polygon in getattr(district, "geoms", [district]):
        draw.line([mapping.pixel(x, y) for x, y in np.asarray(polygon.exterior.coords)], fill=(0, 0, 0), width=3)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return mapping


def red_dot(image: Image.Image, at: tuple[float, float], radius: int = 6) -> None:
    """Mark a pixel with a red dot (to find it again after warping)."""
    ImageDraw.Draw(image).ellipse([at[0] - radius, at[1] - radius, at[0] + radius, at[1] + radius], fill=SEAT_RED)
