"""The overflow rail's spans drawn as runs: the runs cover exactly the pixels the spans cover."""

import random

from timeline_app.geometry.rail_runs import merged_runs


def test_overlapping_touching_and_nested_spans_make_one_run_and_apart_ones_stay_apart():
    assert merged_runs([]) == []
    assert merged_runs([(5.0, 9.0)]) == [(5.0, 9.0)]
    assert merged_runs([(0.0, 4.0), (4.0, 6.0)]) == [(0.0, 6.0)]  # touching
    assert merged_runs([(0.0, 10.0), (2.0, 3.0)]) == [(0.0, 10.0)]  # nested
    assert merged_runs([(7.0, 9.0), (0.0, 2.0), (1.5, 3.0)]) == [(0.0, 3.0), (7.0, 9.0)]  # unsorted
    assert merged_runs([(0.0, 2.0), (2.5, 3.0)]) == [(0.0, 2.0), (2.5, 3.0)]  # half a pixel apart: two


def test_runs_cover_what_the_spans_cover_on_random_rails():
    rng = random.Random(2)
    for _ in range(500):
        spans = []
        for _ in range(rng.randint(0, 40)):
            x0 = rng.uniform(-50, 400)
            spans.append((x0, x0 + rng.choice([0.0, rng.uniform(0, 3), rng.uniform(0, 120)])))
        runs = merged_runs(spans)
        assert all(a1 < b0 for (_, a1), (b0, _) in zip(runs, runs[1:])), runs  # in order, apart
        for x in [rng.uniform(-60, 520) for _ in range(200)] + [edge for span in spans for edge in span]:
            assert any(x0 <= x <= x1 for x0, x1 in spans) == any(x0 <= x <= x1 for x0, x1 in runs), (x, spans)
