"""The `timeline-app` command: open the window, or check, export, add without a display.

Only opening the window imports Qt, so `--check` and `--export FILE.json` work on
a server with no screen and answer in a fraction of a second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .bundled import bundled_chronology_path, schema_text
from .loader import load_file

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="A zoomable timeline viewer for chronologies kept in a YAML file.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="chronology to open (default: the bundled one)")
    parser.add_argument("--check", action="store_true", help="check FILE... and print problems as FILE:LINE:COL")
    parser.add_argument("--export", metavar="OUT", help="write FILE as JSON to OUT ('-' for stdout)")
    parser.add_argument("--schema", action="store_true", help="print the JSON Schema of the events.yaml format")
    add = parser.add_argument_group("adding an event (--add FILE)")
    add.add_argument("--add", metavar="FILE", help="add one event to FILE, keeping every existing byte")
    add.add_argument("--title")
    add.add_argument("--start")
    add.add_argument("--end")
    add.add_argument("--id")
    add.add_argument("--category")
    add.add_argument("--tag", action="append", default=[], help="repeat for several tags")
    add.add_argument("--description")
    add.add_argument("--location")
    add.add_argument("--source", action="append", default=[], help="a http(s) link; repeat for several")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.schema:
            sys.stdout.write(schema_text())
            return EXIT_OK
        if args.add:
            from .add_event import run_add

            return run_add(args, parser)
        if args.check:
            if not args.files:
                parser.error("--check needs at least one FILE")
            return check(args.files)
        if args.export:
            if len(args.files) != 1:
                parser.error("--export needs exactly one FILE")
            return export(args.export, args.files[0])
        if len(args.files) > 1:
            parser.error("open one FILE at a time (use --check to check several)")
    except BrokenPipeError:
        return EXIT_OK
    from .app import run_window

    return run_window(args.files[0] if args.files else str(bundled_chronology_path()))


def check(paths: list[str]) -> int:
    """Print every problem of every file; exit 1 if any is an error."""
    failed = False
    for path in paths:
        result = load_file(path)
        for problem in result.problems:
            print(problem.format())
        failed = failed or not result.ok
    return EXIT_PROBLEMS if failed else EXIT_OK


def export(out: str, path: str) -> int:
    result = load_file(path)
    if not result.ok:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        return EXIT_PROBLEMS
    if out != "-" and not out.lower().endswith(".json"):
        print(f"timeline-app: error: cannot export to '{out}': only .json (or - for stdout) is supported", file=sys.stderr)
        return EXIT_USAGE
    if out != "-" and os.path.exists(out) and os.path.samefile(out, path):
        print(f"timeline-app: error: refusing to overwrite the input file '{path}'", file=sys.stderr)
        return EXIT_USAGE
    document = result.chronology.as_dict()
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if out == "-":
        sys.stdout.write(text)
        return EXIT_OK
    from .atomic_write import write_atomically

    try:
        write_atomically(out, text.encode("utf-8"))
    except OSError as error:
        print(f"timeline-app: error: cannot write '{out}': {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
