"""The MainWindow's menus and the commands behind them: export, print, go to date, new, help (edits: `editing`)."""

from __future__ import annotations

import dataclasses
import datetime
import os
import shutil

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ..chronology.date_forms import parse_date
from ..chronology.dates import DateError
from ..files.new_chronology import create_chronology
from ..geometry.viewport import Viewport

SHORTCUTS_HELP = """
<h3>Keyboard shortcuts</h3>
<table cellspacing=4>
<tr><td><b>Mouse wheel</b></td><td>zoom around the cursor</td></tr>
<tr><td><b>Shift+wheel</b>, drag</td><td>pan</td></tr>
<tr><td><b>+</b> / <b>-</b></td><td>zoom in / out</td></tr>
<tr><td><b>Home</b>, Ctrl+0</td><td>fit the whole chronology</td></tr>
<tr><td><b>Left</b> / <b>Right</b>, Tab / Shift+Tab</td><td>previous / next event</td></tr>
<tr><td><b>Shift+Left</b> / <b>Shift+Right</b>, PgUp / PgDn</td><td>pan</td></tr>
<tr><td><b>Enter</b>, double click</td><td>zoom to the selected event (in the list: edit it)</td></tr>
<tr><td><b>F2</b></td><td>edit the selected event</td></tr>
<tr><td><b>drag</b> the selected event</td><td>move it (its ends: change a span), snapping to its precision; Escape cancels</td></tr>
<tr><td><b>Alt+Left</b> / <b>Alt+Right</b></td><td>move the selected event a day, month or year (its precision)</td></tr>
<tr><td><b>Alt+Shift+Left</b> / <b>Right</b></td><td>move the end of the selected span</td></tr>
<tr><td><b>Ctrl+D</b> / <b>Delete</b></td><td>duplicate / delete the selected event</td></tr>
<tr><td><b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b></td><td>undo / redo a change made here</td></tr>
<tr><td><b>Ctrl+F</b></td><td>search (Escape clears)</td></tr>
<tr><td><b>Ctrl+G</b></td><td>go to a date</td></tr>
<tr><td><b>Ctrl+O</b> / <b>Ctrl+R</b></td><td>open / reload</td></tr>
<tr><td><b>Ctrl+N</b></td><td>add an event</td></tr>
</table>
"""


class MenusMixin:
    """File, Edit, View and Help, and what their actions do."""

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New Chronology…", "Ctrl+Shift+N", self.new_chronology)
        self._action(file_menu, "&Open…", QKeySequence.Open, self.choose_file)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._action(file_menu, "&Reload", "Ctrl+R", self.reload)
        file_menu.addSeparator()
        self.add_action = self._action(file_menu, "&Add Event…", QKeySequence.New, self.add_event)
        self.copy_action = self._action(file_menu, "Save a &Copy to Edit…", None, self.save_copy_to_edit)
        file_menu.addSeparator()
        self._action(file_menu, "&Export…", "Ctrl+E", self.export_dialog)
        self._action(file_menu, "&Print…", QKeySequence.Print, self.print_timeline)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        self._action(edit_menu, "&Undo", QKeySequence.Undo, self.undo)
        self._action(edit_menu, "&Redo", "Ctrl+Shift+Z", self.redo)
        edit_menu.addSeparator()
        self._action(edit_menu, "&Edit Event…", "F2", self.edit_selected)
        self._action(edit_menu, "D&uplicate Event", "Ctrl+D", self.duplicate_selected)
        self._action(edit_menu, "&Delete Event…", QKeySequence.Delete, self.delete_selected)
        edit_menu.addSeparator()
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
        self.remote_pictures_action = self._action(view_menu, "Load Pictures from the &Web", None,
                                                   lambda on: self._set_remote_pictures(on))
        self.remote_pictures_action.setCheckable(True)
        self.remote_pictures_action.setChecked(self.settings.value("loadRemotePictures", False, type=bool))
        self.detail.allow_remote_pictures(self.remote_pictures_action.isChecked())
        self._action(view_menu, "&Search", QKeySequence.Find, self.focus_search)
        self._action(view_menu, "&Legend", "Ctrl+L", self.show_legend)
        view_menu.addAction(self.problems_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", QKeySequence.HelpContents, self.show_shortcuts)
        self._action(help_menu, "&Legend", None, self.show_legend)
        self._action(help_menu, "&About", None, self.show_about)

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _set_remote_pictures(self, allowed: bool) -> None:
        self.detail.allow_remote_pictures(allowed)
        self.settings.setValue("loadRemotePictures", allowed)

    def _set_grid(self, shown: bool) -> None:
        self.canvas.set_grid(shown)
        self.settings.setValue("showGrid", shown)

    def go_to_date(self) -> None:
        text, ok = QInputDialog.getText(self, "Go to date", "Date (e.g. 2014, June 2014, 20 October 2011):")
        if not ok or not text.strip():
            return
        try:
            date = parse_date(text, self.shown.chronology.date_order if self.shown else None)
        except DateError as error:
            QMessageBox.warning(self, "Go to date", str(error))
            return
        self.canvas.set_view(Viewport.fitting(date.seconds(), date.end_seconds(), self.canvas.width(), margin=0.5))

    def show_legend(self):
        """What every mark on the canvas means (non-modal, so it can stay open beside the timeline)."""
        from .legend import LegendDialog

        dialog = LegendDialog(self)
        dialog.show()
        return dialog

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS_HELP)

    def show_about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            "About Timeline",
            f"<h3>Timeline {__version__}</h3><p>A zoomable timeline for chronologies kept in YAML.</p>",
        )

    def new_chronology(self, path: str | None = None) -> str:
        """File > New: a small, valid, commented chronology where the user chooses; opened at once."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "New chronology", os.path.join(self.start_folder(), "chronology.yaml"),
                                                  "Chronologies (*.yaml *.yml)")
        if not path:
            return ""
        title = os.path.splitext(os.path.basename(path))[0].replace("-", " ").replace("_", " ").strip().capitalize()
        try:
            create_chronology(path, title or "My chronology", datetime.date.today().isoformat())
        except (OSError, FileExistsError) as error:
            self.statusBar().showMessage(f"Nothing written: {error}", 10000)  # the file dialog asked already
            return ""
        self.open_file(path)
        self.statusBar().showMessage(f"Created {os.path.basename(path)}: edit it here (Ctrl+N adds an event) or in your editor", 10000)
        return path

    def save_copy_to_edit(self, folder: str | None = None) -> str:
        """The bundled sample is read-only: copy it to the user's documents and open the copy."""
        folder = folder or QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or os.path.expanduser("~")
        os.makedirs(folder, exist_ok=True)
        base, number = os.path.join(folder, os.path.basename(self.path)), 1
        target = base
        while os.path.exists(target):
            number += 1
            target = f"{os.path.splitext(base)[0]}-{number}{os.path.splitext(base)[1]}"
        try:
            shutil.copyfile(self.path, target)
        except OSError as error:
            self.statusBar().showMessage(f"Could not copy to {target}: {error.strerror or error}", 10000)
            return ""
        self.open_file(target)
        self.statusBar().showMessage(f"Your own copy: {target}", 10000)
        return target

    def start_folder(self) -> str:
        """Where file dialogs open: the last folder used, else the documents folder (never the package)."""
        last = str(self.settings.value("lastFolder", "") or "")
        if last and os.path.isdir(last):
            return last
        return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or os.path.expanduser("~")

    def picture_maker(self, current_view: bool):
        """Makes the export picture at a given width: the current view and filters, or everything."""
        from .picture import TimelinePicture

        chronology, view, shown_width = self.shown.chronology, self.canvas.view, self.canvas.width()
        if current_view:
            return lambda width: TimelinePicture(chronology, width, index=self.index, mask=self.canvas.mask,
                                                 view=_scaled_view(view, shown_width, width))
        return lambda width: TimelinePicture(chronology, width, index=self.index)

    def export_width(self, current_view: bool) -> int:
        """Pictures are at least 1600 px wide; the current view keeps its shape on wider screens."""
        return max(self.canvas.width(), 1600) if current_view else 1600

    def picture(self, current_view: bool):
        return self.picture_maker(current_view)(self.export_width(current_view))

    EXPORT_FILTERS = (
        "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV table (*.csv);;"
        "JSON (*.json);;TimelineJS JSON (*.timeline.json);;Chronology YAML (*.yaml)"
    )

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
        from ..files.export_formats import (
            IMAGE_FORMATS,
            ExportError,
            format_for,
            render_data,
            write_export,
        )
        from .picture import picture_bytes

        try:
            fmt = format_for(out, fmt)
            if fmt in IMAGE_FORMATS:
                data = picture_bytes(self.picture_maker(current_view), self.export_width(current_view), fmt)
            else:
                chronology = self.shown.chronology
                if current_view:
                    view = self.canvas.view
                    shown = self.index.in_range(view.left, view.right(self.canvas.width()), self.canvas.mask)
                    chronology = dataclasses.replace(chronology, events=[self.index.events[int(i)] for i in shown])
                data = render_data(chronology, fmt)
            write_export(out, data, self.path)
        except ExportError as error:
            QMessageBox.warning(self, "Export", str(error))
            return f"Export failed: {error}"
        if self.result is not self.shown:
            return f"Exported {os.path.basename(out)}: the last good version (the file has problems now)"
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
        printer.setDocName(self.shown.chronology.title)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.Accepted:
            return
        painter = QPainter(printer)
        try:
            page = printer.pageRect(QPrinter.DevicePixel)
            self.picture(current_view=False).paint_scaled(painter, page.size())
        finally:
            painter.end()


def _scaled_view(view: Viewport, from_width: float, to_width: float) -> Viewport:
    """The same stretch of time drawn `to_width` pixels wide."""
    return Viewport(view.left, view.seconds_per_pixel * from_width / to_width)
