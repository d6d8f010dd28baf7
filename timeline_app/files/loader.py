"""Loading a chronology file: the one entry point the CLI and the window share."""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field
from typing import Callable

from ..chronology.model import Chronology
from ..chronology.problems import Problem, has_errors, with_path
from .csv_format import read_csv
from .json_format import read_json
from .validation import NeedsPrecise, build_chronology
from .yaml_reader import FastPathFailed, ReadError, decode, read_fast, read_precise


@dataclass
class LoadResult:
    """What a file holds and what is wrong with it; `chronology` is None when unreadable."""

    path: str
    chronology: Chronology | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.chronology is not None and not has_errors(self.problems)


@contextlib.contextmanager
def _collector_paused():
    """Building a million small objects triggers the cyclic GC dozens of times for
    nothing (none of them is garbage yet); pausing it halves the load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_text(text: str, path: str = "<text>", progress: Callable[[float], None] | None = None) -> LoadResult:
    """Load already-decoded YAML text; see `load_file`."""
    with _collector_paused():
        result = _load_text(text, path, progress)
        if result.chronology is not None and len(result.chronology.events) > 10_000:
            # a large chronology lives as long as the window: move its million objects
            # out of the collector's sight before it runs again, or its next pass
            # would scan them all while holding the interpreter (~150 ms of frozen UI)
            gc.freeze()
    return result


def _load_text(text: str, path: str, progress: Callable[[float], None] | None) -> LoadResult:
    kind = os.path.splitext(path)[1].lower()
    if kind in (".csv", ".json"):
        return _load_other(text, path, kind)
    try:
        fast = read_fast(text, progress)
        if fast is not None:
            root, lines = fast
            try:
                chronology, problems = build_chronology(root, precise=False, lines=lines)
                return LoadResult(path, chronology, with_path(problems, path))
            except (NeedsPrecise, FastPathFailed):
                pass
        root, problems = read_precise(text)
        chronology, more = build_chronology(root, precise=True)
    except ReadError as error:
        return LoadResult(path, None, with_path(error.problems, path))
    return LoadResult(path, chronology, with_path(sorted(problems + more), path))


def _load_other(text: str, path: str, kind: str) -> LoadResult:
    """CSV or JSON (TimelineJS or our own export): read into located values, then the same checks."""
    try:
        root, problems = (read_csv if kind == ".csv" else read_json)(text)
        chronology, more = build_chronology(root, precise=True)
    except ReadError as error:
        return LoadResult(path, None, with_path(error.problems, path))
    if kind == ".csv" and not chronology.title:
        chronology.title = os.path.splitext(os.path.basename(path))[0]
    return LoadResult(path, chronology, with_path(sorted(problems + more), path))


def is_editable(path: str) -> bool:
    """Only our YAML files are written to (`--add`, the Add dialog); CSV and JSON open read-only."""
    return os.path.splitext(path)[1].lower() in (".yaml", ".yml", "")


def load_file(path: str | os.PathLike, progress: Callable[[float], None] | None = None) -> LoadResult:
    """Read, check and model a chronology file; never raises for bad content."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return LoadResult(name, None, [Problem(1, 1, f"cannot read file: {error.strerror or error}", path=name)])
    try:
        text = decode(data)
    except ReadError as error:
        return LoadResult(name, None, with_path(error.problems, name))
    return load_text(text, name, progress)

