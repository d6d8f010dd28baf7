import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import pytest  # noqa: E402

BUNDLED = ROOT / "events.yaml"


@pytest.fixture(autouse=True)
def fresh_settings(request):
    """Every GUI test starts from no saved settings, in Qt's test location (never the user's)."""
    if "qtbot" not in request.fixturenames and "window" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings("timeline-app", "timeline-app").clear()
    yield


@pytest.fixture
def window(qtbot):
    """The main window on the bundled chronology, shown at a realistic size."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)  # keep the user's settings out of tests
    return shown_window(qtbot, BUNDLED, (1600, 900))


def shown_window(qtbot, path, size: tuple[int, int]):
    """The main window on `path` at `size`, shown, all its events in view."""
    from timeline_app import MainWindow

    win = MainWindow(str(path))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.fit_all()
    return win
