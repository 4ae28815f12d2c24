"""One bilingual text type: every UI string in both languages, bilingual hand-outs Chinese first."""

import re

import pytest

from gisapp.config import REPO_ROOT
from gisapp.i18n import STRINGS, Text, first_lang, t


def test_every_ui_string_has_chinese_and_english():
    for key, text in STRINGS.items():
        assert text.zh.strip() and text.en.strip(), key
        assert re.search(r"[\u4e00-\u9fff]", text.zh) or not re.search(r"[A-Za-z]{4,}", text.zh), key


def test_a_text_in_each_language_and_both():
    name = Text(zh="郑家镇", en="Zhengjia Town")
    assert (name.get("zh"), name.get("en"), name.get("both")) == ("郑家镇", "Zhengjia Town", "郑家镇 Zhengjia Town")
    assert name.named("en") == "Zhengjia Town (郑家镇)" and name.named("zh") == "郑家镇"
    assert t("colon", "zh") == "：" and t("colon", "en") == ": "
    assert first_lang("both") == "zh" and first_lang("en") == "en"


def test_an_unknown_language_is_an_error_not_a_silent_fallback():
    with pytest.raises(ValueError, match="fr"):
        Text(zh="区", en="district").get("fr")


def test_no_module_decides_languages_outside_i18n():
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{number}"
        for path in (REPO_ROOT / "gisapp").rglob("*.py")
        if path.name != "i18n.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""lang\s*[!=]=\s*["'](zh|en|both)["']""", line)
    ]
    assert offenders == []
