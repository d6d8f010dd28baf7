"""The timeline itself: one custom-painted widget that draws only what is visible.

Layout is computed by `layout.lay_out` and `time_axis.axis_layout`; this widget
turns it into pixels and mouse/keyboard input into view changes. The expensive
part of a frame is cached as a pixmap, so hover and selection repaint in well
under a millisecond.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QEasingCurve, QEvent, QPointF, QRectF, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEngine,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QStaticText,
    QTextLayout,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QToolTip, QWidget

from ..chronology.date_shift import (
    END,
    MOVE,
    START,
    dragged_dates,
    stepped_dates,
    why_not_draggable,
    why_not_moved_whole,
)
from ..chronology.date_text import describe_event_date, describe_range
from ..chronology.dates import PartialDate
from ..chronology.model import Chronology
from ..chronology.timeline_index import TimelineIndex
from ..geometry.lane_sizing import PROBE_ROWS, rows_needed
from ..geometry.layout import (
    MARKER_WIDTH,
    Cluster,
    PlacedEvent,
    TimelineLayout,
    lay_out,
)
from ..geometry.rail_runs import merged_runs
from ..geometry.time_axis import axis_layout, major_labels, minor_labels
from ..geometry.title_wrap import split_title, wrapped_title_width
from ..geometry.viewport import Viewport
from . import marks
from .bars import BarLooks
from .dot_stamps import DotStamps
from .colors import blend, blend_parts, parts
from .hairlines import upright_hairlines

AXIS_HEIGHT = 42.0
ERA_STRIP = 18.0
LANE_HEADER = 18.0
COMPACT_LANE_HEADER = 15.0
RAIL_HEIGHT = 10.0  # markers that found no free row, drawn small under the rows
ROW_HEIGHT = 22.0
COMPACT_ROW_HEIGHT = 18.0  # when titles would not all fit: still a line of text with room around it
MAX_LABEL_WIDTH = 560.0  # a title may use the free space to its right, up to this
LABEL_PAD = 2.0  # px a title's measured width holds beyond its advance
WHEEL_ZOOM_PER_NOTCH = 1.25
MOST_TEXTS_KEPT = 30_000  # shaped titles and counts kept between frames (0.7 KB each: 7 MB for 10,000 titles)
# what drawText turns into spaces, breaks a line at, or ends a text at (Qt's separator of length variants)
_LAID_OUT_OTHERWISE = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\x9c\u2028\u2029]")
LANE_CHANGE_FADE_MS = 160  # lanes that grow or shrink in place (a filter, a fold) cross-fade, never jump
LANES_TOP = AXIS_HEIGHT + ERA_STRIP  # lanes scroll under the axis and the era titles
EDGE = 4.0  # px kept clear at the right: the focus frame is drawn there, and no title runs under it
END_GRIP = 6.0  # px at each end of a span's bar that resize it instead of moving it


def _line_height(text: str, font: QFont) -> float:
    """The height drawText centres `text` by: its line's, which a script drawn from a fallback
    font may make taller than `font`'s own."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.height()


MEASURED_WHEN_IDLE = 200_000  # files of more events measure their titles only as they come into view (9-12 µs a title)
SHAPED_AHEAD = 20_000  # files of more events shape their titles as they come into view (30 µs each)


class _Shaped(NamedTuple):
    """A text shaped once for drawing (`TimelineCanvas._shaped`), with what placing it needs."""

    text: QStaticText
    advance: float
    width: float
    height: float


@dataclass(slots=True)
class EventDrag:
    """The selected event being dragged: which part, from where, and the dates it would get."""

    position: int
    part: str  # MOVE, START or END
    origin_x: float
    placed: PlacedEvent
    refused: str | None  # why its dates cannot be dragged, said once the mouse moves
    dates: tuple[PartialDate, PartialDate | None] | None = None


def era_strength(base: QColor) -> float:
    """How much of an era's colour shows over the ground: pastel bands on a light ground, but
    only a tint on a dark one (at 45% they turned muddy and text on them fell to 3.5:1)."""
    return 0.45 if base.lightness() > 128 else 0.14


class TimelineCanvas(QWidget):
    """Lanes of events over a time axis; wheel zooms around the cursor, Shift+wheel pans."""

    selection_changed = Signal(int)  # position in the index, -1 for none
    dates_dragged = Signal(int, object, object)  # position, new start, new end (None for a point)
    drag_refused = Signal(str)  # why the selected event's dates cannot be dragged
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 200)
        self.setAccessibleName("Timeline")
        self.index: TimelineIndex | None = None
        self.chronology: Chronology | None = None
        self.mask: np.ndarray | None = None
        self.view = Viewport(0.0, 86400.0)
        self.selected = -1
        self.hovered = -1
        self.layout_result = TimelineLayout()
        self._lookup_of: TimelineLayout | None = None
        self._lookup_cache: tuple[dict, dict] = ({}, {})
        self._geometry: list[tuple[float, float, int]] = []
        self._cache: QPixmap | None = None
        self._cache_key: tuple | None = None
        self._drag_origin: QPointF | None = None
        self._drag_view: Viewport | None = None
        self._dragged = False
        self._drag_scroll = 0.0
        self.editable = False  # the window allows dragging an event's dates only in a file it may write
        self._event_drag: EventDrag | None = None
        self._label_widths = np.empty(0)  # each title's measured width by position (2 px and more), 0 until measured
        self._wrapped_widths: dict[int, float] = {}
        self._fitted_once = False
        self._auto_fit = True  # until the user zooms or pans, resizing keeps everything in view
        self.fixed_rows: list[int] | None = None  # exports: each lane as tall as its rows need, no cap
        self._lane_rows: list[int] = []
        self._lane_rails: list[bool] = []  # which lanes keep a rail for the events their rows cannot hold
        self.collapsed: set[str] = set()  # lane ids the reader folded to one summary row (kept across reloads)
        self._summary_lanes: frozenset[int] = frozenset()  # those lanes, by position, with events in view
        self.scroll_y = 0.0  # how far the lanes are scrolled up under the fixed axis
        self.content_height = 0.0
        self._painted_key: tuple | None = None
        self._probe = TimelineLayout()
        self._crowded_parts: dict = {}
        self._fading_from: QPixmap | None = None  # the picture before lanes changed size, fading out
        self._fade = QVariantAnimation(self, startValue=1.0, endValue=0.0, duration=LANE_CHANGE_FADE_MS)
        self._fade.setEasingCurve(QEasingCurve.OutCubic)
        self._fade.valueChanged.connect(self.update)
        self._fade.finished.connect(self._fade_done)
        # beside the canvas, not on it (the window lays it out): a child would be repainted with
        # every frame of the canvas, tripling the cost of a hover
        self.vertical_bar = QScrollBar(Qt.Vertical)
        self.vertical_bar.hide()
        self.vertical_bar.valueChanged.connect(self._scrolled)
        self.row_height = ROW_HEIGHT
        self.lane_header = LANE_HEADER
        self.placeholder = "No chronology loaded"
        self.show_grid = True
        self._font = QFont(self.font())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._small = QFont(self._font)
        self._small.setPointSizeF(max(7.0, self._font.pointSizeF() * 0.85))
        self._small_bold = QFont(self._small)
        self._small_bold.setBold(True)
        self._metrics = QFontMetricsF(self._font)
        self._shaped_texts: dict[tuple[str, str], _Shaped] = {}  # titles and counts, shaped once (`_shaped`)
        self._bar_looks = BarLooks()  # bars' pens, brushes and hatch tiles, kept between frames
        self._dot_stamps = DotStamps()  # point markers drawn once a look and place, then copied
        self.stamp_dots = True
        self._ascii_heights: dict[str, float | None] = {}  # by font key (`_ascii_height`)
        self._drawn_once: set[tuple[str, str]] = set()  # ASCII texts drawn once, not yet shaped (`_shaped_if_seen`)
        self._count_advances: dict[str, dict[str, float]] = {}  # by font key: each count's advance, as drawn
        self._cluster_fills: tuple[tuple, dict] = ((), {})  # (the colours they were blended from, fills by lane and count)
        self.shape_text = True  # (`_shapes_text`; tests draw both ways)

    # --- data and state ---------------------------------------------------------------

    def set_data(self, chronology: Chronology, index: TimelineIndex, keep_view: bool = False) -> None:
        self.chronology, self.index = chronology, index
        self.mask = None
        self._label_widths = np.zeros(len(index))  # (zeros: memory the system hands over as it is written, not at once)
        self._wrapped_widths.clear()
        self._shaped_texts.clear()
        self._drawn_once.clear()
        self.selected = self.hovered = -1
        if not keep_view or not self._fitted_once or self._auto_fit:
            self.fit_all()
        self._invalidate()

    def set_mask(self, mask: np.ndarray | None) -> None:
        """Show only events where `mask` is true (search and filters); None shows all."""
        self.mask = mask
        if self.selected >= 0 and mask is not None and not mask[self.selected]:
            self.select(-1)
        self._invalidate()

    def select(self, position: int, ensure_visible: bool = True) -> None:
        if position == self.selected:
            return
        self.selected = position
        if position >= 0 and ensure_visible and self.index is not None:
            self.ensure_visible(position)
        self.update()
        self.selection_changed.emit(position)

    def ensure_visible(self, position: int) -> None:
        """Bring the event into view: across, by centring on it if need be; then down, by scrolling
        its row into sight in the layout of the view it is shown in (revealed in the last paint's,
        of a view since changed, the event had landed below the fold)."""
        start, end = float(self.index.starts[position]), float(self.index.ends[position])
        width = self.width()
        left, right = self.view.left, self.view.right(width)
        if not left <= start <= right - 0.15 * (right - left):
            centre = (start + min(end, start + 0.5 * (right - left))) / 2
            self.set_view(Viewport(centre - self.view.seconds_per_pixel * width / 2, self.view.seconds_per_pixel))
        self.layout_result = self.compute_layout()  # (the last paint's may be of another view or size)
        self._reveal_lane_of(position)

    @property
    def auto_fit(self) -> bool:
        """True while the view is the fitted one the user has not zoomed or panned away from."""
        return self._auto_fit

    def set_placeholder(self, text: str) -> None:
        """What an empty canvas says (loading…, or why nothing is shown)."""
        self.placeholder = text
        self._invalidate()

    def set_grid(self, shown: bool) -> None:
        self.show_grid = shown
        self._invalidate()

    def set_view(self, view: Viewport) -> None:
        if view != self.view:
            self.view = view
            self._auto_fit = False
            self._invalidate()
            self.view_changed.emit()

    def fit_all(self) -> None:
        if self.index is None or not len(self.index):
            return
        start, end = self.index.extent()
        self._fitted_once = self.width() > 0
        self.set_view(Viewport.fitting(start, end, max(self.width(), 100), right_pad=min(180.0, self.width() * 0.15)))
        self._auto_fit = True

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        anchor = self.width() / 2 if anchor_x is None else anchor_x
        self.set_view(self.view.zoomed(factor, anchor))

    def pan(self, dx: float) -> None:
        self.set_view(self.view.panned(dx))

    def zoom_to(self, position: int) -> None:
        start, end = float(self.index.starts[position]), float(self.index.ends[position])
        span = max(end - start, 3600.0)
        self.set_view(Viewport.fitting(start - span, end + span, max(self.width(), 100), margin=0.05))

    def step(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) shown event in time order."""
        if self.index is None or not len(self.index):
            return
        shown = np.flatnonzero(self.mask) if self.mask is not None else None
        count = len(shown) if shown is not None else len(self.index)
        if not count:
            return
        if self.selected < 0:
            centre = self.view.time_at(self.width() / 2)
            rank = int(np.searchsorted(self.index.starts if shown is None else self.index.starts[shown], centre))
            rank = min(max(rank if direction > 0 else rank - 1, 0), count - 1)
        else:
            current = self.selected if shown is None else int(np.searchsorted(shown, self.selected))
            rank = min(max(current + direction, 0), count - 1)
        self.select(int(rank if shown is None else shown[rank]))

    def _invalidate(self) -> None:
        self._cache_key = None
        self.update()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A new palette (the desktop switched to dark, say) or font: the cached picture is stale."""
        if event.type() in (QEvent.PaletteChange, QEvent.FontChange, QEvent.StyleChange):
            if event.type() == QEvent.FontChange:
                self._shaped_texts.clear()
                self._drawn_once.clear()
            self._invalidate()
        super().changeEvent(event)

    # --- geometry ---------------------------------------------------------------------

    def lane_geometry(self) -> list[tuple[float, float, int]]:
        """(top, height, rows) of each lane: as many rows as it was given (`_lane_rows`), none and
        no height for a lane with nothing to show, so quiet and hidden lanes give their room away."""
        if self.index is None or not self.index.lane_ids:
            return []
        rows_of = self.fixed_rows if self.fixed_rows is not None else self._lane_rows
        if len(rows_of) != len(self.index.lane_ids):
            rows_of = [1] * len(self.index.lane_ids)
        rails = self._lane_rails if len(self._lane_rails) == len(rows_of) and self.fixed_rows is None else [True] * len(rows_of)
        summary = self._summary_lanes if self.fixed_rows is None else frozenset()
        scroll = self.scroll_y if self.fixed_rows is None else 0.0
        geometry, top = [], LANES_TOP - scroll
        for lane, (rows, rail) in enumerate(zip(rows_of, rails)):
            shown = rows or lane in summary
            height = self.lane_header + rows * self.row_height + (RAIL_HEIGHT if rail else 0) + 4 if shown else 0.0
            geometry.append((top, height, rows))
            top += height
        self.content_height = top + scroll
        return geometry

    def _rows_for_lanes(self) -> list[int]:
        """Rows each lane needs at this zoom (a first layout with rows to spare); a folded lane
        needs none (its summary rides on its rail)."""
        count = len(self.index.lane_ids)
        # a lane whose markers alone fill its rows needs them all: it is laid out once it is known
        # to be in sight (`compute_layout`), its titles unmeasured until then
        self._crowded_parts = {}  # (what the probe worked out of each lane it left out as crowded: `compute_layout` takes it)
        probe = self._probe = self._laid_out([PROBE_ROWS] * count, unless_crowded=range(count),
                                             crowded_parts=self._crowded_parts)
        needs = rows_needed(probe, count)
        if self.fixed_rows is not None:
            self._summary_lanes = frozenset()
            return needs
        self._summary_lanes = frozenset(lane for lane, need in enumerate(needs)
                                        if need and self.index.lane_ids[lane] in self.collapsed)
        needs = [0 if lane in self._summary_lanes else need for lane, need in enumerate(needs)]
        shown = sum(1 for need in needs if need) + len(self._summary_lanes)
        summaries = len(self._summary_lanes) * RAIL_HEIGHT
        roomy = self.height() - LANES_TOP - 4 - shown * (LANE_HEADER + 4) - summaries >= sum(needs) * ROW_HEIGHT
        # when titles would not all fit, tighter rows and headers: a line of text still has room around it
        self.row_height, self.lane_header = (ROW_HEIGHT, LANE_HEADER) if roomy else (COMPACT_ROW_HEIGHT, COMPACT_LANE_HEADER)
        # every lane takes the rows its titles need; when they do not all fit the canvas scrolls
        # (a lane that would need more than PROBE_ROWS keeps a rail for the rest)
        self._lane_rails = [lane in self._summary_lanes or need >= PROBE_ROWS for lane, need in enumerate(needs)]
        return needs

    def _label_width(self, position: int) -> float:
        width = self._label_widths[position]
        if not width:  # not measured yet
            width = self._label_widths[position] = self._measured_label(position)
        return float(width)

    def shaping_steps(self, batch: int = 100):
        """Every title shaped ahead for drawing on one line, a batch a step (for the idle moments
        once a file is searchable), in files of up to `SHAPED_AHEAD` events: a zoom from the
        whole of 10,000 events met a hundred titles a frame never drawn before, and shaping
        them was half of each of its slowest frames."""
        index = self.index
        if index is None or len(index) > SHAPED_AHEAD or not self.shape_text:
            return
        font, font_key, metrics, events = self._font, self._font.key(), self._metrics, index.events
        widths = self._label_widths
        for first in range(0, len(events), batch):
            if self.index is not index or self._font.key() != font_key:
                return  # another file, or another font, since: its titles are shaped as they are drawn
            for position in range(first, min(first + batch, len(events))):
                measured = float(widths[position])
                self._shaped(events[position].title, font, font_key, metrics,
                             measured - LABEL_PAD if 0 < measured < MAX_LABEL_WIDTH else None)
            yield

    def _label_widths_of(self, positions: np.ndarray) -> np.ndarray:
        """`_label_width` of many events at once (a frame of a large file lays out thousands)."""
        widths = self._label_widths[positions]
        for at in np.flatnonzero(widths == 0).tolist():
            position = int(positions[at])
            widths[at] = self._label_widths[position] = self._measured_label(position)
        return widths

    def measuring_steps(self, batch: int = 500, most: int = MEASURED_WHEN_IDLE):
        """Every title's width measured ahead, a batch a step (for the idle moments after a load),
        in files of up to `most` events: the first zooms into 10,000 events met 250 titles a
        frame never measured (9 µs each), and were its slowest frames; into 100,000, 800."""
        widths = self._label_widths
        if len(widths) > most:
            return
        for first in range(0, len(widths), batch):
            if widths is not self._label_widths:
                return  # another file (or a reload) since: its own widths are measured as needed
            self._label_widths_of(np.arange(first, min(first + batch, len(widths))))
            yield

    def _measured_label(self, position: int) -> float:
        return min(MAX_LABEL_WIDTH, self._metrics.horizontalAdvance(self.index.events[position].title) + LABEL_PAD)

    def _wrapped_width(self, position: int) -> float:
        """A title's width on two lines, broken at the space that makes the longer line shortest."""
        width = self._wrapped_widths.get(position)
        if width is None:
            width = min(MAX_LABEL_WIDTH, wrapped_title_width(self.index.events[position].title, self._metrics.horizontalAdvance) + 2)
            self._wrapped_widths[position] = width
        return width

    def compute_layout(self) -> TimelineLayout:
        if self.index is None:
            return TimelineLayout()
        self._lane_rows = self._rows_for_lanes()
        self.lane_geometry()
        self._sync_vertical_bar()
        geometry = self._geometry = self.lane_geometry()  # again: the scroll may have been clamped
        rows = [rows for _, _, rows in geometry]
        if self.fixed_rows is None and not self._summary_lanes:
            # each lane was given the rows the probe used: it is the layout (half the work), with
            # the crowded lanes in sight laid out now (those out of sight need no more than their rows)
            probe = self._probe
            missing = [lane for lane in probe.crowded if self._lane_in_sight(geometry[lane])]
            if not missing:
                return probe
            more = self._laid_out(rows, lanes=frozenset(missing), crowded_parts=self._crowded_parts)
            by_lane = attrgetter("lane")  # (each lane's items in their order, lanes in theirs: the draw order)
            return TimelineLayout(sorted(probe.placed + more.placed, key=by_lane),
                                  sorted(probe.clusters + more.clusters, key=by_lane), probe.crowded - set(missing))
        return self._laid_out(rows, summary_lanes=self._summary_lanes)

    def _laid_out(self, rows: list[int], **options) -> TimelineLayout:
        """`lay_out` of this canvas's events, view, width, titles and filter, each lane given `rows`
        (`options`: which lanes, the folded ones, the ones left out if crowded)."""
        return lay_out(self.index, self.view, self.width() - EDGE, rows, self._label_width, self.mask,
                       wrapped_width=self._wrapped_width, long_label=MAX_LABEL_WIDTH,
                       label_widths=self._label_widths_of, **options)

    def _lane_in_sight(self, lane_geometry: tuple[float, float, int]) -> bool:
        """Whether any of a lane (top, height, rows) is in sight (rows just above the lanes included:
        a two-line title from one reaches down); `_paint_events` draws only such lanes."""
        top, height, _ = lane_geometry
        return bool(height) and top + height >= LANES_TOP - 2 * self.row_height and top <= self.height()

    # --- vertical scrolling and collapsed lanes ---------------------------------------------

    def _sync_vertical_bar(self) -> None:
        """Show the scroll bar only when the lanes are taller than the canvas; keep the scroll in range."""
        visible = max(1.0, self.height() - LANES_TOP)
        hidden = max(0.0, self.content_height - LANES_TOP - visible + 4)
        self.scroll_y = min(max(self.scroll_y, 0.0), hidden)
        bar = self.vertical_bar
        bar.blockSignals(True)
        bar.setRange(0, int(math.ceil(hidden)))
        bar.setPageStep(int(visible))
        bar.setSingleStep(int(self.row_height))
        bar.setValue(int(self.scroll_y))
        bar.blockSignals(False)
        wanted = hidden > 0 and self.fixed_rows is None and bar.parentWidget() is not None
        if wanted != bar.isVisible():  # after this paint: showing it narrows the canvas, which lays out again
            QTimer.singleShot(0, bar, lambda: bar.setVisible(wanted))  # (not after the bar is gone)

    def _reveal_lane_of(self, position: int) -> None:
        """Scroll so the event's row is in view (or, not laid out yet, its lane's top): also before
        the scroll bar has come up (it is shown after the paint that finds the lanes too tall, and
        a selection made as a file opens, or reopens with an event just added, comes first)."""
        if self.fixed_rows is not None or self.vertical_bar.parentWidget() is None:
            return
        placed = self.placed_of(position)
        lane = int(self.index.lanes[position])
        if placed is None and lane in self.layout_result.crowded and lane < len(self._geometry):
            # (a crowded lane out of sight was not laid out: where in it the event stands)
            rows = [rows if number == lane else 0 for number, (_, _, rows) in enumerate(self._geometry)]
            alone = self._laid_out(rows, lanes=(lane,))
            placed = next((item for item in alone.placed if item.position == position), None)
        if placed is not None and self._geometry:
            rect = self.event_rect(placed)
            top, bottom = rect.top() - 4, rect.bottom() + 4
        elif self._geometry and 0 <= self.index.lanes[position] < len(self._geometry):
            lane_top, lane_height, _ = self._geometry[int(self.index.lanes[position])]
            top, bottom = lane_top, lane_top + min(lane_height, self.height() - LANES_TOP)
        else:
            return
        if top < LANES_TOP:
            self._scroll_to(self.scroll_y + top - LANES_TOP)
        elif bottom > self.height():
            self._scroll_to(self.scroll_y + bottom - self.height())

    def _scroll_to(self, scroll: float) -> None:
        """Scroll the lanes to `scroll` (kept within their height), with or without the bar in sight."""
        self.scroll_y = scroll
        self._sync_vertical_bar()
        self._geometry = self.lane_geometry()  # (where the rows now stand, for the next question before a paint)
        self._invalidate()

    def _scrolled(self, value: int) -> None:
        self.scroll_y = float(value)
        self._invalidate()

    def scroll_lanes(self, pixels: float) -> None:
        """Move the lanes up (positive) or down under the axis, within their height."""
        if self.vertical_bar.isVisible():
            self.vertical_bar.setValue(int(self.scroll_y + pixels))

    def toggle_lane(self, lane: int) -> None:
        """Fold a lane to one summary row of markers, or open it again (a click on its header)."""
        lane_id = self.index.lane_ids[lane]
        self.collapsed ^= {lane_id}
        self._invalidate()

    def lane_header_at(self, point: QPointF) -> int:
        """The lane whose header is under `point`, or -1."""
        if point.y() < LANES_TOP:
            return -1
        for lane, (top, height, _) in enumerate(self._geometry):
            if height and top <= point.y() < top + self.lane_header:
                return lane
        return -1

    def event_rect(self, placed: PlacedEvent) -> QRectF:
        return QRectF(*self._event_box(placed))

    def _event_box(self, placed: PlacedEvent) -> tuple[float, float, float, float]:
        """The event's rect as numbers (`_box`): a point's marker is MARKER_WIDTH wide."""
        return self._box(placed.lane, placed.row, placed.x0, max(placed.x1, placed.x0 + MARKER_WIDTH))

    def cluster_rect(self, cluster: Cluster) -> QRectF:
        return QRectF(*self._box(cluster.lane, cluster.row, cluster.x0, cluster.x1))

    def _box(self, lane: int, row: int, x0: float, x1: float) -> tuple[float, float, float, float]:
        """The rect (left, top, width, height) of an event or a cluster from x0 to x1 in `row` of
        `lane` (-1: its rail), as numbers, for a frame to cull with before it makes a QRectF
        (making one and asking its top took 3.6 µs an event)."""
        top, _, rows = self._geometry[lane]
        if row < 0:
            return x0, top + self.lane_header + rows * self.row_height + 1, x1 - x0, RAIL_HEIGHT - 2
        return x0, top + self.lane_header + row * self.row_height + 2, x1 - x0, self.row_height - 4

    def item_at(self, point: QPointF) -> PlacedEvent | Cluster | None:
        if point.y() < LANES_TOP:
            return None  # the axis and era titles, over any lane scrolled under them
        _, by_row = self._lookup()
        for lane, (top, height, _) in enumerate(self._geometry):
            if not top <= point.y() < top + height:
                continue
            row = int((point.y() - top - self.lane_header) // self.row_height)
            near = sorted(item for r in (row - 1, row, row + 1, -1) for item in by_row.get((lane, r), ()))
            for _, placed in reversed(near):  # the last drawn is on top
                rect = self.event_rect(placed)
                if placed.label_width:
                    tall = rect.height() + (placed.label_lines - 1) * self.row_height
                    rect = rect.united(QRectF(placed.label_x, rect.top(), placed.label_width, tall))
                if rect.adjusted(-2, -2, 2, 2).contains(point):
                    return placed
        for cluster in self.layout_result.clusters:
            if self.cluster_rect(cluster).contains(point):
                return cluster
        return None

    def placed_of(self, position: int) -> PlacedEvent | None:
        """Where an event is drawn, if it is."""
        return self._lookup()[0].get(position)

    def _lookup(self) -> tuple[dict, dict]:
        """The drawn events by position, and (draw order, event) by (lane, row), made once per
        layout: hover and clicks look at a handful instead of scanning thousands."""
        if self._lookup_of is not self.layout_result:
            by_position, by_row = {}, {}
            for order, placed in enumerate(self.layout_result.placed):
                by_position[placed.position] = placed
                by_row.setdefault((placed.lane, placed.row), []).append((order, placed))
            self._lookup_cache, self._lookup_of = (by_position, by_row), self.layout_result
        return self._lookup_cache

    def sizeHint(self) -> QSize:
        return QSize(1000, 520)

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        key = (self.view, self.width(), self.height(), id(self.index), id(self.mask), self.devicePixelRatioF(), self.show_grid)
        if self._cache is None or self._cache_key != key:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            rows_before, geometry_before = list(self._lane_rows), [height for _, height, _ in self._geometry]
            painter = QPainter(pixmap)
            try:
                self._paint_static(painter)
            finally:
                painter.end()
            self._start_fade_if_lanes_resized(key, rows_before, geometry_before)
            self._cache, self._cache_key, self._painted_key = pixmap, key, key
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, self._cache)
            if self._fading_from is not None:
                painter.setOpacity(float(self._fade.currentValue()))
                painter.drawPixmap(0, 0, self._fading_from)
                painter.setOpacity(1.0)
            self._paint_overlay(painter)
        finally:
            painter.end()

    def _start_fade_if_lanes_resized(self, key: tuple, rows_before: list[int], heights_before: list[float]) -> None:
        """Lanes that change size where the reader is looking (same view, same canvas) fade from the
        old picture to the new one; a zoom or a pan moves everything and needs no fade."""
        before = self._painted_key  # (the cache key itself is cleared when something changes)
        same_place = before is not None and before[:4] == key[:4]  # same view, size and data
        resized = rows_before != self._lane_rows or heights_before != [height for _, height, _ in self._geometry]
        if same_place and resized and self._cache is not None and self.isVisible():
            self._fading_from = self._cache
            self._fade.stop()
            self._fade.start()

    def _fade_done(self) -> None:
        self._fading_from = None
        self.update()

    def _colors(self) -> dict[str, QColor]:
        palette = self.palette()
        return {
            "base": palette.color(QPalette.Base),
            "text": palette.color(QPalette.Text),
            "dim": palette.color(QPalette.PlaceholderText),
            "grid": blend(palette.color(QPalette.Text), palette.color(QPalette.Base), 0.10),
            "axis": palette.color(QPalette.AlternateBase),
            "highlight": palette.color(QPalette.Highlight),
        }

    def paint_timeline(self, painter: QPainter) -> None:
        """Everything but hover, selection and focus: what exports and printing draw."""
        self._paint_static(painter)

    def _paint_static(self, painter: QPainter) -> None:
        colors = self._colors()
        width, height = float(self.width()), float(self.height())
        painter.fillRect(QRectF(0, 0, width, height), colors["base"])
        painter.setRenderHint(QPainter.Antialiasing, True)
        if self.index is None or not len(self.index):
            painter.setPen(colors["dim"])
            text = self.placeholder if self.index is None else (
                "No events yet.\n\nAdd one with File > Add Event… (Ctrl+N),\n"
                "or write it in your editor: every save shows up here.")
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignCenter, text)
            return
        self._paint_eras(painter, colors, width, height)
        self._paint_axis(painter, colors, width, height)
        self._paint_era_titles(painter, colors, width, height)
        self.layout_result = self.compute_layout()
        painter.save()
        painter.setClipRect(QRectF(0, LANES_TOP, width, height - LANES_TOP))  # scrolled lanes pass under the axis
        self._paint_lanes(painter, colors, width)
        self._paint_clusters(painter, colors)
        self._paint_events(painter, colors)
        painter.restore()

    def _paint_eras(self, painter: QPainter, colors: dict, width: float, height: float) -> None:
        """The eras' bands, under everything."""
        for _, rect, ground in self._era_bands(colors, width, height):
            painter.fillRect(rect, ground)

    def _paint_era_titles(self, painter: QPainter, colors: dict, width: float, height: float) -> None:
        """The eras' titles, over the gridlines, each on its own band's colour so no line crosses them."""
        painter.setFont(self._small)
        metrics = QFontMetricsF(self._small)
        for era, rect, ground in self._era_bands(colors, width, height):
            title_rect = QRectF(rect.left() + 4, AXIS_HEIGHT + 1, max(rect.width() - 8, 0), ERA_STRIP - 2)
            elided = metrics.elidedText(era.title, Qt.ElideRight, title_rect.width())
            painter.fillRect(QRectF(title_rect.left() - 2, title_rect.top(), metrics.horizontalAdvance(elided) + 4,
                                    title_rect.height()), ground)
            painter.setPen(colors["text"])
            painter.drawText(title_rect, Qt.AlignLeft | Qt.AlignVCenter, elided)

    def _era_bands(self, colors: dict, width: float, height: float):
        for era in self.chronology.eras if self.chronology else []:
            x0, x1 = self.view.x_of(era.start.seconds()), self.view.x_of(era.end.end_seconds())
            if x1 < 0 or x0 > width:
                continue
            rect = QRectF(max(x0, -1), AXIS_HEIGHT, min(x1, width + 1) - max(x0, -1), height - AXIS_HEIGHT)
            yield era, rect, blend(QColor(era.color or "#dddddd"), colors["base"], era_strength(colors["base"]))

    def _paint_axis(self, painter: QPainter, colors: dict, width: float, height: float) -> None:
        axis = axis_layout(self.view.left, self.view.right(width), self.view.seconds_per_pixel)
        painter.fillRect(QRectF(0, 0, width, AXIS_HEIGHT), colors["axis"])
        painter.setRenderHint(QPainter.Antialiasing, False)
        grid_bottom = height if self.show_grid else AXIS_HEIGHT
        upright_hairlines(painter, (round(self.view.x_of(tick.seconds)) + 0.5 for tick in axis.minor),
                          AXIS_HEIGHT - 8, grid_bottom, colors["grid"])
        upright_hairlines(painter, (round(self.view.x_of(tick.seconds)) + 0.5 for tick in axis.major),
                          0, AXIS_HEIGHT, colors["dim"])
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setPen(colors["text"])
        painter.setFont(self._small)
        for x, text in minor_labels(axis.minor, self.view.x_of, width, QFontMetricsF(self._small).horizontalAdvance):
            painter.drawText(QPointF(x, AXIS_HEIGHT - 6), text)
        painter.setFont(self._bold)
        for x, text in major_labels(axis.major, self.view.x_of, width, QFontMetricsF(self._bold).horizontalAdvance):
            painter.drawText(QPointF(x, 17), text)

    def _paint_lanes(self, painter: QPainter, colors: dict, width: float) -> None:
        painter.setFont(self._small_bold)
        for lane, (top, height, _) in enumerate(self._geometry or self.lane_geometry()):
            if not height:
                continue  # nothing of this category in view, or hidden: no empty lane
            color = QColor(self.index.lane_colors[lane])
            if lane:
                painter.setPen(QPen(colors["grid"], 1))
                painter.drawLine(QPointF(0, top), QPointF(width, top))
            painter.setPen(Qt.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(6, top + self.lane_header / 2 - 4, 8, 8), 2, 2)
            painter.setPen(colors["text"])
            label = self.index.lane_labels[lane]
            if lane in self._summary_lanes:
                shown = self.index.lanes == lane if self.mask is None else (self.index.lanes == lane) & self.mask
                label = f"▸ {label} — {int(shown.sum()):,} events, folded (click to open)"
            elif self.fixed_rows is None:
                label = f"▾ {label}"
            painter.drawText(QPointF(19, top + self.lane_header / 2 + 4), label)

    def _paint_clusters(self, painter: QPainter, colors: dict) -> None:
        painter.setFont(self._small)
        painter.setRenderHint(QPainter.Antialiasing, False)  # axis-aligned boxes: 20x cheaper without
        metrics = QFontMetricsF(self._small)
        lane_colors = [QColor(c) for c in self.index.lane_colors]
        box_pens = [QPen(color, 1) for color in lane_colors]
        # (lane, count) -> its box's fill, kept between frames while the lanes' colours and the
        # ground are the same (7 µs a blend; a zoom from the whole of 100,000 events drew a hundred
        # boxes a frame, their counts mostly met before)
        colours = (tuple(self.index.lane_colors), colors["base"].rgba())
        if self._cluster_fills[0] != colours or len(self._cluster_fills[1]) > MOST_TEXTS_KEPT:
            self._cluster_fills = (colours, {})
        fills: dict[tuple[int, int], QColor] = self._cluster_fills[1]
        lane_parts, base_parts = [parts(color) for color in lane_colors], parts(colors["base"])
        text_pen = QPen(colors["text"])
        bottom = self.height()
        shaped = self._shapes_text(painter)
        font_key = self._small.key()
        # a count's height, known before it is shaped (digits and commas: ASCII), so a box too low
        # for it (a rail's) shapes and measures nothing
        count_height = self._ascii_height(self._small, font_key) if shaped else metrics.height()
        # a count drawn at its baseline, where drawText centres it: drawText in a box lays the
        # text out to centre it (30 µs a count, against 10; a zoom out of a million events drew
        # 500 new counts a frame)
        at_baseline = shaped and count_height is not None
        ascent = metrics.ascent()
        advances = self._count_advances.setdefault(font_key, {})
        if len(advances) >= MOST_TEXTS_KEPT:
            advances.clear()
        box_of = self._box
        for cluster in self.layout_result.clusters:
            # (numbers: a QRectF asked its sides cost 2 µs)
            x, y, box_width, box_height = box_of(cluster.lane, cluster.row, cluster.x0, cluster.x1)
            if y + box_height < LANES_TOP or y > bottom:
                continue  # scrolled out of sight
            fill = fills.get((cluster.lane, cluster.count))
            if fill is None:  # the denser, the stronger
                strength = min(1.0, 0.25 + math.log10(cluster.count) / 4)
                fill = fills[cluster.lane, cluster.count] = blend_parts(lane_parts[cluster.lane], base_parts, strength * 0.55)
            painter.setPen(box_pens[cluster.lane])
            painter.setBrush(fill)
            painter.drawRect(QRectF(x, y, box_width, box_height))
            if count_height is not None and count_height > box_height:
                continue  # (a rail's box: too low for any count, shaped or not)
            text = f"{cluster.count:,}"
            centre = x + box_width / 2  # (as QRectF.center)
            if at_baseline:
                # drawn at its baseline, never shaped: a zoom meets most counts for a frame or two, and
                # shaping one met twice (57 µs) cost more than drawing it each time (7 µs)
                advance = advances.get(text)
                if advance is None:
                    advance = advances[text] = metrics.horizontalAdvance(text)
                if advance < box_width - 2:  # (it fits the box's height: count_height)
                    painter.setPen(text_pen)
                    painter.drawText(QPointF(centre - advance / 2, y + (box_height - count_height) / 2 + ascent), text)
                continue
            kept = self._shaped(text, self._small, font_key, metrics) if shaped else None
            # the count where it fits the box, high and wide: a rail's box is too low for it (its
            # digits, drawn there, showed as specks above the rail's bars)
            advance = kept.advance if kept else metrics.horizontalAdvance(text)
            if advance < box_width - 2 and (kept.height if kept else metrics.height()) <= box_height:
                painter.setPen(text_pen)
                if kept is None:
                    painter.drawText(QRectF(x, y, box_width, box_height), Qt.AlignCenter | Qt.TextDontClip, text)
                else:  # centred as drawText centres it
                    painter.drawStaticText(QPointF(centre - kept.width / 2, y + (box_height - kept.height) / 2), kept.text)
        painter.setRenderHint(QPainter.Antialiasing, True)

    def _paint_events(self, painter: QPainter, colors: dict) -> None:
        """Bars first (no antialiasing: they are axis-aligned), then point markers, then labels."""
        exact, events = self.index.is_exact, self.index.events
        lane_colors = [QColor(c) for c in self.index.lane_colors]
        looks = self._bar_looks.for_lanes(painter, lane_colors, colors["base"])
        width = float(self.width())
        # only what the scrolled lanes show: rows below the fold cost nothing to paint
        top, bottom = LANES_TOP - 2 * self.row_height, float(self.height())
        in_sight = list(map(self._lane_in_sight, self._geometry))
        # each event's rect as numbers (left, top, width, height): a QRectF is made only where one
        # is drawn with (a rect made for each event, and asked its top and centre, took 2 ms of a
        # frame of 550 events, most of them dots)
        box_of = self._event_box
        placed_boxes = [(placed, box) for placed in self.layout_result.placed  # (lanes out of sight: no box made)
                        if in_sight[placed.lane] and top <= (box := box_of(placed))[1] <= bottom]
        painter.setRenderHint(QPainter.Antialiasing, False)
        rail_bars: dict[tuple[int, bool], list[tuple[float, float]]] = {}  # (lane, precise) -> extents
        rail_boxes: dict[int, tuple[float, float, float, float]] = {}
        for placed, box in placed_boxes:
            if placed.x1 - placed.x0 < MARKER_WIDTH:
                continue
            lane = placed.lane
            if events[placed.position].alternatives:
                continue  # not a span: one of its dates is right, and the diamonds say which are claimed
            if marks.is_approximate(events[placed.position]):
                marks.faded_bar(painter, QRectF(*box), blend(lane_colors[lane], colors["base"], 0.55))
                continue
            precise = bool(exact[placed.position])
            if placed.row < 0:  # on the rail: drawn below as runs
                rail_bars.setdefault((lane, precise), []).append((box[0], box[0] + box[2]))  # (left, right)
                rail_boxes[lane] = box
                continue
            looks[lane].paint(painter, QRectF(*box), precise, width)
        for (lane, precise), extents in rail_bars.items():
            _, top, _, height = rail_boxes[lane]
            for x0, x1 in merged_runs(extents):
                looks[lane].paint(painter, QRectF(x0, top, x1 - x0, height), precise, width)
        painter.setRenderHint(QPainter.Antialiasing, True)
        outline = QPen(colors["base"], 1.5)
        rings = [QPen(color, 2) for color in lane_colors]
        stamps = self._dot_stamps if self._stamps_dots(painter) else None
        base_rgba = colors["base"].rgba()  # (a dot's look: its lane's colour and the ground's)
        dot_looks = [(color.rgba(), base_rgba) for color in lane_colors]
        rail_dot_drawn: dict[int, tuple] = {}  # lane -> (x, exact) of the last dot drawn on its rail
        for placed, box in placed_boxes:
            if placed.x1 - placed.x0 >= MARKER_WIDTH:
                continue
            lane = placed.lane
            precise = exact[placed.position]
            if placed.row < 0:  # on the rail, many events of a day share one spot: the same dot is drawn once
                look = (placed.x0, precise)
                if rail_dot_drawn.get(lane) == look:
                    continue
                rail_dot_drawn[lane] = look
            x, y = placed.x0 + MARKER_WIDTH / 2, box[1] + box[3] / 2  # (as QRectF.center)
            pen, fill = (outline, lane_colors[lane]) if precise else (rings[lane], looks[lane].fill)
            radius = 5.5 if placed.row >= 0 else 3.5
            if stamps is not None:
                stamps.draw(painter, x, y, radius, (dot_looks[lane], bool(precise)), pen, fill)
            else:
                painter.setPen(pen)
                painter.setBrush(fill)
                painter.drawEllipse(QPointF(x, y), radius, radius)
        self._paint_date_marks(painter, placed_boxes, lane_colors)
        painter.setFont(self._font)
        painter.setPen(QPen(colors["text"]))
        label_ground = QColor(colors["base"])
        label_ground.setAlpha(215)
        right_edge = self.width() - EDGE
        shaped = self._shapes_text(painter)
        font_key = self._font.key()  # (once a frame: 5 µs a call, a thousand labels a frame)
        title_height, title_ascent = self._ascii_height(self._font, font_key), self._metrics.ascent()
        # a title is drawn at its baseline the first time only where that is its shaped text's very
        # pixels: at a device pixel ratio of 1 (at 1.5 or 2 drawText antialiases it a little
        # otherwise, and a redraw of the same view would show the title's edges change)
        shaped_title = self._shaped_if_seen if painter.device().devicePixelRatioF() == 1 else self._shaped
        for placed, (_, row_top, _, row_height) in placed_boxes:
            if not placed.label_width or placed.label_x >= right_edge:
                continue
            room = min(placed.label_width, right_edge - placed.label_x)
            title = events[placed.position].title
            if placed.label_lines == 2:
                self._paint_two_line_label(painter, placed, row_top, row_height, room, title)
                continue
            measured = self._label_width(placed.position)
            if room < placed.label_width or placed.label_width < measured \
                    or placed.label_width >= MAX_LABEL_WIDTH:  # cut by the edge, a wrap that found one row, or long
                title, advance = self._metrics.elidedText(title, Qt.ElideRight, room), None
            else:  # whole: its advance is known from its measuring
                advance = measured - LABEL_PAD
            kept = shaped_title(title, self._font, font_key, self._metrics, advance) if shaped else None
            if placed.label_x < placed.x1:  # over its own bar (fill, hatching, fade): on a calm ground
                advance = kept.advance if kept else advance if advance is not None else self._metrics.horizontalAdvance(title)
                painter.fillRect(QRectF(placed.label_x - 2, row_top + 1, advance + 4, row_height - 2), label_ground)
            if kept is not None:  # (where drawText centres the line in the row)
                painter.drawStaticText(QPointF(placed.label_x, row_top + (row_height - kept.height) / 2), kept.text)
            elif shaped and self._drawn_at_baseline(title, self._font, font_key):  # (drawn once: shaped if seen again)
                painter.drawText(QPointF(placed.label_x, row_top + (row_height - title_height) / 2 + title_ascent), title)
            else:
                painter.drawText(QRectF(placed.label_x, row_top, room, row_height),
                                 Qt.AlignLeft | Qt.AlignVCenter | Qt.TextDontClip, title)

    def _stamps_dots(self, painter: QPainter) -> bool:
        """Whether dots are drawn as `DotStamps`: on pixels one to one (no scale, whole-pixel shifts),
        where a stamp's pixels are the ellipse's."""
        transform = painter.transform()
        return (self.stamp_dots and painter.paintEngine().type() == QPaintEngine.Raster
                and painter.device().devicePixelRatioF() == 1 and transform.type() in (QTransform.TxNone, QTransform.TxTranslate)
                and transform.dx().is_integer() and transform.dy().is_integer())

    def _shapes_text(self, painter: QPainter) -> bool:
        """Whether `_shaped` text is drawn: on pixels only (SVG and PDF keep drawText's text)."""
        return self.shape_text and painter.paintEngine().type() == QPaintEngine.Raster

    def _shaped(self, text: str, font: QFont, font_key: str, metrics: QFontMetricsF,
                advance: float | None = None) -> _Shaped | None:
        """`text` shaped in `font` (whose `key()` and metrics are given) for drawing, kept for the
        next frames: a zoom or a pan redraws the same titles and counts, and drawText shapes them
        every time (three times the cost here). None for a text drawText lays out otherwise (a
        tab, a line break, U+009C). `advance`: its advance in `metrics`, where already measured."""
        key = (text, font_key)
        kept = self._shaped_texts.get(key)
        if kept is None:
            if not text.isprintable() and _LAID_OUT_OTHERWISE.search(text):
                return None
            if len(self._shaped_texts) >= MOST_TEXTS_KEPT:
                self._shaped_texts.clear()
            laid_out = QStaticText(text)
            laid_out.setTextFormat(Qt.PlainText)
            laid_out.prepare(QTransform(), font)
            height = self._ascii_height(font, font_key) if text.isascii() else None
            if advance is None:
                advance = metrics.horizontalAdvance(text)
            kept = self._shaped_texts[key] = _Shaped(laid_out, advance, laid_out.size().width(),
                                                     _line_height(text, font) if height is None else height)
        return kept

    def _shaped_if_seen(self, text: str, font: QFont, font_key: str, metrics: QFontMetricsF,
                        advance: float | None = None) -> _Shaped | None:
        """`_shaped`, but an ASCII text (most titles) only from the second frame that shows
        it: None the first time, when drawText draws it at its baseline (`_drawn_at_baseline`: the
        same pixels). A zoom into a file of more than `SHAPED_AHEAD` events shows most titles for
        one frame only, and shaping a text for one frame cost twice drawing it
        (a zoom into 100,000 events met 60 new titles a frame: 2 ms of its slowest frames)."""
        key = (text, font_key)
        kept = self._shaped_texts.get(key)
        if kept is not None or key in self._drawn_once or not self._drawn_at_baseline(text, font, font_key):
            return kept or self._shaped(text, font, font_key, metrics, advance)
        if len(self._drawn_once) >= MOST_TEXTS_KEPT:
            self._drawn_once.clear()
        self._drawn_once.add(key)
        return None

    def _drawn_at_baseline(self, text: str, font: QFont, font_key: str) -> bool:
        """Whether drawText at `text`'s baseline puts it where drawText centring it in a box does,
        from the font's one ASCII line height: printable ASCII, in a font that has one."""
        return text.isascii() and text.isprintable() and self._ascii_height(font, font_key) is not None

    def learn_fonts(self) -> None:
        """The line heights of the title and count fonts (`_ascii_height`), learnt while a large
        file loads rather than at its first paint: the first text layouts of a run cost 12 ms."""
        for font in (self._font, self._small):
            self._ascii_height(font, font.key())

    def _ascii_height(self, font: QFont, font_key: str) -> float | None:
        """The line height of any ASCII text in `font`, when every printable ASCII character alone
        has the same (its own glyphs, no taller fallback): laying out each new title to learn its
        height cost a quarter of the first zoomed frames' drawing. None: each text is laid out."""
        if font_key not in self._ascii_heights:
            heights = {_line_height(character, font) for character in map(chr, range(0x20, 0x7F))}
            self._ascii_heights[font_key] = heights.pop() if len(heights) == 1 else None
        return self._ascii_heights[font_key]

    def _paint_two_line_label(self, painter: QPainter, placed: PlacedEvent, row_top: float, row_height: float,
                              room: float, title: str) -> None:
        """A long title over its row and the next, broken where the layout measured it."""
        first, second = split_title(title, self._metrics.horizontalAdvance)
        for number, line in enumerate((first, second)):
            if self._metrics.horizontalAdvance(line) > room:
                line = self._metrics.elidedText(line, Qt.ElideRight, room)
            painter.drawText(QRectF(placed.label_x, row_top + number * self.row_height, room, row_height),
                             Qt.AlignLeft | Qt.AlignVCenter, line)

    def _paint_date_marks(self, painter: QPainter, placed_boxes, lane_colors: list[QColor]) -> None:
        """What is uncertain, open or disputed about each drawn event's date (see gui/marks.py)."""
        events = self.index.events
        for placed, box in placed_boxes:
            event = events[placed.position]
            if not (event.alternatives or event.end_open or event.start_open or event.start.note or event.start.uncertain
                    or (event.end and event.end.uncertain)):
                continue
            rect = QRectF(*box)
            color, y = lane_colors[placed.lane], rect.center().y()
            is_bar = placed.x1 - placed.x0 >= MARKER_WIDTH
            if event.alternatives:  # along the row's foot, under the label
                xs = [self.view.x_of(a.date.seconds()) + MARKER_WIDTH / 2 for a in event.alternatives]
                marks.alternatives(painter, xs, rect.bottom() - 2, color)
            if event.end_open and is_bar:
                marks.arrow(painter, QPointF(rect.right() + 7, y), color, pointing_right=True)
            if event.start_open:
                marks.arrow(painter, QPointF(rect.left() - 7, y), color, pointing_right=False)
            if event.start.note in ("before", "after"):
                tip_x, pointing_right = marks.before_after_arrow_tip(event.start.note, rect.left(), rect.right())
                marks.arrow(painter, QPointF(tip_x, y), color, pointing_right=pointing_right, length=10)
            if marks.is_uncertain(event):
                marks.question_mark(painter, QPointF(placed.x0 + (MARKER_WIDTH if not is_bar else 2), rect.top() + 2), color, self._font)

    def _paint_overlay(self, painter: QPainter) -> None:
        """Selection, hover and focus: cheap, over the cached picture."""
        colors = self._colors()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setBrush(Qt.NoBrush)
        painter.save()
        painter.setClipRect(QRectF(0, LANES_TOP, self.width(), self.height() - LANES_TOP))
        for position, pen in (
            (self.hovered, QPen(colors["dim"], 1.5)),
            (self.selected, QPen(colors["highlight"], 3)),
        ):
            if position < 0:
                continue
            placed = self.placed_of(position)
            if placed is not None:
                painter.setPen(pen)
                painter.drawRoundedRect(self.event_rect(placed).adjusted(-3, -3, 3, 3), 6, 6)
            elif position == self.selected and self.index is not None \
                    and int(self.index.lanes[position]) not in self.layout_result.crowded:  # (out of sight, not laid out)
                x = self.view.x_of(float(self.index.starts[position]))
                painter.setPen(QPen(colors["highlight"], 2, Qt.DashLine))
                painter.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, self.height()))
        painter.restore()
        if self._event_drag is not None and self._event_drag.dates is not None:
            self._paint_drag_preview(painter, colors)
        if self.hasFocus():
            painter.setPen(QPen(colors["highlight"], 2))
            painter.drawRect(QRectF(1, 1, self.width() - 2, self.height() - 2))

    def _paint_drag_preview(self, painter: QPainter, colors: dict) -> None:
        """Where the dragged event would go, and its new dates in words above it."""
        drag = self._event_drag
        start, end = drag.dates
        x0 = self.view.x_of(start.seconds())
        x1 = self.view.x_of(end.end_seconds()) if end is not None else x0 + (drag.placed.x1 - drag.placed.x0)
        rect = self.event_rect(drag.placed)
        rect = QRectF(x0, rect.top(), max(x1 - x0, MARKER_WIDTH), rect.height())
        painter.setPen(QPen(colors["highlight"], 2, Qt.DashLine))
        painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 4, 4)
        text = describe_range(start, end)
        metrics = QFontMetricsF(self._bold)
        box = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 6)
        box.moveBottomLeft(QPointF(min(max(x0, 2.0), self.width() - box.width() - 2), max(rect.top() - 4, box.height() + AXIS_HEIGHT)))
        painter.fillRect(box, colors["highlight"])
        painter.setPen(colors["base"] if colors["highlight"].lightness() < 140 else colors["text"])
        painter.setFont(self._bold)
        painter.drawText(box, Qt.AlignCenter, text)

    # --- input ------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        pixel = event.pixelDelta()
        if event.modifiers() & Qt.ShiftModifier or (delta.x() and not delta.y()):
            amount = delta.x() or delta.y()
            shift = pixel.x() or pixel.y() if not pixel.isNull() else amount / 120 * self.width() / 10
            self.pan(shift)
        elif delta.y():
            self.zoom(WHEEL_ZOOM_PER_NOTCH ** (delta.y() / 120), event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            self._event_drag = self._drag_on_selected(event.position())
            if self._event_drag is None:
                self._drag_origin, self._drag_view, self._dragged = event.position(), self.view, False
                self._drag_scroll = self.scroll_y
                self.setCursor(Qt.ClosedHandCursor)
        self.setFocus(Qt.MouseFocusReason)

    def _drag_on_selected(self, point: QPointF) -> EventDrag | None:
        """A press on the selected event's marker or bar starts moving it (its ends resize a span)."""
        if not self.editable or self.selected < 0:
            return None
        placed = self.placed_of(self.selected)
        if placed is None or not self.event_rect(placed).adjusted(-3, -3, 3, 3).contains(point):
            return None
        part = MOVE
        event = self.index.events[self.selected]
        if event.end is not None and placed.x1 - placed.x0 > 4 * END_GRIP:
            part = START if point.x() < placed.x0 + END_GRIP else END if point.x() > placed.x1 - END_GRIP else MOVE
        refused = why_not_draggable(event) or (why_not_moved_whole(event) if part == MOVE else None)
        return EventDrag(self.selected, part, point.x(), placed, refused)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._event_drag is not None:
            self._follow_event_drag(event.position().x())
            return
        if self._drag_origin is not None:
            dx = event.position().x() - self._drag_origin.x()
            dy = event.position().y() - self._drag_origin.y()
            if abs(dx) > 3 or abs(dy) > 3 or self._dragged:
                self._dragged = True
                self.set_view(self._drag_view.panned(dx))
                self.scroll_lanes(self._drag_scroll - dy - self.scroll_y)  # grab and move the lanes up or down
            return
        item = self.item_at(event.position())
        hovered = item.position if isinstance(item, PlacedEvent) else -1
        if hovered != self.hovered:
            self.hovered = hovered
            self.update()
        if isinstance(item, PlacedEvent):
            event_ = self.index.events[item.position]
            QToolTip.showText(event.globalPosition().toPoint(), f"<b>{html.escape(event_.title)}</b><br>{html.escape(describe_event_date(event_))}", self)
        elif isinstance(item, Cluster):
            QToolTip.showText(event.globalPosition().toPoint(), f"{item.count:,} events — click to zoom in", self)
        else:
            QToolTip.hideText()

    def _follow_event_drag(self, x: float) -> None:
        drag = self._event_drag
        dx = x - drag.origin_x
        if abs(dx) <= 3 and drag.dates is None:
            return
        if drag.refused:
            self._event_drag = None
            self.drag_refused.emit(drag.refused)
            return
        drag.dates = dragged_dates(self.index.events[drag.position], drag.part, dx * self.view.seconds_per_pixel)
        self.setCursor(Qt.SizeHorCursor if drag.part != MOVE else Qt.ClosedHandCursor)
        self.update()

    def cancel_event_drag(self) -> bool:
        """Escape while dragging: the event goes back where it was, nothing is written."""
        if self._event_drag is None:
            return False
        self._event_drag = None
        self.unsetCursor()
        self.update()
        return True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton and self._event_drag is not None:
            drag, self._event_drag = self._event_drag, None
            self.unsetCursor()
            self.update()
            original = self.index.events[drag.position]
            if drag.dates is not None and drag.dates != (original.start, original.end):
                self.dates_dragged.emit(drag.position, *drag.dates)
            elif drag.dates is None:
                self.select(drag.position, ensure_visible=False)
            return
        if event.button() != Qt.LeftButton or self._drag_origin is None:
            return
        dragged = self._dragged
        self._drag_origin, self._dragged = None, False
        self.unsetCursor()
        if dragged:
            return
        header = self.lane_header_at(event.position())
        if header >= 0:
            self.toggle_lane(header)
            return
        item = self.item_at(event.position())
        if isinstance(item, PlacedEvent):
            self.select(item.position, ensure_visible=False)
        elif isinstance(item, Cluster):
            self.set_view(Viewport.fitting(item.start, item.end, self.width(), margin=0.1))
        else:
            self.select(-1)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position())
        if isinstance(item, PlacedEvent):
            self.select(item.position, ensure_visible=False)
            self.zoom_to(item.position)

    def leaveEvent(self, event) -> None:
        if self.hovered >= 0:
            self.hovered = -1
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        page = self.width() / 8
        if key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom(1.5)
        elif key in (Qt.Key_Minus, Qt.Key_Underscore):
            self.zoom(1 / 1.5)
        elif key == Qt.Key_Home:
            self.fit_all()
        elif key in (Qt.Key_Left, Qt.Key_Right) and modifiers & Qt.AltModifier and self.selected >= 0:
            self._step_dates(1 if key == Qt.Key_Right else -1, END if modifiers & Qt.ShiftModifier else MOVE)
        elif key in (Qt.Key_Left, Qt.Key_Right) and modifiers & (Qt.ShiftModifier | Qt.ControlModifier):
            self.pan(page if key == Qt.Key_Left else -page)
        elif key in (Qt.Key_Left, Qt.Key_Right):
            self.step(-1 if key == Qt.Key_Left else 1)
        elif key in (Qt.Key_Up, Qt.Key_Down) and self.vertical_bar.isVisible():
            self.scroll_lanes(self.row_height * 2 * (1 if key == Qt.Key_Down else -1))
        elif key in (Qt.Key_PageUp, Qt.Key_PageDown):
            self.pan(self.width() * 0.8 * (1 if key == Qt.Key_PageUp else -1))
        elif key == Qt.Key_Tab:
            self.step(1)
        elif key == Qt.Key_Backtab:
            self.step(-1)
        elif key in (Qt.Key_Return, Qt.Key_Enter) and self.selected >= 0:
            self.zoom_to(self.selected)
        elif key == Qt.Key_Escape and self.cancel_event_drag():
            pass
        elif key == Qt.Key_Escape and self.selected >= 0:
            self.select(-1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_dates(self, steps: int, part: str) -> None:
        """Alt+Left/Right moves the selected event a step of its precision; with Shift, its end."""
        event = self.index.events[self.selected]
        reason = (why_not_draggable(event) or (why_not_moved_whole(event) if part == MOVE else None)) \
            if self.editable else "this file opens read-only"
        if reason is None and part == END and event.end is None:
            reason = "a point event has no end to move: Alt+Left/Right moves it"
        if reason:
            self.drag_refused.emit(reason)
            return
        start, end = stepped_dates(event, part, steps, steps)
        if (start, end) != (event.start, event.end):
            self.dates_dragged.emit(self.selected, start, end)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab and Shift+Tab step through events here

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def resizeEvent(self, event) -> None:
        kept_in_sight = self._selected_in_sight(event.oldSize().height())
        if (self._auto_fit or not self._fitted_once) and self.index is not None:
            self.fit_all()
        self._invalidate()
        if kept_in_sight:  # (the scroll bar coming up narrows the canvas, and may stack its lanes otherwise)
            self.layout_result = self.compute_layout()
            self._reveal_lane_of(self.selected)

    def _selected_in_sight(self, height: float) -> bool:
        """Whether the selected event's row was wholly in sight in a canvas `height` high."""
        placed = self.placed_of(self.selected) if self.selected >= 0 and self.index is not None else None
        if placed is None or not self._geometry:
            return False
        rect = self.event_rect(placed)
        return rect.top() >= LANES_TOP and rect.bottom() <= height

