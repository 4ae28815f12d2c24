"""The Streamlit server alone under N concurrent sessions, no browsers (run: python benchmarks/server_load.py).

What is measured: `streamlit run app.py` (headless, 127.0.0.1, a free port) is started once; a minimal
Streamlit websocket client, written here with the `websockets` package, plays many browser sessions at once.
One "page load" is what a browser's first visit costs the server:

  connect ws://127.0.0.1:PORT/_stcore/stream (subprotocol "streamlit", as the frontend does)
  -> send BackMsg{rerun_script: ClientState{query_string, page_script_hash=""}} (empty hash = default page)
  -> read ForwardMsgs (new_session, navigation, deltas ...) until `script_finished` ends the run
  -> close.

The wall time of a load runs from opening the connection to `script_finished`. A load is an error when it
times out, the connection fails, the run ends with a compile error, any delta is an exception element or an
error alert (the app's st.error for broken data), or the session received no element at all. Runs that end
"early for rerun" are not the end of the load: the client waits for the run that follows.

For each concurrency level (default 10, 25, 50) `concurrency` sessions loop, each starting its next load as
soon as the previous one ends (closed loop), until the level's load budget (default 4 x concurrency) is used
or the level's time cap passes; the whole run is also capped (--time-cap). Reported per level: loads, errors,
p50/p95/max page-run wall time, throughput (loads/s over the level's wall time), median elements and bytes
per load, and the CPU time the server (from /proc) and this load generator used during the level. One
warm-up load (it loads the atlas into the server's cache) runs first and is reported on its own.
The server's resident memory (VmRSS of the streamlit process and any descendants, from /proc) is read
before the first load, after the warm-up, after the 200th load in total (warm-up included) and after each
level. Note: Streamlit keeps up to 128 disconnected sessions for 2 minutes (its
MemorySessionStorage), so memory after many short sessions includes those.

The client runs in this process on the same machine as the server, so both share its CPUs; the figures are
the server's capacity with that load generator beside it, not over a network.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import websockets
from bench_support import AppServer, cpu_seconds, machine_note, mib, percentile, rss_kib
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_WITH_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


@dataclass
class Load:
    seconds: float = 0.0
    elements: int = 0
    messages: int = 0
    received_bytes: int = 0
    error: str | None = None


@dataclass
class Level:
    concurrency: int
    loads: list[Load] = field(default_factory=list)
    wall: float = 0.0
    capped: bool = False
    server_cpu: float = 0.0
    client_cpu: float = 0.0


def rerun_request(query_string: str) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = query_string
    message.rerun_script.page_script_hash = ""  # the default page (st.navigation picks it)
    return message.SerializeToString()


async def page_load(ws_url: str, query_string: str, timeout: float) -> Load:
    """One session: connect, request the run, read until script_finished, close."""
    load = Load()
    start = time.perf_counter()
    finished = None
    try:
        async with asyncio.timeout(timeout):
            async with websockets.connect(
                ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout, close_timeout=2,
                ping_interval=None, compression=None,
            ) as ws:  # fmt: skip
                await ws.send(rerun_request(query_string))
                while True:
                    data = await ws.recv()
                    load.messages += 1
                    load.received_bytes += len(data)
                    message = ForwardMsg()
                    message.ParseFromString(data)
                    kind = message.WhichOneof("type")
                    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                        element = message.delta.new_element
                        load.elements += 1
                        element_kind = element.WhichOneof("type")
                        if element_kind == "exception":
                            load.error = load.error or f"exception element: {element.exception.type}"
                        elif element_kind == "alert" and element.alert.format == Alert.Format.ERROR:
                            load.error = load.error or f"error alert: {element.alert.body[:80]}"
                    elif kind == "session_event" and message.session_event.HasField("script_compilation_exception"):
                        load.error = load.error or "script compilation exception"
                    elif kind == "script_finished":
                        if message.script_finished == FINISHED_EARLY_FOR_RERUN:
                            continue  # the app reran itself: the page is the next run
                        if message.script_finished == FINISHED_WITH_COMPILE_ERROR:
                            load.error = load.error or "finished with compile error"
                        finished = time.perf_counter()  # the closing handshake is not part of the page run
                        break
    except TimeoutError:
        load.error = f"timeout after {timeout:.0f} s"
    except (OSError, websockets.exceptions.WebSocketException) as exc:
        load.error = f"{type(exc).__name__}: {exc}"[:120]
    load.seconds = (finished or time.perf_counter()) - start
    if load.error is None and load.elements == 0:
        load.error = "no element received"
    return load


class Memory:
    """RSS samples of the server process tree, one taken when the total number of loads reaches a mark."""

    def __init__(self, pid: int, mark: int) -> None:
        self.pid, self.mark, self.total = pid, mark, 0
        self.samples: list[tuple[str, int, int]] = []

    def sample(self, label: str) -> None:
        kib, processes = rss_kib(self.pid)
        self.samples.append((label, kib, processes))

    def count(self) -> None:
        self.total += 1
        if self.total == self.mark:
            self.sample(f"after {self.mark} loads in total")


async def run_level(
    ws_url: str, query: str, concurrency: int, budget: int, cap: float, timeout: float, memory: Memory
) -> Level:
    level = Level(concurrency)
    remaining = budget
    deadline = time.monotonic() + cap

    async def session_loop() -> None:
        nonlocal remaining
        while remaining > 0 and time.monotonic() < deadline:
            remaining -= 1
            load = await page_load(ws_url, query, timeout)
            level.loads.append(load)
            memory.count()

    start, server_cpu, client_cpu = time.perf_counter(), cpu_seconds(memory.pid), time.process_time()
    await asyncio.gather(*(session_loop() for _ in range(concurrency)))
    level.wall = time.perf_counter() - start
    level.server_cpu = cpu_seconds(memory.pid) - server_cpu
    level.client_cpu = time.process_time() - client_cpu
    level.capped = remaining > 0
    return level


def report(level: Level) -> None:
    loads = level.loads
    errors = [load for load in loads if load.error]
    times = [load.seconds * 1000 for load in loads]
    ok = [load for load in loads if not load.error] or loads
    elements = statistics.median(load.elements for load in ok) if ok else 0
    size = statistics.median(load.received_bytes for load in ok) if ok else 0
    capped = "  (stopped by the time cap)" if level.capped else ""
    print(
        f"concurrency {level.concurrency:3d}: loads {len(loads):4d}  errors {len(errors):3d}  "
        f"p50 {percentile(times, 50):7.0f} ms  p95 {percentile(times, 95):7.0f} ms  max {max(times):7.0f} ms  "
        f"throughput {len(loads) / level.wall:5.2f} loads/s  (wall {level.wall:5.1f} s)  "
        f"median elements/load {elements:.0f}  median KB/load {size / 1024:.0f}{capped}",
        flush=True,
    )
    print(
        f"    CPU during the level: server {level.server_cpu:.1f} s ({level.server_cpu / level.wall:.2f} cores, "
        f"{level.server_cpu / max(1, len(loads)) * 1000:.0f} ms per load), load generator {level.client_cpu:.1f} s "
        f"({level.client_cpu / level.wall:.2f} cores)"
    )
    kinds: dict[str, int] = {}
    for load in errors:
        kinds[load.error or ""] = kinds.get(load.error or "", 0) + 1
    for kind, count in sorted(kinds.items(), key=lambda item: -item[1])[:5]:
        print(f"    error x{count}: {kind}")
    empty = sum(1 for load in loads if load.elements == 0)
    if empty:
        print(f"    sessions that received no element: {empty}")


async def benchmark(args: argparse.Namespace, server: AppServer) -> tuple[Load, list[Level], Memory]:
    memory = Memory(server.pid, args.memory_mark)
    memory.sample("before the first load")
    overall = time.monotonic() + args.time_cap
    warm = await page_load(server.ws_url, args.query, args.timeout)
    memory.count()
    memory.sample("after the warm-up load")
    levels = []
    for concurrency in args.levels:
        left = overall - time.monotonic()
        if left <= 1:
            print(f"concurrency {concurrency}: skipped, the overall time cap ({args.time_cap:.0f} s) is used up")
            continue
        budget = args.loads_per_session * concurrency
        level = await run_level(
            server.ws_url, args.query, concurrency, budget, min(args.level_cap, left), args.timeout, memory
        )
        levels.append(level)
        report(level)
        memory.sample(f"after concurrency {concurrency} ({memory.total} loads in total)")
    return warm, levels, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=lambda text: [int(x) for x in text.split(",")], default=[10, 25, 50],
                        help="comma-separated concurrency levels (default 10,25,50)")  # fmt: skip
    parser.add_argument("--loads-per-session", type=int, default=4, help="loads per level = this x concurrency")
    parser.add_argument("--query", default="", help="query string of every load, e.g. 'layers=towns&base=none'")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before one load counts as an error")
    parser.add_argument("--level-cap", type=float, default=150, help="seconds one level may run")
    parser.add_argument("--time-cap", type=float, default=300, help="seconds all levels together may run")
    parser.add_argument("--memory-mark", type=int, default=200, help="read the server's RSS after this many loads")
    args = parser.parse_args()

    print(f"server: streamlit run app.py; levels {args.levels}; {args.loads_per_session} loads per session slot; "
          f"query {args.query!r}", flush=True)  # fmt: skip
    print(f"machine at the start: {machine_note()}", flush=True)
    with AppServer() as server:
        print(f"  started on port {server.port} in {time.perf_counter() - server.started:.1f} s "
              f"(pid {server.pid}, log {server.log_path})", flush=True)  # fmt: skip
        warm, levels, memory = asyncio.run(benchmark(args, server))
        alive = server.process is not None and server.process.poll() is None
        log = server.log_path.read_text(errors="replace")
    print(
        f"warm-up load (first run, loads the atlas): {warm.seconds * 1000:.0f} ms, {warm.elements} elements, "
        f"{warm.received_bytes / 1024:.0f} KB, error: {warm.error or 'none'}"
    )
    total = sum(len(level.loads) for level in levels) + 1
    errors = sum(1 for level in levels for load in level.loads if load.error) + (1 if warm.error else 0)
    print(f"total loads {total}, errors {errors}; server still running at the end: {alive}")
    for label, kib, processes in memory.samples:
        print(f"server RSS {label}: {mib(kib)} ({processes} process{'es' if processes > 1 else ''})")
    if len(memory.samples) >= 2:
        first = memory.samples[0][1]
        marked = [kib for label, kib, _ in memory.samples if label.startswith(f"after {args.memory_mark} ")]
        if marked:
            print(f"server RSS growth, before the first load -> after {args.memory_mark} loads: "
                  f"{mib(marked[0] - first)}")  # fmt: skip
            warm_kib = memory.samples[1][1]
            print(f"server RSS growth, after the warm-up (atlas cached) -> after {args.memory_mark} loads: "
                  f"{mib(marked[0] - warm_kib)} ({(marked[0] - warm_kib) / max(1, args.memory_mark - 1):.0f} KiB "
                  f"per load)")  # fmt: skip
        else:
            print(f"(fewer than {args.memory_mark} loads ran, so there is no sample after {args.memory_mark} loads)")
    problems = [line for line in log.splitlines() if "Traceback" in line or " ERROR " in line or "Exception" in line]
    print(f"server log lines with Traceback/ERROR/Exception: {len(problems)}")
    print(f"machine at the end: {machine_note()}")
    for line in problems[:5]:
        print(f"    {line[:160]}")


if __name__ == "__main__":
    main()
