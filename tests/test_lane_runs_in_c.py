"""A lane's clusters in C (`_stacking.c lane_runs`) where ends are not numbers, endless or zeros of
both signs: NumPy's maximum keeps a NaN wherever it stands, whichever side, and so must C's; a
zero end is +0.0 both ways (the other cases are tests/test_bucket_runs.py's, every way)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from test_bucket_runs import _starts

import timeline_app.geometry.layout as layout
from timeline_app.geometry.layout import CLUSTER_PIXELS, lane_clusters

pytestmark = pytest.mark.skipif(layout._lane_runs_in_c is None, reason="_stacking.c is not built")


@pytest.mark.parametrize("seed", range(80))
def test_ends_not_a_number_or_endless_make_the_same_clusters_in_c_and_numpy(seed, monkeypatch):
    rng = random.Random(seed)
    spp = rng.choice((0.1, 3600.0, rng.uniform(1, 1e7)))
    starts = _starts(rng, CLUSTER_PIXELS * spp)
    ends = starts + np.array([rng.choice((0.0, rng.uniform(0, 90 * CLUSTER_PIXELS * spp), np.nan, np.inf, -np.inf))
                              for _ in starts])
    if rng.random() < 0.3:  # zeros of both signs tied (a run's last end must be +0.0 both ways)
        starts, ends = np.zeros(len(starts)), np.array([rng.choice((0.0, -0.0)) for _ in starts])
    rows, left = rng.choice((1, 2, 3, 8)), float(starts[0]) - 3 * spp
    in_c = lane_clusters(1, rows, starts, ends, left, spp)
    monkeypatch.setattr(layout, "_lane_runs_in_c", None)
    in_numpy = lane_clusters(1, rows, starts, ends, left, spp)
    assert repr(in_c[0]) == repr(in_numpy[0])  # (repr: nan == nan is false)
    assert in_c[1].tolist() == in_numpy[1].tolist()


def test_arrays_c_cannot_read_are_clustered_by_numpy():
    starts = np.array([1.0, 2.0, 3.0, 500.0])
    expected = lane_clusters(0, 2, starts, starts + 1, 0.0, 1.0)
    for odd in (starts.astype(np.float32), np.repeat(starts, 2)[::2]):  # not float64; not contiguous
        got = lane_clusters(0, 2, odd, odd + 1, 0.0, 1.0)
        assert got[0] == expected[0] and got[1].tolist() == expected[1].tolist()


@pytest.mark.parametrize("rows", [1, 2, 3])
@pytest.mark.parametrize("more", [-1, 0, 1])
def test_at_the_most_detailed_and_the_densest_lone_run_c_and_numpy_agree(rows, more, monkeypatch):
    """A lane whose lone starts are one short of, exactly at, or one past `rows * 60`, each run as
    long as a lone run may be: where every run turns into a cluster, the two must turn together."""
    run = max(1, rows - 1)
    count = rows * layout.MAX_DETAILED_PER_ROW + more
    starts = np.repeat(np.arange(count // run + 1, dtype=np.float64) * CLUSTER_PIXELS * 2, run)[:count]
    in_c = lane_clusters(0, rows, starts, starts + 5, 0.0, 1.0)
    monkeypatch.setattr(layout, "_lane_runs_in_c", None)
    in_numpy = lane_clusters(0, rows, starts, starts + 5, 0.0, 1.0)
    assert in_c[0] == in_numpy[0] and in_c[1].tolist() == in_numpy[1].tolist()
    assert bool(in_c[0]) == (count > rows * layout.MAX_DETAILED_PER_ROW)
