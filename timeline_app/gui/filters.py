"""What to show: search, category legend, tag and date-range filters, combined into one mask."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ..chronology.date_forms import parse_date
from ..chronology.dates import DateError
from ..chronology.search import SearchIndex
from ..chronology.timeline_index import TimelineIndex

INVALID_STYLE = "border: 1px solid #c0392b"
SEARCH_PAUSE_FROM_EVENTS = 200_000  # from here a search waits for the typing to pause
SEARCH_PAUSE_MS = 180


class SearchField(QLineEdit):
    """Search box; Escape clears it."""

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class Filters(QObject):
    """The filter widgets and the mask they make; `changed` fires once per burst of edits."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.index: TimelineIndex | None = None
        self.search_index: SearchIndex | None = None
        self.date_order: str | None = None
        self._tag_masks: dict[tuple, np.ndarray] = {}
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.changed)

        self.search_field = SearchField(objectName="searchField", clearButtonEnabled=True)
        self.search_field.setPlaceholderText("Search titles, descriptions, tags, sources…  (Ctrl+F)")
        self.search_field.textChanged.connect(self._typed)

        self.legend = QWidget()
        self.legend.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # may clip, never widens the window
        self.legend_layout = QHBoxLayout(self.legend)
        self.legend_layout.setContentsMargins(0, 0, 0, 0)
        self.legend_layout.setSpacing(4)
        self.category_buttons: dict[str, QToolButton] = {}

        self.tag_filter = QComboBox(objectName="tagFilter", toolTip="Show only events with this tag")
        self.tag_filter.setMinimumContentsLength(8)
        self.tag_filter.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.tag_filter.currentIndexChanged.connect(self.schedule)
        self.from_field, self.to_field = QLineEdit(), QLineEdit()
        for field, name, hint in ((self.from_field, "fromDate", "from"), (self.to_field, "toDate", "to")):
            field.setObjectName(name)
            field.setPlaceholderText(f"{hint} date")
            field.setToolTip("A date such as 2014, June 2014 or 2014-06-25")
            field.setMaximumWidth(110)
            field.textChanged.connect(self.schedule)
        self.row = QWidget()
        row_layout = QHBoxLayout(self.row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.tag_filter, 1)
        row_layout.addWidget(self.from_field)
        row_layout.addWidget(QLabel("–"))
        row_layout.addWidget(self.to_field)

    def schedule(self, *_args) -> None:
        self._timer.start(0)

    def _typed(self, *_args) -> None:
        """A search of a large chronology waits for a pause in the typing: each one holds the
        window a quarter of a second at a million events, and a word typed letter by letter
        would run it for every letter."""
        large = self.index is not None and len(self.index.events) >= SEARCH_PAUSE_FROM_EVENTS
        self._timer.start(SEARCH_PAUSE_MS if large and self.search_field.text() else 0)  # (cleared: at once)

    def set_index(self, index: TimelineIndex, date_order: str | None) -> None:
        """New data: one legend button per lane, keeping what the user had hidden."""
        self.index, self.date_order, self.search_index = index, date_order, None
        self._tag_masks.clear()
        hidden = {cid for cid, button in self.category_buttons.items() if not button.isChecked()}
        while self.legend_layout.count():
            widget = self.legend_layout.takeAt(0).widget()
            if widget:
                widget.deleteLater()
        self.category_buttons = {}
        for lane_id, label, color in zip(index.lane_ids, index.lane_labels, index.lane_colors):
            button = QToolButton(text=label.replace("&", "&&"), checkable=True, icon=_swatches(QColor(color)))
            button.setChecked(lane_id not in hidden)
            button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
            button.setToolTip(f"Show or hide “{label}”")
            button.setAutoRaise(True)
            button.toggled.connect(lambda _on, b=button: _show_state(b))
            _show_state(button)
            button.setObjectName(f"category:{lane_id}")
            button.toggled.connect(self.schedule)
            self.legend_layout.addWidget(button)
            self.category_buttons[lane_id] = button
        self.legend_layout.addStretch(1)

    def set_search_index(self, search: SearchIndex) -> None:
        """The search index is ready: enable searching and offer the tags, most used first."""
        self.search_index = search
        current = self.tag_filter.currentData()
        counts = self.index.tag_counts
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        self.tag_filter.setItemData(0, "Show events with any tag", Qt.ToolTipRole)
        for tag in sorted(counts, key=lambda t: (-counts[t], t.casefold()))[:500]:
            self.tag_filter.addItem(f"{tag} ({counts[tag]})", tag)
        self.tag_filter.setCurrentIndex(max(self.tag_filter.findData(current), 0))
        self.tag_filter.blockSignals(False)

    def mask(self) -> np.ndarray | None:
        """Which events pass search, category, tag and date filters (None: all)."""
        if self.index is None:
            return None
        mask = self.search_index.matches(self.search_field.text()) if self.search_index else None
        hidden = [lane for lane, cid in enumerate(self.index.lane_ids) if not self.category_buttons[cid].isChecked()]
        if hidden:
            mask = _both(mask, ~np.isin(self.index.lanes, hidden))
        tag = self.tag_filter.currentData()
        if tag:
            mask = _both(mask, self._tag_mask(tag))
        for field, is_from in ((self.from_field, True), (self.to_field, False)):
            text = field.text().strip()
            field.setStyleSheet("")
            if not text:
                continue
            try:
                date = parse_date(text, self.date_order)
            except DateError as error:
                field.setStyleSheet(INVALID_STYLE)
                field.setToolTip(str(error))
                continue
            mask = _both(mask, self.index.ends > date.seconds() if is_from else self.index.starts < date.end_seconds())
        return mask

    def _tag_mask(self, tag: str) -> np.ndarray:
        key = (id(self.index), tag)
        if key not in self._tag_masks:
            self._tag_masks.clear()
            events = self.index.events
            self._tag_masks[key] = np.fromiter((tag in event.tags for event in events), np.bool_, len(events))
        return self._tag_masks[key]


def _both(mask: np.ndarray | None, keep: np.ndarray) -> np.ndarray:
    return keep if mask is None else mask & keep


def _show_state(button: QToolButton) -> None:
    """Shown: a filled swatch, the name as it is. Hidden: a hollow swatch, the name dimmed and
    struck through. (Qt's own look drew the shown ones pressed and grey, the hidden one raised.)"""
    font = button.font()
    font.setStrikeOut(not button.isChecked())
    button.setFont(font)
    button.setForegroundRole(QPalette.ButtonText if button.isChecked() else QPalette.PlaceholderText)
    button.setDown(False)


def _swatches(color: QColor) -> QIcon:
    filled, hollow = QPixmap(12, 12), QPixmap(12, 12)
    filled.fill(color)
    hollow.fill(Qt.transparent)
    from PySide6.QtGui import QPainter, QPen

    painter = QPainter(hollow)
    painter.setPen(QPen(color, 2))
    painter.drawRect(1, 1, 10, 10)
    painter.end()
    icon = QIcon()
    icon.addPixmap(filled, QIcon.Normal, QIcon.On)
    icon.addPixmap(hollow, QIcon.Normal, QIcon.Off)
    return icon
