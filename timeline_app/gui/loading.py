"""Opening, loading and reloading files: small ones at once, large ones on a thread."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from ..chronology.search import SearchIndex
from ..chronology.timeline_index import TimelineIndex
from ..files.bundled import is_bundled
from ..files.loader import LoadResult, collect_after_load, is_editable, load_file
from .event_list import dates_to_fit

SYNC_LOAD_BYTES = 2_000_000  # smaller files load before the window shows; larger ones in a thread
MAX_RECENT = 8


class _LoadThread(QThread):
    """Parses, validates and indexes a file off the GUI thread.

    It hands over the timeline and stops: Python work on a second thread while the
    GUI paints makes every paint wait for the interpreter lock (a 9 ms frame took
    180 ms), so the search index is built afterwards on the GUI thread, in slices.
    """

    progress = Signal(float)
    done = Signal(object)

    def __init__(self, path: str, keep_view: bool, fit_dates: bool, parent=None):
        super().__init__(parent)
        self.path, self.keep_view, self.fit_dates = path, keep_view, fit_dates

    def run(self) -> None:
        # the GUI thread waits for the interpreter at every Python call (a paint, a timer);
        # by default the loading thread hands it over only every 5 ms, and a first paint
        # that makes thirty such calls then took 155 ms: hand it over every millisecond
        with _quick_hand_over():
            result = load_file(self.path, _now_and_then(self.progress.emit))
            self.progress.emit(0.8)
            self.done.emit(_prepare(result, self.keep_view, self.fit_dates))


PROGRESS_EVERY = 0.1  # seconds between two reports of a load's progress: ten a second look smooth


def _now_and_then(report, every: float = PROGRESS_EVERY, clock=time.monotonic):
    """`report`, called only when the whole percent has changed and `every` seconds have passed
    since the last call. Each report wakes the GUI thread, which then waits for the interpreter
    while the loader holds it, and repaints the window: a report per percent (70 in a 1.5 s
    load) cost the load a tenth of a second."""
    shown = [-1, -every]

    def reported(fraction: float) -> None:
        percent, now = int(fraction * 100), clock()
        if percent != shown[0] and now - shown[1] >= every:
            shown[:] = percent, now
            report(fraction)

    return reported


_loads_running = 0
_loads_lock = threading.Lock()
_DEFAULT_SWITCH_INTERVAL = sys.getswitchinterval()


@contextlib.contextmanager
def _quick_hand_over():
    """A 1 ms switch interval while any load runs; the default back when the last one ends
    (loads may overlap: one ending must not undo another's setting)."""
    global _loads_running
    with _loads_lock:
        _loads_running += 1
        sys.setswitchinterval(0.001)
    try:
        yield
    finally:
        with _loads_lock:
            _loads_running -= 1
            if not _loads_running:
                sys.setswitchinterval(_DEFAULT_SWITCH_INTERVAL)


def _prepare(result: LoadResult, keep_view: bool = False, fit_dates: bool = True):
    """What the window needs to draw, built where it is cheapest to wait for: the index, and
    (`fit_dates`: unless the reader has set the Date column's width) the date texts the column
    is fitted to (5,000 dates described: 7-35 ms that held the window at the first paint of
    any file that large)."""
    if result.chronology is None or not result.ok:
        return result, None, None
    index = TimelineIndex(result.chronology)
    if keep_view:  # a reload finds the selected event again by its id: built here, not on the GUI thread
        index.position_of_id  # noqa: B018 - (a first open needs it for nothing before the first paint)
    return result, index, dates_to_fit(index.events) if fit_dates else None


def _indexing_steps(index: TimelineIndex, search: SearchIndex):
    """Search index and tag counts, a few milliseconds per step. (The titles' widths are measured
    once the file is searchable, `_settling_steps`: measured first, they kept the search from a
    reader of 10,000 events 0.1 s longer.)"""
    yield from search.build_steps()
    yield from index.count_tags_steps()


def _settling_steps(canvas):
    """The idle work once a file is searchable: its titles measured and shaped ahead for the canvas,
    then the collector run over what the load made (else its next passes find a load's objects
    young and scan them all mid-frame: 12 ms of the second zoom into 10,000 events, 40 ms at a
    million)."""
    yield from canvas.measuring_steps()
    yield from canvas.shaping_steps()
    collect_after_load(len(canvas.index) if canvas.index is not None else 0)
    yield


SLICE_SECONDS = 0.008  # idle work runs this long before the window answers again


def _ran_a_slice(steps, timer: QTimer) -> bool:
    """Run `steps` for about SLICE_SECONDS: True once they are all done, else False with `timer`
    started for the next slice."""
    deadline = time.perf_counter() + SLICE_SECONDS
    for _ in steps:
        if time.perf_counter() > deadline:
            timer.start()
            return False
    return True


class LoadingMixin:
    """The MainWindow's part that reads files, applies what they hold and keeps recent files."""

    def open_file(self, path: str, keep_view: bool = False) -> None:
        """Load `path`; small files before returning, large ones in a thread with progress."""
        if os.path.abspath(path) != self.path:
            self.history.clear()  # Undo changes only the file on screen, never one the reader has left
        self.path = os.path.abspath(path)
        self._stop_settling()  # (the last file's idle work: it would end while this one loads)
        self.watcher.watch(self.path)
        self._remember_recent(self.path)
        try:
            size = os.path.getsize(self.path)
        except OSError:
            size = 0
        self.loading = True
        if size <= SYNC_LOAD_BYTES:
            self._thread = None  # a large file still loading from before must not replace this one when it ends
            self._apply(_prepare(load_file(self.path), keep_view, self.date_column_fitted()), keep_view)
            for _ in self._indexing or ():
                pass
            self._finish_indexing()
            return
        self.progress.setValue(0)
        self.progress.show()
        self.statusBar().showMessage(f"Loading {os.path.basename(self.path)}…")
        self.canvas.set_placeholder(f"Loading {os.path.basename(self.path)} ({size / 1e6:.0f} MB)…")
        thread = _LoadThread(self.path, keep_view, self.date_column_fitted(), self)
        thread.progress.connect(lambda fraction: self.progress.setValue(int(fraction * 100)))
        thread.done.connect(lambda payload: self._apply(payload, keep_view) if thread is self._thread else None)
        thread.finished.connect(lambda: self._thread_ended(thread))
        if self._thread is not None:
            self._thread.wait()  # a newer load replaces an unfinished one; its result is dropped below
        self._thread = thread
        thread.start()
        QTimer.singleShot(0, self.canvas, self.canvas.learn_fonts)  # (the window is idle meanwhile; not if it is gone)

    def _forget_history_if_edited_elsewhere(self) -> None:
        """A save from another program: undoing over it would lose it, so the history goes (and says so)."""
        if self.history.edited_elsewhere():
            self.history.clear()
            self.statusBar().showMessage("The file was changed in another program: the undo history is cleared", 8000)

    def _thread_ended(self, thread: _LoadThread) -> None:
        """Free each loading thread once it is done: one per reload would add up over a day's saves."""
        if thread is self._thread:
            self._thread = None
        thread.deleteLater()

    def reload(self) -> None:
        if self.path:
            self.open_file(self.path, keep_view=True)

    def _file_changed_on_disk(self) -> None:
        self._forget_history_if_edited_elsewhere()
        if self.loading:
            self._reload_pending = True  # saved again while a large file was loading: load once more after
        else:
            self.reload()

    def _apply(self, payload, keep_view: bool) -> None:
        result, index, date_texts = payload
        self.loading = False
        self.progress.hide()
        if self._reload_pending:
            self._reload_pending = False
            QTimer.singleShot(0, self.reload)
        self.result = result
        if index is not None:
            self.shown = result  # what the canvas shows: the last good version while the file is broken
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
        self._stop_settling()  # (begun again once this file is searchable)
        self.canvas.set_data(result.chronology, index, keep_view=keep_view)
        if keep_view and not auto_fit:
            self.canvas.set_view(view)
        self.list_model.set_index(index)
        if date_texts is not None:
            self.fit_date_column(date_texts)
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
        self.canvas.editable = is_editable(self.path)
        self.copy_action.setEnabled(is_bundled(self.path))
        verb = "Reloaded" if keep_view else "Loaded"
        message = f"{verb} {os.path.basename(self.path)} at {time.strftime('%H:%M:%S')}"
        if added_id and added_id in index.position_of_id:
            message = f"Added “{index.events[index.position_of_id[added_id]].title}” · {message}"
        self.statusBar().showMessage(message)
        self.loaded.emit()

    def _index_a_little(self) -> None:
        """One slice of indexing per idle moment; the window stays responsive meanwhile."""
        if self._indexing is not None and _ran_a_slice(self._indexing, self._indexing_timer):
            self._finish_indexing()

    def _finish_indexing(self) -> None:
        if self._indexing is None:
            return
        self._indexing = None
        self.search_index = self._searching
        self.filters.set_search_index(self._searching)
        self.apply_filters()
        self.searchable.emit()
        self._settling = _settling_steps(self.canvas)
        self._settling_timer.start()

    def _stop_settling(self) -> None:
        self._settling = None
        self._settling_timer.stop()

    def _settle_a_little(self) -> None:
        """One slice of the idle work after a load (`_settling_steps`) per idle moment."""
        if self._settling is not None and _ran_a_slice(self._settling, self._settling_timer):
            self._settling = None
            self.settled.emit()

    def _update_title(self) -> None:
        name = os.path.basename(self.path) if self.path else ""
        title = self.result.chronology.title if self.result and self.result.chronology else ""
        self.setWindowTitle(" — ".join(part for part in (title, name, "Timeline") if part))

    def choose_file(self) -> None:
        start = self.start_folder()
        path, _ = QFileDialog.getOpenFileName(
            self, "Open chronology", start, "Chronologies (*.yaml *.yml *.csv *.json *.timeline);;All files (*)"
        )
        if path:
            self.open_file(path)

    def _remember_recent(self, path: str) -> None:
        recent = [p for p in self._recent() if p != path]
        recent.insert(0, path)
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])
        self.settings.setValue("lastFile", path)
        if not is_bundled(path):
            self.settings.setValue("lastFolder", os.path.dirname(path))
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
