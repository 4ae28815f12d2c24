"""Unpack an uploaded zip (zipped Shapefile, KMZ) safely: no paths outside the folder, no bombs, stated limits."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from gisapp.errors import IngestError

MAX_MEMBERS = 1000
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # a district's official layers are a few MB; a village layer tens
MAX_RATIO = 200  # uncompressed : compressed per member; real data compresses 3-20 times
_CHUNK = 1024 * 1024


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise IngestError(f"the zip holds a path outside its folder ({name!r}); refused")
    return path


def unpack(archive: Path, target: Path) -> list[Path]:
    """Extract the regular files of `archive` into `target`; IngestError on anything unsafe or oversized.

    Sizes are counted while reading, not taken from the zip's own (forgeable) header.
    """
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [info for info in bundle.infolist() if not info.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise IngestError(f"the zip holds {len(members)} files, more than {MAX_MEMBERS}")
            written, total = [], 0
            for info in members:
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise IngestError(f"the zip holds a symbolic link ({info.filename!r}); refused")
                relative = _safe_name(info.filename)
                destination = target.joinpath(*relative.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                limit = max(info.compress_size, 1) * MAX_RATIO
                size = 0
                with bundle.open(info) as source, open(destination, "wb") as sink:
                    while chunk := source.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > limit and size > _CHUNK:
                            raise IngestError(
                                f"{info.filename!r} expands more than {MAX_RATIO} times (a zip bomb?); refused"
                            )
                        if total > MAX_UNPACKED_BYTES:
                            raise IngestError(f"the zip expands to more than {MAX_UNPACKED_BYTES // 2**20} MB; refused")
                        sink.write(chunk)
                written.append(destination)
    except zipfile.BadZipFile as exc:
        raise IngestError(f"{archive.name}: not a readable zip file ({exc})") from exc
    return written
