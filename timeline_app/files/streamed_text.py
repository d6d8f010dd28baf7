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
from typing import BinaryIO

from .fast_reader import has_unplain_bytes
from .yaml_reader import has_content

READ_PIECE = 1 << 20
STREAMED_FROM = 16 << 20  # bytes: a smaller file is read whole (its bytes cost a few ms)


def streamed_text(handle: BinaryIO, most: int, look_for_unplain: bool) -> tuple[str, bool | None] | None:
    """`handle`'s text and whether it holds only characters the fast readers take (None when
    not `look_for_unplain`), as `decode` and `has_unplain_bytes` of its bytes would give them;
    None for a file they would refuse, or one larger than `most` bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    text, total, before, plain = "", 0, b"", True
    for piece in _pieces(handle):  # (a `for`: CPython 3.11 appends to `text` in place)
        total += len(piece)
        if total > most or b"\0" in piece:
            return None
        if look_for_unplain and plain:  # (with the piece before's last two bytes: a sequence may cross)
            plain = not has_unplain_bytes(before + piece)
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
    return text, plain if look_for_unplain else None


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
