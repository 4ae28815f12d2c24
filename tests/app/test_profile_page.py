"""The zone-profile page (AppTest): zone from the URL, matching in the sidebar, downloads."""

from streamlit.testing.v1 import AppTest

from gisapp.config import REPO_ROOT

PAGE = str(REPO_ROOT / "pages" / "zone_profile.py")


def page(**query) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def test_profile_page_opens_the_zone_in_the_url():
    app = page(id="agri_grapes")
    assert not app.exception
    assert app.subheader[0].value == "现代有机葡萄产业示范区"


def test_profile_page_matching_lists_zones_and_opens_one():
    app = page()
    app.sidebar.text_input(key="industry_text").input("轴承").run()
    assert "郑家镇工业集聚区" in app.sidebar.markdown[1].value
    app.sidebar.button(key="open_zhengjia_cluster").click().run()
    assert app.subheader[0].value == "郑家镇工业集聚区"


def test_profile_page_says_when_no_zone_matches():
    app = page()
    app.sidebar.text_input(key="industry_text").input("芯片").run()
    assert "芯片" in app.sidebar.warning[0].value


def test_profile_page_makes_pdf_png_and_map_downloads():
    app = page(id="zhengjia_cluster")
    app.radio(key="sheet_lang").set_value("both").run()
    app.button(key="make_files").click().run()
    assert not app.exception
    assert len(app.get("download_button")) == 3


def test_switching_to_english_relabels_the_zone_chooser_and_the_sheet_follows():
    app = page(id="zhengjia_cluster")
    app = app.sidebar.radio(key="profile_lang").set_value("en").run()
    assert not app.exception
    chooser = app.selectbox(key="profile_chooser_en")
    assert chooser.value == "zhengjia_cluster" and chooser.format_func("zhengjia_cluster").startswith("Zhengjia Town")
    assert app.radio(key="sheet_lang").value == "en"
    app = chooser.set_value("agri_grapes").run()
    assert app.subheader[0].value.startswith("Modern Organic Grape")
    app = app.sidebar.radio(key="profile_lang").set_value("zh").run()  # the zone chosen in English stays
    assert app.selectbox(key="profile_chooser_zh").value == "agri_grapes" and app.radio(key="sheet_lang").value == "zh"


def test_every_suggested_industry_lists_zones_without_an_error():
    from gisapp.views.matching import SUGGESTED_INDUSTRIES

    app = page()
    for industry in SUGGESTED_INDUSTRIES:  # the promoter's shortcuts: each must answer (CI once crashed on 轴承)
        app = app.sidebar.text_input(key="industry_text").input(industry).run()
        assert not app.exception, industry
        assert app.sidebar.button, industry  # at least one zone to open


def test_profile_page_matching_forgives_a_typo_and_says_so():
    app = page()
    app.sidebar.text_input(key="industry_text").input("轴成").run()
    assert "郑家镇工业集聚区" in app.sidebar.markdown[1].value
    assert any("轴承" in caption.value and "轴成" in caption.value for caption in app.sidebar.caption)


def test_profile_page_says_why_a_sheet_has_no_qr_code_until_the_atlas_has_a_public_address(monkeypatch):
    monkeypatch.delenv("GISAPP_PUBLIC_URL", raising=False)
    app = page(id="zhengjia_cluster")
    assert any("不带二维码" in caption.value for caption in app.caption)
    assert not any("GISAPP_PUBLIC_URL" in caption.value for caption in app.caption)  # the README tells admins
    monkeypatch.setenv("GISAPP_PUBLIC_URL", "https://atlas.example.cn/")
    app = page(id="zhengjia_cluster")
    assert not any("不带二维码" in caption.value for caption in app.caption)


def test_profile_page_opens_in_the_links_language_and_keeps_it_in_the_url():
    app = page(id="agri_grapes", lang="en")
    assert app.subheader[0].value.startswith("Modern Organic Grape")
    assert app.query_params["lang"] == "en"


def test_profile_page_opens_in_the_language_last_chosen_on_another_page():
    app = AppTest.from_file(PAGE, default_timeout=120)
    app.session_state["ui_lang"] = "en"
    app.query_params["id"] = "agri_grapes"
    app.run()
    assert app.subheader[0].value.startswith("Modern Organic Grape")
