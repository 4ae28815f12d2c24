"""Shared helpers for benchmarks/server_load.py and benchmarks/big_layer.py (not a benchmark itself).

- AppServer: `streamlit run app.py` (headless, 127.0.0.1, a free port, optional environment overrides) as a
  context manager that always stops the process it started; its log goes to a temporary file, not the checkout.
- rss_kib: resident memory of a process and its descendants, from /proc.
- percentile / ms: small formatting helpers.
"""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL_PREFIXES = (  # this machine only ("http://127.0.0.1.example.com" is not local)
    *(f"{scheme}://{host}{end}" for scheme in ("http", "ws") for host in ("127.0.0.1", "localhost") for end in ":/"),
    "data:",
    "blob:",
    "about:",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """A `streamlit run <script>` subprocess on 127.0.0.1; use as `with AppServer(...) as server:`."""

    def __init__(self, env: dict[str, str] | None = None, script: Path = ROOT / "app.py", timeout: float = 90) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        self.env = env or {}
        self.script = script
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        log = tempfile.NamedTemporaryFile(prefix=f"streamlit-{self.port}-", suffix=".log", delete=False)
        self.log_path = Path(log.name)
        self.log = log

    def __enter__(self) -> AppServer:
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.headless", "true", "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **self.env}, stdout=self.log, stderr=subprocess.STDOUT
        )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"streamlit did not become healthy in {self.timeout}s; see {self.log_path}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log.close()

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


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
