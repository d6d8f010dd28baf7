"""The timeline as a picture: PNG, SVG (titles stay text) and PDF (vector, landscape A4).

Drawn by the same canvas code as the window, on a light palette that prints well, with
the chronology's title, its date range and a legend above the lanes.
"""

from __future__ import annotations

import os

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from ..chronology.date_text import describe_range
from ..chronology.dates import PartialDate
from ..chronology.model import Chronology
from ..chronology.timeline_index import TimelineIndex
from ..files.export_formats import within
from ..geometry.viewport import Viewport
from .canvas import AXIS_HEIGHT, ERA_STRIP, TimelineCanvas

HEADER_HEIGHT = 74.0


def ensure_application():
    """A QApplication for rendering, offscreen when there is no display (command line, CI)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication([])
    return QApplication.instance()


def print_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.Base, "#ffffff"), (QPalette.Window, "#ffffff"), (QPalette.Text, "#1d1d1f"),
        (QPalette.WindowText, "#1d1d1f"), (QPalette.AlternateBase, "#f3f3f5"), (QPalette.PlaceholderText, "#6e6e73"),
        (QPalette.Highlight, "#2f6db5"),
    ):
        palette.setColor(role, QColor(color))
    return palette


class TimelinePicture:
    """A laid-out picture of a chronology over a time range, ready to paint at any size."""

    def __init__(self, chronology: Chronology, width: int, start: PartialDate | None = None, end: PartialDate | None = None,
                 index: TimelineIndex | None = None, view: Viewport | None = None, mask=None):
        ensure_application()
        self.chronology = chronology
        self.index = index or TimelineIndex(chronology)
        self.canvas = TimelineCanvas()
        self.canvas.setPalette(print_palette())
        self.canvas.resize(width, 400)
        self.canvas.set_data(chronology, self.index)
        self.canvas.set_mask(mask)
        if view is not None:
            self.canvas.set_view(view)
        elif start is not None or end is not None:
            first, last = self.index.extent()
            left = start.seconds() if start else first
            right = end.end_seconds() if end else last
            self.canvas.set_view(Viewport(left, max(right - left, 3600.0) / width))
        else:
            self.canvas.fit_all()
        self.canvas.fixed_rows = []  # lanes as tall as their content: no cap, no empty lanes
        self.canvas.compute_layout()
        self.canvas.fixed_rows = self.canvas._lane_rows
        lanes = self.canvas.lane_geometry()
        timeline_height = (lanes[-1][0] + lanes[-1][1]) if lanes else AXIS_HEIGHT + ERA_STRIP + 60
        self.canvas.resize(width, int(timeline_height))
        self.size = QSize(width, int(HEADER_HEIGHT + timeline_height))

    def paint(self, painter: QPainter) -> None:
        width = float(self.size.width())
        painter.fillRect(QRectF(0, 0, width, self.size.height()), QColor("#ffffff"))
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setRenderHint(QPainter.TextAntialiasing, True)
        title_font = QFont(self.canvas.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#1d1d1f"))
        metrics = QFontMetricsF(title_font)
        painter.drawText(QRectF(12, 6, width - 24, metrics.height() + 4), Qt.AlignLeft | Qt.AlignVCenter,
                         metrics.elidedText(self.chronology.title or "Timeline", Qt.ElideRight, width - 24))
        small = QFont(self.canvas.font())
        painter.setFont(small)
        painter.setPen(QColor("#6e6e73"))
        view = self.canvas.view
        shown = self.index.in_range(view.left, view.right(self.canvas.width()), self.canvas.mask)
        if len(shown):
            first, last = self.index.events[int(shown[0])].start, self.index.events[int(shown[-1])].start
            span = describe_range(first, last if last != first else None)
            painter.drawText(QRectF(12, 10 + metrics.height(), width - 24, 18), Qt.AlignLeft | Qt.AlignVCenter,
                             f"{len(shown):,} events · {span}")
        x = 12.0
        small_metrics = QFontMetricsF(small)
        for label, color in zip(self.index.lane_labels, self.index.lane_colors):
            painter.setBrush(QColor(color))
            painter.setPen(Qt.NoPen)
            painter.drawRoundedRect(QRectF(x, HEADER_HEIGHT - 20, 10, 10), 2, 2)
            painter.setPen(QColor("#1d1d1f"))
            painter.drawText(QRectF(x + 14, HEADER_HEIGHT - 24, small_metrics.horizontalAdvance(label) + 4, 18),
                             Qt.AlignLeft | Qt.AlignVCenter, label)
            x += small_metrics.horizontalAdvance(label) + 34
        painter.save()
        painter.translate(0, HEADER_HEIGHT)
        painter.setClipRect(QRectF(0, 0, self.canvas.width(), self.canvas.height()))  # PDF pages show what spills
        self.canvas.paint_timeline(painter)
        painter.restore()

    def png(self, scale: float = 1.0) -> bytes:
        return _encode(self.image(scale), "PNG")

    def image(self, scale: float = 1.0) -> QImage:
        """The picture as pixels; `scale` 2 for high-DPI screens and print."""
        image = QImage(int(self.size.width() * scale), int(self.size.height() * scale), QImage.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        try:
            self.paint(painter)
        finally:
            painter.end()
        return image

    def svg(self) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(self.size)
        generator.setViewBox(QRectF(0, 0, self.size.width(), self.size.height()))
        generator.setTitle(self.chronology.title)
        generator.setDescription("Exported by timeline-app")
        painter = QPainter(generator)
        try:
            self.paint(painter)
        finally:
            painter.end()
        return bytes(buffer.data())

    def pdf(self, page: str = "A4") -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.WriteOnly)
        writer = QPdfWriter(buffer)
        size = QPageSize(QPageSize.Letter if page.lower() == "letter" else QPageSize.A4)
        writer.setPageLayout(QPageLayout(size, QPageLayout.Landscape, QMarginsF(10, 10, 10, 10), QPageLayout.Millimeter))
        writer.setTitle(self.chronology.title)
        writer.setCreator("timeline-app")
        writer.setResolution(96)
        painter = QPainter(writer)
        try:
            self.paint_scaled(painter, QSizeF(writer.width(), writer.height()))
        finally:
            painter.end()
        return bytes(buffer.data())

    def paint_scaled(self, painter: QPainter, target: QSizeF) -> None:
        """Fit the picture onto a page or printer, keeping its proportions."""
        scale = min(target.width() / self.size.width(), target.height() / self.size.height())
        painter.scale(scale, scale)
        self.paint(painter)


def _encode(image: QImage, fmt: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, fmt)
    return bytes(data)


def render_picture(chronology: Chronology, fmt: str, start: PartialDate | None = None, end: PartialDate | None = None,
                   width: int = 1600, page: str = "A4", **picture_options) -> bytes:
    """`chronology` drawn as png, svg or pdf, over [start, end] when given."""
    chosen = within(chronology, start, end)
    return picture_bytes(lambda w: TimelinePicture(chosen, w, start, end, **picture_options), width, fmt, page)


def picture_bytes(make, width: int, fmt: str, page: str = "A4") -> bytes:
    """Encode the picture `make(width)` draws as png, svg or pdf (a PDF re-laid out to fill its page)."""
    picture = make(width)
    if fmt == "pdf":
        picture = _fit_to_page(picture, make)
    return {"png": picture.png, "svg": picture.svg, "pdf": lambda: picture.pdf(page)}[fmt]()


PAGE_ASPECT = 277 / 190  # A4 and Letter landscape, inside 10 mm margins, near enough


def _fit_to_page(picture, make):
    """A wide, short timeline printed on a landscape page leaves most of it empty and its
    text tiny: lay it out narrower so it fills the page (never below 1100 px)."""
    width, height = picture.size.width(), picture.size.height()
    if width / height <= PAGE_ASPECT * 1.1:
        return picture
    return make(max(1100, int(height * PAGE_ASPECT)))
