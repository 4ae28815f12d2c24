import signal
import subprocess
import sys
import time

from shapely.geometry import box

from gisapp.config import REPO_ROOT
from gisapp.store.records import Change, Provenance, Shape
from gisapp.store.sqlite import SqliteStore

WRITER = """
import sys
from shapely.geometry import Point
from gisapp.store.records import Change, Provenance, Shape
from gisapp.store.sqlite import SqliteStore
store = SqliteStore(sys.argv[1])
big = {f"f{i:05d}": Shape(Point(116, 36.4).buffer(0.01, quad_segs=2000), Provenance("official-import", {}))
       for i in range(4000)}
store.record(Change("towns", "import", "kill", "never lands", big))
"""


def test_kill_9_in_the_middle_of_a_write_leaves_the_previous_version_whole(tmp_path):
    path = tmp_path / "versions.sqlite"
    store = SqliteStore(path)
    store.record(Change("towns", "import", "王工", "v1", {"zhengjia": Shape(box(0, 0, 1, 1), Provenance("x", {}))}))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=REPO_ROOT)
    wal = path.with_name(path.name + "-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and writer.poll() is None:
        if wal.is_file() and wal.stat().st_size > 4 * 2**20:  # pages of the unfinished transaction spilled to disk
            break
        time.sleep(0.005)
    assert writer.poll() is None, "the writer finished before it could be killed mid-write"
    assert store.head() == 1  # the transaction is open, not committed
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert store.head() == 1 and list(store.current()) == ["zhengjia"]
    assert [v.note for v in store.history()] == ["v1"]
    store.record(Change("towns", "import", "王工", "v2", {"tangyi": Shape(box(1, 1, 2, 2), Provenance("x", {}))}))
    assert store.head() == 2 and set(store.current()) == {"zhengjia", "tangyi"}
