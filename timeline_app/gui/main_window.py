"""The main window: canvas and overview, filters, event list, detail pane, problems panel."""

from __future__ import annotations

import dataclasses
import os
import time

from PySide6.QtCore import QByteArray, QSettings, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .canvas import TimelineCanvas
from ..chronology.dates import DateError, parse_date
from .detail_pane import DetailPane
from .editor_launch import open_in_editor
from .event_list import EventListModel
from .file_watcher import FileWatcher
from .filters import Filters
from ..files.loader import LoadResult, is_editable, load_file
from .overview import OverviewStrip
from ..chronology.problems import ERROR
from ..chronology.search import SearchIndex
from ..chronology.timeline_index import TimelineIndex
from ..geometry.viewport import Viewport

SYNC_LOAD_BYTES = 2_000_000  # smaller files load before the window shows; larger ones in a thread
MAX_RECENT = 8

SHORTCUTS_HELP = """
<h3>Keyboard shortcuts</h3>
<table cellspacing=4>
<tr><td><b>Mouse wheel</b></td><td>zoom around the cursor</td></tr>
<tr><td><b>Shift+wheel</b>, drag</td><td>pan</td></tr>
<tr><td><b>+</b> / <b>-</b></td><td>zoom in / out</td></tr>
<tr><td><b>Home</b>, Ctrl+0</td><td>fit the whole chronology</td></tr>
<tr><td><b>Left</b> / <b>Right</b>, Tab / Shift+Tab</td><td>previous / next event</td></tr>
<tr><td><b>Shift+Left</b> / <b>Shift+Right</b>, PgUp / PgDn</td><td>pan</td></tr>
<tr><td><b>Enter</b>, double click</td><td>zoom to the selected event</td></tr>
<tr><td><b>Ctrl+F</b></td><td>search (Escape clears)</td></tr>
<tr><td><b>Ctrl+G</b></td><td>go to a date</td></tr>
<tr><td><b>Ctrl+O</b> / <b>Ctrl+R</b></td><td>open / reload</td></tr>
<tr><td><b>Ctrl+N</b></td><td>add an event</td></tr>
</table>
"""


class _LoadThread(QThread):
    """Parses, validates and indexes a file off the GUI thread.

    It hands over the timeline and stops: Python work on a second thread while the
    GUI paints makes every paint wait for the interpreter lock (a 9 ms frame took
    180 ms), so the search index is built afterwards on the GUI thread, in slices.
    """

    progress = Signal(float)
    done = Signal(object)

    def __init__(self, path: str, parent=None):
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        result = load_file(self.path, self.progress.emit)
        self.progress.emit(0.8)
        self.done.emit(_prepare(result))


def _prepare(result: LoadResult):
    """What the window needs to draw, built where it is cheapest to wait for."""
    if result.chronology is None or not result.ok:
        return result, None
    index = TimelineIndex(result.chronology)
    index.position_of_id  # noqa: B018 - built here, not on the GUI thread when a reload keeps the selection
    return result, index


def _indexing_steps(index: TimelineIndex, search: SearchIndex):
    """Search index and tag counts, a few milliseconds per step."""
    yield from search.build_steps()
    yield from index.count_tags_steps()


class MainWindow(QMainWindow):
    loaded = Signal()

    def __init__(self, path: str | os.PathLike | None = None):
        super().__init__()
        self.path = ""
        self.result: LoadResult | None = None
        self.index: TimelineIndex | None = None
        self.search_index: SearchIndex | None = None
        self.loading = False
        self._reload_pending = False
        self._select_after_load = ""
        self._thread: _LoadThread | None = None
        self._syncing = False
        self.settings = QSettings("timeline-app", "timeline-app")
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_menus()
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self._file_changed_on_disk)
        self._indexing = None
        self._searching: SearchIndex | None = None
        self._indexing_timer = QTimer(self, singleShot=True, interval=0)
        self._indexing_timer.timeout.connect(self._index_a_little)
        self._restore_settings()
        if path is not None:
            self.open_file(os.fspath(path))

    # --- construction ------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.canvas = TimelineCanvas()
        self.overview = OverviewStrip(self.canvas)
        self.overview.centre_requested.connect(self._centre_on)

        self.filters = Filters(self)
        self.filters.changed.connect(self.apply_filters)
        # the filter widgets, by the names tests and users' scripts know them
        self.search_field, self.tag_filter = self.filters.search_field, self.filters.tag_filter
        self.from_field, self.to_field = self.filters.from_field, self.filters.to_field

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(6, 4, 6, 2)
        top_layout.addWidget(self.filters.legend, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(top)
        left_layout.addWidget(self.canvas, 1)
        left_layout.addWidget(self.overview)

        self.list_model = EventListModel(self)
        self.event_list = QTableView()
        self.event_list.setObjectName("eventList")
        self.event_list.setModel(self.list_model)
        self.event_list.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.event_list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.event_list.setSortingEnabled(True)
        self.event_list.sortByColumn(0, Qt.AscendingOrder)
        self.event_list.verticalHeader().hide()
        self.event_list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.event_list.setWordWrap(False)
        self.event_list.setAlternatingRowColors(True)
        header = self.event_list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Interactive)
        header.resizeSection(0, 120)
        header.resizeSection(2, 96)
        self.event_list.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.event_list.doubleClicked.connect(lambda _: self.canvas.zoom_to(self.canvas.selected) if self.canvas.selected >= 0 else None)
        self.list_model.layoutChanged.connect(self._reselect_in_list)

        self.detail = DetailPane()
        self.detail.edit_requested.connect(lambda line: self._open_in_editor(line, 1))
        self.detail.link_refused.connect(lambda url: self.statusBar().showMessage(f"Refused to open '{url}': only http and https links open", 6000))

        right_top = QWidget()
        right_layout = QVBoxLayout(right_top)
        right_layout.setContentsMargins(4, 4, 4, 0)
        right_layout.addWidget(self.search_field)
        right_layout.addWidget(self.filters.row)
        right_layout.addWidget(self.event_list, 1)

        self.side_splitter = _splitter(Qt.Vertical, "sideSplitter", (right_top, 1), (self.detail, 1))
        self.main_splitter = _splitter(Qt.Horizontal, "mainSplitter", (left, 3), (self.side_splitter, 1))
        self.setCentralWidget(self.main_splitter)

        self.problems_panel = QListWidget()
        self.problems_panel.setObjectName("problemsPanel")
        self.problems_panel.itemActivated.connect(self._open_problem)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems_panel)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

        self.canvas.selection_changed.connect(self._canvas_selected)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.count_label)
        self.resize(1280, 800)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Open…", QKeySequence.Open, self.choose_file)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._action(file_menu, "&Reload", "Ctrl+R", self.reload)
        file_menu.addSeparator()
        self.add_action = self._action(file_menu, "&Add Event…", QKeySequence.New, self.add_event)
        file_menu.addSeparator()
        self._action(file_menu, "&Export…", "Ctrl+E", self.export_dialog)
        self._action(file_menu, "&Print…", QKeySequence.Print, self.print_timeline)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        self._action(edit_menu, "&Copy Image", "Ctrl+Shift+C", self.copy_image)
        view_menu = self.menuBar().addMenu("&View")
        self._action(view_menu, "Zoom &In", QKeySequence.ZoomIn, lambda: self.canvas.zoom(1.5))
        self._action(view_menu, "Zoom &Out", QKeySequence.ZoomOut, lambda: self.canvas.zoom(1 / 1.5))
        self._action(view_menu, "&Fit All", "Ctrl+0", self.canvas.fit_all)
        self._action(view_menu, "&Go to Date…", "Ctrl+G", self.go_to_date)
        view_menu.addSeparator()
        self.grid_action = self._action(view_menu, "Show &Gridlines", None, lambda on: self._set_grid(on))
        self.grid_action.setCheckable(True)
        self.grid_action.setChecked(self.settings.value("showGrid", True, type=bool))
        self.canvas.set_grid(self.grid_action.isChecked())
        self._action(view_menu, "&Search", QKeySequence.Find, self.focus_search)
        view_menu.addAction(self.problems_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", QKeySequence.HelpContents, self.show_shortcuts)
        self._action(help_menu, "&About", None, self.show_about)

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- opening and reloading ---------------------------------------------------------

    def open_file(self, path: str, keep_view: bool = False) -> None:
        """Load `path`; small files before returning, large ones in a thread with progress."""
        self.path = os.path.abspath(path)
        self.watcher.watch(self.path)
        self._remember_recent(self.path)
        try:
            size = os.path.getsize(self.path)
        except OSError:
            size = 0
        self.loading = True
        if size <= SYNC_LOAD_BYTES:
            self._apply(_prepare(load_file(self.path)), keep_view)
            for _ in self._indexing or ():
                pass
            self._finish_indexing()
            return
        self.progress.setValue(0)
        self.progress.show()
        self.statusBar().showMessage(f"Loading {os.path.basename(self.path)}…")
        self.canvas.set_placeholder(f"Loading {os.path.basename(self.path)} ({size / 1e6:.0f} MB)…")
        thread = _LoadThread(self.path, self)
        thread.progress.connect(lambda fraction: self.progress.setValue(int(fraction * 100)))
        thread.done.connect(lambda payload: self._apply(payload, keep_view) if thread is self._thread else None)
        if self._thread is not None:
            self._thread.wait()  # a newer load replaces an unfinished one; its result is dropped below
        self._thread = thread
        thread.start()

    def reload(self) -> None:
        if self.path:
            self.open_file(self.path, keep_view=True)

    def _file_changed_on_disk(self) -> None:
        if self.loading:
            self._reload_pending = True  # saved again while a large file was loading: load once more after
        else:
            self.reload()

    def _apply(self, payload, keep_view: bool) -> None:
        result, index = payload
        self.loading = False
        self.progress.hide()
        if self._reload_pending:
            self._reload_pending = False
            QTimer.singleShot(0, self.reload)
        self.result = result
        self.show_problems(result.problems)
        if index is None:  # unreadable or invalid: keep showing the last good version, if any
            self.canvas.set_placeholder(f"{os.path.basename(self.path)} has problems: see the Problems panel below")
            stamp = time.strftime("%H:%M:%S")
            kept = "; showing the last good version" if self.index is not None else ""
            self.statusBar().showMessage(f"{os.path.basename(self.path)} has problems ({stamp}){kept}")
            self._update_title()
            self.loaded.emit()
            return
        selected_id = self.selected_event().id if keep_view and self.selected_event() else None
        added_id, self._select_after_load = self._select_after_load, ""
        view, auto_fit = self.canvas.view, self.canvas.auto_fit
        self.index, self.search_index = index, None
        self._searching = SearchIndex(index.events, build=False)
        self._indexing = _indexing_steps(index, self._searching)
        self._indexing_timer.start()
        self.canvas.set_data(result.chronology, index, keep_view=keep_view)
        if keep_view and not auto_fit:
            self.canvas.set_view(view)
        self.list_model.set_index(index)
        self.filters.set_index(index, result.chronology.date_order)
        self.apply_filters()
        if added_id and added_id in index.position_of_id:
            self.canvas.select(index.position_of_id[added_id])
        elif selected_id is not None and selected_id in index.position_of_id:
            self.canvas.select(index.position_of_id[selected_id], ensure_visible=False)
        else:
            self.detail.show_event(None, None)
        self._update_title()
        self.add_action.setEnabled(is_editable(self.path))
        verb = "Reloaded" if keep_view else "Loaded"
        message = f"{verb} {os.path.basename(self.path)} at {time.strftime('%H:%M:%S')}"
        if added_id and added_id in index.position_of_id:
            message = f"Added “{index.events[index.position_of_id[added_id]].title}” · {message}"
        self.statusBar().showMessage(message)
        self.loaded.emit()

    def _update_title(self) -> None:
        name = os.path.basename(self.path) if self.path else ""
        title = self.result.chronology.title if self.result and self.result.chronology else ""
        self.setWindowTitle(" — ".join(part for part in (title, name, "Timeline") if part))

    def show_problems(self, problems) -> None:
        self.problems_panel.clear()
        for problem in problems:
            item = QListWidgetItem(problem.format())
            item.setData(Qt.UserRole, (problem.path, problem.line, problem.column))
            item.setForeground(QColor("#c0392b") if problem.severity == ERROR else QColor("#b9770e"))
            item.setToolTip("Activate to open the file at this line in your editor")
            self.problems_panel.addItem(item)
        errors = sum(problem.severity == ERROR for problem in problems)
        self.problems_dock.setWindowTitle(f"Problems ({errors} errors, {len(problems) - errors} warnings)")
        self.problems_dock.setVisible(bool(problems))
        if problems:
            self.problems_dock.raise_()

    def _open_problem(self, item: QListWidgetItem) -> None:
        path, line, column = item.data(Qt.UserRole)
        self._open_in_editor(line, column, path)

    def _open_in_editor(self, line: int, column: int, path: str = "") -> None:
        message = open_in_editor(path or self.path, line, column)
        if message:
            self.statusBar().showMessage(message, 6000)

    def choose_file(self) -> None:
        start = os.path.dirname(self.path) if self.path else str(self.settings.value("lastFile", ""))
        path, _ = QFileDialog.getOpenFileName(
            self, "Open chronology", start, "Chronologies (*.yaml *.yml *.csv *.json);;All files (*)"
        )
        if path:
            self.open_file(path)

    def _remember_recent(self, path: str) -> None:
        recent = [p for p in self._recent() if p != path]
        recent.insert(0, path)
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])
        self.settings.setValue("lastFile", path)
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self._recent()))

    # --- filters -----------------------------------------------------------------------

    def _index_a_little(self) -> None:
        """One slice of indexing per idle moment; the window stays responsive meanwhile."""
        if self._indexing is None:
            return
        deadline = time.perf_counter() + 0.008
        for _ in self._indexing:
            if time.perf_counter() > deadline:
                self._indexing_timer.start()
                return
        self._finish_indexing()

    def _finish_indexing(self) -> None:
        if self._indexing is None:
            return
        self._indexing = None
        self.search_index = self._searching
        self.filters.set_search_index(self._searching)
        self.apply_filters()

    def apply_filters(self) -> None:
        if self.index is None:
            return
        mask = self.filters.mask()
        self.canvas.set_mask(mask)
        self.list_model.set_mask(mask)
        shown = len(self.index) if mask is None else int(mask.sum())
        self.count_label.setText(f"{shown:,} of {len(self.index):,} events shown")
        self._reselect_in_list()

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    # --- selection sync ----------------------------------------------------------------

    def selected_event(self):
        if self.index is None or self.canvas.selected < 0:
            return None
        return self.index.events[self.canvas.selected]

    def _canvas_selected(self, position: int) -> None:
        event = self.index.events[position] if position >= 0 else None
        category = self.result.chronology.categories.get(event.category) if event else None
        self.detail.show_event(event, category, os.path.basename(self.path) if is_editable(self.path) else "")
        self._reselect_in_list()

    def _reselect_in_list(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            row = self.list_model.row_of(self.canvas.selected)
            selection = self.event_list.selectionModel()
            if row < 0:
                selection.clearSelection()
            else:
                model_index = self.list_model.index(row, 0)
                selection.setCurrentIndex(model_index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
                self.event_list.scrollTo(model_index)
        finally:
            self._syncing = False

    def _list_row_changed(self, current, _previous) -> None:
        if self._syncing or not current.isValid():
            return
        self._syncing = True
        try:
            self.canvas.select(self.list_model.position_at(current.row()))
        finally:
            self._syncing = False

    # --- navigation helpers ------------------------------------------------------------

    def _centre_on(self, seconds: float) -> None:
        view = self.canvas.view
        self.canvas.set_view(Viewport(seconds - view.seconds_per_pixel * self.canvas.width() / 2, view.seconds_per_pixel))

    def _set_grid(self, shown: bool) -> None:
        self.canvas.set_grid(shown)
        self.settings.setValue("showGrid", shown)

    def go_to_date(self) -> None:
        text, ok = QInputDialog.getText(self, "Go to date", "Date (e.g. 2014, June 2014, 20 October 2011):")
        if not ok or not text.strip():
            return
        try:
            date = parse_date(text, self.result.chronology.date_order if self.result and self.result.chronology else None)
        except DateError as error:
            QMessageBox.warning(self, "Go to date", str(error))
            return
        self.canvas.set_view(Viewport.fitting(date.seconds(), date.end_seconds(), self.canvas.width(), margin=0.5))

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS_HELP)

    def show_about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            "About Timeline",
            f"<h3>Timeline {__version__}</h3><p>A zoomable timeline for chronologies kept in YAML.</p>",
        )

    def add_event(self):
        """Open the Add event dialog (non-modal to the event loop); returns it."""
        from .add_dialog import AddEventDialog

        if not self.path or self.index is None:
            self.statusBar().showMessage("Open a valid chronology first", 4000)
            return None
        if not is_editable(self.path):
            self.statusBar().showMessage("CSV and TimelineJS files open read-only: export to YAML to edit", 6000)
            return None
        dialog = AddEventDialog(self.path, self.result.chronology, self)
        dialog.accepted.connect(lambda: self._event_added(dialog.added_id))
        dialog.open()
        return dialog

    def _event_added(self, new_id: str) -> None:
        self._select_after_load = new_id
        self.open_file(self.path, keep_view=True)
        self.watcher.mark_current()

    # --- export and print ---------------------------------------------------------------

    EXPORT_FILTERS = (
        "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV table (*.csv);;"
        "JSON (*.json);;TimelineJS JSON (*.timeline.json);;Chronology YAML (*.yaml)"
    )

    def picture_maker(self, current_view: bool):
        """Makes the export picture at a given width: the current view and filters, or everything."""
        from .picture import TimelinePicture

        chronology, view, shown_width = self.result.chronology, self.canvas.view, self.canvas.width()
        if current_view:
            return lambda width: TimelinePicture(chronology, width, index=self.index, mask=self.canvas.mask,
                                                 view=_scaled_view(view, shown_width, width))
        return lambda width: TimelinePicture(chronology, width, index=self.index)

    def export_width(self, current_view: bool) -> int:
        """Pictures are at least 1600 px wide; the current view keeps its shape on wider screens."""
        return max(self.canvas.width(), 1600) if current_view else 1600

    def picture(self, current_view: bool):
        return self.picture_maker(current_view)(self.export_width(current_view))

    def export_dialog(self) -> None:
        if self.index is None:
            return
        scope, ok = QInputDialog.getItem(self, "Export", "What to export:", ["Whole timeline", "Current view"], 0, False)
        if not ok:
            return
        start = os.path.splitext(self.path)[0] + ".png"
        out, chosen = QFileDialog.getSaveFileName(self, "Export", start, self.EXPORT_FILTERS)
        if out:
            message = self.export_to(out, scope == "Current view", "timelinejs" if "TimelineJS" in chosen else None)
            self.statusBar().showMessage(message, 8000)

    def export_to(self, out: str, current_view: bool = False, fmt: str | None = None) -> str:
        """Export to `out`; returns what happened, for the status bar."""
        from ..files.export_formats import IMAGE_FORMATS, ExportError, format_for, render_data, write_export
        from .picture import picture_bytes

        try:
            fmt = format_for(out, fmt)
            if fmt in IMAGE_FORMATS:
                data = picture_bytes(self.picture_maker(current_view), self.export_width(current_view), fmt)
            else:
                chronology = self.result.chronology
                if current_view:
                    view = self.canvas.view
                    shown = self.index.in_range(view.left, view.right(self.canvas.width()), self.canvas.mask)
                    chronology = dataclasses.replace(chronology, events=[self.index.events[int(i)] for i in shown])
                data = render_data(chronology, fmt)
            write_export(out, data, self.path)
        except ExportError as error:
            QMessageBox.warning(self, "Export", str(error))
            return f"Export failed: {error}"
        return f"Exported {os.path.basename(out)}"

    def copy_image(self) -> None:
        from PySide6.QtWidgets import QApplication

        if self.index is None:
            return
        QApplication.clipboard().setImage(self.picture(current_view=True).image(self.devicePixelRatioF()))
        self.statusBar().showMessage("Copied the current view as an image", 4000)

    def print_timeline(self) -> None:
        from PySide6.QtGui import QPageLayout, QPainter
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.index is None:
            return
        printer = QPrinter(QPrinter.HighResolution)
        printer.setPageOrientation(QPageLayout.Landscape)
        printer.setDocName(self.result.chronology.title)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.Accepted:
            return
        painter = QPainter(printer)
        try:
            page = printer.pageRect(QPrinter.DevicePixel)
            self.picture(current_view=False).paint_scaled(painter, page.size())
        finally:
            painter.end()

    # --- drag and drop, settings -------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith((".yaml", ".yml", ".csv", ".json")):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.open_file(event.mimeData().urls()[0].toLocalFile())

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for splitter in (self.main_splitter, self.side_splitter):
            state = self.settings.value(splitter.objectName())
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self._splitter_restored = isinstance(self.settings.value("mainSplitter"), QByteArray)
        self._fill_recent_menu()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitter_restored:  # first run: give the list and detail pane a readable width
            self._splitter_restored = True
            side = max(380, int(self.width() * 0.3))
            self.main_splitter.setSizes([self.width() - side, side])

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        for splitter in (self.main_splitter, self.side_splitter):
            self.settings.setValue(splitter.objectName(), splitter.saveState())
        if self._thread is not None and self._thread.isRunning():
            self._thread.wait()
        super().closeEvent(event)


def _splitter(orientation, name: str, *parts: tuple[QWidget, int]) -> QSplitter:
    """A splitter named for QSettings, holding (widget, stretch) parts."""
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    for number, (widget, stretch) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(number, stretch)
    return splitter


def _scaled_view(view: Viewport, from_width: float, to_width: float) -> Viewport:
    """The same stretch of time drawn `to_width` pixels wide."""
    return Viewport(view.left, view.seconds_per_pixel * from_width / to_width)
