"""Once a file is searchable the window does its idle work (gui/loading.py `_settling_steps`):
every title is shaped ahead, so the first zoom into the file draws titles it already knows, and
the collector runs over what the load made. The reader sees nothing of it but smoother frames;
it must end (the `settled` signal), stop for a file opened meanwhile, and change no pixel."""

from __future__ import annotations

import contextlib
import gc

from conftest import shown_window
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from synthetic import synthetic_yaml

from timeline_app.gui import canvas as canvas_module


def _settled_window(qtbot, tmp_path, events: int, seed: int, size: tuple[int, int]):
    """A window on `events` generated events, its idle work done."""
    path = tmp_path / "events.yaml"
    path.write_text(synthetic_yaml(events, seed=seed), encoding="utf-8")
    window = shown_window(qtbot, path, size)
    with qtbot.waitSignal(window.settled, timeout=30_000):
        pass
    return window


@contextlib.contextmanager
def _full_collections():
    """The collector's full passes while the block runs, as a list of their infos."""
    runs = []

    def count(phase, info):
        if phase == "stop" and info["generation"] == 2:
            runs.append(info)
    gc.callbacks.append(count)
    try:
        yield runs
    finally:
        gc.callbacks.remove(count)


def _zoom_in(canvas, notches: int) -> None:
    at = QPointF(canvas.width() * 0.62, 300)
    for _ in range(notches):
        QApplication.sendEvent(canvas, QWheelEvent(at, at, QPoint(0, 0), QPoint(0, 120), Qt.NoButton, Qt.NoModifier,
                                                   Qt.NoScrollPhase, False))
        canvas.grab()


def test_titles_are_shaped_ahead_and_the_first_zoom_shapes_none(qtbot, tmp_path):
    window = _settled_window(qtbot, tmp_path, 3000, 9, (1600, 900))
    canvas = window.canvas
    font_key = canvas._font.key()
    titles = {event.title for event in window.index.events}
    assert titles <= {text for text, key in canvas._shaped_texts if key == font_key}
    for (text, key), kept in canvas._shaped_texts.items():  # (advances taken from the measured widths: exact)
        assert key != font_key or kept.advance == canvas._metrics.horizontalAdvance(text), text
    before = set(canvas._shaped_texts)
    drawn = []
    original = canvas._shaped_if_seen
    canvas._shaped_if_seen = lambda text, *rest: drawn.append(text) or original(text, *rest)
    _zoom_in(canvas, 12)
    assert len(set(drawn) & titles) > 100  # the zoom drew many titles...
    assert not {text for text, _ in set(canvas._shaped_texts) - before} & titles  # ...none shaped anew


def test_a_file_opened_while_settling_stops_the_last_ones_shaping(qtbot, tmp_path, monkeypatch):
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(synthetic_yaml(3000, seed=1), encoding="utf-8")
    second.write_text(synthetic_yaml(40, seed=2), encoding="utf-8")
    window = shown_window(qtbot, first, (1280, 800))
    first_titles = {event.title for event in window.index.events}
    window.canvas._shaped_texts.clear()
    window._settle_a_little()  # (one slice: the first file's shaping has begun, not ended)
    window.open_file(str(second))
    with qtbot.waitSignal(window.settled, timeout=30_000):
        pass
    shaped = {text for text, _ in window.canvas._shaped_texts}
    assert {event.title for event in window.index.events} <= shaped
    assert len(shaped & (first_titles - {event.title for event in window.index.events})) < 1000  # cut short


def test_a_file_larger_than_shaped_ahead_shapes_titles_as_they_are_drawn(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(canvas_module, "SHAPED_AHEAD", 100)
    path = tmp_path / "events.yaml"
    path.write_text(synthetic_yaml(300, seed=4), encoding="utf-8")
    window = shown_window(qtbot, path, (1024, 640))
    window.canvas._shaped_texts.clear()
    with qtbot.waitSignal(window.settled, timeout=30_000):
        pass
    titles = {event.title for event in window.index.events}
    shaped = {text for text, _ in window.canvas._shaped_texts} & titles
    assert len(shaped) < len(titles) / 2  # only what was drawn (the window painted meanwhile)


def test_settling_runs_the_collector_over_what_the_load_made(qtbot, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(synthetic_yaml(3000, seed=6), encoding="utf-8")
    with _full_collections() as runs:
        window = shown_window(qtbot, path, (1024, 640))
        with qtbot.waitSignal(window.settled, timeout=30_000):
            pass
    assert runs
    assert gc.get_count()[0] < 700  # (what the collector took in: nothing left young of the load)


def test_every_title_is_measured_once_settled(qtbot, tmp_path):
    """A file read before the window shows (or one of 20,000 to 200,000 events, once searchable)
    has each title's width measured in the idle moments: a zoom then measures none."""
    window = _settled_window(qtbot, tmp_path, 2500, 12, (1280, 800))
    canvas = window.canvas
    assert (canvas._label_widths > 0).all()
    measured = []
    original = canvas._measured_label
    canvas._measured_label = lambda position: measured.append(position) or original(position)
    _zoom_in(canvas, 10)
    assert measured == []


def test_only_a_load_of_thousands_of_events_is_worth_a_full_pass():
    from timeline_app.files.loader import COLLECTED_FROM, collect_after_load

    with _full_collections() as runs:
        collect_after_load(COLLECTED_FROM - 1)
        small = len(runs)
        collect_after_load(COLLECTED_FROM)
    assert small == 0 and len(runs) == 1


def test_opening_or_closing_stops_the_last_files_idle_work(qtbot, tmp_path, monkeypatch):
    from timeline_app.gui import loading

    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(synthetic_yaml(3000, seed=1), encoding="utf-8")
    second.write_text(synthetic_yaml(3000, seed=2), encoding="utf-8")
    window = shown_window(qtbot, first, (1280, 800))
    read_at_once = loading.SYNC_LOAD_BYTES
    window.open_file(str(first))  # (read at once: its idle work begins)
    assert window._settling is not None
    monkeypatch.setattr(loading, "SYNC_LOAD_BYTES", 0)  # the second loads on a thread
    window.open_file(str(second))
    assert window._settling is None and not window._settling_timer.isActive()  # not left to end meanwhile
    with qtbot.waitSignal(window.settled, timeout=30_000):
        pass
    assert window.path == str(second)
    monkeypatch.setattr(loading, "SYNC_LOAD_BYTES", read_at_once)
    window.open_file(str(first))
    assert window._settling is not None
    window.close()
    assert window._settling is None and not window._settling_timer.isActive()
