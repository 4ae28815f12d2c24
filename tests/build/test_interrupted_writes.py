"""A writer killed with SIGKILL mid-way leaves the previous files intact and loadable; its leftovers go next time."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gisapp.atlas.loading import load_atlas
from gisapp.config import LAYERS_DIR, REPO_ROOT

# Runs `python -m gisapp ARGS…` with os.replace held at the first rename onto a name ending in SUFFIX: the
# writer has staged everything and renamed nothing, the moment a kill would hurt most. It says so in MARK.
PAUSED_AT_RENAME = """
import os, runpy, sys, time
suffix, mark, *args = sys.argv[1:]
real_replace = os.replace
def held_replace(source, destination, *rest, **options):
    if str(destination).endswith(suffix):
        open(mark, "w").close()
        time.sleep(3600)
    return real_replace(source, destination, *rest, **options)
os.replace = held_replace
sys.argv = ["gisapp", *args]
runpy.run_module("gisapp", run_name="__main__")
"""


def kill_before_first_rename(suffix: str, mark: Path, *args: str) -> None:
    """Run the gisapp command, SIGKILL it when it reaches its first rename onto `*suffix`, and wait for it."""
    process = subprocess.Popen([sys.executable, "-c", PAUSED_AT_RENAME, suffix, str(mark), *args], cwd=REPO_ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 120
    while not mark.exists():
        if process.poll() is not None:
            raise AssertionError(f"the writer ended before its rename: {process.stderr.read().decode()[-2000:]}")
        assert time.monotonic() < deadline, "the writer never reached its rename"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    process.stderr.close()


def staged(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def layer_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.glob("*.geojson") if not path.name.startswith(".")}


def test_a_build_killed_before_its_renames_leaves_the_previous_set_loadable(tmp_path):
    layers = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    before = layer_files(layers)
    towns = layers / "plan" / "towns.yaml"  # a change, so that a finished build would differ
    towns.write_text(towns.read_text(encoding="utf-8").replace('name: {zh: "韩集镇"', 'name: {zh: "韩集"'), "utf-8")
    kill_before_first_rename(".geojson", tmp_path / "paused", "--layers", str(layers), "build")
    assert layer_files(layers) == before
    assert load_atlas(layers).features["hanji"].name.zh == "韩集"  # facts from YAML, geometry set unchanged
    assert staged(layers, ".*.geojson.*"), "the killed build's staged files are left behind…"
    subprocess.run([sys.executable, "-m", "gisapp", "--layers", str(layers), "build"], cwd=REPO_ROOT, check=True,
                   capture_output=True)  # fmt: skip
    assert staged(layers, ".*.geojson.*") == []  # …and the next build removes them
    assert load_atlas(layers).frame("towns").loc["hanji", "name_zh"] == "韩集"


def test_a_geopackage_export_killed_mid_write_leaves_the_previous_file(tmp_path):
    out = tmp_path / "atlas.gpkg"
    subprocess.run([sys.executable, "-m", "gisapp", "export", "gpkg", str(out)], cwd=REPO_ROOT, check=True,
                   capture_output=True)  # fmt: skip
    previous = out.read_bytes()
    kill_before_first_rename("atlas.gpkg", tmp_path / "paused", "export", "gpkg", str(out))
    assert out.read_bytes() == previous
    assert staged(tmp_path, ".atlas.gpkg.*")
    subprocess.run([sys.executable, "-m", "gisapp", "export", "gpkg", str(out)], cwd=REPO_ROOT, check=True,
                   capture_output=True)  # fmt: skip
    assert staged(tmp_path, ".atlas.gpkg.*") == []


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("map.pdf", ["export", "map", "--dpi", "300", "--paper", "A3", "-o"]),
        ("sheet.pdf", ["profile", "zhengjia_cluster", "--lang", "both", "-o"]),
        ("map.html", ["export", "html", "--basemap", "none", "-o"]),
        ("atlas.geojson", ["export", "geojson"]),
        ("facts.csv", ["export", "csv"]),
    ],
)
def test_every_export_killed_mid_way_leaves_the_previous_file(tmp_path, name, args):
    out = tmp_path / name
    out.write_bytes(b"previous export")  # distinct from what the run would write
    kill_before_first_rename(name, tmp_path / "paused", *args, str(out))  # everything drawn and written, not renamed
    assert out.read_bytes() == b"previous export"
    subprocess.run([sys.executable, "-m", "gisapp", *args, str(out)], cwd=REPO_ROOT, check=True, capture_output=True)
    assert out.read_bytes() != b"previous export"
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([name, "paused"])  # the kill's leftovers went
