"""Export timings, printed (run: python benchmarks/exports.py [--runs N]).

A4 300 dpi PNG and PDF of the whole district with every layer, and one zone-profile PDF; the first
run of each includes loading fonts and projecting layers, so it is printed separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gisapp.atlas import load_atlas
from gisapp.export.print_map import MapRequest, write_map
from gisapp.export.profile_sheet import write_profile


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    atlas = load_atlas()
    every_layer = tuple(spec.id for spec in atlas.layers)
    jobs = {
        "A4 300 dpi PNG, all layers": lambda out: write_map(atlas, MapRequest(every_layer, dpi=300), out / "m.png"),
        "A4 300 dpi PDF, all layers": lambda out: write_map(atlas, MapRequest(every_layer, dpi=300), out / "m.pdf"),
        "profile PDF (zhengjia_cluster, both)": lambda out: write_profile(
            atlas, "zhengjia_cluster", out / "p.pdf", "both"
        ),
    }
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name, job in jobs.items():
            times = []
            for _ in range(args.runs + 1):
                start = time.perf_counter()
                job(out)
                times.append(time.perf_counter() - start)
            first, rest = times[0], times[1:]
            print(
                f"{name:40s} first {first:.2f} s; then median {statistics.median(rest):.2f} s "
                f"(min {min(rest):.2f}, max {max(rest):.2f}, n={len(rest)}) — target < 3 s"
            )


if __name__ == "__main__":
    main()
