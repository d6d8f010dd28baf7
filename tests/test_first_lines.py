"""The id registry kept in bounded tables (`FirstLines`) must answer as one dict would,
however its tables fall, and the duplicate-id message must still name the first line."""

from __future__ import annotations

import copy
import random

import pytest

from timeline_app.files import fast_reader
from timeline_app.files.loader import load_text
from timeline_app.files.validation import first_lines
from timeline_app.files.validation.first_lines import FirstLines


@pytest.mark.parametrize("slots", [64, first_lines.FILTER_SLOTS])
@pytest.mark.parametrize("segment", [1, 2, 3, 7, 1000])
def test_answers_as_one_dict_would(segment, slots, monkeypatch):
    monkeypatch.setattr(first_lines, "FILTER_SLOTS", slots)  # (64: most ids share a slot with another)
    rng = random.Random(segment)
    registry, reference = FirstLines(segment), {}
    names = [f"e{number}" for number in range(60)]
    for step in range(3000):
        name = rng.choice(names)
        action = rng.randrange(5)
        if action == 0 and name not in reference:
            registry[name] = reference[name] = step
        elif action == 1:
            fresh = [n for n in rng.sample(names, rng.randrange(1, 6)) if n not in reference]
            pairs = [(n, step + i) for i, n in enumerate(dict.fromkeys(fresh))]
            registry.update(iter(pairs))
            reference.update(pairs)
        elif action == 3:  # (more than 16 at once: the filter of the tables set aside is asked)
            asked = rng.sample(names, rng.choice([rng.randrange(1, 8), rng.randrange(17, 40)]))
            assert registry.isdisjoint(iter(asked)) == reference.keys().isdisjoint(asked)
        assert (name in registry) == (name in reference)
        assert len(registry) == len(reference)
        if name in reference:
            assert registry[name] == reference[name]
        else:
            with pytest.raises(KeyError):
                registry[name]  # noqa: B018
    assert registry == copy.copy(registry)
    copied = copy.copy(registry)
    copied[f"new{segment}"] = 1
    assert f"new{segment}" not in registry, "a copy must not share its tables"


@pytest.mark.parametrize("chunk_items", [7, 1000])
def test_duplicate_found_across_tables_names_its_first_line(monkeypatch, chunk_items):
    """A duplicate of an id set aside in an early table: first seen in a chunk read fast (its
    line found again when needed), or in the chunk the duplicate sends to the precise reader."""
    monkeypatch.setattr(first_lines, "SEGMENT", 5)
    monkeypatch.setattr(fast_reader, "CHUNK_ITEMS", chunk_items)
    events = [f"  - id: e{number}\n    title: Event {number}\n    start: 2014-06-{number % 28 + 1:02d}\n"
              for number in range(40)]
    events.append("  - id: e3\n    title: Again\n    start: 2014-07-01\n")
    text = "title: t\nevents:\n" + "".join(events)
    problems = [problem.format() for problem in load_text(text, "f.yaml").problems]
    first_line = text.splitlines().index("  - id: e3") + 1
    last_line = len(text.splitlines()) - 2
    assert problems == [f"f.yaml:{last_line}:9: error: duplicate id 'e3' (first used at line {first_line})"]
