"""Lanes take the rows their content needs; when space is short, small needs are met first."""

from types import SimpleNamespace

from timeline_app.geometry.lane_sizing import PROBE_ROWS, rows_needed, share_rows


def test_everything_fits_each_lane_gets_what_it_needs():
    assert share_rows([3, 1, 0, 5], 20) == [3, 1, 0, 5]


def test_an_empty_or_hidden_lane_takes_no_room():
    assert share_rows([0, 0], 10) == [0, 0]
    assert share_rows([2, 0, 1], 3) == [2, 0, 1]


def test_short_space_meets_small_needs_and_shares_the_rest():
    rows = share_rows([1, 2, 12, 20], 15)
    assert rows[:2] == [1, 2] and sum(rows) == 15 and abs(rows[2] - rows[3]) <= 1


def test_every_lane_with_content_keeps_a_row_even_when_there_is_no_room():
    assert share_rows([5, 5, 5], 1) == [1, 1, 1]


def test_rows_needed_reads_a_layout():
    layout = SimpleNamespace(placed=[SimpleNamespace(lane=0, row=2), SimpleNamespace(lane=1, row=-1)],
                             clusters=[SimpleNamespace(lane=2, row=0)])
    assert rows_needed(layout, 4) == [3, PROBE_ROWS, 1, 0]
