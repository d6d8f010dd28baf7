"""A large chronology loads off the GUI thread with a progress bar, then searches."""

import subprocess
import sys
from pathlib import Path

import pytest
from synthetic import synthetic_yaml

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_large_file_loads_in_background_with_progress(qtbot, tmp_path):
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    from timeline_app import MainWindow
    from timeline_app.gui.loading import SYNC_LOAD_BYTES

    path = tmp_path / "big.yaml"
    path.write_text(synthetic_yaml(9000, seed=11), encoding="utf-8")
    assert path.stat().st_size > SYNC_LOAD_BYTES
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.open_file(str(path))
        assert window.loading and window.progress.isVisible()  # returned at once; loading goes on
    assert len(window.index) == 9000 and not window.progress.isVisible()
    if window.search_index is None:  # the index is built after the first paint, a slice per idle moment
        with qtbot.waitSignal(window.searchable, timeout=10000):
            pass
    assert window.search_index is not None and window.search_index.ready
    window.search_field.setText("ceasefire")
    qtbot.waitUntil(lambda: 0 < window.list_model.rowCount() < 9000)
    assert all("ceasefire" in window.search_index.texts[p] for p in window.list_model.rows)
    window.canvas.grab()
    assert window.canvas.layout_result.placed or window.canvas.layout_result.clusters


def test_a_large_files_titles_are_measured_in_the_idle_steps_once_it_is_searchable(qtbot, tmp_path):
    """The first zooms into 10,000 events met hundreds of titles a frame never measured: their
    slowest frames. Measured in the idle steps after the load (once the file is searchable: the
    search comes first), each as the canvas measures it."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    from timeline_app import MainWindow

    path = tmp_path / "big.yaml"
    path.write_text(synthetic_yaml(9000, seed=5), encoding="utf-8")
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    with qtbot.waitSignal(window.searchable, timeout=30000):
        window.open_file(str(path))
    assert window.search_index is not None and not window.canvas._label_widths.all()  # (searchable first)
    with qtbot.waitSignal(window.settled, timeout=30000):
        pass
    canvas = window.canvas
    widths = canvas._label_widths.copy()
    assert len(widths) == 9000 and (widths > 0).all()
    sample = range(0, 9000, 97)
    assert [widths[position] for position in sample] == [canvas._measured_label(position) for position in sample]
    canvas.zoom(8.0)
    canvas.grab()  # a zoom in draws them with the widths measured ahead
    assert any(placed.label_width for placed in canvas.layout_result.placed)


def test_measuring_ahead_stops_when_another_file_replaces_it(qtbot, tmp_path):
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    from timeline_app import MainWindow

    path = tmp_path / "big.yaml"
    path.write_text(synthetic_yaml(9000, seed=6), encoding="utf-8")
    window = MainWindow(None)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.open_file(str(path))
    steps = window.canvas.measuring_steps(batch=100)
    next(steps)
    old = window.canvas._label_widths
    window.canvas.set_data(window.result.chronology, window.index)  # (as a reload does)
    assert list(steps) == [] and old is not window.canvas._label_widths
    assert not window.canvas._label_widths.any()  # the new widths untouched: measured as they come into view


_RELOAD_AFTER_THREAD = r"""
import os, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[2])
from synthetic import synthetic_yaml
path = sys.argv[1]
with open(path, "w", encoding="utf-8") as handle:
    handle.write(synthetic_yaml(9000, seed=3))
if sys.argv[3] == "window":
    from PySide6.QtCore import QEventLoop, QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication([])
    from timeline_app import MainWindow
    window = MainWindow(None)
    counts = []
    for _ in range(3):  # the first load runs on a QThread that then ends; then reload twice
        loop = QEventLoop()
        window.loaded.connect(loop.quit)
        window.open_file(path, keep_view=True)
        QTimer.singleShot(60000, loop.quit)
        loop.exec()
        window.loaded.disconnect(loop.quit)
        counts.append(len(window.index))
else:
    from timeline_app.files.loader import load_file
    counts = []
    worker = threading.Thread(target=lambda: counts.append(len(load_file(path).chronology.events)))
    worker.start()
    worker.join()
    counts.append(len(load_file(path).chronology.events))
print(counts)
"""


@pytest.mark.parametrize("where", ["loader", "window"])
def test_a_large_file_reloads_after_its_loading_thread_has_ended(tmp_path, where):
    # yaml-rs 0.1.6 segfaulted on the call after being first imported on a thread that had ended
    run = subprocess.run(
        [sys.executable, "-c", _RELOAD_AFTER_THREAD, str(tmp_path / "big.yaml"), str(BENCHMARKS), where],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    expected = "[9000, 9000, 9000]" if where == "window" else "[9000, 9000]"
    assert run.stdout.strip().splitlines()[-1] == expected


def test_load_progress_is_reported_now_and_then():
    """A load's progress wakes the window at most ten times a second, and only when the
    percent shown changes: every report costs the loader the interpreter for a repaint."""
    from timeline_app.gui.loading import _now_and_then

    now = [0.0]
    shown = []
    report = _now_and_then(shown.append, every=0.1, clock=lambda: now[0])
    for step in range(1, 1001):  # a thousand chunks over two seconds
        now[0] = step * 0.002
        report(step / 1000)
    assert 15 <= len(shown) <= 21  # one per 0.1 s, not one per percent (100) or per chunk (1,000)
    assert shown == sorted(shown) and shown[0] == 0.001
    assert all(later - earlier >= 0.049 for earlier, later in zip(shown, shown[1:]))  # 0.1 s of a 2 s load apart
    reports = len(shown)
    now[0] += 1
    report(shown[-1] + 0.001)  # much later, but the same percent: nothing new to show
    assert len(shown) == reports
