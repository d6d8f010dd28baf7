"""The main window: panels, menus and file loading, each in a module of its own, put together."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QEvent, QSettings, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMainWindow

from ..chronology.search import SearchIndex
from ..chronology.timeline_index import TimelineIndex
from ..files.loader import LoadResult
from ..files.undo_history import UndoHistory
from .colors import readable_dim
from .editing import EditingMixin
from .file_watcher import FileWatcher
from .loading import LoadingMixin, _LoadThread
from .menus import MenusMixin
from .panels import PanelsMixin


class MainWindow(LoadingMixin, MenusMixin, EditingMixin, PanelsMixin, QMainWindow):
    """The timeline window; objectNames timelineCanvas, eventList, searchField, detailPane, problemsPanel."""

    loaded = Signal()
    searchable = Signal()  # every event of the file on screen is in the search index (large files: after the first paint)
    settled = Signal()  # the idle work after a load is done too (titles shaped ahead: see loading._settling_steps)

    def __init__(self, path: str | os.PathLike | None = None):
        super().__init__()
        self._dim_set = None  # the PlaceholderText this window set, if any (`_keep_dim_text_readable`)
        self._dim_check = QTimer(self, singleShot=True, interval=0)
        self._dim_check.timeout.connect(self._keep_dim_text_readable)
        self.path = ""
        self.result: LoadResult | None = None  # the last load, good or not
        self.shown: LoadResult | None = None  # the last good load: what is on screen, exported, printed
        self.index: TimelineIndex | None = None
        self.search_index: SearchIndex | None = None
        self.loading = False
        self._reload_pending = False
        self._select_after_load = ""
        self._thread: _LoadThread | None = None
        self._syncing = False
        self.settings = QSettings("timeline-app", "timeline-app")
        self.history = UndoHistory()  # changes made from this window, as file bytes
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_menus()
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self._file_changed_on_disk)
        self._indexing = None
        self._searching: SearchIndex | None = None
        self._indexing_timer = QTimer(self, singleShot=True, interval=0)
        self._indexing_timer.timeout.connect(self._index_a_little)
        self._settling = None
        self._settling_timer = QTimer(self, singleShot=True, interval=0)
        self._settling_timer.timeout.connect(self._settle_a_little)
        self._restore_settings()
        self._keep_dim_text_readable()
        if path is not None:
            self.open_file(os.fspath(path))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.PaletteChange:
            self._dim_check.start()  # (once the new palette has reached every widget)
        super().changeEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.ApplicationPaletteChange:  # a new theme whose only change is the PlaceholderText
            self._dim_check.start()  # this window set sends it no PaletteChange
        return super().event(event)

    def _keep_dim_text_readable(self) -> None:
        """Hints and quiet labels (PlaceholderText) that would vanish on this palette's ground get
        a colour that reads; every widget of the window inherits it (see gui/colors.py). The theme's
        own colour comes back as soon as it reads (a later theme is judged by its own, not by ours)."""
        palette = self.palette()
        shown = palette.color(QPalette.PlaceholderText)
        ours = self._dim_set is not None and shown == self._dim_set
        if ours:  # what does the theme say now?
            palette.setColor(QPalette.PlaceholderText, QApplication.palette(self).color(QPalette.PlaceholderText))
        wanted = readable_dim(palette) or palette.color(QPalette.PlaceholderText)
        self._dim_set = wanted if ours or wanted != shown else None
        if wanted != shown:
            for group in (QPalette.Active, QPalette.Inactive):  # (a disabled field's hint keeps the theme's)
                palette.setColor(group, QPalette.PlaceholderText, wanted)
            self.setPalette(palette)  # (the check it causes finds the colour ours and readable: no loop)

    # --- drag and drop, settings -------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith((".yaml", ".yml", ".csv", ".json", ".timeline")):
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
        self._stop_settling()  # (a window closed has no idle work left to do)
        super().closeEvent(event)
