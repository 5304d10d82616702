"""Command line: ``python -m graph load|stats|export|serve|reset-password``.

    python -m graph load data/                 extract every document below data/ and load it
    python -m graph load data/ --prune         ... and drop stored documents not in data/
    python -m graph stats                      node and relationship counts, stale documents
    python -m graph export --format csv -o out/   (graphml | jsonl | csv)
    python -m graph serve                      run the local server in the foreground
    python -m graph reset-password             new local root password, data kept

Without NEO4J_URI the commands use the local server in ZEREN_DATA_DIR: they reuse a
running one (``serve``, the app) or start one and stop it when they finish — the data
stays on disk. ``load`` writes with the writer account; ``stats`` and ``export`` read
with the read-only one. Errors print one line and exit with status 1; ``load`` exits 3
when the extractor crashed on a file (E107, a bug; the other files are loaded), 1 when a
file could not be read; 2 is a usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from errors import Errors, Warnings, ZerenError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m graph", description=__doc__.split("\n")[0])
    p.add_argument("--uri", help="Bolt URI (default $NEO4J_URI, else the local server)")
    p.add_argument("--database", help="database name (default $NEO4J_DATABASE)")
    p.add_argument("--data-dir", help="local server data folder (default $ZEREN_DATA_DIR)")
    sub = p.add_subparsers(dest="command", required=True)

    load = sub.add_parser("load", help="extract documents and load them into the graph")
    load.add_argument("paths", nargs="+", help="files or folders (every supported type, recursive)")
    load.add_argument("--prune", action="store_true", help="remove documents not in PATHS")
    load.add_argument("--force", action="store_true", help="rewrite unchanged documents too")
    load.add_argument("--no-progress", action="store_true", help="no progress bar")

    stats = sub.add_parser("stats", help="count nodes and relationships")
    stats.add_argument("--json", action="store_true", help="print JSON")

    export = sub.add_parser("export", help="write the stored graph to files")
    export.add_argument("--format", required=True, help="graphml | jsonl | csv")
    export.add_argument(
        "-o", "--output", help="file (graphml, jsonl; '-' = stdout) or folder (csv)"
    )

    serve = sub.add_parser("serve", help="run the local server until Ctrl-C")
    serve.add_argument("--heap", help="JVM heap, e.g. 1g (default $ZEREN_SERVER_HEAP or 512m)")

    sub.add_parser(
        "reset-password",
        help="give the local server's root a new password (the data is kept); "
        "the way out when the password file was lost or damaged",
    )
    return p


def _open(args: argparse.Namespace, access: str) -> Any:
    from graph.store import open_store

    return open_store(args.uri, database=args.database, data_dir=args.data_dir, access=access)


def _cmd_load(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from extract import extract_paths
    from extract.__main__ import exit_status

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        for p in missing:
            print(f"error: {Errors.E104.format(path=p)}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    result = extract_paths(args.paths)
    t_extract = time.perf_counter() - t0
    for err in result.errors:
        print(f"error: {err.message}", file=sys.stderr)
    docs = result.documents
    print(
        f"extracted {len(docs)} documents, {len(result.tasks)} tasks "
        f"({len(result.warnings)} warnings) in {t_extract:.1f} s"
    )
    prune = args.prune
    # A file that could not be read would look like documents that went away.
    if prune and (result.errors or not docs):
        reason = "some files could not be read" if result.errors else "nothing was extracted"
        print(f"warning: {Warnings.W204.format(reason=reason)}", file=sys.stderr)
        prune = False
    status = exit_status(result.errors)
    if not docs:
        return status
    with _open(args, "write") as store:
        print(f"loading into {store.uri} ({store.kind}, database {store.database or 'default'})")
        bar = tqdm(total=len(docs), unit="doc", disable=args.no_progress or None, file=sys.stderr)

        def progress(doc_id: str, status: str) -> None:
            if status != "pruned":
                bar.update(1)

        try:
            report = store.load_documents(docs, prune=prune, force=args.force, progress=progress)
        finally:
            bar.close()
        stats = store.stats()
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for _doc, msg in report.failed:
        print(f"error: {msg}", file=sys.stderr)
    if report.stale:
        extractor = docs[0].extractor or "this extractor"
        print(f"note: {Warnings.W207.format(n=len(report.stale), extractor=extractor)}")
    print(
        f"documents: {len(report.created)} new, {len(report.updated)} updated "
        f"({len(report.stale)} made by an older extractor), "
        f"{len(report.unchanged)} unchanged, {len(report.pruned)} pruned, "
        f"{len(report.failed)} failed; created {report.rels_written} relationships "
        f"in {report.seconds:.1f} s"
    )
    print(f"graph now: {stats['total_nodes']} nodes, {stats['total_relationships']} relationships")
    _warn_stale(stats)
    if status:
        return status
    return 0 if report.ok else 1


def _warn_stale(stats: dict[str, Any]) -> None:
    if stats["stale_documents"]:
        total = stats["nodes"]["Document"]
        print(
            "warning: " + Warnings.W208.format(
                n=stats["stale_documents"], total=total, extractor=stats["extractor"]
            ),
            file=sys.stderr,
        )


def _cmd_stats(args: argparse.Namespace) -> int:
    with _open(args, "read") as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"{stats['uri']} ({stats['kind']}, database {stats['database'] or 'default'})")
    for lbl, n in stats["nodes"].items():
        print(f"  {'(:' + lbl + ')':<20} {n:>9,}")
    for t, n in stats["relationships"].items():
        print(f"  {'[:' + t + ']':<20} {n:>9,}")
    print(f"  total: {stats['total_nodes']} nodes, {stats['total_relationships']} relationships")
    print(f"  extractor {stats['extractor']}: {stats['stale_documents']} documents made by "
          "an older one")
    _warn_stale(stats)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from graph.export import FORMATS, write_csv, write_graphml, write_jsonl

    fmt = args.format.lower()
    if fmt not in FORMATS:
        print(f"error: {Errors.E209.format(fmt=fmt, choices=', '.join(FORMATS))}", file=sys.stderr)
        return 2
    with _open(args, "read") as store:
        g = store.to_networkx()
    if fmt == "csv":
        out = Path(args.output or "graph-csv")
        files = write_csv(g, out)
        print(f"wrote {len(files)} files to {out}/")
    elif fmt == "jsonl":
        if args.output in (None, "-"):
            write_jsonl(g, sys.stdout)
        else:
            with open(args.output, "w", encoding="utf-8") as fh:
                n = write_jsonl(g, fh)
            print(f"wrote {n} lines to {args.output}")
    else:
        out = Path(args.output or "graph.graphml")
        write_graphml(g, out)
        print(f"wrote {out}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from graph import local_server

    data_dir = Path(args.data_dir) if args.data_dir else None
    handle = local_server.acquire(data_dir, heap=args.heap, detached=True)
    info = handle.info
    data = Path(info.data_dir)
    if not handle.started:
        print("(a local server was already running for this data folder; serving it)")
    # Passwords stay in their owner-only files: printed, they would end up in terminal
    # scroll-back and CI logs.
    print(f"bolt URI:  {info.uri}")
    print(f"database:  {info.database}")
    print(f"data:      {info.data_dir}")
    print(f"writer:    user {local_server.USERNAME}, password in {data / 'password'}")
    print(f"reader:    user {local_server.READER} (read-only), password in "
          f"{data / 'reader-password'}")
    print(
        f"for other tools: NEO4J_URI={info.uri} NEO4J_USERNAME={local_server.READER} "
        f"NEO4J_PASSWORD=\"$(cat {data / 'reader-password'})\" NEO4J_DATABASE={info.database}"
    )
    # The signals only set a flag: raised as an exception, a signal landing between two
    # statements (right after the line below is printed, say) escapes the clean stop.
    # Installed before that line: a `kill PID` sent the moment it appears must still stop
    # the server cleanly.
    stop: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: stop.append(signum))
                for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        print("Ctrl-C stops the server.", flush=True)
        while not stop:
            if local_server.read_state(Path(info.data_dir)) is None:
                print("the server stopped", file=sys.stderr)
                return 1
            time.sleep(0.5)
        print("stopping ...", file=sys.stderr)
    finally:
        handle.release()
        current = local_server.read_state(Path(info.data_dir))
        if current is not None:
            local_server.stop_server(current)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _cmd_reset_password(args: argparse.Namespace) -> int:
    from graph import local_server

    path = local_server.reset_password(Path(args.data_dir) if args.data_dir else None)
    print(f"root has a new password (in {path}); the next start applies it and makes the "
          "read-only account again. The data is unchanged.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI.

    Parameters
    ----------
    argv:
        Arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 ok, 1 failure, 2 usage error, 3 the extractor crashed on a file.
    """
    args = _parser().parse_args(argv)
    # The driver logs every retry as a warning; the CLI reports failures itself.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    commands = {
        "load": _cmd_load,
        "stats": _cmd_stats,
        "export": _cmd_export,
        "serve": _cmd_serve,
        "reset-password": _cmd_reset_password,
    }
    try:
        return commands[args.command](args)
    except ZerenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
