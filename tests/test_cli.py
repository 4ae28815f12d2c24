"""`python -m gisapp` commands as a user runs them."""

import json
import subprocess
import sys

import pyogrio
import pytest

from gisapp.atlas.documents import SeedLibrary
from gisapp.cli import main
from gisapp.config import REPO_ROOT
from gisapp.errors import DocumentMissingError


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "gisapp", *args], cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=300
    )


def test_validate_passes_on_the_committed_data():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("OK: 0 problem(s)")
    summary = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    assert summary["layers"]["agri_zones"] == 7


def test_validate_fails_without_the_seed_texts(tmp_path, capsys):
    assert main(["validate", "--seeds", str(tmp_path / "missing")]) == 1
    captured = capsys.readouterr()
    assert "seeds folder not found" in captured.err


def test_inventory_lists_layers_and_features(capsys):
    assert main(["inventory"]) == 0
    data = json.loads(capsys.readouterr().out)
    layers = {layer["id"]: layer for layer in data["layers"]}
    assert layers["industrial_clusters"]["feature_count"] == 4
    assert layers["agri_zones"]["title_zh"] == "七大农业示范区"
    grapes = next(f for f in data["features"] if f["id"] == "agri_grapes")
    assert grapes["towns"] == ["douhutun"] and grapes["schematic"] is True
    assert grapes["sources"][0]["doc"] == "001_b1d87f77284c0846.txt"
    assert set(grapes) >= {"id", "layer", "kind", "name_zh", "name_en", "towns", "industries", "projects"}


def test_exported_geojson_opens_in_gdal_with_every_planning_feature(tmp_path, atlas):
    out = tmp_path / "atlas.geojson"
    assert main(["export", "geojson", str(out)]) == 0
    info = pyogrio.read_info(out)
    assert info["features"] == len(atlas.features)
    assert {"id", "layer", "kind", "area_km2", "sources"} <= set(info["fields"])
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert all(feature["id"] == feature["properties"]["id"] for feature in collection["features"])  # RFC 7946 ids
    clusters = [f for f in collection["features"] if f["properties"]["layer"] == "industrial_clusters"]
    assert len(clusters) == 4 and all(f["properties"]["area_km2"] > 0 for f in clusters)


def test_export_to_an_unwritable_place_fails_cleanly(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", "geojson", str(blocker / "sub" / "out.geojson")]) == 2
    assert "error:" in capsys.readouterr().err
    assert blocker.read_text() == "x"


def test_cite_finds_the_line_range_of_a_quote(capsys):
    assert main(["cite", "001_b1d87f77284c0846.txt", "总面积945平方千米"]) == 0
    assert json.loads(capsys.readouterr().out)["lines"] == [18, 18]



@pytest.mark.parametrize("doc", ["/etc/passwd", "../main/README.md", "../../etc/hostname", "README.md"])
def test_cite_reads_only_the_plan_documents(doc, capsys):
    assert main(["cite", doc, "root"]) == 2
    assert "is not one of the plan documents" in capsys.readouterr().err


def test_the_seed_library_refuses_paths_outside_its_folder(seeds_folder):
    library = SeedLibrary(seeds_folder)
    for doc in ("../main/README.md", "/etc/passwd", ".hidden"):
        with pytest.raises(DocumentMissingError, match="not a seed document name"):
            library.lines(doc)
