"""The C gathering and making of a chunk's plain events (`_plain_events.c`) against the Python
code it stands in for.

`gather` may decline any chunk (None: the Python gathering decides); when it answers, its
columns must be exactly the Python gathering's, object for object, and it must never take a
chunk the Python gathering refuses. `make_objects` must make events equal, field for field,
to `Event(...)`'s, and hold every value exactly once. Inputs: every chunk of generated files
(many styles and mutations), the same chunks with one value at a time swapped for a subtly
wrong one, and hand-picked values at the edges (blanks that are not spaces, bools, subclasses).
"""

from __future__ import annotations

import copy
import dataclasses
import os
import random
import sys

import pytest
from chronology_files import generate
from test_fast_precise_agree import _problems, _summary, forget_dates
from test_plain_chunk import KEYS, WRONG_VALUES

import timeline_app.files.validation.plain_chunk as plain_chunk_module
from timeline_app.chronology.dates import PartialDate
from timeline_app.chronology.model import Event, Source
from timeline_app.files.loader import load_text

gather = plain_chunk_module.gather
make_objects = plain_chunk_module.make_objects
SEEDS = int(os.environ.get("PLAIN_EVENTS_SEEDS", "200"))
EDGE_VALUES = WRONG_VALUES + [
    "\u3000", "\u2028", "\x1c", " x ", "\u00a0x", ["a", 1], ["a", ""], ["a", True], ["https://a.org", {"url": "https://b.org"}],
    ("a",), 7, -1, 10**40, type("Text", (str,), {})("a text of a subclass"), type("Number", (int,), {})(2014),
]


def test_the_c_module_is_built():
    assert gather is not None and make_objects is not None, (
        "timeline_app/files/_plain_events.c is not built, so these tests would prove nothing: "
        "`pip install -e '.[test]'` builds it (setup.py), and needs a C compiler")


def same_columns(c_columns, python_columns) -> bool:
    """Equal, and each value the very object the Python gathering took (or an equal default)."""
    if c_columns is None:
        return True
    assert python_columns is not None, "C gathered a chunk the Python gathering refuses"
    *python_columns, extra = python_columns
    assert not extra, "C gathered a chunk with media, a background or a display date"
    assert len(c_columns) == len(python_columns)
    for c_column, python_column in zip(c_columns, python_columns):
        assert type(c_column) is list and c_column == python_column
        assert [type(value) for value in c_column] == [type(value) for value in python_column]
    return True


def compare(items, tally):
    c_columns, python_columns = gather(items), plain_chunk_module._gathered(items)
    same_columns(c_columns, python_columns)
    tally["gathered" if c_columns is not None else "declined"] += 1


def test_c_and_python_gathering_agree_on_generated_and_mutated_chunks(monkeypatch):
    rng = random.Random(11)
    tally = {"gathered": 0, "declined": 0}
    failures = []  # (load_text turns any exception into a problem of the file: kept here, asserted after)

    def checked(items):
        try:
            compare(items, tally)
            for _ in range(4):  # the same chunk with one value swapped for a wrong one, each compared alone
                mutated = copy.deepcopy(items)
                target = mutated[rng.randrange(len(mutated))]
                if isinstance(target, dict):
                    target[rng.choice(KEYS)] = copy.deepcopy(rng.choice(EDGE_VALUES))
                    compare(mutated, tally)
        except Exception as error:
            failures.append(f"{type(error).__name__}: {error}")
            raise
        return gather(items)

    monkeypatch.setattr(plain_chunk_module, "gather", checked)
    for seed in range(SEEDS):
        load_text(generate(seed)[0], "")
    assert not failures, failures[:3]
    assert tally["gathered"] > 100 and tally["declined"] > 100, tally  # both outcomes really compared


PLAIN = {"id": "e1", "title": "Talks open", "start": "2014-06-25", "end": "2014-06-26", "category": "politics",
         "tags": ["oil", "Tripoli"], "description": "What happened.", "sources": ["https://example.org/a"],
         "location": "Tripoli"}


@pytest.mark.parametrize("key", list(PLAIN) + ["media", "background", "display_date", "own"])
@pytest.mark.parametrize("value", EDGE_VALUES + [None, "2014", 2014, "x"], ids=repr)
def test_each_value_at_the_edge_is_gathered_alike(key, value):
    items = [dict(PLAIN), {**PLAIN, "id": "e2", key: value}, {"title": "Short", "start": 2014}]
    tally = {"gathered": 0, "declined": 0}
    compare(items, tally)
    items[1].pop(key)
    compare(items, tally)


def test_the_plainest_chunk_is_gathered_in_c():
    """(Else the C path would go unused and unmeasured.)"""
    assert gather([dict(PLAIN), {"title": "Short", "start": 2014, "end": "present"}]) is not None
    assert gather([]) is None and plain_chunk_module._gathered([]) is None  # (no chunk of no events, either way)
    assert gather([{**PLAIN, "media": {"url": "https://example.org/a.jpg"}}]) is None


def test_gather_takes_only_a_list():
    with pytest.raises(TypeError):
        gather((dict(PLAIN),))


def _random_columns(rng, count):
    day = PartialDate(2014, 6, 25)
    return [
        [f"e{i}" for i in range(count)], [f"Title {rng.random()}" for _ in range(count)], [day] * count,
        [rng.choice([None, day]) for _ in range(count)], [rng.choice(["", "politics"]) for _ in range(count)],
        [rng.choice([(), ("oil",)]) for _ in range(count)], ["x" * rng.randrange(5) for _ in range(count)],
        [rng.choice([(), (Source("https://example.org/a"),)]) for _ in range(count)], [""] * count,
        list(range(count)), [rng.choice(["", "present"]) for _ in range(count)], [""] * count,
        [rng.choice(["2014-06-25", "2014"]) for _ in range(count)],
    ]


def test_objects_made_in_c_equal_events_made_by_init():
    rng = random.Random(3)
    columns = _random_columns(rng, 500)
    made = plain_chunk_module._made(tuple(columns))
    *fields, written = columns
    expected = list(map(Event, *fields, [()] * 500, written))
    assert made == expected
    for got, wanted in zip(made, expected):
        for field in dataclasses.fields(Event):  # the very objects, not equal copies
            assert getattr(got, field.name) is getattr(wanted, field.name), field.name
    made[0].title = "changed"  # an ordinary, mutable event
    assert made[0].title == "changed" and made[1].title != "changed"


def test_made_objects_hold_each_value_exactly_once():
    marker = object.__new__(type("Marker", (), {}))
    before = sys.getrefcount(marker)
    columns = [list(column) for column in _random_columns(random.Random(4), 300)]
    columns[1] = [marker] * 300
    made = make_objects(Event, plain_chunk_module._COLUMN_FIELDS, tuple(columns),
                        ("alternatives", "media", "display_date", "background"), ((), marker, "", None))
    assert sys.getrefcount(marker) == before + 600 + 300  # the column's 300, each event's title and media
    del made
    columns[1] = None
    assert sys.getrefcount(marker) == before


@pytest.mark.parametrize("names, columns, constant_names, constants, error", [
    (("id", "nonesuch"), ([1], [2]), (), (), TypeError),
    (("id", "is_span"), ([1], [2]), (), (), TypeError),  # a property, not a slot
    (("id", "title"), ([1], [2, 3]), (), (), ValueError),
    (("id",), ([1], [2]), (), (), ValueError),
    (("id",), ((1,),), (), (), ValueError),
    ((), (), (), (), ValueError),
    (("id",), ([1],), ("title",), (), ValueError),
])
def test_make_objects_refuses_what_it_cannot_make(names, columns, constant_names, constants, error):
    with pytest.raises(error):
        make_objects(Event, names, columns, constant_names, constants)


def test_make_objects_refuses_a_class_that_keeps_a_dict():
    class Loose:
        pass

    with pytest.raises(TypeError):
        make_objects(Loose, ("x",), ([1],), (), ())


@pytest.mark.parametrize("seed", range(0, 60, 3))
def test_whole_loads_agree_with_and_without_the_c_module(seed, monkeypatch):
    text = generate(seed)[0]
    forget_dates()
    with_c = load_text(text, "")
    for name in ("gather", "make_objects", "plain_dates", "plain_links", "shared_tags"):
        monkeypatch.setattr(plain_chunk_module, name, None)
    forget_dates()
    without_c = load_text(text, "")
    assert _problems(with_c.problems) == _problems(without_c.problems)
    assert _summary(with_c.chronology) == _summary(without_c.chronology)


def _date_texts(rng) -> list:
    """Days and minutes at the edges of what the C reading takes, and forms just past them."""
    texts = [f"{year:04d}-{month:02d}-{day:02d}" for year in (0, 1, 1900, 1970, 2000, 2014, 2024, 9999)
             for month in range(0, 14) for day in (0, 1, 28, 29, 30, 31, 32)]
    texts += [f"2014-06-25{sep}{hour:02d}:{minute:02d}" for sep in "T t_" for hour in (0, 9, 23, 24)
              for minute in (0, 59, 60)]
    texts += ["٢٠١٤-06-25", "２０１４-06-25", "2014-0６-25", "2014-06-25 1０:30", "2014-6-25", " 2014-06-25", "2014-06-25 ",
              "2014-06-25T10:30:00", "2014-06-25T10:30Z", "2014-06", "2014", "-2014-06-25", "2014/06/25", "2014-06-25/2014-06-26",
              "present", "..", "[2013, 2014]", "~2014-06-25", "2014-06-25?", "June 2014", "", "x" * 10, "2014-06-2x",
              "2014_06_25", "2014-06-25\n", 2014, 0, -44, 10**20]
    texts += [f"{rng.randint(0, 9999):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(300)]
    return texts


def _python_dates(starts, ends, has_end, date_order, timezone):
    """`_dates`' Python path, as one answer: the columns, None, or the problem it raises."""
    try:
        return _dates_without_c(starts, ends, has_end, date_order, timezone)
    except Exception as error:  # noqa: BLE001 - the answer is the problem (a DateProblem, its message)
        return type(error).__name__, str(error)


def _dates_without_c(starts, ends, has_end, date_order, timezone):
    from timeline_app.files.validation.event_dates import event_dates

    dates = [event_dates(*pair, date_order, timezone) for pair in zip(starts, ends, has_end)]
    if any(date.alternatives for date in dates):
        return None
    return [[getattr(date, name) for date in dates] for name in ("start", "end", "end_open", "start_open", "written")]


def _c_dates(starts, ends, has_end, date_order, timezone):
    try:
        got = plain_chunk_module.plain_dates(
            starts, ends, has_end, {}, __import__("timeline_app.files.validation.event_dates", fromlist=["x"]).event_dates,
            date_order, timezone, PartialDate, "day", "minute", " … ")
    except Exception as error:  # noqa: BLE001
        return type(error).__name__, str(error)
    return None if got is None else [list(column) for column in got]


def _described(answer):
    """Dates with every slot and its type (2014 is not 2014.0; _start and _end are floats)."""
    if not isinstance(answer, list):
        return answer
    return [[(type(value).__name__, repr(value), getattr(value, "_start", None), getattr(value, "_end", None),
              [type(getattr(value, slot)).__name__ for slot in PartialDate.__slots__] if value is not None and
              not isinstance(value, str) else None) for value in column] for column in answer]


@pytest.mark.parametrize("timezone", ["", "+02:00"])
def test_plain_dates_are_event_dates_answers(timezone):
    assert plain_chunk_module.plain_dates is not None
    rng = random.Random(5)
    texts = _date_texts(rng)
    compared = read_in_c = 0
    for start in texts:  # each alone, without an end and with one
        for end, has_end in [(None, False), (rng.choice(texts), True), (start, True), ("present", True)]:
            forget_dates()
            python = _python_dates([start], [end], [has_end], None, timezone)
            forget_dates()
            assert _described(_c_dates([start], [end], [has_end], None, timezone)) == _described(python), (start, end)
            compared += 1
    for _ in range(300):  # whole chunks, a problem or alternatives among them perhaps
        count = rng.randint(1, 40)
        starts = [rng.choice(texts[-300:] if rng.random() < 0.97 else texts) for _ in range(count)]
        has_end = [rng.random() < 0.3 for _ in range(count)]
        ends = [rng.choice(texts[-300:] if rng.random() < 0.9 else texts) if has else None for has in has_end]
        forget_dates()
        python = _python_dates(starts, ends, has_end, "DMY", timezone)
        forget_dates()
        assert _described(_c_dates(starts, ends, has_end, "DMY", timezone)) == _described(python), (starts, ends)
        read_in_c += isinstance(python, list)
    assert compared > 2000 and read_in_c > 20


def test_plain_dates_share_one_date_for_each_day():
    days = {}
    from timeline_app.files.validation.event_dates import event_dates

    starts, ends = ["2014-06-25", "2014-06-25", "2014-06-24"], [None, "2014-06-26", "2014-06-25"]
    got = plain_chunk_module.plain_dates(starts, ends, [False, True, True], days, event_dates, None, "", PartialDate,
                                         "day", "minute", " … ")
    assert got[0][0] is got[0][1] is got[1][2] is days["2014-06-25"]
    assert got[4] == ["2014-06-25", "2014-06-25 … 2014-06-26", "2014-06-24 … 2014-06-25"]


def _link_texts(rng) -> list:
    """Links at the edges of PLAIN_WEB_LINK, real ones from the files under tests/data, and
    random strings over the characters that decide it."""
    import re
    from pathlib import Path

    texts = ["https://example.org", "http://example.org", "https://a", "https://a.b.c/x?y=1#z", "https://a-b.org/é",
             "HTTPS://example.org", "https:/example.org", "https//example.org", "ftp://example.org", "https://",
             "https://.org", "https://a..b", "https://a.", "https://a./x", "https://a/", "https://a?", "https://a#",
             "https://a:8080/x", "https://user@a.org", "https://a.org/x y", "https://a.org/x\u00a0y", "https://a.org/x\u2028",
             "https://a.org/\x1c", "https://a.org/\x85", "https://a.org/\x9f", "https://a.org/\xa0", "https://a.org/\x7f",
             "https://a.org/\t", "https://a.org/\n", "https://a.org\n", " https://a.org", "https://a.org ", "https://é.org",
             "https://a_b.org", "https://a.org/%20", "https://a.org/\U0001F600", "https://a.org/\u3000", "https://a.org/\ufeff",
             "https://a.org/\u200b", "https://a.org/\u180e", "httpss://a.org", "http", "", "https://a.org/\x00"]
    for path in (Path(__file__).parent / "data").rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".json", ".csv", ".timeline", ".md"):
            texts += re.findall(r"https?://[^\s\"'<>),\]]+", path.read_text("utf-8", "replace"))[:200]
    alphabet = "hts:/.aZ09-?#_ é\u00a0\u2028\x85\x1c\x7f\t\n%@"
    texts += ["https://" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(1000)]
    return texts


def test_plain_links_are_what_the_pattern_matches():
    from timeline_app.files.validation.values import PLAIN_WEB_LINK

    assert plain_chunk_module.plain_links is not None
    texts = _link_texts(random.Random(8))
    taken = 0
    for text in texts:
        expected = PLAIN_WEB_LINK.fullmatch(text) is not None
        assert plain_chunk_module.plain_links([text]) is expected, repr(text)
        taken += expected
    assert taken > 500 and len(texts) - taken > 500  # both answers really compared
    plain = [text for text in texts if PLAIN_WEB_LINK.fullmatch(text)]
    assert plain_chunk_module.plain_links(plain) is True and plain_chunk_module.plain_links([]) is True
    assert plain_chunk_module.plain_links(plain + ["https://a.org/x y"]) is False
    assert plain_chunk_module.plain_links(plain + [1]) is False


def _python_shared_tags(tags, shared, lists):
    tags = list(map(tuple, tags))
    for each in dict.fromkeys(tags).keys() - lists.keys():
        made = tuple(map(shared.setdefault, each, each))
        lists[made] = made
    return list(map(lists.__getitem__, tags))


def _shape(tags, shared, lists):
    """The answer with which of its tuples and words are one object, and the tables' contents."""
    first_of = {}
    places = [first_of.setdefault(id(each), index) for index, each in enumerate(tags)]
    words = [[id(word) == id(shared[word]) for word in each] for each in tags]
    return tags, places, words, shared, {key: value for key, value in lists.items()}, [lists[k] is k for k in lists]


def test_shared_tags_are_the_python_sharing():
    assert plain_chunk_module.shared_tags is not None
    rng = random.Random(12)
    vocabulary = ["oil", "Tripoli", "Benghazi", "GNC", "airport", "élection", "oil "]
    for _ in range(500):
        known_words = {word: "".join(word) for word in rng.sample(vocabulary, rng.randint(0, 3))}
        known_lists = {}
        for _ in range(rng.randint(0, 3)):
            made = tuple(known_words.setdefault(word, word) for word in rng.sample(vocabulary, rng.randint(1, 3)))
            known_lists[made] = made
        tags = [rng.choice([(), [rng.choice(vocabulary)], rng.sample(vocabulary, rng.randint(1, 4))])
                for _ in range(rng.randint(0, 30))]
        tags = [list(map("".join, each)) if isinstance(each, list) else each for each in tags]  # (the file's own copies)
        python_tables = (dict(known_words), dict(known_lists))
        c_tables = (dict(known_words), dict(known_lists))
        python = _python_shared_tags(copy.copy(tags), *python_tables)
        got = plain_chunk_module.shared_tags(copy.copy(tags), *c_tables)
        assert _shape(got, *c_tables) == _shape(python, *python_tables)
        assert all(got_list is c_tables[1][got_list] for got_list in got)


# Code of Python's that runs in the middle of a C call (a key's __eq__, a callback, a word's
# __hash__) may change what the call is reading: it must answer as Python would, or refuse
# cleanly; never crash, never read what was freed (found by a fresh-eyes review under ASan).

def _plain_dates(starts, ends, has_end, days, callback=None):
    from timeline_app.files.validation.event_dates import event_dates

    return plain_chunk_module.plain_dates(starts, ends, has_end, days, callback or event_dates, None, "", PartialDate,
                                          "day", "minute", " … ")


def test_plain_dates_reads_the_lists_as_they_were_when_called():
    from timeline_app.files.validation.event_dates import event_dates

    starts, ends, has_end = ["1914", "1915", "1916"], [None] * 3, [False] * 3

    def emptying(*args):
        starts.clear(), ends.clear(), has_end.clear()
        return event_dates(*args)

    got = _plain_dates(starts, ends, has_end, {}, emptying)
    assert [date.year for date in got[0]] == [1914, 1915, 1916]


def test_plain_dates_keeps_a_day_it_found_though_the_days_are_emptied_meanwhile():
    days = {}

    class Emptying:
        def __hash__(self):
            return hash("2014-06-26")

        def __eq__(self, other):
            days.clear()
            return False

    days["2014-06-25"] = _plain_dates(["2014-06-25"], [None], [False], {})[0][0]
    days[Emptying()] = 0
    got = _plain_dates(["2014-06-25"], ["2014-06-26"], [True], days)
    assert got[0][0].iso() == "2014-06-25" and got[1][0].iso() == "2014-06-26"


def test_plain_dates_reads_a_day_again_when_the_days_hold_something_else_for_it():
    got = _plain_dates(["2014-06-25"], ["2014-06-26"], [True], {"2014-06-25": 12345, "2014-06-26": PartialDate.__new__(PartialDate)})
    assert (got[0][0].iso(), got[1][0].iso(), got[4][0]) == ("2014-06-25", "2014-06-26", "2014-06-25 … 2014-06-26")


def test_gather_declines_items_whose_keys_are_not_plain_text():
    items = []

    class Emptying:
        def __hash__(self):
            return hash("title")

        def __eq__(self, other):
            items.clear()
            return True

    items += [{Emptying(): "x", "start": "2000"}] + [{"title": "y", "start": "2001"} for _ in range(5)]
    assert gather(items) is None

    class Raising(str):
        calls = 0

        def __eq__(self, other):
            Raising.calls += 1
            if Raising.calls == 2:
                raise RuntimeError
            return str.__eq__(self, other)

        __hash__ = str.__hash__

    assert gather([{"title": "x", "start": "2000", Raising("end"): "2001"}]) is None


def test_shared_tags_reads_the_tags_as_they_were_and_refuses_words_that_are_not_text():
    tags = []

    class Emptying:
        def __hash__(self):
            tags.clear()
            return 1

    tags += [[Emptying()], ["a"], ["b"]]
    with pytest.raises(TypeError):
        plain_chunk_module.shared_tags(tags, {}, {})
    assert plain_chunk_module.shared_tags([["a"], (), ["a"]], {}, {}) == [("a",), (), ("a",)]


def test_make_objects_refuses_another_classes_slot_and_classes_not_made_from_object_alone():
    class Big:
        __slots__ = tuple(f"s{number}" for number in range(64))

    class Small:
        __slots__ = ("a",)

    Small.far = Big.__dict__["s63"]
    with pytest.raises(TypeError):
        make_objects(Small, ("far",), ([0] * 10,), (), ())

    class Mapping(dict):
        __slots__ = ("a",)

    with pytest.raises(TypeError):
        make_objects(Mapping, ("a",), ([1],), (), ())
    assert make_objects(Small, ("a",), ([1, 2],), (), ())[1].a == 2


def test_has_number_dates_in_c_is_the_python_answer(monkeypatch):
    """Whether yaml-rs read a year written bare, and in which events: C's one pass against Python's, on
    generated chunks with a `start` or `end` swapped for values at the edge (bools, subclasses
    of int, text, None, items that are not dicts)."""
    from timeline_app.files import yaml_doubts

    in_c = yaml_doubts._has_number_dates_in_c
    assert in_c is not None
    rng = random.Random(13)
    answers = {True: 0, False: 0}
    values = [2014, True, False, "2014", None, 10**40, -5, type("Number", (int,), {})(2014), 2014.0, [2014], {"y": 2014}]
    import yaml_rs

    for seed in range(60):
        try:
            items = yaml_rs.loads(generate(seed)[0], parse_datetime=False).get("events")
        except Exception:  # noqa: BLE001 - a generated file yaml-rs refuses: nothing to compare
            continue
        if not isinstance(items, list) or not items:
            continue
        for _ in range(6):
            mutated = copy.deepcopy(items[:40])
            for _ in range(rng.randint(0, 3)):
                at = rng.randrange(len(mutated))
                if rng.random() < 0.1:
                    mutated[at] = rng.choice(["text", 7, None, ["a"]])
                elif isinstance(mutated[at], dict):
                    mutated[at][rng.choice(["start", "end"])] = copy.deepcopy(rng.choice(values))
            expected = _python_has_number_dates(yaml_doubts, mutated, monkeypatch)
            got = in_c(mutated)
            assert got is expected, mutated
            answers[got] += 1
            with monkeypatch.context() as patched:
                patched.setattr(yaml_doubts, "_number_date_events_in_c", None)
                which = yaml_doubts.number_date_events(mutated)
            assert yaml_doubts._number_date_events_in_c(mutated) == which and bool(which) is got, mutated
    assert answers[True] > 20 and answers[False] > 20, answers


def _python_has_number_dates(yaml_doubts, items, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(yaml_doubts, "_has_number_dates_in_c", None)
        return yaml_doubts.has_number_dates(items)


def test_real_files_and_every_style_load_alike_with_and_without_the_c_module(monkeypatch):
    """The real chronologies under tests/data/world_yaml (each as stored, as our events, and
    repeated past the chunk size, as test_world_yaml_agree reads them) and the bundled one: the
    same problems and model with the C functions and without them. Most are not in our format
    (their problems say so), which the C functions must decline alike."""
    from pathlib import Path

    from test_world_yaml_agree import FILES, _variants

    from synthetic import synthetic_yaml

    texts = [text for path in FILES for _, text in _variants(path)]
    texts.append((Path(__file__).parent.parent / "timeline_app" / "bundled" / "events.yaml").read_text("utf-8"))
    # and the benchmark's styles past two chunks: hand-written, `yaml.safe_dump`'s (most events
    # without sources), world (not ASCII, years written bare), prose, a syntax error at the end
    texts += [synthetic_yaml(2500, seed=9, style=style) for style in ("hand", "safe_dump", "world", "prose", "broken_late")]
    read = []  # (lists in other tools' keys (`date:`, `name:`) never become plain chunks: only a few events get here)
    dates_in_c = plain_chunk_module.plain_dates
    monkeypatch.setattr(plain_chunk_module, "plain_dates",
                        lambda *args: read.append(len(args[0])) or dates_in_c(*args))
    with_c = []
    for text in texts:
        forget_dates()
        result = load_text(text, "")
        with_c.append((_problems(result.problems), _summary(result.chronology)))
    assert sum(read) >= 4 * 2500, "the benchmark styles' events should reach the C functions"
    for name in ("gather", "make_objects", "plain_dates", "plain_links", "shared_tags"):
        monkeypatch.setattr(plain_chunk_module, name, None)
    for text, (problems, model) in zip(texts, with_c):
        forget_dates()
        result = load_text(text, "")
        assert (_problems(result.problems), _summary(result.chronology)) == (problems, model)
