"""A lane's clusters found by binary searches (`geometry.layout.lane_clusters`, `_bucket_runs`)
and in C (`_stacking.c lane_runs`) against the first form, which divided, floored and compared
every visible start (`layout_reference.lane_clusters`): the same clusters and the same events
shown on their own, also where starts sit exactly on a bucket's edge, a rounding step either
side of it, many at one instant, or far before the view."""

from __future__ import annotations

import random

import numpy as np
import pytest
from layout_reference import lane_clusters as reference_lane_clusters

import timeline_app.geometry.layout as layout
from timeline_app.geometry.layout import CLUSTER_PIXELS, _bucket_runs, lane_clusters


@pytest.fixture(params=["searched", "as_written", "numpy"], autouse=True)
def _every_way(request, monkeypatch):
    """Every case every way: by binary search; as the app goes (few starts in view: in C where
    `_stacking.c` is built); and by NumPy dividing each start."""
    if request.param == "searched":
        monkeypatch.setattr(layout, "SEARCHED_FROM", 0)
    elif request.param == "numpy":
        monkeypatch.setattr(layout, "_lane_runs_in_c", None)
    elif layout._lane_runs_in_c is None:
        pytest.skip("_stacking.c is not built")


def _runs_by_every_start(starts: np.ndarray, width: float) -> np.ndarray:
    buckets = np.floor(starts / width)
    return np.flatnonzero(np.diff(buckets, prepend=buckets[0] - 1) != 0)


def _starts(rng: random.Random, width: float) -> np.ndarray:
    """Sorted starts of one of several shapes, many on or beside bucket edges."""
    count = rng.choice((1, 2, 5, 40, 300, 3000))
    base = rng.choice((0.0, 1.3e9, -6.2e10, 7.0e10))
    edges = base - base % width + width * np.array([rng.randint(0, 60) for _ in range(count)], np.float64)
    shape = rng.random()
    if shape < 0.3:  # on the edges, and one or two rounding steps either side
        starts = edges.copy()
        for index in range(count):
            for _ in range(rng.choice((0, 1, 2))):
                starts[index] = np.nextafter(starts[index], rng.choice((-np.inf, np.inf)))
    elif shape < 0.5:  # many at one instant (a day's events), on an edge
        starts = np.repeat(edges[: max(1, count // 50)], 50)[:count]
    elif shape < 0.7:  # spread over the view
        starts = base + np.array([rng.uniform(0, 60 * width) for _ in range(count)])
    else:  # some far before the view (spans reaching into it), the rest in it
        starts = base + np.array([rng.uniform(-1e6 * width, 60 * width) if rng.random() < 0.05
                                  else rng.uniform(0, 60 * width) for _ in range(count)])
    return np.sort(starts)


@pytest.mark.parametrize("seed", range(300))
def test_runs_are_those_of_every_start_divided(seed):
    rng = random.Random(seed)
    width = rng.choice((CLUSTER_PIXELS * 0.1, CLUSTER_PIXELS * 86400 / 7, 3.6, 1 / 3, CLUSTER_PIXELS * rng.uniform(1, 1e7)))
    starts = _starts(rng, width)
    assert _bucket_runs(starts, width).tolist() == _runs_by_every_start(starts, width).tolist()


@pytest.mark.parametrize("seed", range(200))
def test_clusters_and_lone_events_are_the_first_forms(seed):
    rng = random.Random(seed)
    spp = rng.choice((0.1, 3600.0, 86400 / 7, rng.uniform(1, 1e7)))
    starts = _starts(rng, CLUSTER_PIXELS * spp)
    ends = starts + np.array([rng.choice((0.0, 0.0, rng.uniform(0, 90 * CLUSTER_PIXELS * spp))) for _ in starts])
    rows = rng.choice((1, 2, 3, 8, 24))
    left = float(starts[0]) + rng.uniform(-10, 10) * spp
    items, detail = lane_clusters(3, rows, starts, ends, left, spp)
    expected_items, dense = reference_lane_clusters(3, rows, starts, ends, left, spp)
    assert items == expected_items
    assert detail.tolist() == np.flatnonzero(~dense).tolist()
