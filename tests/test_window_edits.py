"""Changing events where they are seen: drag on the canvas, Alt+arrows, duplicate, edit from the list.

Each change is driven as a user would (mouse, keys, menu) and checked byte for byte:
only the moved event's date text changes, and Undo gives back the exact bytes.
"""

import pytest
from PySide6.QtCore import QPoint, Qt

from timeline_app.chronology.date_forms import parse_date
from timeline_app.chronology.date_shift import MOVE, shifted, stepped_dates
from timeline_app.chronology.model import Event
from timeline_app.files.loader import load_file

FILE = (
    "# Our chronology, kept by hand\r\n"
    "title: Drag test\r\n"
    "events:\r\n"
    "  - id: month   # only the month is known\r\n"
    "    title: 'Talks in Skhirat'\r\n"
    "    start: 2015-03\r\n"
    "\r\n"
    "  - id: span\r\n"
    "    title: Battle for the airport\r\n"
    "    start: 13 July 2014   # Reuters\r\n"
    "    end: 2014-08-23\r\n"
    "    description: >-\r\n"
    "      folded\r\n"
    "      text\r\n"
    "\r\n"
    "  - id: about\r\n"
    "    title: About then\r\n"
    "    start: c. 2016\r\n"
)


@pytest.fixture
def opened(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "events.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + FILE.encode())
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.fit_all()
    return window, path


def centre_of(window, event_id):
    canvas = window.canvas
    position = window.index.position_of_id[event_id]
    canvas.select(position)
    canvas.grab()  # paint now: the layout is what the last paint drew
    placed = next(p for p in canvas.layout_result.placed if p.position == position)
    return canvas.event_rect(placed)


def drag(qtbot, canvas, start: QPoint, end: QPoint, cancel: bool = False):
    qtbot.mousePress(canvas, Qt.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(canvas, start + (end - start) * step / 5)
    if cancel:
        qtbot.keyClick(canvas, Qt.Key_Escape)
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=end)


def test_dragging_a_month_event_moves_it_by_whole_months_and_only_its_date_text_changes(opened, qtbot):
    window, path = opened
    original = path.read_bytes()
    rect = centre_of(window, "month")
    canvas = window.canvas
    month_px = 31 * 86400 / canvas.view.seconds_per_pixel
    start = rect.center().toPoint()
    drag(qtbot, canvas, start, start + QPoint(round(2.2 * month_px), 0))
    qtbot.waitUntil(lambda: window.index.events[window.index.position_of_id["month"]].start.month == 5, timeout=3000)
    moved = window.index.events[window.index.position_of_id["month"]]
    assert (moved.start.year, moved.start.month, moved.precision) == (2015, 5, "month")
    assert path.read_bytes() == original.replace(b"    start: 2015-03\r\n", b'    start: "2015-05"\r\n')
    assert "Moved “Talks in Skhirat” to May 2015" in window.statusBar().currentMessage()
    assert window.selected_event().id == "month"
    window.undo()
    assert path.read_bytes() == original


def test_escape_while_dragging_puts_it_back_and_writes_nothing(opened, qtbot):
    window, path = opened
    original = path.read_bytes()
    rect = centre_of(window, "month")
    start = rect.center().toPoint()
    drag(qtbot, window.canvas, start, start + QPoint(120, 0), cancel=True)
    qtbot.wait(200)
    assert path.read_bytes() == original and not window.history.done


def test_dragging_the_end_of_a_span_changes_only_its_end(opened, qtbot):
    window, path = opened
    original = path.read_bytes()
    rect = centre_of(window, "span")
    canvas = window.canvas
    day_px = 86400 / canvas.view.seconds_per_pixel
    grip = QPoint(round(rect.right()) - 2, round(rect.center().y()))
    drag(qtbot, canvas, grip, grip + QPoint(round(10 * day_px), 0))
    qtbot.waitUntil(lambda: path.read_bytes() != original, timeout=3000)
    span = load_file(path).chronology.events[0]
    assert span.start.iso() == "2014-07-13" and span.end.iso() > "2014-08-23"
    changed = [line for line in path.read_bytes().split(b"\r\n") if line not in original.split(b"\r\n")]
    assert changed == [f'    end: "{span.end.iso()}"'.encode()]


def test_alt_arrows_move_by_one_step_and_a_qualified_date_is_left_alone_with_a_reason(opened, qtbot):
    window, path = opened
    canvas = window.canvas
    canvas.setFocus()
    centre_of(window, "month")
    qtbot.keyClick(canvas, Qt.Key_Right, Qt.AltModifier)
    qtbot.waitUntil(lambda: b'start: "2015-04"' in path.read_bytes(), timeout=3000)
    centre_of(window, "span")
    qtbot.keyClick(canvas, Qt.Key_Left, Qt.AltModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: b'end: "2014-08-22"' in path.read_bytes(), timeout=3000)
    before = path.read_bytes()
    centre_of(window, "about")
    qtbot.keyClick(canvas, Qt.Key_Right, Qt.AltModifier)
    qtbot.wait(100)
    assert path.read_bytes() == before
    assert "Not moved: a date with a qualifier" in window.statusBar().currentMessage()


def test_an_event_without_an_id_moves_too_and_stays_selected(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "events.yaml"
    text = "title: t\nevents:\n  - title: No id\n    start: 2015-03\n  - title: Other\n    start: 2016\n"
    path.write_text(text)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.select(0)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Right, Qt.AltModifier)
    qtbot.waitUntil(lambda: 'start: "2015-04"' in path.read_text(), timeout=3000)
    assert path.read_text() == text.replace("start: 2015-03", 'start: "2015-04"')
    assert window.selected_event() is not None and window.selected_event().title == "No id"


def test_a_read_only_file_is_never_dragged(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "events.csv"
    path.write_text("title,start\nA,2014-05\n")
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.index is not None and len(window.index) == 1, timeout=3000)
    window.canvas.fit_all()
    rect = centre_of(window, window.index.events[0].id)
    start = rect.center().toPoint()
    drag(qtbot, window.canvas, start, start + QPoint(200, 0))
    qtbot.wait(100)
    assert path.read_text() == "title,start\nA,2014-05\n" and not window.history.done


def test_ctrl_d_duplicates_the_selected_event_below_itself_and_selects_the_copy(opened, qtbot):
    window, path = opened
    original = path.read_bytes()
    centre_of(window, "month")
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: len(window.index) == 4, timeout=3000)
    assert window.selected_event().id == "month-2" and window.selected_event().title == "Talks in Skhirat"
    copy = b'  - id: "month-2"   # only the month is known\r\n    title: \'Talks in Skhirat\'\r\n    start: 2015-03\r\n'
    assert path.read_bytes() == original.replace(b"    start: 2015-03\r\n\r\n", b"    start: 2015-03\r\n\r\n" + copy + b"\r\n")
    window.undo()
    assert path.read_bytes() == original


def test_double_click_or_enter_in_the_list_opens_the_edit_dialog(opened, qtbot):
    window, _ = opened
    centre_of(window, "span")
    row = window.list_model.row_of(window.canvas.selected)
    index = window.list_model.index(row, 1)
    rect = window.event_list.visualRect(index)
    qtbot.mouseClick(window.event_list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.event_list.viewport(), Qt.LeftButton, pos=rect.center())
    from timeline_app.gui.add_dialog import EditEventDialog

    dialogs = [d for d in window.findChildren(EditEventDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].title_field.text() == "Battle for the airport"
    dialogs[0].reject()
    qtbot.keyClick(window.event_list, Qt.Key_Return)
    dialogs = [d for d in window.findChildren(EditEventDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].title_field.text() == "Battle for the airport"


def test_the_detail_panes_edit_link_opens_the_dialog(opened, qtbot):
    import re

    from PySide6.QtCore import QUrl

    from timeline_app.gui.add_dialog import EditEventDialog

    window, _ = opened
    centre_of(window, "month")
    link = re.search(r"timeline-edit:here\?[0-9a-f]+", window.detail.toHtml())[0]
    window.detail.anchorClicked.emit(QUrl(link))
    dialogs = [d for d in window.findChildren(EditEventDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].title_field.text() == "Talks in Skhirat"
    window.detail.anchorClicked.emit(QUrl("timeline-edit:here?0000"))  # one written in a file: refused
    assert len([d for d in window.findChildren(EditEventDialog) if d.isVisible()]) == 1


# --- the pure part: snapping dates to their precision ---------------------------------------


@pytest.mark.parametrize(("written", "steps", "expected"), [
    ("2014", 3, "2017"), ("2014-11", 3, "2015-02"), ("2014-01", -1, "2013-12"),
    ("2014-02-28", 1, "2014-03-01"), ("2016-02-28", 1, "2016-02-29"), ("2014-12-31T23:30", 45, "2015-01-01T00:15"),
    ("-0044-03-15", 1, "-0044-03-16"),
])
def test_a_date_moves_by_steps_of_its_own_precision(written, steps, expected):
    moved = shifted(parse_date(written, None), steps)
    assert moved.iso() == expected and moved.precision == parse_date(written, None).precision


def test_a_span_keeps_its_length_in_steps_and_a_resize_never_inverts_it():
    start, end = parse_date("2014-07-13", None), parse_date("2014-08-23", None)
    span = Event("s", "S", start, end)
    assert [d.iso() for d in stepped_dates(span, MOVE, 30, 30)] == ["2014-08-12", "2014-09-22"]
    assert stepped_dates(span, "end", -60, -60) == (start, end)


def test_undo_never_writes_to_a_file_that_is_no_longer_shown(opened, qtbot, tmp_path):
    window, path = opened
    centre_of(window, "month")
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Right, Qt.AltModifier)
    qtbot.waitUntil(lambda: b'"2015-04"' in path.read_bytes(), timeout=3000)
    moved = path.read_bytes()
    other = tmp_path / "other.yaml"
    other.write_text("title: o\nevents:\n  - {id: x, title: X, start: 2014}\n")
    window.open_file(str(other))
    window.undo()
    assert path.read_bytes() == moved


def test_the_dialog_keeps_sources_that_say_more_than_a_link(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "events.yaml"
    text = ("title: t\nsources:\n  vice: {title: VICE, url: 'https://news.vice.com/x'}\nevents:\n  - id: a\n    title: A\n"
            "    start: 2014\n    sources:\n      - vice   # named\n      - {title: Report, publisher: Example}\n")
    path.write_text(text)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.canvas.select(0)
    dialog = window.edit_selected()
    assert dialog.sources_field.isReadOnly()
    dialog.title_field.setText("A, renamed")
    assert dialog.changes() == {"title": "A, renamed"}
    dialog.save()
    qtbot.waitUntil(lambda: "renamed" in path.read_text(), timeout=3000)
    assert path.read_text() == text.replace("    title: A\n", '    title: "A, renamed"\n')


def test_a_span_with_a_year_start_and_a_day_end_is_not_moved_whole_but_its_ends_are():
    from timeline_app.chronology.date_shift import END, why_not_moved_whole

    span = Event("s", "S", parse_date("2000", None), parse_date("2000-03-01", None))
    assert "start is a year and its end a day" in why_not_moved_whole(span)
    start, end = stepped_dates(span, END, 0, 10)
    assert (start.iso(), end.iso()) == ("2000", "2000-03-11")
