"""Follows a file on disk through in-place saves and editors' write-temp-then-rename saves.

QFileSystemWatcher stops watching a path once the file is replaced, so the file is
re-added after every change, and its folder is watched too to catch the rename.
Bursts of notifications (an editor writes, renames, touches) become one `changed`.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 200


class FileWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.path = ""
        self._signature: tuple | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._settle)

    def watch(self, path: str) -> None:
        self.unwatch()
        self.path = os.path.abspath(path)
        self._signature = self._stat()
        self._rearm()

    def unwatch(self) -> None:
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)
        self.path = ""

    def _stat(self) -> tuple | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def _rearm(self) -> None:
        if not self.path:
            return
        folder = os.path.dirname(self.path) or "."
        if folder not in self._watcher.directories() and os.path.isdir(folder):
            self._watcher.addPath(folder)
        if self.path not in self._watcher.files() and os.path.exists(self.path):
            self._watcher.addPath(self.path)

    def _poke(self, *_args) -> None:
        self._timer.start()

    def _settle(self) -> None:
        self._rearm()
        signature = self._stat()
        if signature != self._signature:  # changed, or removed (the reload then says so)
            self._signature = signature
            self.changed.emit()

    def is_current(self) -> bool:
        """Whether the file is still as last seen: a change from the window must not build on a stale view."""
        return not self.path or self._stat() == self._signature

    def mark_current(self) -> None:
        """Take the file as it is now as seen (after we wrote it ourselves)."""
        self._signature = self._stat()
