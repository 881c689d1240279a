"""The `dipexplore` command line (DESIGN §3): open the app, ingest, extract, search, export."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import sys
from contextlib import ExitStack
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dipexplore.db import Corpus, SchemaError
from dipexplore.db.export import EXPORTS, export_rows
from dipexplore.db.ingest import IngestReport, ingest
from dipexplore.db.migrate import upgrade
from dipexplore.db.schema import SCHEMA_VERSION
from dipexplore.extract.readers import ReadError, count_items, read_paths
from dipexplore.extract.text import printable

from .demo import default_db_path, demo_paths

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors: keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dipexplore", description="Explore diplomatic news in the terminal.")
    parser.add_argument("--db", type=Path, help="database file (default: $DIPEXPLORE_DB or the user data dir)")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = commands.add_parser("ingest", help="add articles (.txt, .jsonl, .html, directories, - for stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="NLP processes (default: cores)")

    p = commands.add_parser("extract", help="print the extraction record of one article as JSON")
    p.add_argument("path", metavar="FILE|-")

    p = commands.add_parser("search", help="fuzzy search of entities, events and sentences")
    p.add_argument("query")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="print a JSON array of hits")

    p = commands.add_parser("migrate", help="upgrade a database made by an older dipexplore (keeps a backup)")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS)

    p = commands.add_parser("export", help="write a table to stdout")
    p.add_argument("table", choices=sorted(EXPORTS))
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS)
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    return parser


def run_ingest(paths: list[str], db_path: Path, workers: int, label: str = "Ingesting") -> IngestReport:
    """Ingest with a progress bar and print the summary (shared by `ingest` and the demo)."""
    total = count_items(paths)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(label, total=total)
        report = ingest(read_paths(paths), db_path, workers=max(1, workers),
                        on_item=lambda: progress.advance(task))
    for error in report.failed:
        stderr.print(f"failed: {printable(str(error))}", markup=False)
    for warning in report.warnings:
        stderr.print(f"warning: {printable(warning)}", markup=False)
    stderr.print(
        f"{report.added} added, {report.skipped} skipped (already present), "
        f"{len(report.failed)} failed -> {printable(str(db_path))}",
        markup=False,
    )
    return report


def cmd_ingest(args: argparse.Namespace) -> int:
    report = run_ingest(args.paths, args.db, args.workers)
    return EXIT_FAILURES if report.failed else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from dipexplore.extract.pipeline import extract_item

    status = EXIT_OK
    for item in read_paths([args.path]):
        result = extract_item(item)
        if isinstance(result, ReadError):
            stderr.print(f"failed: {printable(str(result))}", markup=False)
            status = EXIT_FAILURES
        else:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return status


def cmd_search(args: argparse.Namespace) -> int:
    with Corpus(args.db) as corpus:
        hits = corpus.search(args.query, limit=args.limit)
    if args.json:
        json.dump([hit.as_dict() for hit in hits], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    for hit in hits:
        sys.stdout.write(f"{hit.kind:8} {printable(hit.label)}  [{hit.score:.0f}]\n")
        sys.stdout.write(f"         {printable(hit.sentence)}\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with Corpus(args.db) as corpus:
        columns, rows = export_rows(corpus, args.table)
        if args.format == "csv":
            writer = csv.writer(sys.stdout)
            writer.writerow(columns)
            writer.writerows(rows)
        else:
            for row in rows:
                sys.stdout.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n")
    return EXIT_OK


def upgrade_database(path: Path) -> bool:
    """Bring an older database up to date in place (a backup is kept); True if it was."""
    done = upgrade(path)
    if done:
        version, backup = done
        stderr.print(
            f"dipexplore: upgraded {printable(str(path))} from schema version {version} to "
            f"{SCHEMA_VERSION}; the old file is kept as {printable(str(backup))}",
            markup=False,
        )
    return done is not None


def cmd_migrate(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise SchemaError(f"{args.db}: no such database")
    if not upgrade_database(args.db):
        stderr.print(f"{printable(str(args.db))} is up to date (schema version {SCHEMA_VERSION})", markup=False)
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    """Open the app, building the database from the bundled demo corpus on first use."""
    if not args.db.exists():
        stderr.print(f"No database yet: building {printable(str(args.db))} from the demo corpus.", markup=False)
        with ExitStack() as stack:
            run_ingest(demo_paths(stack), args.db, os.cpu_count() or 1, label="Building demo database")
    from .app import run_app

    run_app(args.db)
    return EXIT_OK


COMMANDS = {
    "ingest": cmd_ingest, "extract": cmd_extract, "search": cmd_search, "export": cmd_export,
    "migrate": cmd_migrate,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.db = args.db or default_db_path()
    try:
        if args.command not in ("extract", "migrate"):
            upgrade_database(args.db)
        return COMMANDS.get(args.command, cmd_open)(args)
    except SchemaError as exc:
        stderr.print(f"dipexplore: {printable(str(exc))}", markup=False)
        return EXIT_FAILURES
    except sqlite3.Error as exc:  # locked past the busy timeout, disk full, ...
        stderr.print(f"dipexplore: database error on {printable(str(args.db))}: {exc}", markup=False)
        return EXIT_FAILURES
    except KeyboardInterrupt:
        stderr.print("dipexplore: interrupted; whole articles stored so far are kept, run again to continue",
                     markup=False)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # `dipexplore export ... | head`: the reader left, nothing to report
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
