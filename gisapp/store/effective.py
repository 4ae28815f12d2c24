"""The atlas as it stands: the committed layers, with the store's accepted shapes built in.

With an empty store that is the layers folder itself. Otherwise the layers are rebuilt once per store
version into `<data>/built/<key>/` (staged, then renamed into place), so every page, export and check of
every process sees the same shapes, and the committed layers never change.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from hashlib import sha256
from pathlib import Path

from gisapp.atlas.loading import MANIFEST, Atlas, load_atlas
from gisapp.build.recipes import AcceptedShape
from gisapp.build.run import build_layers
from gisapp.config import data_dir
from gisapp.store.open import open_store
from gisapp.store.records import Accepted
from gisapp.store.sql import SqlStore

BUILT = "built"


def accepted_shapes(current: dict[str, Accepted]) -> dict[str, AcceptedShape]:
    """The store's shapes in the form the build takes, each with a one-line source."""
    shapes = {}
    for fid, accepted in current.items():
        details = accepted.provenance.details
        fit = f"{details['fit']} fit, RMS {details['rms_m']} m" if details.get("fit") else None
        parts = [details.get("file") or details.get("figure"), details.get("crs"), fit, f"version {accepted.version}",
                 details.get("note")]  # fmt: skip
        source = "; ".join(str(part) for part in parts if part)
        shapes[fid] = AcceptedShape(accepted.geometry, accepted.provenance.method, accepted.version, source)
    return shapes


def _layers_key(layers_dir: Path) -> str:
    """A digest of what the build reads besides the store: plan facts, inputs, catalogue."""
    digest = sha256()
    for path in sorted([*layers_dir.glob("plan/*.yaml"), *layers_dir.glob("inputs/*"), layers_dir / "catalog.yaml"]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def geometry_dir(layers_dir: Path, store: SqlStore) -> tuple[Path, int]:
    """The folder of layer files to load for the store's head version, built if needed; and that version."""
    head = store.head()
    if head == 0:
        return layers_dir, 0
    current = store.current()
    if not current:  # every import reverted: the committed layers are the current state
        return layers_dir, head
    store_key = sha256(store.location.encode()).hexdigest()[:8]
    target = data_dir(layers_dir) / BUILT / f"{store_key}-v{head}-{_layers_key(layers_dir)}"
    if (target / MANIFEST).is_file():
        return target, head
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        build_layers(layers_dir, staging, accepted=accepted_shapes(current))
        try:
            os.rename(staging, target)  # atomic; a process that lost the race uses the winner's identical set
        except OSError:
            if not (target / MANIFEST).is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target, head


def current_atlas(layers_dir: Path, store: SqlStore | None = None) -> Atlas:
    """The atlas with every accepted shape in force (the committed layers alone when the store is empty)."""
    store = store if store is not None else open_store(layers_dir)
    folder, _ = geometry_dir(Path(layers_dir), store)
    return load_atlas(layers_dir, geometry_dir=folder)
