"""The explorer's export panel (Streamlit AppTest, no browser): the map title field and the Shapefile download."""

import io

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from gisapp.config import REPO_ROOT

APP = str(REPO_ROOT / "app.py")


def _open_panel(**query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.sidebar.toggle(key="export_open").set_value(True).run()
    return app


def test_the_title_typed_in_the_panel_is_printed_on_the_map():
    app = _open_panel(lang="en")
    field = app.sidebar.text_input(key="export_title")
    assert field.placeholder == "Dongchangfu District Plan Map"  # the default shows what an empty field gives
    field.input("Grain\tzones for the county meeting").run()
    app.sidebar.radio(key="export_fmt").set_value("pdf").run()
    app.sidebar.slider(key="export_dpi").set_value(150).run()
    app.sidebar.button(key="make_map").click().run()
    assert not app.exception
    request, fmt, data = app.session_state["map_file"]
    assert fmt == "pdf" and request.title == "Grain\tzones for the county meeting"
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Grain zones for the county meeting" in text  # the tab prints as a space, not a box
    assert "Dongchangfu District Plan Map" in text  # the series title stays as the subtitle


def test_the_data_exports_offer_a_shapefile_zip():
    app = _open_panel()
    app.sidebar.button(key="want_data_button").click().run()
    assert not app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Shapefile 文件（zip，UTF-8）" in labels
    assert any("fields.csv" in caption.value for caption in app.sidebar.caption)
