"""Starting the Qt application around a MainWindow."""

from __future__ import annotations

import sys


def run_window(path: str) -> int:
    from PySide6.QtWidgets import QApplication

    from .gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Timeline")
    app.setOrganizationName("timeline-app")
    window = MainWindow(path)
    window.show()
    return app.exec()
