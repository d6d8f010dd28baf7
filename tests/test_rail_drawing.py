"""The overflow rail under a lane's rows: its spans are drawn as runs, and each still shows."""

from conftest import shown_window
from PySide6.QtGui import QColor


def _crowded_file(tmp_path):
    """160 spans of two years in one lane, starting twelve days apart: some forty at any moment,
    more than the 24 rows a lane is offered, and too spread out to make a cluster."""
    import datetime

    lines = ["title: A crowded lane", "events:"]
    for number in range(160):
        start = datetime.date(2014, 1, 1) + datetime.timedelta(days=12 * number)
        end = start + datetime.timedelta(days=700)
        lines += [f"  - id: span-{number}", f"    title: Span {number}", f"    start: {start.isoformat()}",
                  f"    end: {end.isoformat()}", "    category: conflict"]
    path = tmp_path / "crowded.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_span_on_the_rail_is_drawn(qtbot, tmp_path):
    from timeline_app.gui.canvas import MARKER_WIDTH
    from timeline_app.gui.colors import blend

    window = shown_window(qtbot, _crowded_file(tmp_path), (1024, 640))
    canvas = window.canvas
    image = canvas.grab().toImage()
    on_rail = [p for p in canvas.layout_result.placed if p.row < 0 and p.x1 - p.x0 >= MARKER_WIDTH]
    assert len(on_rail) >= 10, "the lane should overflow onto its rail"
    lane_colour = QColor(window.index.lane_colors[on_rail[0].lane])
    fill = blend(lane_colour, canvas._colors()["base"], 0.30)  # a span's fill (its dates are exact)
    for placed in on_rail:
        rect = canvas.event_rect(placed)
        for x in (rect.left() + 2, rect.center().x(), rect.right() - 2):
            colour = QColor(image.pixel(int(x), int(rect.center().y())))
            assert colour.name() in (fill.name(), lane_colour.name()), (  # (its fill, or an outline where runs meet)
                f"{window.index.events[placed.position].title} is not drawn on the rail at x={x:.0f}: {colour.name()}")


def _burst_file(tmp_path):
    """A burst of 200 events on three days, beside spans: the burst is drawn as one cluster."""
    import datetime

    lines = ["title: A burst", "events:"]
    for number in range(100):
        start = datetime.date(2014, 1, 1) + datetime.timedelta(days=20 * number)
        lines += [f"  - id: span-{number}", f"    title: Span {number}", f"    start: {start.isoformat()}",
                  f"    end: {(start + datetime.timedelta(days=2000)).isoformat()}", "    category: conflict"]
    for number in range(200):
        lines += [f"  - id: point-{number}", f"    title: Point {number}", f"    start: 2015-06-{number % 3 + 1:02d}",
                  "    category: conflict"]
    path = tmp_path / "burst.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_cluster_shows_its_count_in_a_row_and_not_on_the_rail_which_is_too_low_for_it(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QPainter

    drawn = []
    draw_static, draw_text = QPainter.drawStaticText, QPainter.drawText
    monkeypatch.setattr(QPainter, "drawStaticText", lambda self, at, text: (drawn.append(text.text()),
                                                                          draw_static(self, at, text)))
    monkeypatch.setattr(QPainter, "drawText", lambda self, *args: (drawn.append(args[-1]), draw_text(self, *args)))
    window = shown_window(qtbot, _burst_file(tmp_path), (1024, 640))
    canvas = window.canvas
    drawn.clear()
    canvas.grab()
    in_rows = [cluster for cluster in canvas.layout_result.clusters if cluster.row >= 0]
    assert in_rows and all(f"{cluster.count:,}" in drawn for cluster in in_rows)
    canvas.toggle_lane(window.index.lane_ids.index("conflict"))  # folded: its clusters ride on the rail
    drawn.clear()
    canvas.grab()
    on_rail = [cluster for cluster in canvas.layout_result.clusters if cluster.row < 0]
    assert on_rail and not any(f"{cluster.count:,}" in drawn for cluster in on_rail)


def _busy_days_file(tmp_path):
    """The crowded lane's spans fill every row; beside them, six events on each of six days (too
    few a day for a cluster), some with an approximate date: they go to the rail, a day's on one spot."""
    import datetime

    lines = _crowded_file(tmp_path).read_text(encoding="utf-8").splitlines()
    for day in range(6):
        start = datetime.date(2015, 3, 1) + datetime.timedelta(days=200 * day)
        for number in range(6):
            written = f"~{start.isoformat()}" if number % 3 == 2 else start.isoformat()
            lines += [f"  - id: day-{day}-{number}", f"    title: Day {day} event {number}", f"    start: '{written}'",
                      "    category: conflict"]
    path = tmp_path / "busy.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_events_of_one_day_on_the_rail_show_as_one_dot_drawn_once_per_look(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QPainter

    from timeline_app.gui.canvas import MARKER_WIDTH
    from timeline_app.gui.colors import blend

    from timeline_app.gui.dot_stamps import DotStamps

    centres = []  # each dot drawn: as an ellipse, or stamped (on pixels one to one: gui/dot_stamps.py)
    draw_ellipse, stamp = QPainter.drawEllipse, DotStamps.draw
    monkeypatch.setattr(QPainter, "drawEllipse", lambda self, centre, *radii: (
        centres.append((round(centre.x(), 3), round(centre.y(), 3), self.pen().color().name(), self.brush().color().name())),
        draw_ellipse(self, centre, *radii)))
    monkeypatch.setattr(DotStamps, "draw", lambda self, painter, x, y, radius, look, pen, fill: (
        centres.append((round(x, 3), round(y, 3), pen.color().name(), QColor(fill).name())),
        stamp(self, painter, x, y, radius, look, pen, fill)))
    window = shown_window(qtbot, _busy_days_file(tmp_path), (1024, 640))
    canvas = window.canvas
    centres.clear()
    image = canvas.grab().toImage()
    dots = [p for p in canvas.layout_result.placed if p.row < 0 and p.x1 - p.x0 < MARKER_WIDTH]
    spots = {(p.x0, bool(window.index.is_exact[p.position])) for p in dots}
    assert len(dots) >= 24 and len({x for x, _ in spots}) == 6, "each day's events should share a spot on the rail"
    rail_y = round(canvas.event_rect(dots[0]).center().y(), 3)
    on_rail = [centre for centre in centres if centre[1] == rail_y]
    assert len(on_rail) == len(set(on_rail)), "a dot was drawn again on top of the same dot"
    assert len(on_rail) >= len(spots)  # (once per look at each spot, again only between other looks)
    lane_colour = QColor(window.index.lane_colors[dots[0].lane])
    shown = {lane_colour.name(), blend(lane_colour, canvas._colors()["base"], 0.30).name()}  # filled, or a ring's fill
    for x, _ in spots:  # every day shows: its dot's middle is in the lane's colour
        assert QColor(image.pixel(int(x + MARKER_WIDTH / 2), int(rail_y))).name() in shown
