"""Loading a chronology file: the one entry point the CLI and the window share."""

from __future__ import annotations

import codecs
import contextlib
import gc
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Callable

from ..chronology.model import Chronology
from ..chronology.problems import Problem, has_errors, in_file_order, with_path
from .bundled import is_bundled
from .fast_reader import FastPathFailed, has_unplain_bytes, read_fast
from .ready_memory import memory_made_ready
from .streamed_text import STREAMED_FROM, streamed_text
from .validation import build_chronology
from .yaml_reader import ReadError, decode, read_precise


@dataclass
class LoadResult:
    """What a file holds and what is wrong with it; `chronology` is None when unreadable."""

    path: str
    chronology: Chronology | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.chronology is not None and not has_errors(self.problems)


FROZEN_FROM = 10_000  # chronologies of more events are moved out of the collector's sight
COLLECTED_FROM = 2_000  # chronologies of fewer events are left to the collector's own passes


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


def collect_after_load(events: int) -> None:
    """The collector run once over everything, when a load's objects are all made and the window
    is idle: a file of `COLLECTED_FROM` to `FROZEN_FROM` events (not frozen) leaves its objects in
    the youngest generation, and the collector's next passes would each scan them all while a
    frame waits (12 ms at 10,000 events). A larger one's survivors (its index, its search index:
    made after the load froze its events) are frozen as well: a full pass over a million events'
    lists took 40 ms of a frame. A smaller file's objects cost its passes a millisecond or two,
    less than a full pass over everything else (15-60 ms)."""
    if events < COLLECTED_FROM:
        return
    gc.collect()
    if events > FROZEN_FROM:
        gc.freeze()


def load_text(text: str, path: str = "<text>", progress: Callable[[float], None] | None = None,
              plain: bool | None = None) -> LoadResult:
    """Load already-decoded YAML text; see `load_file`. `plain`: whether the text holds only
    characters the fast readers take, when already known (None: they look)."""
    with _collector_paused(), memory_made_ready(len(text)):
        try:
            result = _load_text(text, path, progress, plain)
        except (MemoryError, RecursionError) as error:
            reason = "not enough memory" if isinstance(error, MemoryError) else "nesting too deep"
            return LoadResult(path, None, [Problem(1, 1, f"cannot read this file: {reason}", path=path)])
        except Exception as error:  # noqa: BLE001 - the CLI and the window promise a message, never a traceback
            message = f"cannot read this file: internal error ({type(error).__name__}: {error}); please report it"
            return LoadResult(path, None, [Problem(1, 1, message, path=path)])
        if result.chronology is not None and len(result.chronology.events) > FROZEN_FROM:
            # a large chronology lives as long as the window: move its million objects
            # out of the collector's sight before it runs again, or its next pass
            # would scan them all while holding the interpreter (~150 ms of frozen UI)
            gc.freeze()
    return result


def _load_text(text: str, path: str, progress: Callable[[float], None] | None, plain: bool | None) -> LoadResult:
    kind = os.path.splitext(path)[1].lower()
    if kind in _OTHER_READERS:
        return _load_other(text, path, kind, plain)
    try:
        fast = read_fast(text, progress, plain)
        if fast is not None:
            root, problems = fast
            try:
                chronology, more = build_chronology(root)
                return LoadResult(path, chronology, with_path(in_file_order(problems + more), path))
            except FastPathFailed:
                pass
        root, problems = read_precise(text)
        chronology, more = build_chronology(root)
    except ReadError as error:
        return LoadResult(path, None, with_path(error.problems, path))
    return LoadResult(path, chronology, with_path(in_file_order(problems + more), path))


_OTHER_READERS = (".csv", ".json", ".timeline")


def _reader_of(kind: str):
    """The reader of a CSV, JSON or `.timeline` file, imported when first needed: together they
    were a quarter of the start-up that `--check` of a YAML file pays."""
    if kind == ".csv":
        from .csv_format import read_csv as reader
    elif kind == ".json":
        from .json_format import read_json as reader
    else:
        from .timeline_project import read_timeline_project as reader
    return reader


def _load_other(text: str, path: str, kind: str, plain: bool | None) -> LoadResult:
    """CSV, JSON (TimelineJS or our own export) or The Timeline Project's `.timeline`:
    read into located values, then the same checks."""
    try:
        read = _reader_of(kind)
        root, problems = read(text, plain=plain) if kind == ".json" else read(text)
        try:
            chronology, more = build_chronology(root)
        except FastPathFailed:  # a chunk libyaml refuses though json read it: the whole file, precisely
            root, problems = read(text, fast=False)
            chronology, more = build_chronology(root)
    except ReadError as error:
        return LoadResult(path, None, with_path(error.problems, path))
    if kind in (".csv", ".timeline") and not chronology.title:
        chronology.title = os.path.splitext(os.path.basename(path))[0]
    return LoadResult(path, chronology, with_path(in_file_order(problems + more), path))


def is_editable(path: str) -> bool:
    """Only our YAML files are written to (`--add`, the Add dialog); CSV, JSON and .timeline open read-only,
    and so does the sample inside the package."""
    return os.path.splitext(path)[1].lower() in (".yaml", ".yml", "") and not is_bundled(path)


MAX_FILE_BYTES = 1 << 30  # 1 GiB: about three million events; more is not a chronology


def read_file_bytes(path: str) -> bytes:
    """The bytes of a regular file, at most MAX_FILE_BYTES; ReadError says why not.

    Never blocks: a FIFO, a device such as /dev/zero, a socket or a directory is
    refused from its type before anything is read.
    """
    with _opened(path) as (handle, _):
        return _whole(handle)


def _whole(handle) -> bytes:
    data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise ReadError([Problem(1, 1, f"file is larger than {MAX_FILE_BYTES >> 30} GB: the largest file read")])
    return data


@contextlib.contextmanager
def _opened(path: str):
    """(a binary handle, its size) of a regular file of at most MAX_FILE_BYTES; ReadError says why not."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise ReadError([Problem(1, 1, f"cannot read file: {error.strerror or error}")]) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise ReadError([Problem(1, 1, f"cannot read {kind}: give the path of a chronology file")])
        if info.st_size > MAX_FILE_BYTES:
            raise ReadError([Problem(1, 1, f"file is {info.st_size / 1e9:.1f} GB: the largest file read is {MAX_FILE_BYTES >> 30} GB")])
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            yield handle, info.st_size
    except OSError as error:
        raise ReadError([Problem(1, 1, f"cannot read file: {error.strerror or error}")]) from None
    finally:
        os.close(descriptor)


_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


_EXPECTED = {  # what an empty file of each kind should have held
    ".yaml": "a mapping with `title` and `events`",
    ".csv": "a header row with title and start",
    ".json": "a JSON object with `events` (our export or TimelineJS)",
    ".timeline": "a Timeline file (<timeline> XML or '# Written by Timeline' lines)",
}


_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")


def _xml_declared_text(data: bytes) -> str | None:
    """An XML file in the encoding its declaration names (The Timeline Project's older files may
    be ISO-8859-1); None for UTF-8, which `decode` reads with its checks and positions."""
    declared = _XML_ENCODING.match(data)
    if declared is None or codecs.lookup(_codec(declared[1])).name == "utf-8":
        return None
    try:
        return data.decode(_codec(declared[1]))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ReadError([Problem(line, 1, f"file is not {declared[1].decode()} as it declares "
                                          f"(byte 0x{data[error.start]:02X})")]) from None


def _codec(name: bytes) -> str:
    try:
        return codecs.lookup(name.decode("ascii")).name
    except LookupError:
        raise ReadError([Problem(1, 1, f"unknown encoding '{name.decode('ascii')}' in the XML declaration")]) from None


def load_file(path: str | os.PathLike, progress: Callable[[float], None] | None = None) -> LoadResult:
    """Read, check and model a chronology file; never raises for bad content."""
    name = os.fspath(path)
    try:
        text, plain = _read_text(name)
    except ReadError as error:
        return LoadResult(name, None, with_path(error.problems, name))
    return load_text(text, name, progress, plain)


def _read_text(name: str) -> tuple[str, bool | None]:
    """The file's text, and whether it holds only characters the fast readers take (looked for
    in its bytes: `fast_reader.has_unplain_bytes`; None when not looked for). Its bytes are let go
    on return (a 350 MB file's bytes, kept while its million events were built, were a seventh
    of the peak memory); a large file's are never held whole (`streamed_text`)."""
    kind = os.path.splitext(name)[1].lower()
    with _opened(name) as (handle, size):
        if size >= STREAMED_FROM and kind != ".timeline":  # (an XML file may declare another encoding)
            streamed = streamed_text(handle, MAX_FILE_BYTES, kind != ".csv")
            if streamed is not None:
                return streamed
            handle.seek(0)  # something out of the ordinary: read whole, for `decode` to say what
        data = _whole(handle)
    if kind == ".timeline":
        text = _xml_declared_text(data)
        if text is not None:
            return text, None
    text = decode(data, _EXPECTED.get(kind, _EXPECTED[".yaml"]))
    if kind in (".csv", ".timeline"):
        return text, None
    return text, not has_unplain_bytes(data, 3 if data.startswith(codecs.BOM_UTF8) else 0)
