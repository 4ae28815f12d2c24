"""The explorer's search box through Streamlit's AppTest: typo note, no-match message, selection cleared."""

import re

from streamlit.testing.v1 import AppTest

from gisapp.atlas.loading import load_atlas
from gisapp.config import REPO_ROOT
from gisapp.views.search import search

APP = str(REPO_ROOT / "app.py")


def run_app(**query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def shown(markdown: str) -> str:
    """What the reader sees of escaped Markdown."""
    return re.sub(r"\\(.)", r"\1", markdown)


def panel_heading(app: AppTest) -> str | None:
    return shown(app.subheader[0].value) if app.subheader else None


def notes(app: AppTest) -> list[str]:
    return [shown(caption.value) for caption in app.sidebar.caption]


def test_a_typo_selects_the_corrected_words_best_match_and_says_did_you_mean():
    app = run_app()
    app.text_input(key="q").input("轴成").run()
    assert not app.exception
    assert panel_heading(app) == "郑家镇工业集聚区"
    assert app.query_params["sel"] == "zhengjia_cluster"
    assert any("您要找的是不是“轴承”" in note for note in notes(app))


def test_no_match_says_so_and_clears_a_selection_made_from_the_url():
    app = run_app(sel="agri_grapes")
    assert panel_heading(app) == "现代有机葡萄产业示范区"
    app.text_input(key="q").input("xyzzy").run()
    assert not app.exception
    assert any("没有找到与“xyzzy”相符的内容" in note for note in notes(app))
    assert panel_heading(app) is None
    assert app.session_state["selected"] is None
    assert "sel" not in app.query_params
    assert not [radio for radio in app.sidebar.radio if radio.key == "hit_choice"]  # no stale result list


def test_no_match_after_a_typo_hit_clears_the_hit_and_its_note():
    app = run_app()
    app.text_input(key="q").input("葡桃").run()
    assert panel_heading(app) == "现代有机葡萄产业示范区"
    app.text_input(key="q").input("芯片封测").run()
    assert panel_heading(app) is None
    assert not any("您要找的是不是" in note for note in notes(app))
    app.text_input(key="q").input("葡萄").run()  # and a plain hit afterwards selects again, with no note
    assert panel_heading(app) == "现代有机葡萄产业示范区"
    assert not any("您要找的是不是" in note for note in notes(app))


def test_did_you_mean_and_no_match_in_english():
    app = run_app(lang="en")
    app.text_input(key="q").input("bearnigs").run()
    assert any("Did you mean “bearings”? Showing its results." in note for note in notes(app))
    assert panel_heading(app).startswith("Zhengjia Town Industrial Cluster")
    app.text_input(key="q").input("qwertyuiop").run()
    assert any(note.startswith("No match for “qwertyuiop” in the plans") for note in notes(app))
    assert panel_heading(app) is None


def test_english_synonym_and_two_words_list_their_hits():
    app = run_app(lang="en")
    app.text_input(key="q").input("new energy vehicle").run()
    english = app.radio(key="hit_choice").options
    app.text_input(key="q").input("新能源汽车").run()
    assert app.radio(key="hit_choice").options == english and len(english) >= 3
    app.text_input(key="q").input("轴承 郑家").run()
    assert panel_heading(app).startswith("Zhengjia Town Industrial Cluster")
    hits = search(load_atlas(), "轴承 郑家")
    assert len(app.radio(key="hit_choice").options) == len(hits) >= 3
    for hit in hits:  # every hit matches both words
        assert all(any(word in text for _, text in hit.matches) for word in ("轴承", "郑家")), hit


def test_a_hostile_query_is_shown_as_text():
    app = run_app()
    app.text_input(key="q").input("**x** [a](http://e.x) <b>").run()
    assert not app.exception
    caption = next(c.value for c in app.sidebar.caption if "没有找到" in c.value)
    assert "\\*\\*x\\*\\*" in caption and "\\[a\\]" in caption


def test_a_new_search_marks_its_own_first_result_not_the_previous_choice():
    atlas = load_atlas()
    first = [hit.feature_id for hit in search(atlas, "郑家镇")]
    second = [hit.feature_id for hit in search(atlas, "轴承")]
    assert first[0] in second[1:]  # the earlier answer is among the new hits, not first: the case that went wrong
    app = run_app()
    app.text_input(key="q").input("郑家镇").run()
    assert app.radio(key="hit_choice").value == first[0]
    app.text_input(key="q").input("轴承").run()
    assert app.radio(key="hit_choice").value == second[0]
    assert app.query_params["sel"] == second[0]


def test_a_project_not_located_opens_its_panel_without_a_place_on_the_map():
    app = run_app()
    app.text_input(key="q").input("鲁西国际智慧物流园").run()
    assert not app.exception
    assert panel_heading(app) == "鲁西国际智慧物流园"
    assert app.query_params["sel"] == "prj_luxi_smart_logistics_park"
    assert any("规划未给出位置" in shown(caption.value) for caption in app.caption)
    assert "pending_view" not in app.session_state  # nothing to zoom to
    assert not [link for link in app.main.get("page_link")]  # zone sheets are of mapped features
    reopened = run_app(sel="prj_luxi_smart_logistics_park")  # the copied link opens the same panel
    assert not reopened.exception and panel_heading(reopened) == "鲁西国际智慧物流园"


def test_choosing_from_the_not_located_list_opens_that_projects_panel():
    app = run_app()
    chooser = app.sidebar.selectbox(key="unlocated_choice")
    assert chooser.value is None and len(chooser.options) == len(load_atlas().unlocated)
    app = chooser.set_value("prj_liaocheng_port").run()
    assert not app.exception
    assert panel_heading(app) == "聊城港"
    assert app.query_params["sel"] == "prj_liaocheng_port"
