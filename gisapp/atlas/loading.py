"""Load the whole atlas — catalogue, documents, plan facts, layer geometry — into one read-only object."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from gisapp.atlas.catalog import load_catalog, load_documents
from gisapp.atlas.geo import STORAGE_CRS
from gisapp.atlas.layer_checks import geometry_problems, size_problems
from gisapp.atlas.plan import load_plan_features
from gisapp.atlas.records import FACT_KINDS, Catalog, Caveat, Documents, LayerSpec, PlanFeature
from gisapp.config import LAYERS_DIR
from gisapp.errors import AtlasError
from gisapp.i18n import Text

TOWN_KINDS = ("town", "subdistrict", "development_zone")
MANIFEST = "manifest.json"  # written last by the build: the hash of every layer file of the set


@dataclass(frozen=True, eq=False)  # hashed by identity: one read-only atlas per process, usable as a cache key
class Atlas:
    """Everything the views need: layer specs in drawing order, facts by id, geometry by layer."""

    catalog: Catalog
    documents: Documents
    features: Mapping[str, PlanFeature]  # the features on the map (each has geometry)
    frames: Mapping[str, gpd.GeoDataFrame]
    layer_of: Mapping[str, str]  # feature id -> layer id, for plan and context features alike
    layers_dir: Path
    # named by the plans without a place: no geometry, listed not drawn
    unlocated: Mapping[str, PlanFeature] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def every_feature(self) -> Mapping[str, PlanFeature]:
        """Mapped and not-located features alike, for lists, counts, citations and exports."""
        return MappingProxyType({**self.features, **self.unlocated})

    @property
    def layers(self) -> tuple[LayerSpec, ...]:
        return tuple(sorted(self.catalog.layers, key=lambda spec: spec.order))

    def frame(self, layer_id: str) -> gpd.GeoDataFrame:
        """The layer's features (indexed by id, WGS-84)."""
        if layer_id not in self.frames:
            raise KeyError(f"unknown layer id: {layer_id!r}")
        return self.frames[layer_id]

    def row(self, feature_id: str):
        """The feature's row in its layer file (name, schematic flag, geometry method …)."""
        return self.frame(self.layer_of[feature_id]).loc[feature_id]

    def name(self, feature_id: str) -> Text:
        """Any feature's name: from its plan record, or (context features) from its layer file."""
        feature = self.features.get(feature_id)
        if feature is not None:
            return feature.name
        row = self.row(feature_id)
        return Text(zh=row["name_zh"], en=row["name_en"])

    def geometry(self, feature_id: str) -> BaseGeometry:
        """The geometry of any feature, plan or context."""
        if feature_id not in self.layer_of:
            raise KeyError(f"unknown feature id: {feature_id!r}")
        return self.frames[self.layer_of[feature_id]].geometry.loc[feature_id]


def _read_layer(path: Path, spec: LayerSpec) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise AtlasError([f"{path}: layer file missing for layer {spec.id!r} (run: python -m gisapp build)"])
    too_big = size_problems(path)
    if too_big:
        raise AtlasError(too_big)
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # GDAL raises several types for a corrupt file; all mean the same to the reader
        raise AtlasError([f"{path}: cannot read GeoJSON: {exc}"]) from exc
    if frame.crs is not None and frame.crs.to_string() != STORAGE_CRS:
        raise AtlasError([f"{path}: expected {STORAGE_CRS}, found {frame.crs.to_string()}"])
    frame = frame.set_crs(STORAGE_CRS, allow_override=True)
    if "id" not in frame.columns:
        raise AtlasError([f"{path}: features have no 'id' property"])
    duplicated = frame["id"][frame["id"].duplicated()].tolist()
    if duplicated:
        raise AtlasError([f"{path}: duplicate feature ids {duplicated}"])
    problems = geometry_problems(path, spec, frame)
    if problems:
        raise AtlasError(problems)
    return frame.set_index("id", drop=False)


def _structural_problems(
    catalog: Catalog, features: Mapping[str, PlanFeature], frames: Mapping[str, gpd.GeoDataFrame]
) -> list[str]:
    """Ids, layers and references that do not line up between the catalogue, facts and geometry."""
    problems: list[str] = []
    group_ids = {group.id for group in catalog.groups}
    problems += [
        f"catalog.yaml: layer {spec.id!r}: unknown group {spec.group!r}"
        for spec in catalog.layers
        if spec.group not in group_ids
    ]
    town_ids = {fid for fid, feature in features.items() if feature.kind in TOWN_KINDS}
    for fid, feature in features.items():
        where = f"{feature.file}: feature {fid!r}"
        if feature.layer not in frames:
            problems.append(f"{where}: layer {feature.layer!r} is not in the catalogue")
        elif feature.located and fid not in frames[feature.layer].index:
            problems.append(f"{where}: no geometry in {feature.layer}.geojson (run: python -m gisapp build)")
        elif not feature.located and fid in frames[feature.layer].index:
            problems.append(f"{where}: not located, yet {feature.layer}.geojson draws it (run: python -m gisapp build)")
        problems += [f"{where}: unknown town {town!r}" for town in feature.towns if town not in town_ids]
        if feature.parent is not None and feature.parent not in features:
            problems.append(f"{where}: unknown parent {feature.parent!r}")
        problems += [f"{where}: unknown zone {zone!r}" for zone in feature.zones if zone not in features]
    for spec in catalog.layers:
        if spec.role != "plan" or spec.id not in frames:
            continue
        orphans = [fid for fid in frames[spec.id].index if features.get(fid) is None or features[fid].layer != spec.id]
        problems += [f"{spec.id}.geojson: feature {fid!r} has no record in layers/plan" for fid in orphans]
    return problems


def _layer_index(frames: Mapping[str, gpd.GeoDataFrame]) -> tuple[dict[str, str], list[str]]:
    index: dict[str, str] = {}
    problems = []
    for layer_id, frame in frames.items():
        for fid in frame.index:
            if fid in index:
                problems.append(f"{layer_id}.geojson: feature id {fid!r} is also used in {index[fid]}.geojson")
            index.setdefault(fid, layer_id)
    return index, problems


def _manifest_problems(layers_dir: Path, catalog: Catalog) -> list[str]:
    """Layer files that are not the set the last build wrote (a folder without a manifest is hand-kept data)."""
    path = layers_dir / MANIFEST
    if not path.is_file():
        return []
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))["layers"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{path}: unreadable build manifest ({exc}): run python -m gisapp build"]
    problems = []
    for spec in catalog.layers:
        layer_file = layers_dir / f"{spec.id}.geojson"
        if layer_file.is_file() and sha256(layer_file.read_bytes()).hexdigest() != recorded.get(spec.id):
            problems.append(
                f"{layer_file}: not the file the last build wrote (see {MANIFEST}); the layer set is mixed — "
                "an interrupted build or a hand edit: run python -m gisapp build"
            )
    return problems


def with_document_names(feature: PlanFeature, documents: Documents) -> PlanFeature:
    """The feature with the atlas's own notes and caveats naming documents, not seed numbers (quotes untouched)."""

    def named(text: Text | None) -> Text | None:
        if text is None:
            return None
        return Text(zh=documents.named_refs(text.zh, "zh"), en=documents.named_refs(text.en, "en"))

    def caveat(item: Caveat) -> Caveat:
        return item.model_copy(update=named(Text(zh=item.zh, en=item.en)).model_dump())

    update: dict = {kind: tuple(fact.model_copy(update={"note": named(fact.note)}) for fact in getattr(feature, kind))
                    for kind in FACT_KINDS}  # fmt: skip
    update["targets"] = tuple(target.model_copy(update={"note": named(target.note)}) for target in feature.targets)
    update["caveats"] = tuple(caveat(item) for item in feature.caveats)
    return feature.model_copy(update=update)


def load_atlas(layers_dir: Path = LAYERS_DIR, geometry_dir: Path | None = None) -> Atlas:
    """Read and cross-check the atlas; raises AtlasError listing every structural problem.

    Layer files come from `geometry_dir` when given (a set rebuilt with imported shapes), else `layers_dir`.
    """
    layers_dir = Path(layers_dir)
    geometry_dir = Path(geometry_dir) if geometry_dir is not None else layers_dir
    catalog = load_catalog(layers_dir / "catalog.yaml")
    documents = load_documents(layers_dir / "documents.yaml")
    features = {fid: with_document_names(f, documents) for fid, f in load_plan_features(layers_dir / "plan").items()}
    problems = _manifest_problems(geometry_dir, catalog)
    frames = {}
    for spec in catalog.layers:  # every broken layer is reported, not just the first
        try:
            frames[spec.id] = _read_layer(geometry_dir / f"{spec.id}.geojson", spec)
        except AtlasError as exc:
            problems += exc.problems
    if problems:
        raise AtlasError(problems)
    layer_of, duplicated = _layer_index(frames)
    problems = duplicated + _structural_problems(catalog, features, frames)
    if problems:
        raise AtlasError(problems)
    return Atlas(
        catalog=catalog,
        documents=documents,
        features=MappingProxyType({fid: feature for fid, feature in features.items() if feature.located}),
        unlocated=MappingProxyType({fid: feature for fid, feature in features.items() if not feature.located}),
        frames=MappingProxyType(frames),
        layer_of=MappingProxyType(layer_of),
        layers_dir=layers_dir,
    )
