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
        raise IngestError(f"the zip holds a path outside its folder ({name!r}); refused",
                          zh=f"压缩包中有指向包外的路径（{name!r}），已拒绝")  # fmt: skip
    return path


def unpack(archive: Path, target: Path) -> list[Path]:
    """Extract the regular files of `archive` into `target`; IngestError on anything unsafe or oversized.

    Sizes are counted while reading, not taken from the zip's own (forgeable) header.
    """
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [info for info in bundle.infolist() if not info.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise IngestError(f"the zip holds {len(members)} files, more than {MAX_MEMBERS}",
                                  zh=f"压缩包内有 {len(members)} 个文件，超过上限 {MAX_MEMBERS} 个")  # fmt: skip
            written, total = [], 0
            for info in members:
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise IngestError(f"the zip holds a symbolic link ({info.filename!r}); refused",
                                      zh=f"压缩包中有符号链接（{info.filename!r}），已拒绝")  # fmt: skip
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
                                f"{info.filename!r} expands more than {MAX_RATIO} times (a zip bomb?); refused",
                                zh=f"{info.filename!r} 解压后膨胀超过 {MAX_RATIO} 倍（疑似压缩炸弹），已拒绝",
                            )
                        if total > MAX_UNPACKED_BYTES:
                            raise IngestError(
                                f"the zip expands to more than {MAX_UNPACKED_BYTES // 2**20} MB; refused",
                                zh=f"压缩包解压后超过 {MAX_UNPACKED_BYTES // 2**20} MB，已拒绝",
                            )
                        sink.write(chunk)
                written.append(destination)
    except zipfile.BadZipFile as exc:
        raise IngestError(f"{archive.name}: not a readable zip file ({exc})",
                          zh=f"{archive.name}：不是可读取的 zip 压缩包（{exc}）") from exc  # fmt: skip
    return written
