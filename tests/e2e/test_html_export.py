"""The exported HTML map opens in Chromium with no network and draws every feature."""

from gisapp.export.html_map import html_text
from gisapp.mapview.basemaps import available_basemaps


def test_standalone_html_renders_the_map_offline(browser, atlas, tmp_path):
    layers = ("district", "towns", "agri_zones", "commerce_axes")
    out = tmp_path / "map.html"
    out.write_text(html_text(atlas, layers, available_basemaps()["none"], "zh"), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    requested = []

    def only_the_file(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_file)
    page.goto(out.as_uri())
    page.wait_for_function(
        "() => typeof L === 'object' && document.querySelectorAll('path.leaflet-interactive').length > 0"
    )
    drawn = page.locator("path.leaflet-interactive").count()
    assert drawn == sum(len(atlas.frame(layer)) for layer in layers)
    assert page.title() == "东昌府区规划图集"
    assert requested == [out.as_uri()]  # nothing else was fetched
    context.close()
