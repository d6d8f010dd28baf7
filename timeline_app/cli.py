"""The `timeline-app` command: open the window, or check, export, add without a display.

Only opening the window imports Qt, so `--check` and `--export FILE.json` work on
a server with no screen and answer in a fraction of a second.
"""

from __future__ import annotations

import argparse
import os
import sys

from .chronology.problems import printable
from .files.bundled import bundled_chronology_path, schema_text
from .files.loader import load_file

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, with the values it quotes in usage errors escaped like every other message."""

    def error(self, message: str):
        super().error(printable(message))


def _refused(error, what: str, path: str) -> int:
    """An edit that was refused: the file's problems, if any, then why, at its place; the file is untouched (exit 1)."""
    for problem in error.problems:
        print(problem.format(), file=sys.stderr)
    line, column = error.where
    print(printable(f"{path}:{line}:{column}: error: {what}: {error}"), file=sys.stderr)
    return EXIT_PROBLEMS


def _say_error(message: str) -> None:
    print(f"timeline-app: error: {printable(message)}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="timeline-app",
        description="A zoomable timeline viewer for chronologies kept in a YAML file.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="chronology to open (default: the bundled one)")
    parser.add_argument("--check", action="store_true", help="check FILE... and print problems as FILE:LINE:COL")
    parser.add_argument("--export", metavar="OUT", help="write FILE to OUT ('-' for JSON on stdout); the format follows OUT's extension")
    parser.add_argument("--format", choices=("json", "csv", "timelinejs", "timelinejs-sheet", "yaml", "png", "svg", "pdf"),
                        help="export format when OUT's extension does not say (timelinejs-sheet: rows for TimelineJS's Google Sheets template)")
    parser.add_argument("--from", dest="from_date", metavar="DATE", help="export only from this date")
    parser.add_argument("--to", dest="to_date", metavar="DATE", help="export only up to this date")
    parser.add_argument("--width", type=int, default=1600, metavar="PX", help="image width (default 1600)")
    parser.add_argument("--page", choices=("A4", "Letter"), default="A4", help="PDF page size (landscape)")
    parser.add_argument("--schema", action="store_true", help="print the JSON Schema of the events.yaml format")
    parser.add_argument("--edit", nargs=2, metavar=("FILE", "ID"),
                        help="change the event with this id: only the options given (--title, --start …) change")
    parser.add_argument("--clear", action="append", default=[], metavar="FIELD",
                        help="with --edit: remove this field (end, category, tags, description, location, sources, media, "
                             "display_date)")
    parser.add_argument("--delete", nargs=2, metavar=("FILE", "ID"),
                        help="delete the event with this id from FILE, keeping every other byte")
    parser.add_argument("--duplicate", nargs=2, metavar=("FILE", "ID"),
                        help="copy the event with this id just below it, under a new id; prints the new id")
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
    add.add_argument("--media", help="a picture's https:// link or a path beside the file")
    add.add_argument("--display-date", dest="display_date", help="the date as TimelineJS should show it")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _refuse_undecodable(args, parser)
    try:
        if args.schema:
            sys.stdout.write(schema_text())
            return EXIT_OK
        if args.add:
            return run_add(args, parser)
        if args.delete:
            return run_delete(*args.delete)
        if args.duplicate:
            return run_duplicate(*args.duplicate)
        if args.edit:
            return run_edit(args, parser)
        if args.check:
            if not args.files:
                parser.error("--check needs at least one FILE")
            return check(args.files)
        if args.export:
            if len(args.files) != 1:
                parser.error("--export needs exactly one FILE")
            return export(args.export, args.files[0], args)
        if len(args.files) > 1:
            parser.error("open one FILE at a time (use --check to check several)")
    except BrokenPipeError:
        return EXIT_OK
    from .app import run_window

    return run_window(args.files[0] if args.files else str(bundled_chronology_path()))


def _refuse_undecodable(args, parser: argparse.ArgumentParser) -> None:
    """Bytes that are not UTF-8 in a value (they arrive as lone surrogates): a usage error, not a traceback."""
    for name, value in vars(args).items():
        if name == "files":
            continue  # file names may be any bytes; they are opened as given
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    parser.error(f"--{name.replace('_date', '')}: {text.encode('utf-8', 'backslashreplace').decode()!r} "
                                 "is not valid UTF-8 text")


def check(paths: list[str]) -> int:
    """Print every problem of every file; exit 1 if any is an error (even when the reader
    of the output, `head` say, stops reading early)."""
    failed, printing = False, True
    for path in paths:
        result = load_file(path)
        for problem in result.problems if printing else ():
            try:
                print(problem.format())
            except BrokenPipeError:
                printing = False
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more reaches the closed pipe
        failed = failed or not result.ok
    return EXIT_PROBLEMS if failed else EXIT_OK


def export(out: str, path: str, args=None) -> int:
    """Write FILE in the format OUT asks for; an invalid FILE exports nothing."""
    from .chronology.date_forms import parse_date
    from .chronology.dates import DateError
    from .files.export_formats import (
        IMAGE_FORMATS,
        ExportError,
        export_warnings,
        format_for,
        render_data,
        write_export,
    )

    try:
        fmt = format_for(out, getattr(args, "format", None))
    except ExportError as error:
        _say_error(str(error))
        return EXIT_USAGE
    result = load_file(path)
    if not result.ok:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        return EXIT_PROBLEMS
    for problem in result.problems:  # warnings: what the import left out or read with a doubt
        print(problem.format(), file=sys.stderr)
    chronology = result.chronology
    bounds = []
    for option, text in (("--from", getattr(args, "from_date", None)), ("--to", getattr(args, "to_date", None))):
        try:
            bounds.append(parse_date(text, chronology.date_order) if text else None)
        except DateError as error:
            _say_error(f"{option}: {error}")
            return EXIT_USAGE
    width = getattr(args, "width", 1600)
    if not 200 <= width <= 20000:
        _say_error("--width must be between 200 and 20000 pixels")
        return EXIT_USAGE
    if fmt in IMAGE_FORMATS:
        from .gui.picture import render_picture

        data = render_picture(chronology, fmt, bounds[0], bounds[1], width=width, page=getattr(args, "page", "A4"))
    else:
        data = render_data(chronology, fmt, bounds[0], bounds[1])
        for warning in export_warnings(chronology, fmt):
            print(f"timeline-app: warning: {printable(warning)}", file=sys.stderr)
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    try:
        write_export(out, data, path)
    except ExportError as error:
        _say_error(str(error))
        return EXIT_USAGE if error.usage else EXIT_PROBLEMS
    return EXIT_OK


def run_add(args, parser) -> int:
    """`timeline-app --add FILE ...`: exit 0 added, 1 refused (file untouched), 2 usage."""
    from .files.add_event import AddError, NewEvent, add_event

    if args.title is None or args.start is None:
        parser.error("--add needs --title and --start")
    event = NewEvent(
        title=args.title,
        start=args.start,
        end=args.end or "",
        id=args.id or "",
        media=args.media or "",
        display_date=args.display_date or "",
        category=args.category or "",
        tags=list(args.tag),
        description=args.description or "",
        location=args.location or "",
        sources=list(args.source),
    )

    try:
        new_id = add_event(args.add, event)
    except AddError as error:
        return _refused(error, "not added", args.add)
    print(printable(f"added '{new_id}' to {args.add}"))
    return 0


def run_delete(path: str, event_id: str) -> int:
    """`timeline-app --delete FILE ID`: exit 0 deleted, 1 refused (file untouched), 2 usage."""
    from .files.add_event import AddError
    from .files.delete_event import delete_event

    try:
        title = delete_event(path, event_id)
    except AddError as error:
        return _refused(error, "not deleted", path)
    print(printable(f"deleted '{event_id}' ({title}) from {path}"))
    return EXIT_OK


def run_edit(args, parser) -> int:
    """`timeline-app --edit FILE ID --title … --clear FIELD`: exit 0 changed, 1 refused (file untouched), 2 usage."""
    from .files.add_event import AddError
    from .files.edit_event import edit_event

    path, event_id = args.edit
    changes: dict[str, object] = {}
    for field in ("id", "title", "start", "end", "category", "description", "location", "media", "display_date"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if args.tag:
        changes["tags"] = list(args.tag)
    if args.source:
        changes["sources"] = list(args.source)
    clearable = ("end", "category", "tags", "description", "location", "sources", "media", "display_date")
    for field in args.clear:
        if field not in clearable:
            parser.error(f"--clear {field}: only {', '.join(clearable)} can be cleared (an event keeps its id, title and start)")
        if field in changes:
            parser.error(f"--clear {field} and --{field} say opposite things")
        changes[field] = None
    if not changes:
        parser.error("--edit needs at least one change (--id, --title, --start, --end, --category, --tag, --description, "
                     "--location, --source, --media, --display-date or --clear FIELD)")
    try:
        changed = edit_event(path, event_id, changes)
    except AddError as error:
        return _refused(error, "not changed", path)
    if changed is None:
        print(printable(f"'{event_id}' in {path} already says that: nothing changed"))
        return EXIT_OK
    renamed = f" (now '{changed.id}')" if changed.id != event_id else ""
    print(printable(f"changed '{event_id}'{renamed} ({changed.title}) in {path}"))
    return EXIT_OK


def run_duplicate(path: str, event_id: str) -> int:
    """`timeline-app --duplicate FILE ID`: exit 0 copied (the new id printed), 1 refused (file untouched)."""
    from .files.add_event import AddError
    from .files.duplicate_event import duplicate_event

    try:
        new_id = duplicate_event(path, event_id)
    except AddError as error:
        return _refused(error, "not duplicated", path)
    print(printable(new_id))
    return EXIT_OK
