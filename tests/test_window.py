"""The window as a journalist uses it: zoom, pan, search, select, read, navigate by keyboard."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListWidget,
    QTextBrowser,
)

from timeline_app.gui.canvas import TimelineCanvas
from timeline_app.gui.colors import contrast as _contrast


def wheel(widget, x, y, delta_y=0, delta_x=0, modifiers=Qt.NoModifier):
    position = QPointF(x, y)
    event = QWheelEvent(
        position, QPointF(widget.mapToGlobal(position.toPoint())), QPoint(0, 0), QPoint(delta_x, delta_y),
        Qt.NoButton, modifiers, Qt.NoScrollPhase, False,
    )
    QApplication.sendEvent(widget, event)


def test_pinned_object_names_exist(window):
    assert isinstance(window.findChild(TimelineCanvas, "timelineCanvas"), TimelineCanvas)
    assert isinstance(window.findChild(QAbstractItemView, "eventList"), QAbstractItemView)
    assert isinstance(window.findChild(QLineEdit, "searchField"), QLineEdit)
    assert isinstance(window.findChild(QTextBrowser, "detailPane"), QTextBrowser)
    assert isinstance(window.findChild(QListWidget, "problemsPanel"), QListWidget)
    assert "Libya" in window.windowTitle() and "events.yaml" in window.windowTitle()


def test_wheel_zoom_keeps_the_time_under_the_cursor(window):
    canvas = window.canvas
    for x in (100.0, 433.0, canvas.width() - 50.0):
        before_time, before_scale = canvas.view.time_at(x), canvas.view.seconds_per_pixel
        wheel(canvas, x, 200, delta_y=120)
        assert canvas.view.seconds_per_pixel < before_scale
        assert abs(canvas.view.time_at(x) - before_time) < canvas.view.seconds_per_pixel
        wheel(canvas, x, 200, delta_y=-240)
        assert canvas.view.seconds_per_pixel > before_scale
        assert abs(canvas.view.time_at(x) - before_time) < canvas.view.seconds_per_pixel


def test_shift_wheel_and_drag_pan_without_zooming(window, qtbot):
    canvas = window.canvas
    scale, left = canvas.view.seconds_per_pixel, canvas.view.left
    wheel(canvas, 300, 200, delta_y=-120, modifiers=Qt.ShiftModifier)
    assert canvas.view.seconds_per_pixel == scale and canvas.view.left > left
    left = canvas.view.left
    wheel(canvas, 300, 200, delta_x=120)
    assert canvas.view.left < left
    left = canvas.view.left
    qtbot.mousePress(canvas, Qt.LeftButton, pos=QPoint(400, 300))
    qtbot.mouseMove(canvas, QPoint(500, 300))
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=QPoint(500, 300))
    assert abs((left - canvas.view.left) / scale - 100) < 1  # content followed the mouse 100 px


def test_search_filters_list_and_canvas_and_escape_clears(window, qtbot):
    total = window.list_model.rowCount()
    qtbot.keyClicks(window.search_field, "tripoli")
    qtbot.waitUntil(lambda: window.list_model.rowCount() < total)
    titles = [window.list_model.index(r, 1).data() for r in range(window.list_model.rowCount())]
    assert titles and all("tripoli" in window.index.events[window.list_model.position_at(r)].title.lower()
                          or "tripoli" in window.search_index.texts[window.list_model.position_at(r)] for r in range(len(titles)))
    assert "Battle for Tripoli International Airport" in titles
    assert window.canvas.mask is not None and int(window.canvas.mask.sum()) == len(titles)
    window.canvas.grab()  # the canvas lays out only the matching events
    shown = {p.position for p in window.canvas.layout_result.placed}
    assert shown and all(window.canvas.mask[p] for p in shown)
    qtbot.keyClick(window.search_field, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == total)
    assert window.search_field.text() == "" and window.canvas.mask is None


def test_search_covers_tags_and_sources(window, qtbot):
    qtbot.keyClicks(window.search_field, "news.vice.com")
    qtbot.waitUntil(lambda: 0 < window.list_model.rowCount() < len(window.index))
    assert all(any("vice" in s.url for s in window.index.events[p].sources) for p in window.list_model.rows)


def test_selection_follows_canvas_list_and_detail(window, qtbot):
    canvas = window.canvas
    canvas.grab()
    target = next(p for p in canvas.layout_result.placed if p.label_width)
    rect = canvas.event_rect(target)
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=rect.center().toPoint())
    event = window.index.events[target.position]
    assert canvas.selected == target.position
    current = window.event_list.currentIndex()
    assert window.list_model.position_at(current.row()) == target.position
    assert event.title in window.detail.toPlainText()
    # and the other way: a row in the list selects on the canvas and fills the detail pane
    row = 5
    window.event_list.setCurrentIndex(window.list_model.index(row, 1))
    chosen = window.list_model.position_at(row)
    assert canvas.selected == chosen
    assert window.index.events[chosen].title in window.detail.toPlainText()


def test_detail_pane_writes_the_date_by_precision_with_duration(window):
    index = window.index
    window.canvas.select(index.position_of_id["tripoli-airport-battle"])
    text = window.detail.toPlainText()
    assert "13 July – 23 August 2014" in text and "42 days" in text
    assert "Libya Dawn" in text and "Battle of Tripoli Airport" in text  # description and source
    window.canvas.select(index.position_of_id["ansar-pledge"])
    assert "October 2014" in window.detail.toPlainText()
    assert "only the month is known" in window.detail.toPlainText()


def test_keyboard_steps_zooms_and_fits(window, qtbot):
    canvas = window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key_Home)
    fitted = canvas.view
    qtbot.keyClick(canvas, Qt.Key_Right)
    first = canvas.selected
    assert first >= 0
    qtbot.keyClick(canvas, Qt.Key_Right)
    assert canvas.selected == first + 1
    qtbot.keyClick(canvas, Qt.Key_Tab)
    assert canvas.selected == first + 2
    qtbot.keyClick(canvas, Qt.Key_Left)
    assert canvas.selected == first + 1
    qtbot.keyClick(canvas, Qt.Key_Plus)
    assert canvas.view.seconds_per_pixel < fitted.seconds_per_pixel
    qtbot.keyClick(canvas, Qt.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key_Minus)
    assert canvas.view.seconds_per_pixel > fitted.seconds_per_pixel
    left = canvas.view.left
    qtbot.keyClick(canvas, Qt.Key_Right, Qt.ShiftModifier)
    assert canvas.view.left > left
    qtbot.keyClick(canvas, Qt.Key_Return)
    start = float(window.index.starts[canvas.selected])
    assert canvas.view.left < start < canvas.view.right(canvas.width())
    assert canvas.view.seconds_per_pixel < fitted.seconds_per_pixel
    qtbot.keyClick(canvas, Qt.Key_Home)
    assert canvas.view == fitted


def test_category_legend_hides_a_lane(window, qtbot):
    button = window.filters.category_buttons["conflict"]
    button.click()
    qtbot.waitUntil(lambda: window.canvas.mask is not None)
    assert all(window.index.events[p].category != "conflict" for p in window.list_model.rows)
    button.click()
    qtbot.waitUntil(lambda: window.canvas.mask is None)


def test_date_range_and_tag_filters(window, qtbot):
    window.from_field.setText("2014")
    window.to_field.setText("June 2014")
    qtbot.waitUntil(lambda: window.canvas.mask is not None)
    years = {window.index.events[p].start.iso()[:7] for p in window.list_model.rows}
    assert years and all("2014-01" <= y <= "2014-06" or y == "2014" for y in years)
    window.from_field.clear()
    window.to_field.clear()
    window.tag_filter.setCurrentIndex(window.tag_filter.findData("Tripoli"))
    tagged = sum("Tripoli" in event.tags for event in window.index.events)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == tagged)
    assert all("Tripoli" in window.index.events[p].tags for p in window.list_model.rows)


def test_missing_and_invalid_files_show_problems_not_a_crash(qtbot, tmp_path):
    from timeline_app import MainWindow

    missing = MainWindow(tmp_path / "nowhere.yaml")
    qtbot.addWidget(missing)
    assert missing.problems_panel.count() == 1
    assert "cannot read file" in missing.problems_panel.item(0).text()
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nevents:\n  - {title: a, start: 31 June 2014}\n")
    invalid = MainWindow(bad)
    qtbot.addWidget(invalid)
    assert invalid.problems_panel.item(0).text().startswith(f"{bad}:3:23: error:")
    invalid.grab()  # paints without data


def test_hover_marks_the_event_and_double_click_zooms_to_it(window, qtbot):
    canvas = window.canvas
    canvas.grab()
    target = next(p for p in canvas.layout_result.placed if p.label_width and p.x1 - p.x0 < 10)
    point = canvas.event_rect(target).center().toPoint()
    qtbot.mouseMove(canvas, point)
    qtbot.waitUntil(lambda: canvas.hovered == target.position)
    before = canvas.view.seconds_per_pixel
    qtbot.mouseDClick(canvas, Qt.LeftButton, pos=point)
    assert canvas.selected == target.position
    assert canvas.view.seconds_per_pixel < before / 10
    start = float(window.index.starts[target.position])
    assert canvas.view.left < start < canvas.view.right(canvas.width())


def test_clicking_a_cluster_zooms_into_it(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "dense.yaml"
    path.write_text("title: dense\nevents:\n" + "".join(
        f"  - {{title: Event {i}, start: '2014-06-01 {i // 60:02d}:{i % 60:02d}'}}\n" for i in range(300)
    ) + "  - {title: Later, start: 2016-01-01}\n")
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    canvas = window.canvas
    canvas.grab()
    cluster = max(canvas.layout_result.clusters, key=lambda c: c.count)
    assert cluster.count > 100
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=canvas.cluster_rect(cluster).center().toPoint())
    canvas.grab()
    assert canvas.view.seconds_per_pixel < 86400 and len(canvas.layout_result.placed) > 10


def test_window_remembers_geometry_splitters_and_recent_files(qtbot, tmp_path):
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    from conftest import BUNDLED

    from timeline_app import MainWindow

    first = MainWindow(BUNDLED)
    qtbot.addWidget(first)
    first.resize(777, 555)
    first.show()
    first.main_splitter.setSizes([400, 377])
    sizes = first.main_splitter.sizes()
    first.close()
    second = MainWindow(None)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (777, 555)
    assert second.main_splitter.sizes() == sizes
    assert second.recent_menu.actions()[0].text() == str(BUNDLED)


def test_dropping_a_yaml_file_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    other = tmp_path / "other.yaml"
    other.write_text("title: Dropped\nevents:\n  - {title: Only one, start: 2020}\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert [e.title for e in window.index.events] == ["Only one"]
    assert window.windowTitle().startswith("Dropped — other.yaml")


def test_right_to_left_titles_are_laid_out_and_shown(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "rtl.yaml"
    path.write_text("title: عنوان\nevents:\n  - {title: معركة مطار طرابلس الدولي, start: 2014-07-13, end: 2014-08-23}\n",
                    encoding="utf-8")
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    window.canvas.grab()
    (placed,) = window.canvas.layout_result.placed
    assert placed.label_width > 50
    window.canvas.select(placed.position)
    assert "معركة مطار طرابلس الدولي" in window.detail.toPlainText()


def test_event_list_sorts_by_title_and_category_and_keeps_the_selection(window, qtbot):
    from timeline_app.gui.event_list import CATEGORY, DATE, TITLE

    window.canvas.select(window.index.position_of_id["hor-election"])
    window.event_list.sortByColumn(TITLE, Qt.AscendingOrder)
    titles = [window.list_model.index(r, TITLE).data() for r in range(window.list_model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    current = window.event_list.currentIndex()
    assert window.list_model.position_at(current.row()) == window.index.position_of_id["hor-election"]
    window.event_list.sortByColumn(CATEGORY, Qt.DescendingOrder)
    categories = [window.list_model.index(r, CATEGORY).data(Qt.ToolTipRole) for r in range(window.list_model.rowCount())]
    assert categories == sorted(categories, key=str.casefold, reverse=True)
    colours = [window.list_model.index(r, CATEGORY).data(Qt.DecorationRole).name() for r in range(window.list_model.rowCount())]
    assert colours == [window.index.category_colors[window.index.events[p].category].lower() for p in window.list_model.rows]
    window.event_list.sortByColumn(DATE, Qt.AscendingOrder)
    starts = [window.index.starts[p] for p in window.list_model.rows]
    assert starts == sorted(starts)


def test_gridlines_can_be_hidden(window):
    window.grid_action.trigger()
    assert window.canvas.show_grid is False
    window.grid_action.trigger()
    assert window.canvas.show_grid is True


def test_bundled_files_in_the_package_are_the_top_level_ones():
    from conftest import ROOT

    package = ROOT / "timeline_app" / "bundled"
    assert (package / "events.yaml").resolve() == (ROOT / "events.yaml").resolve()
    assert (package / "events.schema.json").resolve() == (ROOT / "resources" / "events.schema.json").resolve()


def test_overview_shows_the_window_and_moves_the_view(window, qtbot):
    canvas, overview = window.canvas, window.overview
    canvas.zoom(8)
    target_x = overview.width() * 0.8
    qtbot.mouseClick(overview, Qt.LeftButton, pos=QPoint(int(target_x), overview.height() // 2))
    centre = canvas.view.time_at(canvas.width() / 2)
    assert abs(overview._x_of(centre) - target_x) < 2
    overview.grab()  # paints the density profile and the visible window


def test_resizing_keeps_everything_in_view_until_the_user_zooms(window, qtbot):
    canvas = window.canvas
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: canvas.width() < 900)
    first, last = window.index.extent()
    assert canvas.view.left <= first and canvas.view.right(canvas.width()) >= last
    canvas.zoom(2)
    zoomed = canvas.view
    window.resize(1500, 800)
    qtbot.waitUntil(lambda: canvas.width() > 900)
    assert canvas.view == zoomed


@pytest.mark.parametrize("dark", [False, True])
def test_text_on_era_bands_keeps_4_5_to_1_in_light_and_dark_palettes(window, qtbot, dark):
    from PySide6.QtGui import QColor, QPalette

    if dark:
        palette = QPalette()
        for role, color in ((QPalette.Base, "#1e1e1e"), (QPalette.Window, "#2b2b2b"), (QPalette.Text, "#e8e8e8"),
                            (QPalette.WindowText, "#e8e8e8"), (QPalette.AlternateBase, "#262626")):
            palette.setColor(role, QColor(color))
        window.setPalette(palette)
    canvas = window.canvas
    canvas.fit_all()
    image = canvas.grab().toImage()
    era = canvas.chronology.eras[0]
    x = int((canvas.view.x_of(era.start.seconds()) + canvas.view.x_of(era.end.end_seconds())) / 2)
    band = image.pixelColor(x, image.height() - 6)  # the band near the bottom, where no event is drawn
    text = canvas.palette().color(QPalette.Text)
    assert _contrast(band, text) >= 4.5


def test_a_hidden_category_takes_no_room_and_its_button_says_it_is_off(window, qtbot):
    lane = 2
    button = window.filters.category_buttons[window.index.lane_ids[lane]]
    assert button.isChecked() and not button.font().strikeOut()
    before = window.canvas.lane_geometry()[lane][1]
    button.setChecked(False)
    qtbot.waitUntil(lambda: window.canvas.mask is not None, timeout=2000)
    window.canvas.grab()
    assert before > 0 and window.canvas.lane_geometry()[lane][1] == 0
    assert button.font().strikeOut()
    assert all(p.lane != lane for p in window.canvas.layout_result.placed)


def test_the_overview_follows_a_search_at_once(window, qtbot, monkeypatch):
    overview = window.overview
    painted = []
    real_paint = overview.paintEvent
    monkeypatch.setattr(overview, "paintEvent", lambda event: (painted.append(1), real_paint(event)))
    qtbot.wait(50)
    painted.clear()
    window.search_field.setText("Tripoli")
    qtbot.waitUntil(lambda: window.canvas.mask is not None, timeout=3000)
    qtbot.waitUntil(lambda: bool(painted), timeout=1000)  # repainted on the filter change, not at the next pan


def test_links_in_the_detail_pane_keep_4_5_to_1_when_the_desktop_is_dark_from_the_start(qtbot):
    """A dark palette set before the window is made (a dark desktop at launch) sends the pane no
    palette change: its links must be light all the same."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from timeline_app.gui.detail_pane import DetailPane

    app = QApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    for role, color in ((QPalette.Base, "#1e1e1e"), (QPalette.Text, "#e8e8e8"), (QPalette.Window, "#2b2b2b")):
        dark.setColor(role, QColor(color))
    app.setPalette(dark)
    try:
        pane = DetailPane()
        qtbot.addWidget(pane)
        colors = pane.palette()
        assert _contrast(colors.color(QPalette.Link), colors.color(QPalette.Base)) >= 4.5
        pane.setHtml("<p>See <a href='https://example.org/report'>the report</a>.</p>")
        assert [_contrast(color, colors.color(QPalette.Base)) >= 4.5 for color in _link_colors(pane)] == [True]
        app.setPalette(before)  # the desktop back to light: the pane follows, its links dark again
        qtbot.waitUntil(lambda: pane.palette().color(QPalette.Base) == before.color(QPalette.Base), timeout=2000)
        colors = pane.palette()
        assert _contrast(colors.color(QPalette.Link), colors.color(QPalette.Base)) >= 4.5
    finally:
        app.setPalette(before)


def test_links_in_the_detail_pane_keep_4_5_to_1_on_a_dark_ground(window):
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, color in ((QPalette.Base, "#1e1e1e"), (QPalette.Text, "#e8e8e8"), (QPalette.Window, "#2b2b2b")):
        palette.setColor(role, QColor(color))
    window.setPalette(palette)
    window.canvas.select(0)
    pane = window.detail.palette()
    assert _contrast(pane.color(QPalette.Link), pane.color(QPalette.Base)) >= 4.5
    drawn = _link_colors(window.detail)
    assert drawn and all(_contrast(color, pane.color(QPalette.Base)) >= 4.5 for color in drawn), drawn


def _link_colors(pane) -> list:
    """The colours the pane's document draws its links in (as its HTML was read, not the palette's)."""
    colors, block = [], pane.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor():
                colors.append(fragment.charFormat().foreground().color())
            fragments += 1
        block = block.next()
    return colors


def test_before_and_after_arrows_are_never_under_a_title(qtbot, tmp_path):
    """A "before" event at the right edge has its title flipped left, a neighbour stands close: its arrow must still show."""
    from timeline_app import MainWindow
    from timeline_app.geometry.layout import MARKER_WIDTH
    from timeline_app.gui.marks import before_after_arrow_tip

    path = tmp_path / "notes.yaml"
    path.write_text("title: Arrows\nevents:\n"
                    "  - {title: Talks resumed in Geneva, start: after 10 June 2014}\n"
                    "  - {title: Ceasefire announced by the envoy, start: 2014-07-20}\n"
                    "  - {title: Envoy flies to Tripoli, start: 2014-08-10}\n"
                    "  - {title: Airport fighting began in earnest, start: before 13 August 2014}\n", encoding="utf-8")
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    window.canvas.grab()
    placed = window.canvas.layout_result.placed
    events = window.index.events
    flipped = [p for p in placed if events[p.position].start.note == "before" and p.label_x < p.x0]
    assert flipped, "the last event's title should sit left of its marker"
    labels = [(p.lane, p.row, p.label_x, p.label_x + p.label_width) for p in placed if p.label_width]
    markers = [(p.lane, p.row, p.x0, max(p.x1, p.x0 + MARKER_WIDTH), p.position) for p in placed]
    for p in placed:
        note = events[p.position].start.note
        if note not in ("before", "after"):
            continue
        tip, pointing_right = before_after_arrow_tip(note, p.x0, max(p.x1, p.x0 + MARKER_WIDTH))
        shaft = (tip - 10, tip) if pointing_right else (tip, tip + 10)
        assert pointing_right == (note == "after")
        assert (shaft[1] <= p.x0) if note == "before" else (shaft[0] >= p.x0)
        for lane, row, left, right in labels:
            if (lane, row) == (p.lane, p.row):
                assert shaft[1] <= left or shaft[0] >= right, f"{note} arrow under a title"
        for lane, row, left, right, position in markers:
            if (lane, row) == (p.lane, p.row) and position != p.position:
                assert shaft[1] <= left or shaft[0] >= right, f"{note} arrow over another marker"


def test_a_search_of_a_large_chronology_waits_for_a_pause_in_the_typing(window, qtbot, monkeypatch):
    """Each search of a million events holds the window a quarter of a second: typed letter by
    letter, it runs once the typing pauses, not for every letter. A small file answers at once."""
    from timeline_app.gui import filters

    searched = []
    real_matches = window.search_index.matches
    monkeypatch.setattr(window.search_index, "matches", lambda query: (searched.append(query), real_matches(query))[1])
    window.search_field.setText("T")
    qtbot.waitUntil(lambda: searched == ["T"], timeout=1000)
    monkeypatch.setattr(filters, "SEARCH_PAUSE_FROM_EVENTS", 1)  # the bundled chronology counts as large
    searched.clear()
    for query in ("Tr", "Tri", "Trip", "Tripo"):
        window.search_field.setText(query)
        qtbot.wait(40)  # typing: a letter every 40 ms
    assert searched == []
    qtbot.waitUntil(lambda: searched == ["Tripo"], timeout=2000)
    assert window.canvas.mask is not None


def _darkest_contrast_in(widget, ground) -> float:
    """The strongest contrast any pixel of `widget` makes with `ground`: what its text reaches."""
    image = widget.grab().toImage()
    return max(_contrast(image.pixelColor(x, y), ground) for x in range(image.width())
               for y in range(image.height()))


@pytest.mark.parametrize("placeholder", [None, "#80000000"])
def test_hints_read_on_a_dark_palette_that_leaves_placeholder_text_to_qt(window, qtbot, placeholder):
    """qt5ct/qt6ct colour schemes older than the PlaceholderText role, and palettes built by
    hand, leave it at Qt's default (black at half opacity): on a dark ground the search field's
    hint and the detail pane's would all but vanish."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, color in ((QPalette.Base, "#1e1e1e"), (QPalette.Window, "#2b2b2b"), (QPalette.Text, "#e8e8e8"),
                        (QPalette.WindowText, "#e8e8e8"), (QPalette.AlternateBase, "#262626"),
                        (QPalette.Button, "#2b2b2b"), (QPalette.ButtonText, "#e8e8e8")):
        palette.setColor(role, QColor(color))
    if placeholder:
        palette.setColor(QPalette.PlaceholderText, QColor.fromString(placeholder))
    window.setPalette(palette)
    base = QColor("#1e1e1e")
    qtbot.waitUntil(lambda: _contrast(window.search_field.palette().color(QPalette.PlaceholderText), base) >= 4.5,
                    timeout=2000)
    assert window.search_field.text() == ""
    assert _darkest_contrast_in(window.search_field, base) >= 4.5  # the hint, "Search titles…"
    window.detail.clear()
    assert _darkest_contrast_in(window.detail.viewport(), base) >= 4.5  # "Select an event…"
    canvas_dim = window.canvas.palette().color(QPalette.PlaceholderText)
    assert _contrast(canvas_dim, base) >= 4.5


def test_a_palette_whose_hints_read_keeps_its_own_colour(window, qtbot):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    assert window.palette().color(QPalette.PlaceholderText) == QApplication.palette().color(QPalette.PlaceholderText)
    palette = window.palette()
    palette.setColor(QPalette.PlaceholderText, QColor("#5a6b7c"))
    window.setPalette(palette)
    qtbot.wait(20)
    assert window.search_field.palette().color(QPalette.PlaceholderText) == QColor("#5a6b7c")


def test_hints_follow_each_new_theme_and_are_mended_only_where_they_would_vanish(window, qtbot):
    """A theme's own hint colour is used whenever it reads, even after an earlier theme's was mended."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    def theme(base: str, text: str, placeholder: str | None) -> QPalette:
        palette = QPalette()
        for role, color in ((QPalette.Base, base), (QPalette.Window, base), (QPalette.Text, text),
                            (QPalette.WindowText, text), (QPalette.Button, base), (QPalette.ButtonText, text)):
            palette.setColor(role, QColor(color))
        if placeholder:
            palette.setColor(QPalette.PlaceholderText, QColor.fromString(placeholder))
        return palette

    def hint() -> str:
        qtbot.wait(30)
        return window.search_field.palette().color(QPalette.PlaceholderText).name(QColor.HexArgb)

    original = QApplication.palette()
    try:
        QApplication.setPalette(theme("#1e1e1e", "#e8e8e8", "#80000000"))  # vanishes: mended
        mended = QColor.fromString(hint())
        assert _contrast(mended, QColor("#1e1e1e")) >= 4.5 and mended.alpha() == 255
        QApplication.setPalette(theme("#ffffff", "#000000", "#6e6e73"))  # reads: the theme's own
        assert hint() == "#ff6e6e73"
        QApplication.setPalette(theme("#ffffff", "#000000", "#808080"))  # only the hint changed
        assert hint() == "#ff808080"
        QApplication.setPalette(theme("#1e1e1e", "#e8e8e8", "#a0a0a0"))
        assert hint() == "#ffa0a0a0"
        QApplication.setPalette(theme("#1e1e1e", "#e8e8e8", None))
        assert _contrast(QColor.fromString(hint()), QColor("#1e1e1e")) >= 4.5
    finally:
        QApplication.setPalette(original)


def test_the_list_shows_each_date_whole_and_each_category_as_its_lane_colour(window):
    """No "15 February 2…": the Date column fits a day and a time with months in three letters;
    the Category column is the lane's colour (the name, cut to "Ar…", said nothing), named in its tooltip."""
    from timeline_app.gui.event_list import CATEGORY, DATE

    model, view = window.list_model, window.event_list
    metrics = view.fontMetrics()
    single_days = 0
    for row in range(model.rowCount()):
        event = window.index.events[model.position_at(row)]
        shown = model.index(row, DATE).data()
        assert event.written in model.index(row, DATE).data(Qt.ToolTipRole)
        if not (event.alternatives or event.start_open or event.end_open or event.start.qualified):  # a day or a span of days
            single_days += 1
        assert metrics.horizontalAdvance(shown) + 8 <= view.columnWidth(DATE), shown  # whole, "13 Jul 2014 or Aug 2014" too
        assert model.index(row, CATEGORY).data() is None
        assert model.index(row, CATEGORY).data(Qt.ToolTipRole) == window.index.category_labels[event.category]
        assert model.index(row, CATEGORY).data(Qt.AccessibleTextRole) == window.index.category_labels[event.category]
    assert single_days > 10
    assert "15 Feb 2011" in [model.index(row, DATE).data() for row in range(model.rowCount())]
    assert model.headerData(CATEGORY, Qt.Horizontal, Qt.ToolTipRole).startswith("Category")


def test_the_date_column_fits_the_dates_a_file_holds_and_keeps_a_width_the_reader_chose(window, tmp_path):
    """Sized to the widest date among the events: a span across years is wider than a day and
    a time; a width the reader dragged the column to is kept when a file is opened or reloaded."""
    from timeline_app.gui.event_list import DATE

    view = window.event_list
    metrics = view.fontMetrics()
    days = tmp_path / "days.yaml"
    days.write_text("title: t\nevents:\n  - {title: a, start: 2011-03-19}\n  - {title: b, start: 2012-10-31}\n", encoding="utf-8")
    window.open_file(str(days))
    narrow = view.columnWidth(DATE)
    spans = tmp_path / "spans.yaml"
    spans.write_text("title: t\nevents:\n  - {title: a, start: 2011-03-19, end: 2012-10-31}\n", encoding="utf-8")
    window.open_file(str(spans))
    wide = view.columnWidth(DATE)
    assert narrow < wide and metrics.horizontalAdvance("19 Mar 2011–31 Oct 2012") + 8 <= wide
    view.horizontalHeader().resizeSection(DATE, narrow - 10)  # the reader's choice
    window.open_file(str(spans))
    assert view.columnWidth(DATE) == narrow - 10
