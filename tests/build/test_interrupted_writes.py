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


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "gisapp", *args], cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def kill_when(process: subprocess.Popen, ready, timeout: float = 60) -> None:
    """SIGKILL `process` as soon as `ready()` is true (it must become true before the process ends)."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, "the writer finished before it could be interrupted"
        assert time.monotonic() < deadline, "the writer never reached the point to interrupt"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def staged(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def layer_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.glob("*.geojson") if not path.name.startswith(".")}


def test_a_build_killed_while_staging_leaves_the_previous_set_loadable(tmp_path):
    layers = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    before = layer_files(layers)
    towns = layers / "plan" / "towns.yaml"  # a change, so that a finished build would differ
    towns.write_text(towns.read_text(encoding="utf-8").replace('name: {zh: "韩集镇"', 'name: {zh: "韩集"'), "utf-8")
    build = start("--layers", str(layers), "build")
    kill_when(build, lambda: bool(staged(layers, ".*.geojson.*")))
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
    export = start("export", "gpkg", str(out))
    kill_when(export, lambda: bool(staged(tmp_path, ".atlas.gpkg.*")))
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
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gisapp", *args, str(out)], cwd=REPO_ROOT, check=True, capture_output=True)
    duration = time.perf_counter() - started
    out.write_bytes(b"previous export")  # distinct from what the run would write
    export = start(*args, str(out))
    time.sleep(0.6 * duration)  # well into the run (loading, drawing, writing), clear of its last rename
    assert export.poll() is None, "the export finished before it could be interrupted"
    export.send_signal(signal.SIGKILL)
    export.wait(timeout=10)
    assert out.read_bytes() == b"previous export"
    subprocess.run([sys.executable, "-m", "gisapp", *args, str(out)], cwd=REPO_ROOT, check=True, capture_output=True)
    assert out.read_bytes() != b"previous export"
    assert [path.name for path in tmp_path.iterdir()] == [name]  # whatever the kill left beside it is gone
