"""What the store keeps: a version (who, when, why, from where) and, per feature, the new and previous shape."""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

ACTIONS = ("import", "trace", "revert")


@dataclass(frozen=True)
class Provenance:
    """How an accepted shape was made: `official-import` or `traced-figure`, and the details a reviewer needs."""

    method: str
    details: dict = field(default_factory=dict)  # file, source layer, CRS and how it was chosen, control points …

    def as_dict(self) -> dict:
        return {"method": self.method, **self.details}

    @staticmethod
    def from_dict(data: dict) -> Provenance:
        details = {key: value for key, value in data.items() if key != "method"}
        return Provenance(method=data["method"], details=details)


@dataclass(frozen=True)
class Shape:
    """A shape to put in force, with how it was made."""

    geometry: BaseGeometry
    provenance: Provenance


@dataclass(frozen=True)
class Change:
    """One request to the store: new shapes for some features of one layer (None = back to the schematic recipe)."""

    layer: str
    action: str
    author: str
    note: str
    shapes: dict[str, Shape | None]
    source: dict = field(default_factory=dict)  # the request itself: file name, CRS choice, reverted version …


@dataclass(frozen=True)
class Accepted:
    """A feature's shape as the store holds it now, and the version that put it there."""

    feature_id: str
    layer: str
    version: int
    geometry: BaseGeometry
    provenance: Provenance


@dataclass(frozen=True)
class FeatureChange:
    """One feature's part of a version: what it became and what it was (None = the schematic recipe)."""

    feature_id: str
    geometry: BaseGeometry | None
    previous: BaseGeometry | None
    previous_provenance: Provenance | None
    previous_version: int | None


@dataclass(frozen=True)
class Version:
    """One accepted change, as `history` lists it."""

    number: int
    created_at: str  # ISO 8601, UTC
    author: str
    note: str
    action: str
    layer: str
    source: dict
    features: tuple[str, ...]
    changes: tuple[FeatureChange, ...] = ()  # filled by `Store.version`, not by `history`
