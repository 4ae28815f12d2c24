"""Shared helpers for benchmarks/server_load.py and benchmarks/big_layer.py (not a benchmark itself).

- AppServer: the tests' `streamlit run app.py` launcher (tests/e2e/browser.py), a context manager that always
  stops the process it started; its log goes to test-artifacts/.
- rss_kib: resident memory of a process and its descendants, from /proc.
- percentile / ms: small formatting helpers.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import Server  # noqa: E402

LOCAL_PREFIXES = (  # this machine only ("http://127.0.0.1.example.com" is not local)
    *(f"{scheme}://{host}{end}" for scheme in ("http", "ws") for host in ("127.0.0.1", "localhost") for end in ":/"),
    "data:",
    "blob:",
    "about:",
)


AppServer = Server  # the tests' launcher: one way to start the app, for tests and benchmarks


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                kids += [int(child) for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
            except OSError:
                pass
    except OSError:
        pass
    return kids


def process_tree(pid: int, limit: int = 1000) -> list[int]:
    """`pid` and its descendants (bounded)."""
    seen, todo = [], [pid]
    while todo and len(seen) < limit:
        current = todo.pop()
        seen.append(current)
        todo += _children(current)
    return seen


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process and its descendants (from /proc/PID/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_kib(pid: int) -> tuple[int, int]:
    """(VmRSS summed over the process and its descendants in KiB, number of processes counted)."""
    total, count = 0, 0
    for member in process_tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    count += 1
                    break
        except OSError:
            pass
    return total, count


def machine_note() -> str:
    """CPUs and load average: figures taken while other work runs on the machine are not comparable."""
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "unknown"
    return f"{os.cpu_count()} CPUs, load average (1/5/15 min) {load}"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"
