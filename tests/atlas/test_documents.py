from pathlib import Path

import pytest

from gisapp.atlas.documents import SeedLibrary, squeeze
from gisapp.errors import DocumentMissingError


@pytest.fixture()
def library(tmp_path: Path) -> SeedLibrary:
    (tmp_path / "doc.txt").write_text("第一行\n\n到 2025年规上企业力\n争达到 15家。\n另一段", encoding="utf-8")
    return SeedLibrary(tmp_path)


def test_squeeze_removes_all_whitespace():
    assert squeeze(" 到 2025年\n规上\t企业 ") == "到2025年规上企业"


def test_quote_matches_across_hard_line_wraps(library):
    assert library.quote_in_lines("doc.txt", 3, 4, "到2025年规上企业力争达到 15家")


def test_quote_outside_cited_lines_does_not_match(library):
    assert not library.quote_in_lines("doc.txt", 1, 2, "规上企业")
    assert not library.quote_in_lines("doc.txt", 4, 9, "另一段")  # range past the end


def test_locate_reports_first_and_last_line(library):
    [location] = library.locate("doc.txt", "企业力争达到")
    assert (location.first, location.last) == (3, 4)


def test_missing_document_raises(library):
    with pytest.raises(DocumentMissingError, match=r"nope\.txt"):
        library.lines("nope.txt")
