"""The index's columns say what each event says of itself, whatever its dates."""

import numpy as np
import pytest

from timeline_app.chronology.timeline_index import TimelineIndex
from timeline_app.files.loader import load_text

TEXT = """title: t
categories:
  politics: {label: Politics}
  conflict: {label: Conflict}
events:
  - {title: plain day, start: 2014-06-25, category: politics}
  - {title: span, start: 2014-06-25, end: 2014-07-02, category: conflict}
  - {title: still going, start: 16 May 2014 – present}
  - {title: open end, start: 2014-05-16/..}
  - title: disputed
    category: politics
    start:
      - {date: 13 July 2014, source: 'https://en.wikipedia.org/wiki/Tripoli'}
      - {date: August 2014, source: 'https://news.vice.com/x'}
  - {title: a year, start: 2012}
  - {title: about, start: c. 1500, category: politics}
  - {title: a minute, start: 2014-06-25 08:02, end: 2014-06-25 09:00}
  - {title: open start, start: ../2006}
"""


def test_columns_match_each_events_own_answers():
    result = load_text(TEXT)
    assert result.ok, result.problems
    events = result.chronology.events
    index = TimelineIndex(result.chronology)
    assert index.ends.tolist() == [event.end_seconds() for event in events]
    assert index.starts.tolist() == [event.start.seconds() for event in events]
    assert index.is_span.tolist() == [event.end is not None for event in events]
    assert index.is_exact.tolist() == [event.start.precision in ("day", "minute") for event in events]
    assert [index.lane_ids[lane] for lane in index.lanes] == [event.category for event in events]
    assert any(event.end_open == "present" for event in events) and any(event.alternatives for event in events)
    assert np.all(index.ends > index.starts)


def _own_answers(events):
    return ([event.start.seconds() for event in events], [event.end_seconds() for event in events],
            [event.line for event in events], [event.end is not None for event in events],
            [event.start.precision in ("day", "minute") for event in events])


def test_times_read_in_c_and_in_python_are_each_events_own_answers(monkeypatch):
    """Both readings of the times (`_event_times.c`, and attribute getters where it is not built)
    on the forms above, the bundled chronology and generated files (dates of every form)."""
    from pathlib import Path

    from chronology_files import generate

    import timeline_app.chronology.event_times as event_times

    assert event_times._read_in_c is not None, "chronology/_event_times.c is not built: pip install -e '.[test]'"
    texts = [TEXT, (Path(__file__).parent.parent / "timeline_app" / "bundled" / "events.yaml").read_text("utf-8")]
    texts += [generate(seed)[0] for seed in range(40)]
    compared = 0
    for text in texts:
        result = load_text(text)
        if result.chronology is None:
            continue
        events = result.chronology.events
        expected = _own_answers(events)
        in_c = event_times.times(events)
        monkeypatch.setattr(event_times, "_read_in_c", None)
        in_python = event_times.times(events)
        monkeypatch.undo()
        for got in (in_c, in_python):
            assert [column.tolist() for column in got] == list(expected)
            assert [column.dtype for column in got] == [np.float64, np.float64, np.int64, np.bool_, np.bool_]
        assert [column.tolist() for column in event_times.starts_and_lines(events)] == [expected[0], expected[2]]
        compared += len(events)
    assert compared > 1000


def test_times_of_events_across_slices_and_of_none(monkeypatch):
    import timeline_app.chronology.event_times as event_times

    events = load_text(TEXT).chronology.events * 7
    monkeypatch.setattr(event_times, "SLICE", 4)  # slices that cut the list anywhere
    assert [column.tolist() for column in event_times.times(events)] == list(_own_answers(events))
    assert all(len(column) == 0 for column in event_times.times([]))


def test_an_object_that_is_not_an_event_is_read_in_python():
    """(C reads only exact Events; anything else, a subclass or a stand-in, takes the Python path.)"""
    from dataclasses import replace
    from types import SimpleNamespace

    import timeline_app.chronology.event_times as event_times

    events = load_text(TEXT).chronology.events
    stand_in = SimpleNamespace(**{name: getattr(events[0], name) for name in ("start", "end", "line", "end_open",
                                                                             "alternatives")})
    stand_in.end_seconds = events[0].end_seconds
    mixed = [events[1], stand_in, replace(events[2])]
    with pytest.raises(TypeError):
        event_times._read_in_c(mixed, 0, 3, event_times.Event, event_times.PartialDate, "day", "minute")
    assert [column.tolist() for column in event_times.times(mixed)] == list(_own_answers(mixed))
    with pytest.raises(IndexError):
        event_times._read_in_c(events, 0, len(events) + 1, event_times.Event, event_times.PartialDate, "day", "minute")


def test_event_times_refuses_a_slot_of_another_class():
    import timeline_app.chronology.event_times as event_times

    class Big:
        __slots__ = tuple(f"s{number}" for number in range(64))

    class Small:
        __slots__ = ("start", "end", "end_open", "alternatives")

    Small.line = Big.__dict__["s63"]
    with pytest.raises(TypeError):
        event_times._read_in_c([], 0, 0, Small, event_times.PartialDate, "day", "minute")


def test_a_lanes_events_in_a_range_are_those_that_overlap_it():
    """`lane_in_range` (two binary searches, then the ends of those between looked at) gives the
    events that overlap the range, in start order, as asking each event would: at edges that fall
    on an event's start or end too, over spans of a minute to decades."""
    import random

    from chronology_files import generate

    rng = random.Random(4)
    texts = [generate(seed, mutations=[], style="block")[0] for seed in range(8)] + [_spread_events(rng, 400)]
    for text in texts:
        result = load_text(text)
        if result.chronology is None or len(result.chronology.events) < 3:
            continue
        index = TimelineIndex(result.chronology)
        edges = sorted(set(index.starts.tolist() + index.ends.tolist()))
        for _ in range(300):
            start = rng.choice(edges) + rng.choice([0.0, 0.0, -1.0, 1.0, -1e7])
            end = start + rng.choice([0.0, 1.0, 86400.0, 3e6, 3e7, 3e8, 3e9]) if rng.random() < 0.7 else \
                max(start, rng.choice(edges) + rng.choice([0.0, 1.0, -1.0]))
            for lane in range(len(index.lane_ids)):
                positions, starts, ends = index.lane_in_range(lane, start, end)
                every = index.lane_positions[lane]
                overlapping = every[(index.starts[every] < end) & (index.ends[every] > start)]
                assert positions.tolist() == overlapping.tolist()
                assert starts.tolist() == index.starts[positions].tolist()
                assert ends.tolist() == index.ends[positions].tolist()
                mask = np.array([rng.random() < 0.7 for _ in range(len(index.events))])  # (a filter)
                filtered, _, _ = index.lane_in_range(lane, start, end, mask)
                assert filtered.tolist() == overlapping[mask[overlapping]].tolist()


def _spread_events(rng, count: int) -> str:
    """Events over two centuries in three categories: days, months, years, minutes, and spans of
    a day to decades, several starting on the same day."""
    lines = ["title: t", "events:"]
    for number in range(count):
        year, month, day = rng.randrange(1850, 2050), rng.randrange(1, 13), rng.randrange(1, 29)
        start = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}",
                            f"{year}-{month:02d}-{day:02d} 10:{day:02d}", f"{year}-01-01"])
        end = ""
        if rng.random() < 0.4:
            end = f", end: {year + rng.choice([0, 1, 5, 40])}-{rng.randrange(month, 13):02d}-28"
        lines.append(f"  - {{title: e{number}, start: '{start}'{end}, category: {rng.choice('abc')}}}")
    return "\n".join(lines) + "\n"
