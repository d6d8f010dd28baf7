"""Two fast ways to build a chunk's events must agree: column by column (`plain_chunk`)
and event by event (`plain_event`).

`plain_chunk` may always decline (None: the event-by-event check then decides); when it
does build a chunk, its events, the ids it records and the categories it adds must be
exactly those of the event-by-event path, and when it declines it must change nothing.
Inputs: every chunk of generated files (many styles and mutations), and the same chunks
with one value at a time swapped for a subtly wrong one.
"""

from __future__ import annotations

import copy
import os
import random
from types import SimpleNamespace

from chronology_files import generate

import timeline_app.files.fast_reader as fast_reader
import timeline_app.files.validation.events as events_module
from timeline_app.files.loader import load_text
from timeline_app.files.validation.events import _plain_events_of
from timeline_app.files.validation.plain_chunk import plain_chunk
from timeline_app.files.validation.values import NeedsPrecise

WRONG_VALUES = [
    None, "", "  ", 0, 1, True, False, 2014, 10**13, 1.5, [], ["x"], [""], [1], {}, {"url": "https://a.org"},
    "2014-02-30", "2014-13-01", "June 2014", "~2014", "[2013, 2014]", "2014/2015", "present", "..", "2014-06-25T10:00Z",
    "https://example.org/x", "ftp://example.org", "https://exa mple.org", "https://a.org\nhttps://b.org", "javascript:x",
    "e1", "politics", "unknown-category", "\u00a0", "x\ty",
]
KEYS = ["id", "title", "start", "end", "category", "tags", "description", "sources", "location", "media", "extra"]


def _event_by_event(check, items, lines, first, categories, explicit, ids):
    """The event-by-event path over the whole chunk; None where it stops for the precise reader."""
    stream = SimpleNamespace(lines=lines, key_position=lambda index, key: None)
    chunk = SimpleNamespace(items=items, first=first, last=first + len(items), stream=stream)
    precise = check.precise  # (it sets the checker precise again when done: the column path runs on after)
    try:
        built, stopped = _plain_events_of(check, chunk, first, categories, explicit, ids)
    except NeedsPrecise:
        return None
    finally:
        check.precise = precise
    return built if stopped == chunk.last else None


def _compare(check, items, lines, first, categories, explicit, ids, tally):
    """Both paths on copies of the same state; return what the column path built."""
    state = (copy.copy(categories), copy.copy(ids))
    columns = plain_chunk(check, items, lines, first, categories, explicit, ids)
    if columns is None:
        tally["declined"] += 1
        assert (categories, ids) == state, "a declined chunk must leave ids and categories as they were"
        return None
    tally["built"] += 1
    by_event_categories, by_event_ids = state
    by_event = _event_by_event(check, items, lines, first, by_event_categories, explicit, by_event_ids)
    assert by_event is not None, "the column path built a chunk the event-by-event path refuses"
    assert columns == by_event
    assert list(categories.items()) == list(by_event_categories.items())
    assert ids == by_event_ids
    return columns


def test_column_and_event_paths_agree_on_generated_and_mutated_chunks(monkeypatch):
    rng = random.Random(7)
    tally = {"built": 0, "declined": 0, "mutated": 0}

    failures = []  # (load_text turns any exception into a problem of the file: kept here, asserted after)

    def checked(check, items, lines, first, categories, explicit, ids, gathered=None):
        assert gathered is None  # (see below)
        try:
            for _ in range(3):  # the same chunk with one value swapped for a wrong one, each compared alone
                mutated = copy.deepcopy(items)
                target = mutated[rng.randrange(len(mutated))]
                if isinstance(target, dict):
                    target[rng.choice(KEYS)] = copy.deepcopy(rng.choice(WRONG_VALUES))
                    tally["mutated"] += 1
                    _compare(check, mutated, lines, first, copy.copy(categories), explicit, copy.copy(ids), tally)
            return _compare(check, items, lines, first, categories, explicit, ids, tally)
        except Exception as error:
            failures.append(f"{type(error).__name__}: {error}")
            raise

    monkeypatch.setattr(events_module, "plain_chunk", checked)
    # (every chunk gathered from its items here, so that both paths see them: the columns the C reader
    # gathers from its tape instead are held to these in tests/test_plain_yaml.py)
    monkeypatch.setattr(fast_reader.Chunk, "gathered", lambda chunk: None)
    for seed in range(int(os.environ.get("AGREE_SEEDS", "300")) // 2):
        load_text(generate(seed)[0], "")
    assert not failures, failures[:3]
    assert tally["built"] > 50 and tally["declined"] > 50, tally  # both outcomes really compared


def test_structured_sources_made_field_by_field_are_plain_sources_one_by_one():
    """`_structured` builds every source of a chunk written as a mapping (our JSON export's way)
    at once: whenever it does, each must be `plain_source`'s, and none may be one it refuses."""
    from timeline_app.files.validation.fast_events import plain_source
    from timeline_app.files.validation.plain_chunk import _structured

    fields = {"url": ["https://example.org/a", "", " https://example.org/b ", "ftp://x.org", "https://a.org\nhttps://b.org",
                      "https://ex ample.org", 1, None, "http://x.org/é?q=1#f"],
              "title": ["A report", "", "  ", 2014], "publisher": ["VICE", "", None], "date": ["2014-06-25", "", 3],
              "other": ["x"]}
    rng = random.Random(9)
    built = 0
    for _ in range(3000):
        listed = []
        for _event in range(rng.randint(1, 6)):
            sources = []
            for _source in range(rng.choice([0, 1, 1, 2, 3])):
                keys = [key for key in fields if rng.random() < (0.05 if key == "other" else 0.7)]
                sources.append({key: rng.choice(fields[key]) if rng.random() < 0.3 else fields[key][0] for key in keys})
            listed.append(sources)
        every = [source for sources in listed for source in sources]
        if not every:
            continue
        made = _structured(listed, every)
        if made is None:
            continue
        built += 1
        assert made == [tuple(map(plain_source, sources)) for sources in listed]  # (plain_source raises where it refuses)
    assert built > 300
