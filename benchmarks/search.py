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
from gisapp.views.search_index import search_index, syllables

FIXED = ("轴承", "轴成", "葡桃", "轴承 郑家", "轴承郑家", "new energy vehicle", "cold chain", "bearnigs", "zhengjia",
         "zhengjai", "梁水镇镇", "371502105", "园", "物流", "芯片封测", "xyzzy", "qwertyuiop")  # fmt: skip


def queries_of(feature) -> dict[str, str]:
    name = feature.name.zh
    return {
        "name zh": name,
        "name en": feature.name.en,
        "typo (a character dropped)": name[:1] + name[2:] if len(name) >= 3 else name,
        "pinyin": "".join(syllables(name)),
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
    print(f"index build ({len(atlas.features)} features): first {ms(builds[0])}, median {ms(median)}")

    groups: dict[str, list[str]] = {"fixed set": list(FIXED)}
    for feature in atlas.features.values():
        for kind, query in queries_of(feature).items():
            groups.setdefault(kind, []).append(query)
    everything = []
    for kind, queries in groups.items():
        times, hits = [], 0
        for query in queries:
            for _ in range(args.runs):
                started = time.perf_counter()
                found = search(atlas, query)
                times.append(time.perf_counter() - started)
            hits += bool(found)
        everything += times
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{kind:28} {len(queries):3} queries, {hits:3} with hits: median {ms(statistics.median(times))}, "
              f"p95 {ms(p95)}, max {ms(max(times))}")  # fmt: skip
    p95 = statistics.quantiles(everything, n=20)[-1]
    print(f"{'all':28} {len(everything)} runs: median {ms(statistics.median(everything))}, p95 {ms(p95)}, "
          f"max {ms(max(everything))}")  # fmt: skip


if __name__ == "__main__":
    main()
