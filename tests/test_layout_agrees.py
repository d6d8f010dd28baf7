"""The vectorised layout places every event and cluster exactly where the one-event-at-a-time
reference does (tests/layout_reference.py), on generated chronologies with spans, points,
"before"/"after" dates, long titles and several lanes, at zooms from all of time to minutes,
with masks, folded lanes, cut and wrapped titles."""

from __future__ import annotations

import random

import numpy as np
import pytest

from layout_reference import lay_out as reference_lay_out
from layout_reference import stack_rows as reference_stack_rows
from timeline_app.chronology.timeline_index import TimelineIndex
from timeline_app.files.loader import load_text
from timeline_app.geometry.layout import (
    MARKER_WIDTH,
    ROW_GAP,
    _stacked_in_c,
    lay_out,
    stack_rows,
    stack_rows_in_python,
)
from timeline_app.geometry.viewport import Viewport

CATEGORIES = ("politics", "conflict", "economy", "media")


def _chronology_text(rng: random.Random, count: int) -> str:
    lines = ["title: agreement", "events:"]
    for number in range(count):
        year, month, day = rng.choice((2011, 2012, 2014)), rng.randint(1, 12), rng.randint(1, 28)
        roll = rng.random()
        if roll < 0.1:
            start = f"before {day} {('January', 'March', 'June')[number % 3]} {year}"
        elif roll < 0.2:
            start = f"after {year}-{month:02d}"
        elif roll < 0.3:
            start = f"{year}"
        elif roll < 0.5:
            start = f"{year}-{month:02d}-{day:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        else:
            start = f"{year}-{month:02d}-{day:02d}"
        words = " ".join(rng.choice(("militia", "council", "oil", "a", "ceasefire", "Tripoli", "talks")) for _ in range(rng.randint(1, 12)))
        lines.append(f"  - title: {words} {number}")
        lines.append(f"    start: '{start}'")
        if roll >= 0.3 and rng.random() < 0.25:
            lines.append(f"    end: '{year + rng.randint(0, 2)}-12-31'")
        if rng.random() < 0.9:
            lines.append(f"    category: {rng.choice(CATEGORIES)}")
    return "\n".join(lines) + "\n"


def _views(rng: random.Random, index: TimelineIndex, width: float):
    first, last = index.extent()
    yield Viewport.fitting(first, last, width)
    for _ in range(6):
        centre = rng.uniform(first, last)
        seconds_per_pixel = 10 ** rng.uniform(1, np.log10(max(10.0, (last - first) / width)))
        yield Viewport(centre - seconds_per_pixel * width * rng.random(), seconds_per_pixel)


@pytest.mark.parametrize("seed", range(40))
def test_vectorised_layout_equals_the_reference(seed):
    rng = random.Random(seed)
    result = load_text(_chronology_text(rng, rng.choice((5, 60, 400, 1500))))
    assert result.ok, result.problems[:3]
    index = TimelineIndex(result.chronology)
    widths = {p: rng.choice((0.0, 30.0, rng.uniform(20, 400), 600.0)) for p in range(len(index))}
    label_width = widths.__getitem__
    wrapped = {p: rng.choice((w * rng.uniform(0.4, 1.1), w, round(w * 0.6))) for p, w in widths.items()}  # (ties too)
    compared = 0
    for view in _views(rng, index, 1200):
        width = rng.choice((300.0, 800.0, 1200.0))
        lanes = len(index.lane_ids)
        rows = [rng.choice((0, 1, 2, 3, 8, 24)) for _ in range(lanes)]
        mask = np.array([rng.random() < 0.8 for _ in range(len(index))]) if rng.random() < 0.4 else None
        summary = frozenset(lane for lane in range(lanes) if rng.random() < 0.2)
        options = dict(mask=mask, summary_lanes=summary)
        if rng.random() < 0.6:
            options.update(wrapped_width=wrapped.__getitem__, long_label=rng.choice((150.0, float("inf"))))
        expected = reference_lay_out(index, view, width, rows, label_width, **options)
        assert lay_out(index, view, width, rows, label_width, **options) == expected
        by_array = np.array([widths[p] for p in range(len(index))])
        assert lay_out(index, view, width, rows, label_width, label_widths=by_array.__getitem__, **options) == expected
        compared += len(expected.placed) + len(expected.clusters)
    assert compared  # something was laid out


@pytest.mark.parametrize("whole_pixels", [False, True])
def test_stacking_equals_the_reference_on_crowded_rows(whole_pixels):
    """Stacking skips the row search once every row is busy; the reference searches each time.
    On whole pixels an item often starts exactly where a row frees up: it takes that row."""
    rng = random.Random(11)
    value = (lambda low, high: float(rng.randint(int(low), int(high)))) if whole_pixels else rng.uniform
    for _ in range(3000):
        count, rows = rng.randint(0, 120), rng.randint(0, 6)
        x0 = sorted(value(-50, 900) for _ in range(count))
        marker_end = [x + rng.choice((MARKER_WIDTH, value(MARKER_WIDTH, 200))) for x in x0]
        label_x = [m + 4 for m in marker_end]
        widths = [rng.choice((0.0, value(10, 300), value(0, 40) - 6)) for _ in range(count)]
        lines = [rng.choice((1, 2)) for _ in range(count)] if rng.random() < 0.5 else None
        assert stack_rows(x0, marker_end, label_x, widths, rows, lines) == reference_stack_rows(
            x0, marker_end, label_x, widths, rows, lines)


def test_stacking_sends_what_cannot_be_placed_to_the_rail_as_the_reference_does():
    nan = float("nan")
    for case in (([0, nan, 5], [10, 10, 15], [14, 14, 19], [0, 0, 0], 2),
                 ([0, 1, 50, 60], [nan, 100, 52, 70], [0] * 4, [0] * 4, 2),
                 ([0, 16, 16, 32], [10, 26, 26, 42], [14, 30, 30, 46], [0, 0, 0, 0], 1)):
        assert stack_rows(*case) == reference_stack_rows(*case)


@pytest.mark.skipif(_stacked_in_c is None, reason="_stacking.c is not built here")
def test_stacking_in_c_equals_the_python_loop_on_any_numbers():
    """`_stacking.c` and `stack_rows_in_python` are one loop written twice: the same rows, labels
    and lines for crowded and sparse items, whole and fractional pixels, NaN and infinities
    anywhere, no rows, two-row titles; and what C does not read (a bad `lines`) still stacks."""
    rng = random.Random(29)
    specials = (float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1e300)
    for _ in range(4000):
        count, rows = rng.randint(0, 80), rng.choice((-1, 0, 1, 2, 3, 5, 24))

        def value(low, high):
            roll = rng.random()
            return rng.choice(specials) if roll < 0.03 else float(rng.randint(low, high)) if roll < 0.5 else rng.uniform(low, high)
        x0 = sorted((value(-50, 900) for _ in range(count)), key=lambda x: (x != x, x))  # (NaN last, as argsort puts it)
        marker_end = [x + rng.choice((MARKER_WIDTH, value(0, 200))) for x in x0]
        label_x = [rng.choice((m + 4, value(-100, 900))) for m in marker_end]
        widths = [rng.choice((0.0, value(10, 300), value(0, 40) - 6)) for _ in range(count)]
        lines = [rng.choice((1, 2)) for _ in range(count)] if rng.random() < 0.5 else None
        case = (x0, marker_end, label_x, widths, rows, lines)
        assert _stacked_in_c(*case, ROW_GAP) == stack_rows_in_python(*case)
    for case in (([0.0, 1.0], [10.0, 11.0], [14.0, 15.0], [5.0, 5.0], 2, [2, 2 ** 70]),  # lines C cannot hold
                 ([0, 1], [10, 11], [14, 15], [5, 5], 3, None)):  # ints, as tests and callers may pass
        assert stack_rows(*case) == stack_rows_in_python(*case)
    with pytest.raises(ValueError):
        _stacked_in_c([0.0], [1.0, 2.0], [0.0], [0.0], 2, None, ROW_GAP)


@pytest.mark.parametrize("seed", range(12))
def test_a_lane_left_out_as_crowded_needs_all_its_rows_and_is_laid_out_as_before(seed):
    """A lane the probe leaves out as crowded (its markers alone overlap more deeply than its
    rows) would have sent an event to its rail whatever the titles: it needs every row. Laid out
    on its own later, it is what the whole layout made of it; every other lane is untouched."""
    rng = random.Random(100 + seed)
    result = load_text(_chronology_text(rng, rng.choice((400, 1500, 3000))))
    index = TimelineIndex(result.chronology)
    widths = {p: rng.choice((0.0, 30.0, rng.uniform(20, 400), 600.0)) for p in range(len(index))}
    wrapped = {p: w * 0.6 for p, w in widths.items()}
    lanes = len(index.lane_ids)
    crowded_seen = 0
    for view in _views(rng, index, 1200):
        rows = [rng.choice((1, 2, 3, 6, 24)) for _ in range(lanes)]
        options = dict(wrapped_width=wrapped.__getitem__, long_label=rng.choice((150.0, float("inf"))))
        whole = lay_out(index, view, 1200.0, rows, widths.__getitem__, **options)
        probe = lay_out(index, view, 1200.0, rows, widths.__getitem__, unless_crowded=range(lanes), **options)
        crowded_seen += len(probe.crowded)
        for lane in range(lanes):
            in_whole = [item for item in whole.placed + whole.clusters if item.lane == lane]
            in_probe = [item for item in probe.placed + probe.clusters if item.lane == lane]
            if lane in probe.crowded:
                assert not in_probe
                assert any(item.row < 0 for item in in_whole)  # some event went to the rail
                alone = lay_out(index, view, 1200.0, rows, widths.__getitem__, lanes={lane}, **options)
                assert alone.placed + alone.clusters == in_whole
            else:
                assert in_probe == in_whole
    assert crowded_seen  # (the generated files did crowd some lanes)
