"""Chunks of an events list parsed: in C where they are in the plain block style, else by yaml-rs
on a helper thread, a few ahead of the one in use.

Shared by the block-style reader (`fast_reader`) and the flow-style one (`flow_events`).
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor

from .compiled import plain_yaml

# (None where the C reader was not built: yaml-rs reads every chunk, to the same answers)
read_block_events = getattr(plain_yaml, "read_block_events", None)
parse_block_events = getattr(plain_yaml, "parse_block_events", None)
events_of = getattr(plain_yaml, "events_of", None)
gathered_of = getattr(plain_yaml, "gathered_of", None)
count_of = getattr(plain_yaml, "count_of", None)

CHUNK_ITEMS = 1000
PARSE_AHEAD = 4  # chunks parsed ahead of the one the validator is on


class FastPathFailed(Exception):
    """The events list cannot be read in chunks (an anchor defined twice, a piece libyaml refuses
    that yaml-rs read, a flow list with a doubt): read the file precisely."""


class Tape:
    """A chunk the C reader parsed: its events (`items`) made from the parse only when asked, or only
    its plain columns (`gathered`), without the events' dicts: making, reading and freeing them
    was a sixth of a large file's loading thread."""

    __slots__ = ("_parsed", "count")

    def __init__(self, parsed) -> None:
        self._parsed, self.count = parsed, count_of(parsed)

    def items(self) -> list:
        """yaml-rs's answer for the chunk."""
        return events_of(self._parsed)

    def gathered(self) -> tuple | None:
        """`plain_events.gather(self.items())`: the chunk's columns when every event is of the plainest kind, else None."""
        return gathered_of(self._parsed)


def parsed_ahead(yaml_rs, jobs, plain: bool = False, tapes: bool = False):
    """(first, last, text, extra, yaml-rs's items) for each job (first, last, text, extra, text to
    parse), in order, a few (`PARSE_AHEAD`) ahead of the one the caller works on. `plain`: every
    text to parse is known to hold no character `fast_reader.has_unplain_characters` looks for
    (the file's text was looked at once: the C reader looks only for the few others it refuses).
    `tapes`: a chunk the C reader read comes as a `Tape`, its objects not made yet.

    Each chunk is parsed on a helper thread: in the plain block style by the C reader, whose parse
    lets the interpreter go and leaves a tape its objects are made from here (`events_of`: the
    parse was half the C reader's time, and now runs beside the checking of the chunk before);
    any other by yaml-rs, which lets go of the interpreter too. Only a few are taken ahead: a
    million events' chunks, all cut at once, copied the whole file's text again (350 MB, touched
    for the first time: half a second) and held every parsed chunk not used yet; and each chunk's
    items are let go once used: freeing 1.5M parsed objects at the end in one go held the
    interpreter ~150 ms."""
    jobs = iter(jobs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="yaml-chunks") as pool:
        ahead: deque = deque()

        def parse_next() -> bool:
            job = next(jobs, None)
            if job is None:
                return False
            *head, parse_text = job
            ahead.append((*head, pool.submit(_parsed, yaml_rs, parse_text, plain)))
            return True

        try:
            while len(ahead) < PARSE_AHEAD and parse_next():
                pass
            while ahead:
                *head, parsed = ahead.popleft()
                parse_next()
                tape, items = parsed.result()
                yield (*head, items if tape is None else Tape(tape) if tapes else events_of(tape))
        finally:
            for *_, parsed in ahead:
                parsed.cancel()


def _parsed(yaml_rs, text: str, plain: bool):
    """(the C reader's tape, None), or (None, yaml-rs's items) where the C reader cannot read `text`."""
    tape = parse_block_events(text, plain) if parse_block_events is not None else None
    return (tape, None) if tape is not None else (None, _by_yaml_rs(yaml_rs, text))


def parse_chunk(yaml_rs, text: str, plain: bool = False):
    """yaml-rs's items for `text` (None where it refuses it); the plain block style is read in C
    (`_plain_yaml.c`: what yaml-rs gives, five times faster), anything else by yaml-rs itself.
    `plain`: as for `parsed_ahead`."""
    if read_block_events is not None:
        items = read_block_events(text, plain)
        if items is not None:
            return items
    return _by_yaml_rs(yaml_rs, text)


def _by_yaml_rs(yaml_rs, text: str):
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - not YAML to yaml-rs: the precise reader will say why
        return None
