"""Search timings, printed (run: python benchmarks/search.py [--runs N]).

Index build (cold: texts normalised, pinyin read, typo windows prepared) and query latency over every
feature × a set of queries: its Chinese and English names, its name with a character dropped (the typo
path), its name's pinyin, and fixed queries (typos, several words, synonyms, codes, nonsense).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gisapp.atlas import load_atlas
from gisapp.views.search import search
from gisapp.views.search_index import HAN, search_index, syllables

FIXED = ("轴承", "轴成", "葡桃", "轴承 郑家", "轴承郑家", "new energy vehicle", "cold chain", "bearnigs", "zhengjia",
         "zhengjai", "梁水镇镇", "371502105", "园", "物流", "芯片封测", "xyzzy", "qwertyuiop")  # fmt: skip


def queries_of(feature) -> dict[str, str]:
    name = feature.name.zh
    return {
        "name zh": name,
        "name en": feature.name.en,
        "typo (a character dropped)": name[:1] + name[2:] if len(name) >= 3 else name,
        "pinyin": " ".join("".join(syllables(run)) for run in HAN.findall(name)),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    atlas = load_atlas()
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"load average {load} (wall-clock times below; other processes on the machine slow them)")
    builds = []
    for _ in range(args.runs):
        search_index.cache_clear()
        started = time.perf_counter()
        search_index(atlas)
        builds.append(time.perf_counter() - started)
    median = statistics.median(builds)
    print(f"index build ({len(atlas.every_feature)} features, {len(atlas.unlocated)} of them not located): "
          f"first {ms(builds[0])}, median {ms(median)}")

    groups: dict[str, list[str]] = {"fixed set": list(FIXED)}
    for feature in atlas.features.values():
        for kind, query in queries_of(feature).items():
            groups.setdefault(kind, []).append(query)
    every_wall, every_cpu = [], []
    for kind, queries in groups.items():
        wall, cpu, hits = [], [], 0
        for query in queries:
            for _ in range(args.runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                found = search(atlas, query)
                wall.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            hits += bool(found)
        every_wall += wall
        every_cpu += cpu
        print(f"{kind:27} {len(queries):3} queries, {hits:3} with hits: {summary(wall, cpu)}")
    print(f"{'all':27} {len(every_wall)} runs: {summary(every_wall, every_cpu)}")


def summary(wall: list[float], cpu: list[float]) -> str:
    """Median / p95 / max of the wall-clock times, and median / p95 of the CPU time the search itself took."""
    p95 = statistics.quantiles(wall, n=20)[-1]
    cpu_p95 = statistics.quantiles(cpu, n=20)[-1]
    return (f"median {ms(statistics.median(wall))}, p95 {ms(p95)}, max {ms(max(wall))} "
            f"(CPU median {ms(statistics.median(cpu))}, p95 {ms(cpu_p95)})")  # fmt: skip


if __name__ == "__main__":
    main()
