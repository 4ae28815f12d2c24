import itertools
import subprocess
import sys
import threading
import time

import pytest
from shapely.geometry import Point, box

from gisapp.config import REPO_ROOT
from gisapp.errors import StoreError
from gisapp.store.records import Change, Provenance, Shape
from gisapp.store.sqlite import SqliteStore
from tests.store.backends import OPEN_STORE, store_arguments, store_footprint

IMPORTED = Provenance("official-import", {"file": "towns.zip", "crs": "EPSG:4527"})
TRACED = Provenance("traced-figure", {"figure": "附图3.png", "control_points": 4})


def change(shapes, action="import", author="王工", note="区规划局 2025 年镇界"):
    return Change("towns", action, author, note, shapes, {"file": "towns.zip"})


def test_an_empty_store_has_no_versions_and_creates_nothing_when_read(store):
    assert store.head() == 0
    assert store.current() == {}
    assert store.history() == []
    assert store_footprint(store) == []


def test_a_recorded_import_is_in_force_with_who_when_and_why(store):
    version = store.record(change({"zhengjia": Shape(box(115.70, 36.40, 115.80, 36.50), IMPORTED)}))
    assert version.number == 1 and store.head() == 1
    accepted = store.current()["zhengjia"]
    assert accepted.geometry.equals(box(115.70, 36.40, 115.80, 36.50))
    assert accepted.provenance == IMPORTED and accepted.version == 1 and accepted.layer == "towns"
    listed = store.history()[0]
    assert (listed.author, listed.note, listed.action, listed.features) == (
        "王工",
        "区规划局 2025 年镇界",
        "import",
        ("zhengjia",),
    )
    assert listed.created_at.endswith("+00:00")


def test_each_version_keeps_the_shape_it_replaced(store):
    first, second = box(0, 0, 1, 1), box(0, 0, 2, 2)
    store.record(change({"zhengjia": Shape(first, IMPORTED)}))
    store.record(change({"zhengjia": Shape(second, TRACED)}, action="trace"))
    detail = store.version(2).changes[0]
    assert detail.previous.equals(first) and detail.previous_provenance == IMPORTED and detail.previous_version == 1
    assert store.version(1).changes[0].previous is None  # before version 1 it was schematic
    assert [v.number for v in store.history()] == [2, 1]


def test_revert_restores_the_previous_shape_as_a_new_version(store):
    store.record(change({"zhengjia": Shape(box(0, 0, 1, 1), IMPORTED), "tangyi": Shape(box(1, 1, 2, 2), IMPORTED)}))
    store.record(change({"zhengjia": Shape(box(0, 0, 3, 3), TRACED)}, action="trace"))
    version, warnings = store.revert(2, "李工", "描图有误")
    assert version.number == 3 and version.action == "revert" and version.source == {"reverts": 2}
    assert warnings == []
    assert store.current()["zhengjia"].geometry.equals(box(0, 0, 1, 1))
    assert store.current()["zhengjia"].provenance == IMPORTED
    store.revert(1, "李工", "退回示意边界")
    assert store.current() == {}  # both back to their schematic recipes
    assert store.head() == 4


def test_reverting_an_older_version_warns_about_later_changes_to_the_same_feature(store):
    store.record(change({"zhengjia": Shape(box(0, 0, 1, 1), IMPORTED)}))
    store.record(change({"zhengjia": Shape(box(0, 0, 3, 3), TRACED)}, action="trace"))
    _, warnings = store.revert(1, "李工", "")
    assert warnings == [("zhengjia", 2)]  # zhengjia was changed again by version 2: the page and CLI warn
    assert "zhengjia" not in store.current()


def test_an_unknown_version_or_empty_change_is_refused_by_name(store):
    with pytest.raises(StoreError, match="no version 7") as unknown:
        store.revert(7, "李工", "")
    with pytest.raises(StoreError, match="nothing to record") as empty:
        store.record(change({}))
    with pytest.raises(StoreError, match="unknown action") as action:
        store.record(change({"zhengjia": None}, action="delete"))
    assert store.head() == 0
    assert "没有版本 7" in unknown.value.zh and "没有可记录的内容" in empty.value.zh and "未知操作" in action.value.zh


def test_a_failed_write_leaves_the_previous_version_whole(store):
    store.record(change({"zhengjia": Shape(box(0, 0, 1, 1), IMPORTED)}))

    class Unwritable:  # fails while the version is being written, after the version row went in
        geometry = Point(0, 0)

        @property
        def provenance(self):
            raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        store.record(change({"a_first": Shape(box(5, 5, 6, 6), IMPORTED), "b_second": Unwritable()}))
    assert store.head() == 1 and set(store.current()) == {"zhengjia"}
    assert [v.number for v in store.history()] == [1]


def test_two_writers_at_once_both_get_their_own_version(store):
    errors = []

    def write(fid: str) -> None:
        try:
            for index in range(10):
                store.record(change({fid: Shape(box(index, 0, index + 1, 1), IMPORTED)}, author=fid))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(fid,)) for fid in ("zhengjia", "tangyi")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    history = store.history()
    assert sorted(v.number for v in history) == list(range(1, 21))
    assert sum(v.author == "zhengjia" for v in history) == 10
    assert store.current()["zhengjia"].geometry.equals(box(9, 0, 10, 1))
    assert store.current()["tangyi"].geometry.equals(box(9, 0, 10, 1))


WRITE_LOOP = """
import os, pathlib, time
from shapely.geometry import box
from gisapp.store.records import Change, Provenance, Shape
kind, where, fid, start, count = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4]), int(sys.argv[5])
store = open_store(kind, where)
start.with_name(f"ready-{fid}").touch()
while not start.exists():  # every writer begins at the same moment, on an empty store
    time.sleep(0.001)
for index in range(count):
    shape = Shape(box(index, 0, index + 1, 1), Provenance("official-import", {"writer": fid}))
    store.record(Change("towns", "import", fid, f"{fid} {index}", {fid: shape, "shared": shape}))
    time.sleep(0.02)  # a person's pace, not a tight loop: the other writer gets its turns
"""
WRITER = OPEN_STORE + WRITE_LOOP


def test_two_processes_writing_at_once_lose_no_version_and_leave_current_consistent(store, tmp_path):
    count, writers = 15, ("zhengjia", "tangyi")
    start = tmp_path / "start"
    processes = [
        subprocess.Popen([sys.executable, "-c", WRITER, *store_arguments(store), fid, str(start), str(count)],
                         cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True)
        for fid in writers
    ]  # fmt: skip
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{fid}").exists() for fid in writers) and time.monotonic() < deadline:
        time.sleep(0.01)  # both have imported and opened the store
    start.touch()
    outcomes = [(process.wait(timeout=120), process.stderr.read()) for process in processes]
    assert outcomes == [(0, ""), (0, "")]
    history = sorted(store.history(), key=lambda version: version.number)
    assert [v.number for v in history] == list(range(1, 2 * count + 1))  # none lost, none numbered twice
    for fid in writers:
        assert [v.note for v in history if v.author == fid] == [f"{fid} {index}" for index in range(count)]
    authors = [v.author for v in history]
    assert sum(a != b for a, b in itertools.pairwise(authors)) > 1, "the writers did not overlap: nothing was tested"
    current = store.current()
    for fid in writers:  # each feature holds its writer's last shape, from that writer's last version
        last = max(v.number for v in history if v.author == fid)
        assert current[fid].version == last and current[fid].geometry.equals(box(count - 1, 0, count, 1))
    # the shared feature holds the newest version's shape, and each version's "previous" is the one before it
    assert current["shared"].version == 2 * count
    assert current["shared"].provenance.details["writer"] == history[-1].author
    for version in history[1:]:
        shared = next(c for c in store.version(version.number).changes if c.feature_id == "shared")
        assert shared.previous_version == version.number - 1



RACE_ROUNDS = """
import pathlib, sys, time
from shapely.geometry import box
from gisapp.store.records import Change, Provenance, Shape
from gisapp.store.sqlite import SqliteStore
folder, fid, rounds = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
(folder / f"ready-{fid}").touch()
for round_ in range(rounds):
    while not (folder / f"start-{round_}").exists():
        time.sleep(0.0005)
    store = SqliteStore(folder / f"round-{round_}" / "versions.sqlite")  # a new, empty store each round
    shape = Shape(box(0, 0, 1, 1), Provenance("official-import", {"writer": fid}))
    store.record(Change("towns", "import", fid, f"{fid} {round_}", {fid: shape}))
    (folder / f"done-{round_}-{fid}").touch()
"""


def test_first_writers_racing_on_new_sqlite_stores_all_get_their_versions(tmp_path):
    """Several first writes to a new store file at once (SQLite's switch to WAL used to fail at once then)."""
    writers, rounds = tuple(f"w{index}" for index in range(6)), 20
    processes = [
        subprocess.Popen([sys.executable, "-c", RACE_ROUNDS, str(tmp_path), fid, str(rounds)], cwd=REPO_ROOT,
                         stderr=subprocess.PIPE, text=True)
        for fid in writers
    ]  # fmt: skip
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{fid}").exists() for fid in writers) and time.monotonic() < deadline:
        time.sleep(0.01)
    for round_ in range(rounds):
        (tmp_path / f"start-{round_}").touch()
        while time.monotonic() < deadline and all(process.poll() is None for process in processes) and not all(
            (tmp_path / f"done-{round_}-{fid}").exists() for fid in writers
        ):
            time.sleep(0.005)
    outcomes = [(process.wait(timeout=120), process.stderr.read()) for process in processes]
    assert outcomes == [(0, "")] * len(writers)
    for round_ in range(rounds):
        store = SqliteStore(tmp_path / f"round-{round_}" / "versions.sqlite")
        assert sorted(v.number for v in store.history()) == list(range(1, len(writers) + 1))
