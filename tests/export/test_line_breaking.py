"""Chinese line breaking on printed sheets and maps: no line starts with a closing mark or ends with an opening one."""

from __future__ import annotations

import pytest

from gisapp.export.text import NO_LINE_END, NO_LINE_START, wrap

TEXT = "完善研发设计、检测检验、技术推广等专业服务功能；全力支持培育山东金帝精密机械科技有限公司（龙头企业）。"


@pytest.mark.parametrize("width", range(8, 40))
def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one(width):
    lines = wrap(TEXT, width)
    assert "".join(lines) == TEXT  # nothing lost or added
    assert not [line for line in lines[1:] if line[0] in NO_LINE_START]
    assert not [line for line in lines[:-1] if line[-1] in NO_LINE_END]
