"""A doubt costs its own events' precise read, not its chunk's or the file's.

The fast reader reads the events that hold a form yaml-rs may read otherwise (an alias, a tag,
a tab…) precisely, at their real lines, and serves the calm events around them fast; an
alias may name an anchor the header or an earlier event defined. Every file here gets the
precise reader's verdict, and the tests count what was read precisely."""

from __future__ import annotations

import random

import pytest
from chronology_files import generate
from test_fast_precise_agree import fast_verdict, precise_verdict

import timeline_app.files.fast_reader as fast_reader
import timeline_app.files.loader as loader
from timeline_app.files.validation import events as events_module


def _event(index: int, location: str | None = None, start: str | None = None) -> str:
    lines = [f"  - id: e{index}", f"    title: Event number {index}", f"    start: {start or f'2014-{index % 12 + 1:02d}-{index % 27 + 1:02d}'}",
             "    category: politics", "    tags: [talks, oil]", f"    description: What happened on day {index} & why, 50% of it."]
    if location is not None:
        lines.append(f"    location: {location}")
    return "\n".join(lines) + "\n"


HEADER = "title: Pieces\ndescription: &capital Tripoli\ncategories:\n  politics: {label: Politics}\nevents:\n"


def _file(count: int, locations: dict[int, str], starts: dict[int, str] | None = None, header: str = HEADER,
          trailer: str = "") -> str:
    starts = starts or {}
    return header + "".join(_event(i, locations.get(i), starts.get(i)) for i in range(count)) + trailer


@pytest.fixture
def reads(monkeypatch):
    """Events read precisely, piece by piece; a whole-file precise read fails the test."""
    counted = {"events": 0, "pieces": 0}
    real = fast_reader.Chunk.read_precise

    def read_precise(chunk):
        counted["events"] += chunk.last - chunk.first
        counted["pieces"] += 1
        return real(chunk)

    def whole_file(*args, **kwargs):
        raise AssertionError("the whole file was read precisely")

    monkeypatch.setattr(fast_reader.Chunk, "read_precise", read_precise)
    monkeypatch.setattr(loader, "read_precise", whole_file)
    return counted


def test_aliases_to_the_header_and_to_earlier_events_are_read_for_their_events_alone(reads):
    text = _file(5000, {17: "*capital", 1999: "*capital", 2500: "&harbour Misrata", 4321: "*harbour", 4322: "*capital"})
    fast = fast_verdict(text)
    assert fast[0] == []
    locations = {event[0]: event[7] for event in fast[1][5]}
    assert (locations["e17"], locations["e1999"], locations["e2500"], locations["e4321"]) == (
        "Tripoli", "Tripoli", "Misrata", "Misrata")
    assert reads["events"] <= 5 * fast_reader.MIN_CALM_RUN
    assert fast == precise_verdict(text)


def test_a_problem_inside_a_doubtful_event_is_placed_where_the_whole_file_places_it(reads):
    text = _file(3000, {1500: "*capital", 1502: "!place Sirte"}, {1500: "31 June 2014", 2999: "2014-13-01"})
    fast = fast_verdict(text)
    assert fast == precise_verdict(text)
    lines = text.split("\n")
    where = [f"{lines.index(written) + 1}:{column}" for written, column in
             (("    start: 31 June 2014", 12), ("    location: !place Sirte", 15), ("    start: 2014-13-01", 12))]
    assert [problem.split(": ")[0] for problem in fast[0]] == where
    assert reads["events"] <= 3 + 1000  # the doubtful events, and the calm chunk that holds a problem


@pytest.mark.parametrize("where", ["in an earlier chunk", "in the header", "in the same piece"])
def test_an_anchor_defined_twice_gets_the_precise_verdict(monkeypatch, where):
    locations = {"in an earlier chunk": {10: "&twice A", 2600: "&twice B"},
                 "in the header": {1200: "&capital B"},
                 "in the same piece": {700: "&twice A", 701: "&twice B"}}[where]
    text = _file(3000, locations)
    fast = fast_verdict(text)
    assert fast == precise_verdict(text)
    assert fast[1] is None and "duplicate anchor" in fast[0][0]


def test_an_alias_to_an_anchor_after_the_list_gets_the_precise_verdict():
    text = _file(2500, {2000: "*later"}, trailer="x-later: &later Sabha\n")
    fast = fast_verdict(text)
    assert fast == precise_verdict(text)
    assert fast[1] is None and "undefined alias" in fast[0][0]


def test_scattered_doubts_over_many_chunks_agree_with_the_precise_reader(reads):
    rng = random.Random(7)
    locations = {}
    anchors = []
    for index in sorted(rng.sample(range(6000), 400)):
        roll = rng.random()
        if roll < 0.3 or not anchors:
            anchors.append(f"a{index}")
            locations[index] = f"&a{index} Place {index}"
        elif roll < 0.7:
            locations[index] = "*" + rng.choice(anchors + ["capital"])
        else:
            locations[index] = rng.choice(["!!str Tagged", "'tab\there'", "\"escaped \\u00e9\"", "0x1F", "2_014"])
    text = _file(6000, locations)
    assert fast_verdict(text) == precise_verdict(text)
    assert reads["events"] < 6000 / 2  # the calm events between the doubts were served fast


def _chunk(texts: list[str]) -> fast_reader.Chunk:
    """A chunk of the given event texts, as the fast reader cuts and parses it."""
    import yaml_rs

    text = "".join(texts)
    bounds = [0]
    for piece in texts:
        bounds.append(bounds[-1] + len(piece))
    stream = fast_reader.EventStream(text, bounds, [1] * len(texts), None)
    try:
        items = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - an alias to elsewhere: yaml-rs cannot read it
        items = None
    return fast_reader.Chunk(stream, 0, len(texts), items, text)


def test_each_doubt_marks_the_event_it_stands_in_and_no_other():
    rng = random.Random(3)
    forms = ["!!str x", "0x1F", "2_014", "'a\tb'", "\"\\uD83D\\uDE00\"", "@x", "`x`", "[a, ?b]", "{a: >x}"]
    for _ in range(200):
        count = rng.randint(1, 40)
        doubtful = {index: rng.choice(forms) for index in rng.sample(range(count), rng.randint(0, count))}
        chunk = _chunk([_event(i, doubtful.get(i)) for i in range(count)])
        assert chunk._doubtful_events() == [i in doubtful for i in range(count)]


def test_pieces_cover_the_chunk_in_order_with_its_own_values():
    rng = random.Random(5)
    for _ in range(300):
        count = rng.randint(1, 60)
        doubtful = {index: "!!str x" for index in rng.sample(range(count), rng.randint(0, count))}
        chunk = _chunk([_event(i, doubtful.get(i)) for i in range(count)])
        pieces = list(chunk.pieces())
        assert [(p.first, p.last) for p in pieces] == list(zip([p.first for p in pieces], [p.last for p in pieces]))
        assert pieces[0].first == 0 and pieces[-1].last == count
        assert all(a.last == b.first for a, b in zip(pieces, pieces[1:]))
        assert [item for piece in pieces for item in piece.items] == chunk.items
        for piece in pieces:
            if not piece.risky():  # a calm piece holds no doubt; every doubt is in a precise piece
                assert not any(i in doubtful for i in range(piece.first, piece.last))
        assert all(any(p.first <= i < p.last and p.risky() for p in pieces) for i in doubtful)
        calm_runs = [p.last - p.first for p in pieces[1:-1] if not p.risky()]
        assert all(run >= fast_reader.MIN_CALM_RUN for run in calm_runs)


@pytest.mark.parametrize("header", ["|", ">", "|-", "|+", ">2", "| # note"])
def test_an_empty_block_scalar_ending_a_chunk_reads_as_the_whole_file_reads_it(header):
    """yaml-rs reads an empty block scalar at the very end of a text as a line break, libyaml
    as nothing; a chunk's text ends where the next event starts."""
    events = [_event(i) for i in range(2000)]
    events[fast_reader.CHUNK_ITEMS - 1] += f"    media: {{url: 'https://example.org/a.jpg'}}\n    display_date: {header}\n\n"
    text = HEADER + "".join(events)
    assert fast_verdict(text) == precise_verdict(text)


@pytest.mark.parametrize("year", ["01917", "+1917", "-0917", "1917"])
def test_a_bare_year_in_a_chunk_yaml_rs_refused_for_an_alias_reads_as_written(reads, year):
    """yaml-rs reads `01917` as the number 1917; the precise reader keeps what was written. In a
    chunk yaml-rs refused (an alias to the header), the calm events are parsed again without
    the alias, and such a year still goes to the precise reader."""
    text = _file(2500, {17: "*capital", 1990: "*capital"}, {500: year, 1500: year})
    assert fast_verdict(text) == precise_verdict(text)
    assert reads["events"] <= 4 * fast_reader.MIN_CALM_RUN + 2 * 1000


def test_inputs_that_once_made_the_doubt_scan_quadratic_get_the_precise_verdict():
    """Found by a helper: a run of 20,000 blanks after `description:` (with a bare year in the
    chunk) and a line of 40,000 brackets before a `|` held the scan 7 and 15 s; now linear."""
    blanks = "title: T\nevents:\n- title: A\n  start: 2014\n  description:" + " " * 20000 + "x\n"
    brackets = 'title: T\nevents:\n- title: A\n  start: 2014\n  description: "' + "[" * 40000 + '"\n  location: a | b\n'
    for text in (blanks, brackets):
        assert fast_verdict(text) == precise_verdict(text)


def test_an_event_the_plain_check_cannot_judge_is_read_precisely_on_its_own(reads):
    """A bad date or a `null` the precise reader keeps as a word: that event alone is read
    precisely, the events after it go on fast (after a few in one chunk, its rest in one go)."""
    starts = {index: "31 June 2014" for index in (5, 1500, 2999)}
    locations = {index: "null" for index in range(1100, 1100 + 3 * 7, 7)}
    text = _file(3000, locations, starts)
    assert fast_verdict(text) == precise_verdict(text)
    assert reads["events"] == 3 + 3  # each alone
    from timeline_app.files.validation.events import MOST_READ_ALONE

    crowded = _file(3000, {index: "null" for index in range(2000, 2000 + 5 * (MOST_READ_ALONE + 10), 5)})
    reads["events"] = 0
    assert fast_verdict(crowded) == precise_verdict(crowded)
    last_alone = 2000 + 5 * (MOST_READ_ALONE - 1)  # then the rest of that chunk in one read
    assert reads["events"] == MOST_READ_ALONE - 1 + (3000 - last_alone)


PLACED_BY_THE_TEXT = ["    importance: high\n", "    \"importance\": high\n", "    'my-key' : [a, b]\n", "    x-ref: Tripoli\n"]
OWN_KEYS = PLACED_BY_THE_TEXT + [
    "    notes: {by: me}\n",  # a mapping: the precise reader looks inside (its keys, its depth)
    "    note: see the notes\n",  # the key's word written again: only the precise reader can place it
    "    yes: 1\n", "    2014: x\n", "    ? weird\n    : x\n"]


def _with_own_keys(count: int, keys: list[str], seed: int) -> tuple[str, int]:
    rng = random.Random(seed)
    events, own = [], 0
    for index in range(count):
        event = _event(index)
        if index % 3 == 0:
            own += 1
            lines = event.split("\n")
            lines.insert(rng.randint(1, 5), rng.choice(keys).rstrip("\n"))
            event = "\n".join(lines)
        events.append(event)
    return HEADER + "".join(events), own


@pytest.mark.parametrize("keys", [PLACED_BY_THE_TEXT, OWN_KEYS], ids=["placed by the text", "any"])
def test_keys_of_the_users_own_are_warned_of_where_they_stand_without_a_precise_read(reads, keys):
    """A field the format does not know, on every event (a user's `importance:`), is a warning at
    its key; the event stays on the fast path when its text alone places the key."""
    text, own = _with_own_keys(4000, keys, 3)
    precise = precise_verdict(text)
    assert precise == fast_verdict(text)
    assert len(precise[0]) == own and all("warning: unknown key" in problem for problem in precise[0])
    if keys == PLACED_BY_THE_TEXT:
        assert reads["events"] == 0


def test_a_key_of_ones_own_is_placed_once_when_its_chunk_goes_event_by_event(monkeypatch):
    """Each chunk holds keys of one's own and an event the column check refuses (a bad date):
    the warnings found while setting the keys aside are the ones given, not looked for again."""
    text, own = _with_own_keys(3000, PLACED_BY_THE_TEXT, 5)
    for bad in (10, 1010, 2010):
        text = text.replace(f"  - id: e{bad}\n", f"  - id: e{bad}\n    end: not a date\n", 1)
    placed = []
    real = events_module._own_keys
    monkeypatch.setattr(events_module, "_own_keys", lambda stream, index, item: placed.append(index) or real(stream, index, item))
    fast = fast_verdict(text)
    assert fast == precise_verdict(text) and len(fast[0]) == own + 3
    assert len(placed) == len(set(placed)) == own  # each event's keys placed once


@pytest.mark.parametrize("event", [
    '  - {id: a, title: "Café ☕ 𝄞", importance: 1, start: 2014}\n',
    '  - title: "x\n    importance: y"\n    start: 2014\n    importance: 2\n',
    '  - title: x\n    start: 2014\n    "importance" : 1\n',
    "  - title: x\n    start: 2014\n    'importance':\n      - 1\n",
    "  -   title: x\n      start: 2014\n      importance:\n",
    '  - title: x\n    start: 2014\n    description: "a\\x41"\n    importance: 1\n',
    "  -\n    title: x\n    start: 2014\n    importance:   # why\n      1\n",
])
def test_a_key_of_the_users_own_in_any_form_is_placed_as_the_precise_reader_places_it(event):
    text = HEADER + "".join(_event(i) for i in range(30)) + event + "".join(_event(i) for i in range(30, 60))
    precise = precise_verdict(text)
    assert [problem.split(": warning")[0] for problem in precise[0]] and fast_verdict(text) == precise


def test_aliases_to_anchors_already_read_are_served_fast(reads):
    """`sources: [*vice]` on every event, the anchor in the header: yaml-rs reads stand-ins and
    the anchor's value is put back, so no event is read precisely and the model is the precise one."""
    header = HEADER.replace("categories:", "x-sources:\n  vice: &vice {title: VICE News, url: 'https://news.vice.com/x'}\n"
                                           "  place: &place Misrata\ncategories:")
    events = [_event(i, location="*place" if i % 7 == 0 else None).replace("    tags: [talks, oil]", "    tags: [talks, oil]\n    sources: [*vice]")
              for i in range(3000)]
    text = header + "".join(events)
    fast = fast_verdict(text)
    assert fast == precise_verdict(text) and [problem.split(": warning: ")[1][:29] for problem in fast[0]] == [
        "unknown key 'x-sources' in th"]
    assert reads["events"] == 0
    again = fast_verdict(text + events[5])  # the first of two ids was read fast, through a stand-in
    assert again == precise_verdict(text + events[5]) and "duplicate id 'e5' (first used at line" in again[0][-1]
    sources = {event[0]: event[8] for event in fast[1][5]}
    locations = {event[0]: event[7] for event in fast[1][5]}
    assert sources["e2999"] == [("https://news.vice.com/x", "VICE News", "", "")] and locations["e14"] == "Misrata"


@pytest.mark.parametrize("seed", range(40))
def test_aliases_in_every_context_they_can_stand_in_get_the_precise_verdict(seed):
    """Aliases inside quotes, comments and block scalars read as text: their chunk's stand-ins
    are given up and its aliases read precisely, as before."""
    text, meta = generate(seed, size=[30, 300, 1500, 2500][seed % 4], mutations=["alias_contexts"])
    assert fast_verdict(text) == precise_verdict(text), meta


def test_a_chunk_the_c_reader_read_needs_no_search_for_padded_numbers(reads):
    """The C reader reads only plain whole numbers (a bare year, `1917`); it leaves `01917`, `+2015`,
    `-0` and `_1914` to yaml-rs, so a chunk it read holds no padded number read as a number and its
    bare years need no search for them. A block scalar's lines `01917` and `+2015` beside a bare year
    stay text both ways, and no event is read precisely for them."""
    block = "|\n      01917\n      +2015"
    text = _file(2500, {500: block, 1700: block}, {500: "1917", 1700: "2003", 1900: "1917"})
    assert fast_verdict(text) == precise_verdict(text)
    assert reads["events"] == 0


@pytest.mark.parametrize("padded", ["01917", "+2015", "-0", "_1914", "[a, 01917]"])
def test_a_padded_number_beside_a_bare_year_still_gets_the_precise_verdict(reads, padded):
    """Written as a plain value, a padded number sends its chunk to yaml-rs (a number there, text to
    the precise reader): the verdict is the precise reader's, a bare year beside it or not."""
    text = _file(2500, {600: padded, 1200: padded}, {600: "1917", 1300: "2003"})
    assert fast_verdict(text) == precise_verdict(text)
    assert 0 < reads["events"] < 100
