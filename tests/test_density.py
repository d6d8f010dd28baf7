"""The overview's counts per bin, by binary search over starts in order, against numpy's histogram."""

import numpy as np
import pytest

from timeline_app.geometry.density import counts_in_bins


def _cases():
    rng = np.random.default_rng(12)
    for _ in range(300):
        count = int(rng.integers(0, 400))
        low = float(rng.choice([0.0, -1e11, 1.3e9, rng.normal() * 1e10]))
        span = float(rng.choice([1.0, 86400.0, 3e7, 1e11]))
        bins = int(rng.integers(1, 900))
        starts = rng.uniform(low - span * 0.2, low + span * 1.2, count)
        edges = np.linspace(low, low + span, bins + 1)  # values exactly on edges, the ends among them
        starts = np.concatenate([starts, rng.choice(edges, int(rng.integers(0, 50)))])
        if rng.random() < 0.3:  # days: many events on one second
            starts = np.round(starts / 86400) * 86400
        yield np.sort(starts), bins, low, low + span


@pytest.mark.parametrize("case", list(_cases()))
def test_counts_equal_numpys_histogram(case):
    starts, bins, low, high = case
    expected, _ = np.histogram(starts, bins=bins, range=(low, high))
    assert counts_in_bins(starts, bins, low, high).tolist() == expected.tolist()


def test_a_million_starts_counted_where_they_stand():
    starts = np.sort(np.random.default_rng(3).uniform(0, 1e9, 1_000_000))
    counts = counts_in_bins(starts, 800, 0.0, 1e9)
    assert counts.sum() == 1_000_000
    assert counts.tolist() == np.histogram(starts, bins=800, range=(0.0, 1e9))[0].tolist()
