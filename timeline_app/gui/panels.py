"""The MainWindow's panels: how they are laid out and kept in step with each other."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..chronology.problems import ERROR
from ..files.loader import is_editable
from ..geometry.viewport import Viewport
from .canvas import TimelineCanvas
from .detail_pane import DetailPane
from .editor_launch import open_in_editor
from .event_list import WIDEST_DATE, WIDEST_FITTED_DATE, EventListModel
from .filters import Filters
from .overview import OverviewStrip


class PanelsMixin:
    """Canvas, overview, filters, list, detail pane and problems panel, and their selection sync."""

    def _build_widgets(self) -> None:
        self.canvas = TimelineCanvas()
        self.canvas.dates_dragged.connect(self.move_dates)
        self.canvas.drag_refused.connect(lambda reason: self.statusBar().showMessage(f"Not moved: {reason}", 6000))
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
        lanes = QHBoxLayout()  # the canvas and, when its lanes are taller than it, their scroll bar
        lanes.setSpacing(0)
        lanes.addWidget(self.canvas, 1)
        lanes.addWidget(self.canvas.vertical_bar)
        left_layout.addLayout(lanes, 1)
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
        header.resizeSection(0, self._date_column_width({WIDEST_DATE}))
        self._fitted_date_width = header.sectionSize(0)  # (a width the reader chose is kept: see fit_date_column)
        swatch = self.event_list.style().pixelMetric(QStyle.PM_SmallIconSize)
        header.resizeSection(2, swatch + 16)  # the colour says the lane; the name is in its tooltip
        self.event_list.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.event_list.activated.connect(self._list_row_activated)  # double click or Enter
        self.list_model.layoutChanged.connect(self._reselect_in_list)

        self.detail = DetailPane()
        self.detail.edit_requested.connect(lambda line: self._open_in_editor(line, 1))
        self.detail.edit_here_requested.connect(self.edit_selected)
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

    def date_column_fitted(self) -> bool:
        """Whether the Date column still has the width it was fitted to: one the reader has set stays."""
        return self.event_list.horizontalHeader().sectionSize(0) == self._fitted_date_width

    def fit_date_column(self, date_texts: set[str]) -> None:
        """The Date column as wide as the widest of the first events' dates needs (`dates_to_fit`:
        a span, dates sources disagree on), between a day with a time and `WIDEST_FITTED_DATE`;
        unless the reader has set its width since, which stays."""
        if not self.date_column_fitted():
            return
        header = self.event_list.horizontalHeader()
        header.resizeSection(0, self._date_column_width(date_texts | {WIDEST_DATE}))
        self._fitted_date_width = header.sectionSize(0)

    def _date_column_width(self, texts: set[str]) -> int:
        metrics = self.event_list.fontMetrics()
        widest = min(max(map(metrics.horizontalAdvance, texts)), metrics.horizontalAdvance(WIDEST_FITTED_DATE))
        return widest + 14  # (the cell's margins)

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

    def apply_filters(self) -> None:
        if self.index is None:
            return
        mask = self.filters.mask()
        self.canvas.set_mask(mask)
        self.overview.update()  # the overview follows the filters at once, not at the next pan
        self.list_model.set_mask(mask)
        shown = len(self.index) if mask is None else int(mask.sum())
        self.count_label.setText(f"{shown:,} of {len(self.index):,} events shown")
        self._reselect_in_list()

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def selected_event(self):
        if self.index is None or self.canvas.selected < 0:
            return None
        return self.index.events[self.canvas.selected]

    def _canvas_selected(self, position: int) -> None:
        event = self.index.events[position] if position >= 0 and self.index is not None else None
        category = self.shown.chronology.categories.get(event.category) if event else None
        self.detail.show_event(event, category, os.path.basename(self.path) if is_editable(self.path) else "",
                               os.path.dirname(os.path.abspath(self.path)) if self.path else "")
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

    def _list_row_activated(self, _index) -> None:
        """Double click or Enter on a row: edit the event where the file may be written, else zoom to it."""
        if self.canvas.selected < 0:
            return
        if is_editable(self.path):
            self.edit_selected()
        else:
            self.canvas.zoom_to(self.canvas.selected)

    def _list_row_changed(self, current, _previous) -> None:
        if self._syncing or not current.isValid():
            return
        self._syncing = True
        try:
            self.canvas.select(self.list_model.position_at(current.row()))
        finally:
            self._syncing = False

    def _centre_on(self, seconds: float) -> None:
        view = self.canvas.view
        self.canvas.set_view(Viewport(seconds - view.seconds_per_pixel * self.canvas.width() / 2, view.seconds_per_pixel))


def _splitter(orientation, name: str, *parts: tuple[QWidget, int]) -> QSplitter:
    """A splitter named for QSettings, holding (widget, stretch) parts."""
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    for number, (widget, stretch) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(number, stretch)
    return splitter
