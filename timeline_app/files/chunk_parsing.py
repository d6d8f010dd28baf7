"""Chunks of an events list parsed by yaml-rs on a helper thread, a few ahead of the one in use.

Shared by the block-style reader (`fast_reader`) and the flow-style one (`flow_events`).
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor

CHUNK_ITEMS = 1000
PARSE_AHEAD = 4  # chunks parsed ahead of the one the validator is on


class FastPathFailed(Exception):
    """The events list cannot be read in chunks (an anchor defined twice, a piece libyaml refuses
    that yaml-rs read, a flow list with a doubt): read the file precisely."""


def parsed_ahead(yaml_rs, jobs):
    """(first, last, text, extra, yaml-rs's items) for each job (first, last, text, extra, text to
    parse), parsed on a helper thread (yaml-rs lets go of the interpreter meanwhile) while the
    caller works on the one before. Only `PARSE_AHEAD` jobs are taken ahead of the one in use
    (a million events' chunks, all cut at once, copied the whole file's text again (350 MB,
    touched for the first time: half a second) and held every parsed chunk not used yet), and
    each chunk's items are let go once used: freeing 1.5M parsed objects at the end in one go
    held the interpreter ~150 ms."""
    jobs = iter(jobs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="yaml-chunks") as pool:
        ahead: deque = deque()

        def parse_next() -> bool:
            job = next(jobs, None)
            if job is None:
                return False
            *head, parse_text = job
            ahead.append((*head, pool.submit(parse_chunk, yaml_rs, parse_text)))
            return True

        while len(ahead) < PARSE_AHEAD and parse_next():
            pass
        try:
            while ahead:
                *head, parsed = ahead.popleft()
                parse_next()
                yield (*head, parsed.result())
        finally:
            for *_, parsed in ahead:
                parsed.cancel()


def parse_chunk(yaml_rs, text: str):
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - not YAML to yaml-rs: the precise reader will say why
        return None
