"""An events list in flow style (the whole document one flow mapping, as `yaml.dump` writes it
with `default_flow_style=True`, JSON saved as `.yaml`, or `events: [{…}, {…}]`) is read by
yaml-rs in chunks, its items found from its structure; the verdict is the precise reader's."""

from __future__ import annotations

import json
import random

import pytest
import yaml
from test_fast_precise_agree import fast_verdict, precise_verdict

import timeline_app.files.loader as loader
from timeline_app.files.flow_events import find_flow_list


def _events(count: int) -> list[dict]:
    rng = random.Random(count)
    return [{"id": f"e{index}", "title": f"Talks {index}: {rng.choice(['Tripoli', 'Misrata', 'Sirte'])} [day {index}]",
             "start": f"2014-{index % 12 + 1:02d}-{index % 28 + 1:02d}", "category": "politics",
             "tags": ["talks", "oil"], "description": rng.choice(["It's {late}, isn't it?", "a, b: c", "plain"]),
             "sources": [f"https://example.org/{index}"]} for index in range(count)]


def _document(count: int) -> dict:
    return {"title": "Flow", "categories": {"politics": {"label": "Politics"}}, "events": _events(count)}


STYLES = {
    "yaml.dump flow": lambda n: yaml.dump(_document(n), default_flow_style=True, allow_unicode=True),
    "yaml.dump flow, width 40": lambda n: yaml.dump(_document(n), default_flow_style=True, width=40),
    "json saved as yaml": lambda n: json.dumps(_document(n), indent=2, ensure_ascii=False),
    "json on one line": lambda n: json.dumps(_document(n)),
    "a flow list under a block key": lambda n: "title: Flow\ncategories:\n  politics: {label: Politics}\nevents: "
                                               + yaml.dump(_events(n), default_flow_style=True) + "description: after the list\n",
}


@pytest.fixture
def no_whole_file_read(monkeypatch):
    def whole_file(*args, **kwargs):
        raise AssertionError("the whole file was read precisely")

    monkeypatch.setattr(loader, "read_precise", whole_file)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("count", [1, 7, 2500])
def test_a_flow_events_list_is_served_fast_with_the_precise_verdict(style, count):
    text = STYLES[style](count)
    precise = precise_verdict(text)
    assert precise[0] == [] and len(precise[1][5]) == count
    assert fast_verdict(text) == precise


@pytest.mark.parametrize("style", STYLES)
def test_no_flow_list_needs_the_whole_file_read_precisely(style, no_whole_file_read):
    assert fast_verdict(STYLES[style](1200))[0] == []


@pytest.mark.parametrize("text, items", [
    ("{title: t, events: [{title: 'a, [b]', start: 2014}, {title: \"c}\\\"{\", start: 2015}]}", 2),
    ("{title: t, events: [{title: don't [x], start: 2014}]}", 1),  # (`[x]` after a plain scalar: libyaml's error, yaml-rs's too)
    ("{title: t, events: [{title: it's, start: 2014}, {title: b, start: 2015}]}", 2),
    ("{title: t, events: [{title: a, start: 2014}, ]}", 1),  # a trailing comma
    ("{title: t, events: [{title: a}, , {title: b}]}", None),  # an empty item
    ("{title: t, events: [{title: a} # note\n, {title: b}]}", None),  # a comment: left to the precise reader
    ("{title: t, events: [{title:'a'}]}", None),  # a quote glued to a colon
    ("{title: t, other: [1, 2], events: []}", 0),
    ("{title: t, nested: {events: [1]}, events: [{title: a}]}", 1),  # the top mapping's key, not a nested one
    ("title: t\nevents: [{title: a},\n  {title: 'b, c'}]\nafter: 1\n", 2),
])
def test_the_items_are_found_from_the_structure(text, items):
    found = find_flow_list(text)
    assert (None if found is None else len(found.starts)) == items
    assert fast_verdict(text) == precise_verdict(text)


def test_mutated_flow_documents_get_the_precise_verdict():
    """Random characters YAML gives meaning to, put anywhere in flow documents: whatever the
    fast path does with them (serve the file, or hand it to the precise reader), the verdict
    is the precise reader's."""
    pieces = ["'", '"', "[", "]", "{", "}", ",", ":", " ", "\n", "#", "\t", "*a", "&a ", "!x ", "? ", "\\", "''", "- ",
              "0x1", "01917", ": ", "é", "…", "\n  ", "null", "~", "|", ">", "%"]
    for seed in range(60):
        rng = random.Random(seed)
        text = rng.choice(list(STYLES.values()))(rng.choice([3, 40, 1100]))
        for _ in range(rng.choice([1, 2, 4])):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(pieces) + text[at:]
        assert fast_verdict(text) == precise_verdict(text), (seed, text[:300])


def test_the_flow_events_line_is_found_where_one_regex_over_the_file_finds_it():
    """`events: [` at a line's start is found piece by piece (in_pieces.find), never by one regex
    over a large file; the answer is the regex's, on random texts of near misses."""
    import random
    import re

    from timeline_app.files.flow_events import _flow_events_key_line

    whole_file = re.compile(r"(?:^|\n)events:[ \t]*\[", re.M)
    rng = random.Random(12)
    parts = ["events:", "events: [", "events:[", "\n", " ", "\t", "[", "x", "events:\t [", "# events: [", "\r\n", "{"]
    for _ in range(20_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
        found = whole_file.search(text)
        assert _flow_events_key_line(text) == (found.end() - 1 if found else None), repr(text)
