"""A large file's text read and decoded a piece at a time, never held whole as bytes.

Read whole, a million events' file (347 MB) took as much fresh memory again for its bytes,
every page of it cleared by the kernel as the read filled it, and then copied into the text:
a fifth of the load's page faults. Here each piece of `READ_PIECE` bytes is read into one
buffer, checked (no NUL, UTF-8, and whether it holds characters the fast readers leave to
the precise one: `fast_reader.has_unplain_bytes`) and appended to the text. Anything out of
the ordinary (a NUL, bytes that are not UTF-8, a file with nothing in it) answers None: the
loader then reads the file whole, and `yaml_reader.decode` says where it goes wrong.
"""

from __future__ import annotations

import codecs
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from typing import BinaryIO

from .fast_reader import has_unplain_bytes
from .yaml_reader import has_content

READ_PIECE = 1 << 20
STREAMED_FROM = 16 << 20  # bytes: a smaller file is read whole (its bytes cost a few ms)


def streamed_text(handle: BinaryIO, most: int, look_for_unplain: bool) -> tuple[str, bool | None] | None:
    """`handle`'s text and whether it holds only characters the fast readers take (None when
    not `look_for_unplain`), as `decode` and `has_unplain_bytes` of its bytes would give them;
    None for a file they would refuse, or one larger than `most` bytes.

    Each piece is looked at (`has_unplain_bytes`, which lets the interpreter go) on a helper
    thread while this one decodes it: the look took 25-35 ms of 100,000 events' load."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    text, total, before, found = "", 0, b"", False
    looks: deque[Future] = deque()  # the pieces' looks not yet asked for their answer
    with _helper(look_for_unplain) as pool:
        for piece in _pieces(handle):  # (a `for`: CPython 3.11 appends to `text` in place)
            total += len(piece)
            if total > most or b"\0" in piece:
                return None
            while len(looks) >= LOOKS_AHEAD:  # (the helper keeps up: at most these pieces held for it)
                found = looks.popleft().result() or found
            if pool is not None and not found:  # (with the piece before's last two bytes: a sequence may cross)
                looks.append(pool.submit(has_unplain_bytes, before + piece))
                before = piece[-2:]
            try:
                text += decoder.decode(piece)
            except UnicodeDecodeError:
                return None
        try:
            text += decoder.decode(b"", True)
        except UnicodeDecodeError:
            return None
        if not has_content(text):
            return None
        found = any([look.result() for look in looks]) or found
    return text, not found if pool is not None else None


LOOKS_AHEAD = 4


def _helper(wanted: bool):
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="unplain-bytes") if wanted else nullcontext()


def _pieces(handle: BinaryIO):
    """The handle's bytes, `READ_PIECE` at a time (read into one buffer), without a BOM at the start
    (as `decode` skips it)."""
    head = handle.read(3)
    head = b"" if head == codecs.BOM_UTF8 else head
    buffer = bytearray(READ_PIECE)
    read = memoryview(buffer)
    for count in iter(lambda: handle.readinto(buffer), 0):
        yield head + read[:count] if head else bytes(read[:count])
        head = b""
    if head:
        yield head
