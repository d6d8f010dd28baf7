"""When lanes are taller than the canvas it scrolls, and a lane folds to one summary row.

No title gives way for want of height: every event keeps its title and can be scrolled to.
"""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from conftest import BUNDLED


@pytest.fixture
def small(qtbot):
    from timeline_app import MainWindow

    window = MainWindow(BUNDLED)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.fit_all()
    window.canvas.grab()
    return window


def placed_of(canvas):
    canvas.grab()
    return {p.position: p for p in canvas.layout_result.placed}


def test_on_a_small_screen_every_title_is_kept_and_the_lanes_scroll(small, qtbot):
    canvas = small.canvas
    placed = placed_of(canvas)
    assert len(placed) == len(small.index) and all(p.row >= 0 and p.label_width > 0 for p in placed.values())
    assert canvas.vertical_bar.isVisible() and canvas.content_height > canvas.height()
    last = max(placed.values(), key=lambda p: canvas.event_rect(p).bottom())
    assert canvas.event_rect(last).bottom() > canvas.height()  # below the fold at first
    qtbot.keyClick(canvas, Qt.Key_Down)
    qtbot.keyClick(canvas, Qt.Key_Down)
    assert canvas.scroll_y > 0
    canvas.vertical_bar.setValue(canvas.vertical_bar.maximum())
    last = placed_of(canvas)[last.position]
    assert canvas.height() - 30 < canvas.event_rect(last).bottom() <= canvas.height()
    # no title runs under the scroll bar or off the left edge: a long one wraps onto two rows instead
    bar_left = canvas.width()  # the scroll bar stands beside the canvas
    cut = [p for p in placed_of(canvas).values() if p.label_x < 0 or p.label_x + p.label_width > bar_left + 1]
    assert not cut, cut
    assert any(p.label_lines == 2 for p in placed_of(canvas).values())


def test_selecting_an_event_below_the_fold_scrolls_it_into_view(small):
    canvas = small.canvas
    placed = placed_of(canvas)
    hidden = max(placed.values(), key=lambda p: canvas.event_rect(p).bottom())
    canvas.select(-1)
    canvas.select(hidden.position)
    rect = canvas.event_rect(placed_of(canvas)[hidden.position])
    assert rect.top() >= 60 and rect.bottom() <= canvas.height()


def test_every_event_chosen_from_the_list_first_thing_after_opening_lands_in_sight(qtbot):
    """The reader opens the file and at once picks an event from the list, before the scroll bar
    has come up: its row is scrolled into sight all the same, and stays there when the bar comes
    up and narrows the canvas (six of the 32 had stayed under the fold)."""
    from conftest import shown_window

    first = shown_window(qtbot, BUNDLED, (1024, 640))
    titles = [event.title for event in first.index.events]
    missed = []
    for position, title in enumerate(titles):
        window = first if not position else shown_window(qtbot, BUNDLED, (1024, 640))
        window.canvas.grab()  # (before the scroll bar this paint asks for has come up)
        row = window.list_model.row_of(position)
        window.event_list.setCurrentIndex(window.list_model.index(row, 0))
        canvas = window.canvas
        qtbot.wait(1)  # (the bar comes up)
        rect = canvas.event_rect(placed_of(canvas)[position])
        if not (rect.top() >= 60 and rect.bottom() <= canvas.height()):
            missed.append(f"{title}: rows {rect.top():.0f}-{rect.bottom():.0f}, canvas {canvas.height()} high")
        window.close()
    assert not missed, missed


def test_an_event_added_to_the_lowest_lane_is_scrolled_into_sight(qtbot, tmp_path):
    """Added through the window, an event is selected in the same turn as its file is reloaded:
    the reveal must use the new file's layout, not the last paint's (whose positions are of the
    events before it)."""
    import shutil

    from conftest import shown_window

    path = tmp_path / "events.yaml"
    shutil.copy(BUNDLED, path)
    window = shown_window(qtbot, path, (1024, 640))
    qtbot.wait(1)
    lowest = window.index.lane_ids[-1]
    neighbour = next(event for event in window.index.events if event.category == lowest)
    with open(path, "a", encoding="utf-8") as file:
        file.write(f"  - id: added-below\n    title: Added below the fold\n"
                   f"    start: '{neighbour.start.iso()}'\n    category: {lowest}\n")
    window._event_added("added-below")
    qtbot.waitUntil(lambda: "added-below" in window.index.position_of_id, timeout=10_000)
    qtbot.wait(1)
    position = window.index.position_of_id["added-below"]
    canvas = window.canvas
    assert canvas.selected == position
    rect = canvas.event_rect(placed_of(canvas)[position])
    assert rect.top() >= 60 and rect.bottom() <= canvas.height(), (rect.top(), rect.bottom(), canvas.height())


def test_dragging_the_canvas_up_scrolls_the_lanes(small, qtbot):
    canvas = small.canvas
    start = QPoint(300, 400)
    qtbot.mousePress(canvas, Qt.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(0, -60))
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=start + QPoint(0, -60))
    assert canvas.scroll_y == pytest.approx(60, abs=2)


def test_a_click_on_a_lane_header_folds_it_to_a_summary_row_and_a_reload_keeps_it_folded(small, qtbot):
    canvas = small.canvas
    lane = small.index.lane_ids.index("politics")
    top, height, _ = canvas._geometry[lane]
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(60, int(top + canvas.lane_header / 2)))
    placed = placed_of(canvas)
    in_lane = [p for p in placed.values() if p.lane == lane]
    assert in_lane and all(p.row == -1 and p.label_width == 0 for p in in_lane)
    folded_top, folded_height, _ = canvas._geometry[lane]
    assert folded_height < height / 3
    others = [p for p in placed.values() if p.lane != lane]
    assert others and all(p.label_width > 0 for p in others)
    small.reload()
    qtbot.waitUntil(lambda: not small.loading, timeout=3000)
    assert all(p.row == -1 for p in placed_of(canvas).values() if p.lane == lane)
    top, _, _ = canvas._geometry[lane]
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(60, int(top + canvas.lane_header / 2)))
    assert all(p.label_width > 0 for p in placed_of(canvas).values())


def test_exports_show_every_lane_open_and_whole(small, tmp_path):
    from PySide6.QtGui import QImage

    canvas = small.canvas
    small.export_to(str(tmp_path / "open.png"))
    canvas.toggle_lane(0)
    small.export_to(str(tmp_path / "folded.png"))
    opened, folded = QImage(str(tmp_path / "open.png")), QImage(str(tmp_path / "folded.png"))
    assert opened.height() > 640  # as tall as its content, not the window
    assert folded == opened  # a lane folded on screen is open in the picture


def test_an_event_chosen_in_a_crowded_lane_below_the_fold_is_scrolled_into_sight(qtbot, tmp_path):
    """Lanes so crowded that their markers alone fill every row (here thirty year-long spans
    overlapping) are laid out only once in sight; choosing an event deep in one below the fold
    still brings its own row into sight."""
    from datetime import date, timedelta

    from conftest import shown_window
    from timeline_app.geometry.viewport import Viewport

    lines = ["title: Crowded", "events:"]
    for lane in ("politics", "conflict", "economy", "media"):
        for number in range(30):
            day = date(2014, 1, 1) + timedelta(days=number)
            lines += [f"  - title: {lane} span {number}", f"    start: {day.isoformat()}", "    end: 2014-12-31",
                      f"    category: {lane}"]
    path = tmp_path / "crowded.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    window = shown_window(qtbot, path, (1024, 520))  # (a lane taller than the canvas)
    canvas = window.canvas
    january = next(event.start.seconds() for event in window.index.events)
    canvas.set_view(Viewport(january - 86400, 86400 / 15))  # a month in 450 px: one span a day
    canvas.grab()
    last_lane = len(window.index.lane_ids) - 1
    assert last_lane in canvas._probe.crowded  # (left out of the probe: the case this is about)
    assert not any(p.lane == last_lane for p in canvas.layout_result.placed)  # below the fold: not laid out
    in_lane = [position for position in range(len(window.index)) if window.index.lanes[position] == last_lane]
    chosen = in_lane[22]
    canvas.select(chosen)
    canvas.grab()
    placed = {p.position: p for p in canvas.layout_result.placed}
    assert placed[chosen].row > 10  # deep in its lane
    rect = canvas.event_rect(placed[chosen])
    assert rect.top() >= 60 and rect.bottom() <= canvas.height()
    # scrolled back up, its lane out of sight again: no mark of the selection runs across the others
    # (the dashed line that stands for a selected event inside a cluster)
    canvas.vertical_bar.setValue(0)
    x = int(canvas.view.x_of(float(window.index.starts[chosen])))
    image = canvas.grab().toImage()
    highlight = canvas.palette().color(QPalette.Highlight).rgb()
    marked = sum(image.pixel(column, y) == highlight for y in range(80, canvas.height() - 4)
                 for column in (x - 1, x, x + 1))
    assert marked < 20, marked


def test_a_crowded_lane_laid_out_from_its_probe_work_is_laid_out_as_afresh(qtbot, tmp_path):
    """A lane the probe left out as crowded is laid out, once in sight, from the probe's culling,
    clusters and marks (`crowded_parts`): every placed event and cluster is where a layout
    working them out again puts it, at every zoom and scroll of a file of crowded lanes."""
    from synthetic import synthetic_yaml

    from conftest import shown_window
    from timeline_app.geometry import layout

    path = tmp_path / "many.yaml"
    path.write_text(synthetic_yaml(6000, seed=3), encoding="utf-8")
    window = shown_window(qtbot, path, (1280, 800))
    qtbot.waitUntil(lambda: window.index is not None, timeout=20_000)  # (over 2 MB: loaded on a thread)
    canvas = window.canvas
    canvas.fit_all()

    def drawn():
        canvas._cache_key = None
        canvas.grab()
        result = canvas.layout_result
        return ([(p.position, p.lane, p.row, p.x0, p.x1, p.label_x, p.label_width, p.label_lines) for p in result.placed],
                [(c.lane, c.row, c.x0, c.x1, c.count) for c in result.clusters])

    real, reused = layout.lay_out, []

    def afresh(*arguments, crowded_parts=None, **options):
        return real(*arguments, **options)

    def counted(*arguments, crowded_parts=None, **options):
        before = len(crowded_parts) if crowded_parts is not None and not options.get("unless_crowded") else 0
        made = real(*arguments, crowded_parts=crowded_parts, **options)
        reused.append(before - len(crowded_parts) if before else 0)
        return made

    import timeline_app.gui.canvas as canvas_module

    for factor in (1.0, 2.0, 2.0, 3.0, 4.0, 0.5, 8.0):
        canvas.zoom(factor, canvas.width() * 0.4)
        for scroll in (0, 400):
            canvas.vertical_bar.setValue(scroll)
            canvas.scroll_y = float(scroll)
            canvas_module.lay_out = counted
            with_parts = drawn()
            canvas_module.lay_out = afresh
            assert drawn() == with_parts
            canvas_module.lay_out = real
    assert sum(reused) > 3  # (the crowded lanes in sight were laid out from the probe's work)
