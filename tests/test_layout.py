"""Label layout: labels never overlap, on random data, and dense stretches become clusters."""

import random

import numpy as np

from timeline_app.chronology.timeline_index import TimelineIndex
from timeline_app.files.loader import load_text
from timeline_app.geometry.layout import MARKER_WIDTH, lay_out, stack_rows
from timeline_app.geometry.viewport import Viewport


def test_stacked_labels_never_overlap_on_random_data():
    rng = random.Random(5)
    for _ in range(200):
        count, rows = rng.randint(1, 300), rng.randint(1, 8)
        x0 = sorted(rng.uniform(0, 1600) for _ in range(count))
        marker_end = [x + rng.choice([MARKER_WIDTH, rng.uniform(MARKER_WIDTH, 300)]) for x in x0]
        label_x = [m + 4 for m in marker_end]
        widths = [rng.uniform(20, 260) for _ in range(count)]
        assigned, labelled, _ = stack_rows(x0, marker_end, label_x, widths, rows)
        boxes = {}
        for i, (row, shown) in enumerate(zip(assigned, labelled)):
            assert -1 <= row < rows
            assert row >= 0 or not shown  # the overflow rail never carries a label
            if row >= 0:
                end = max(marker_end[i], label_x[i] + widths[i]) if shown else marker_end[i]
                boxes.setdefault(row, []).append((x0[i], end))
        for spans in boxes.values():
            spans.sort()
            for (_, end), (start, _) in zip(spans, spans[1:]):
                assert end <= start, "two items (marker or label) overlap in one row"


def test_sparse_events_all_get_labels():
    assigned, labelled, _ = stack_rows([0, 500, 1000], [10, 510, 1010], [14, 514, 1014], [100, 100, 100], 2)
    assert labelled == [True, True, True] and assigned == [0, 0, 0]


def test_dense_stretch_becomes_a_cluster_with_its_count():
    events = "\n".join(f"  - {{title: burst {i}, start: '2014-06-01 {i // 60:02d}:{i % 60:02d}'}}" for i in range(500))
    events += "\n  - {title: alone, start: 2016-01-01}\n"
    chronology = load_text("title: t\nevents:\n" + events).chronology
    index = TimelineIndex(chronology)
    view = Viewport.fitting(*index.extent(), 1600)
    layout = lay_out(index, view, 1600, [4], lambda _: 80.0)
    assert sum(cluster.count for cluster in layout.clusters) == 500
    assert [index.events[p.position].title for p in layout.placed] == ["alone"]
    # zoomed into one hour the same events are drawn one by one
    start = index.starts[0]
    view = Viewport(start, 3600 / 1600)
    layout = lay_out(index, view, 1600, [4], lambda _: 80.0)
    assert len(layout.placed) >= 60 and not any(c.count > 3 for c in layout.clusters)


def test_culling_finds_spans_that_started_before_the_view():
    chronology = load_text(
        "title: t\nevents:\n  - {title: long, start: 2010-01-01, end: 2015-01-01}\n  - {title: p, start: 2012-01-01}\n"
    ).chronology
    index = TimelineIndex(chronology)
    from timeline_app.chronology.date_forms import parse_date

    visible = index.in_range(parse_date("2013-01-01").seconds(), parse_date("2013-02-01").seconds())
    assert [index.events[i].title for i in visible] == ["long"]
    assert np.array_equal(index.in_range(0, 1), [])


def test_a_title_at_the_right_edge_sits_left_of_its_marker_and_lanes_after_it_are_unharmed():
    from timeline_app.chronology.date_forms import parse_date
    from timeline_app.chronology.model import Chronology, Event
    from timeline_app.chronology.timeline_index import TimelineIndex
    from timeline_app.geometry.layout import lay_out
    from timeline_app.geometry.viewport import Viewport

    events = [Event("a", "A long title near the right edge", parse_date("2014-12-20"), category="x"),
              Event("b", "Early", parse_date("2014-01-05"), category="x"),
              Event("c", "Other lane", parse_date("2014-06-01"), category="y")]
    index = TimelineIndex(Chronology(events=sorted(events, key=lambda e: e.start.seconds())))
    first, last = parse_date("2014").seconds(), parse_date("2014").end_seconds()
    view = Viewport(first, (last - first) / 1000)
    layout = lay_out(index, view, 1000, [3, 3], lambda position: 200.0)
    by_id = {index.events[p.position].id: p for p in layout.placed}
    right = by_id["a"]
    assert right.label_width and right.label_x + right.label_width <= right.x0
    assert 400 < by_id["c"].x0 < 450  # the other lane is placed in the same time frame


def test_titles_go_left_of_their_marker_only_at_the_right_edge_in_every_lane():
    from timeline_app.chronology.date_forms import parse_date
    from timeline_app.chronology.model import Chronology, Event
    from timeline_app.chronology.timeline_index import TimelineIndex
    from timeline_app.geometry.layout import lay_out
    from timeline_app.geometry.viewport import Viewport

    events = [Event(f"{lane}{n}", f"Event {lane}{n}", parse_date(f"2014-0{n + 1}-10"), category=lane)
              for lane in "xyz" for n in range(3)]
    index = TimelineIndex(Chronology(events=sorted(events, key=lambda e: e.start.seconds())))
    first, last = parse_date("2014").seconds(), parse_date("2014").end_seconds()
    layout = lay_out(index, Viewport(first, (last - first) / 1000), 1000, [3, 3, 3], lambda position: 120.0)
    assert len(layout.placed) == 9
    assert all(p.label_x > p.x0 for p in layout.placed)  # room on the right in every lane: no title flipped


def test_a_folded_lane_is_one_row_of_markers_without_titles_and_the_others_are_untouched():
    text = "title: t\ncategories: {a: {label: A}, b: {label: B}}\nevents:\n" + "".join(
        f"  - {{title: event {i}, start: 2014-{i % 12 + 1:02d}-01, category: {'ab'[i % 2]}}}\n" for i in range(24))
    index = TimelineIndex(load_text(text).chronology)
    view = Viewport.fitting(*index.extent(), 1600)
    open_layout = lay_out(index, view, 1600, [6, 6], lambda _: 80.0)
    folded = lay_out(index, view, 1600, [0, 6], lambda _: 80.0, summary_lanes=frozenset({0}))
    in_lane = lambda layout, lane: [p for p in layout.placed if p.lane == lane]
    assert in_lane(folded, 1) == in_lane(open_layout, 1)
    lane_a = in_lane(folded, 0) + [c for c in folded.clusters if c.lane == 0]
    assert lane_a and all(item.row == -1 for item in lane_a)
    assert all(p.label_width == 0 for p in in_lane(folded, 0))
    assert sum(1 if hasattr(item, "position") else item.count for item in lane_a) == 12


def _one_event_index(title: str, start: str):
    text = f"title: t\nevents:\n  - {{title: '{title}', start: {start}}}\n  - {{title: a, start: 2010-01-01}}\n" \
           "  - {title: b, start: 2016-01-01}\n"
    return TimelineIndex(load_text(text).chronology)


def test_a_title_one_line_would_cut_wraps_onto_two_rows_and_fits_whole():
    from timeline_app.geometry.title_wrap import split_title, wrapped_title_width

    title = "Ansar al-Sharia leadership pledges allegiance to the Islamic State"
    measure = lambda text: 7.0 * len(text)
    index = _one_event_index(title, "2013-01-01")
    view = Viewport.fitting(*index.extent(), 600)
    one_line = lambda p: measure(index.events[p].title)
    two_lines = lambda p: wrapped_title_width(index.events[p].title, measure)
    placed = {index.events[p.position].title: p for p in lay_out(index, view, 600, [3], one_line, wrapped_width=two_lines).placed}
    long = placed[title]
    assert long.label_lines == 2 and long.label_width == two_lines(long.position)
    assert 0 <= long.label_x and long.label_x + long.label_width <= 600
    assert split_title(title, measure) == ("Ansar al-Sharia leadership pledges", "allegiance to the Islamic State")
    # with a single row there is nowhere to wrap to: one line, cut as before
    single = {index.events[p.position].title: p for p in lay_out(index, view, 600, [1], one_line, wrapped_width=two_lines).placed}
    assert single[title].label_lines == 1


def test_the_two_line_break_is_the_best_one_and_quick_on_a_huge_title():
    from timeline_app.geometry.title_wrap import split_title

    measure = lambda text: sum(7.0 if char != "i" else 3.0 for char in text)
    rng = random.Random(3)
    for _ in range(500):
        title = " ".join(rng.choice(["i", "war", "Tripoli", "iiii", "Benghazi airport"]) for _ in range(rng.randint(2, 12)))
        spaces = [index for index, char in enumerate(title) if char == " "]
        best = min(max(measure(title[:i]), measure(title[i + 1:])) for i in spaces)
        first, second = split_title(title, measure)
        assert f"{first} {second}" == title and max(measure(first), measure(second)) == best
    calls = []
    split_title("word " * 100_000, lambda text: calls.append(text) or len(text))
    assert len(calls) < 80  # a binary search, not one measure per space: a title can be a book
