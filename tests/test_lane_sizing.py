"""Lanes take the rows their content needs, read from a probe layout."""

from types import SimpleNamespace

from timeline_app.geometry.lane_sizing import PROBE_ROWS, rows_needed


def test_rows_needed_reads_a_layout():
    layout = SimpleNamespace(placed=[SimpleNamespace(lane=0, row=2), SimpleNamespace(lane=1, row=-1)],
                             clusters=[SimpleNamespace(lane=2, row=0)])
    assert rows_needed(layout, 4) == [3, PROBE_ROWS, 1, 0]
