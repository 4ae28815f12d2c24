"""The text encoding of a Shapefile's DBF: the .cpg if there is one, else the DBF's own bytes decide.

Official Chinese data often comes as GBK/CP936 without a .cpg; GDAL would then read it as Latin-1 and
turn every name into mojibake, silently. We test the bytes instead and say what we decided.
"""

from __future__ import annotations

import struct
from pathlib import Path

from gisapp.errors import IngestError
from gisapp.i18n import Text

CANDIDATES = ("UTF-8", "GB18030")  # GB18030 reads GBK/CP936/GB2312 text as well
MAX_SCANNED_BYTES = 8 * 1024 * 1024


def _text_bytes(dbf: Path) -> bytes:
    """The bytes of the DBF's character fields (first records up to a limit)."""
    with open(dbf, "rb") as handle:
        header = handle.read(32)
        if len(header) < 32:
            raise IngestError(f"{dbf.name}: not a DBF file (too short)", zh=f"{dbf.name}：不是 DBF 文件（文件过短）")
        records, header_size, record_size = struct.unpack("<IHH", header[4:12])
        fields, offset = [], 1  # each record starts with a deletion flag byte
        while handle.tell() < header_size - 1:
            descriptor = handle.read(32)
            if not descriptor or descriptor[0] == 0x0D:
                break
            kind, width = chr(descriptor[11]), descriptor[16]
            if kind in "CM":
                fields.append((offset, width))
            offset += width
        handle.seek(header_size)
        data = handle.read(min(records * record_size, MAX_SCANNED_BYTES))
    chunks = []
    for start in range(0, len(data) - record_size + 1, max(record_size, 1)):
        record = data[start : start + record_size]
        chunks += [record[o : o + w].rstrip(b" \x00") for o, w in fields]
    return b"\n".join(chunks)


def shapefile_encoding(shp: Path) -> tuple[str | None, Text]:
    """(encoding to read with or None to let GDAL follow the .cpg, a note for the report in both languages)."""
    cpg = next((p for p in shp.parent.iterdir() if p.stem == shp.stem and p.suffix.lower() == ".cpg"), None)
    if cpg is not None:
        declared = cpg.read_text(encoding="ascii", errors="replace").strip()
        return None, Text(zh=f"文字编码取自 .cpg 文件：{declared}", en=f"text encoding from the .cpg file: {declared}")
    dbf = next((p for p in shp.parent.iterdir() if p.stem == shp.stem and p.suffix.lower() == ".dbf"), None)
    if dbf is None:
        raise IngestError(
            f"{shp.name}: the Shapefile has no .dbf (attribute table); zip all its files together",
            zh=f"{shp.name}：该 Shapefile 缺少 .dbf（属性表）文件；请将它的全部文件一起打包为 zip",
        )
    text = _text_bytes(dbf)
    if text.isascii():
        return "UTF-8", Text(zh="无 .cpg 文件；属性文字均为 ASCII 字符", en="no .cpg; attribute text is plain ASCII")
    for candidate in CANDIDATES:
        try:
            text.decode(candidate)
        except UnicodeDecodeError:
            continue
        return candidate, Text(zh=f"无 .cpg 文件；据内容识别，属性文字的编码为 {candidate}",
                               en=f"no .cpg; attribute text decodes as {candidate} (detected)")  # fmt: skip
    raise IngestError(
        f"{shp.name}: no .cpg and the attribute text is neither UTF-8 nor GBK/GB18030; add a .cpg naming the encoding",
        zh=f"{shp.name}：没有 .cpg 文件，且属性文字既不是 UTF-8 也不是 GBK/GB18030 编码；请添加写明编码的 .cpg 文件",
    )
