"""Reading YAML and writing files safely: every error names the file, no write ever leaves half a file."""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from gisapp.errors import AtlasError


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice (YAML would silently keep the last one)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> dict:
    """A YAML mapping from `path`, or an AtlasError naming the file (unreadable, not UTF-8, bad YAML, dup keys)."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AtlasError([f"{path}: cannot read YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise AtlasError([f"{path}: expected a mapping at the top level"])
    return data


def _writer_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_orphaned_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files of writes to `path` whose writer died (e.g. killed mid-write)."""
    removed = []
    for candidate in Path(path).parent.glob(glob.escape(f".{Path(path).name}.") + "*"):  # names may hold [ or *
        pid = candidate.name[len(Path(path).name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _writer_alive(int(pid)):
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
    return removed


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; it replaces `path` only if the block succeeds.

    The temporary file does not exist when the block starts (some writers, e.g. GDAL, create it themselves).
    Its name carries the writer's process id, so the next write can remove what a killed writer left.
    """
    path = Path(path)
    remove_orphaned_temporaries(path)
    prefix = f".{path.name}.{os.getpid()}."
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=path.suffix or ".tmp")
    os.close(handle)
    os.unlink(temporary)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to `path`, creating its folder; a failure leaves the old file as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as temporary:
        temporary.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
