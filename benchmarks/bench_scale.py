"""Scale benchmark: open, repaint, search and memory for 1k to 1M events, in several styles.

Run: python benchmarks/bench_scale.py [SIZE[:STYLE]...]
     (default: 1000, 10000 and 100000 in the hand-written and safe_dump styles, 100000:broken,
      100000:broken_late, 100000:csv and 100000:world;
      add 1000000 for a million events)

Styles (benchmarks/synthetic.py): hand (as a person writes it), safe_dump (what
yaml.safe_dump writes), broken (a syntax error near the top: the problems are shown),
broken_late (the same error in the last event, where appending to a file puts it), csv (a
spreadsheet export: its rows are checked in chunks too), json (our own export, reopened),
world (the hand style as real files are: Arabic place names, macrons, curly quotes, and years
written bare, `start: 2003`).
"chunks fast/precise" says how many pieces of the events list were served fast (yaml-rs's
plain values, a CSV's plain cells, json's values) and how many the precise reader read
again: 1,000-event chunks, or the runs of calm and doubtful events a chunk with a doubt
is cut into (benchmarks/bench_styles.py shows many more ways of writing a file).

Each size runs in its own process (so peak RSS is that size's), offscreen, with the
window at 1600x900. "open" is MainWindow construction to the first canvas paint with
data; "ready" is when every event is listed and searchable; "idle" when the window's idle
work after that is done too (titles measured ahead, up to 200,000 events, and shaped, up to
20,000; the collector run);
"freeze" is the longest gap between 10 ms GUI-thread timer ticks from the moment the window
is shown until then. Repaint, hover, search and list figures are measured after it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

TARGETS = {  # (size, broken): (open s, all listed and searchable s, median ms, p95 ms, RSS MB), from issue 12
    (1000, False): (0.15, 0.2, 5, 12, None),
    (10000, False): (0.3, 0.5, 5, 12, 250),
    (100000, False): (1.0, 1.5, 8, 16, 400),
    (100000, True): (2.0, None, None, None, 600),
    (1000000, False): (10.0, 15.0, 8, 16, 2500),
}


def measure(size: int, style: str = "hand") -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    path = _data_file(size, style)
    chunks = _count_chunks()

    from PySide6.QtCore import (
        QElapsedTimer,
        QEventLoop,
        QPoint,
        QPointF,
        QStandardPaths,
        Qt,
        QTimer,
    )
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])
    from timeline_app import MainWindow

    ticks: list[float] = []
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))

    first_paint: list[float] = []
    started = time.perf_counter()
    window = MainWindow(None)
    window.resize(1600, 900)
    window.show()
    ticker.start()
    ticks.append(time.perf_counter())
    canvas = window.canvas
    original_paint = canvas.paintEvent

    def paint_and_stamp(event):
        original_paint(event)
        if canvas.index is not None and not first_paint:
            first_paint.append(time.perf_counter())
            waiting.quit()

    canvas.paintEvent = paint_and_stamp
    # wait as the application does, in Qt's event loop: a Python loop polling every
    # millisecond would take the interpreter from the loading thread a thousand times a second
    waiting = QEventLoop()

    def stamp_problems():
        if window.result is not None and not window.result.ok and not first_paint:
            first_paint.append(time.perf_counter())  # broken: the problems are on screen
            waiting.quit()

    window.loaded.connect(stamp_problems)
    QTimer.singleShot(300_000, waiting.quit)
    window.open_file(str(path))
    if not first_paint:
        waiting.exec()
    open_seconds = first_paint[0] - started
    if window.index is None:  # a broken file: nothing to repaint or search
        ticker.stop()
        return {"events": 0, "problems": window.problems_panel.count(), "file_mb": path.stat().st_size / 1e6,
                "open_s": open_seconds, "search_ready_s": None, "freeze_ms": _freeze(ticks), **chunks,
                "peak_rss_mb": peak_rss_mb()}
    canvas.paintEvent = original_paint
    if window.search_index is None:  # indexing goes on after, in the event loop (a Python loop polling with
        indexed = QEventLoop()           # sleeps between steps added a sleep to each 8 ms step: 0.3 s at a million)
        window.searchable.connect(indexed.quit)
        QTimer.singleShot(300_000, indexed.quit)
        indexed.exec()
    app.processEvents()  # (what the indexing's end posted)
    search_ready = time.perf_counter() - started
    if window._settling is not None:  # the idle work after it: titles shaped ahead, the collector run
        settling = QEventLoop()
        window.settled.connect(settling.quit)
        QTimer.singleShot(300_000, settling.quit)
        settling.exec()
    settled = time.perf_counter() - started
    ticker.stop()
    freeze = _freeze(ticks) / 1000
    if os.environ.get("BENCH_GAPS"):
        gaps = sorted(((b - a, a - started) for a, b in zip(ticks, ticks[1:])), reverse=True)[:6]
        print("longest gaps (ms, at s):", [(round(g * 1000), round(at, 2)) for g, at in gaps], file=sys.stderr)
    canvas.fit_all()
    events = len(window.index)

    def wheel(x, delta, modifiers=Qt.NoModifier):
        event = QWheelEvent(QPointF(x, 300), QPointF(x, 300), QPoint(0, 0), QPoint(0, delta), Qt.NoButton,
                            modifiers, Qt.NoScrollPhase, False)
        QApplication.sendEvent(canvas, event)

    timer = QElapsedTimer()
    repaint_ms = []
    anchor = canvas.width() * 0.62
    for step in range(160):
        if step < 60:
            wheel(anchor, 120)  # zoom in around one point, down to days and hours
        elif step < 100:
            wheel(anchor, -120, Qt.ShiftModifier)  # pan
        elif step < 140:
            wheel(anchor, -120)  # zoom back out
        else:
            wheel(anchor, 120, Qt.ShiftModifier)
        timer.start()
        canvas.grab()
        repaint_ms.append(timer.nsecsElapsed() / 1e6)

    hover_ms = []
    for x in range(100, 1500, 70):
        canvas.hovered = (canvas.hovered + 1) % events
        timer.start()
        canvas.grab()
        hover_ms.append(timer.nsecsElapsed() / 1e6)

    search_ms = []
    query = ""
    for character in "militia oil":
        query += character
        timer.start()
        window.search_field.setText(query)
        window.apply_filters()
        canvas.grab()
        search_ms.append(timer.nsecsElapsed() / 1e6)
    window.search_field.setText("")
    window.apply_filters()

    scroll_ms = []
    bar = window.event_list.verticalScrollBar()
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9, 1.0):
        timer.start()
        bar.setValue(int(bar.maximum() * fraction))
        window.event_list.viewport().grab()
        scroll_ms.append(timer.nsecsElapsed() / 1e6)

    repaint_ms.sort()
    return {
        **chunks,
        "events": events,
        "file_mb": path.stat().st_size / 1e6,
        "open_s": open_seconds,
        "search_ready_s": search_ready,
        "settled_s": settled,
        "freeze_ms": freeze * 1000,
        "repaint_median_ms": statistics.median(repaint_ms),
        "repaint_p95_ms": repaint_ms[int(len(repaint_ms) * 0.95) - 1],
        "repaint_max_ms": repaint_ms[-1],
        "hover_median_ms": statistics.median(hover_ms),
        "search_max_ms": max(search_ms),
        "list_scroll_max_ms": max(scroll_ms),
        "peak_rss_mb": peak_rss_mb(),
    }


def _data_file(size: int, style: str) -> Path:
    """The benchmark's file, written once (by the parent: making it must not count in the measured RSS)."""
    from synthetic import suffix, synthetic_yaml

    path = Path(tempfile.gettempdir()) / f"timeline-bench-{size}-{style}{suffix(style)}"
    if not path.exists():
        path.write_text(synthetic_yaml(size, seed=42, style=style), encoding="utf-8")
    return path


def peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM). Not getrusage's ru_maxrss: Linux carries
    that over from the parent at fork across exec, so every size reported the parent's peak
    (the 600 MB it took to write the largest data file) once it was higher than its own."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # not Linux: the best there is

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _freeze(ticks: list[float]) -> float:
    """The longest gap between GUI timer ticks, in ms: how long the window stopped answering."""
    return max(b - a for a, b in zip(ticks, ticks[1:])) * 1000 if len(ticks) > 1 else 0.0


def _count_chunks() -> dict:
    """Counts, filled in as the load goes, of chunks served fast and chunks read again precisely
    (YAML's chunks, parsed by yaml-rs, and CSV's, from plain cells)."""
    import timeline_app.files.csv_events as csv_events
    import timeline_app.files.fast_reader as fast_reader
    import timeline_app.files.json_events as json_events

    counts = {"chunks": 0, "reread": 0}
    for stream, chunk in ((fast_reader.EventStream, fast_reader.Chunk), (csv_events.CsvEvents, csv_events.CsvChunk),
                          (json_events.JsonEvents, json_events.JsonChunk)):
        chunks, reread = stream.chunks, chunk.read_precise

        def counting_chunks(stream, chunks=chunks):
            for chunk in chunks(stream):
                counts["chunks"] += 1
                yield chunk

        def counting_reread(chunk, reread=reread):
            counts["reread"] += 1
            return reread(chunk)

        stream.chunks, chunk.read_precise = counting_chunks, counting_reread
    return counts


def main() -> int:
    if len(sys.argv) > 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]), sys.argv[3])))
        return 0
    from synthetic import STYLES

    wanted = [arg.partition(":") for arg in sys.argv[1:]]
    if any(not size.isdigit() or (style and style not in STYLES) for size, _, style in wanted):
        print(f"usage: bench_scale.py [SIZE[:STYLE]...]   styles: {', '.join(STYLES)}", file=sys.stderr)
        return 2
    runs = [(int(size), style or "hand") for size, _, style in wanted] or [
        (1000, "hand"), (1000, "safe_dump"), (10000, "hand"), (10000, "safe_dump"),
        (100000, "hand"), (100000, "safe_dump"), (100000, "broken"), (100000, "broken_late"), (100000, "csv"),
        (100000, "world"),
    ]
    from sitting import describe

    print(describe())
    print(f"{'events':>8} {'style':>9} {'MB':>6} {'chunks':>11} {'open s':>7} {'ready s':>7} {'idle s':>6} {'freeze':>7} {'median':>7}"
          f" {'p95':>7} {'max':>7} {'hover':>6} {'search':>7} {'list':>6} {'RSS MB':>7}  verdict")
    failures = 0
    for size, style in runs:
        _data_file(size, style)
        output = subprocess.run([sys.executable, __file__, "--one", str(size), style], capture_output=True, text=True)
        if output.returncode:
            print(output.stderr)
            return 1
        r = json.loads(output.stdout.strip().splitlines()[-1])
        open_t, ready_t, median_t, p95_t, rss_t = TARGETS.get((size, style.startswith("broken")), (None,) * 5)
        misses = [
            name
            for name, value, target in (
                ("open", r["open_s"], open_t),
                ("ready", r.get("search_ready_s"), ready_t),
                ("median", r.get("repaint_median_ms"), median_t),
                ("p95", r.get("repaint_p95_ms"), p95_t),
                ("rss", r["peak_rss_mb"], rss_t),
                ("freeze", r["freeze_ms"], 100 if size >= 10000 else None),
            )
            if target is not None and value is not None and value > target
        ]
        failures += bool(misses)
        chunks = f"{r['chunks'] - r['reread']}/{r['reread']}"
        if r["events"]:
            figures = (f"{r['search_ready_s']:>7.3f} {r['settled_s']:>6.2f} {r['freeze_ms']:>6.0f}ms {r['repaint_median_ms']:>5.2f}ms"
                       f" {r['repaint_p95_ms']:>5.2f}ms {r['repaint_max_ms']:>5.1f}ms {r['hover_median_ms']:>4.2f}ms"
                       f" {r['search_max_ms']:>5.1f}ms {r['list_scroll_max_ms']:>4.1f}ms")
        else:
            figures = f"{'—':>7} {'—':>6} {r['freeze_ms']:>6.0f}ms {r['problems']} problem(s) shown".ljust(70)
        print(f"{r['events'] or size:>8} {style:>9} {r['file_mb']:>6.1f} {chunks:>11} {r['open_s']:>7.3f} {figures}"
              f" {r['peak_rss_mb']:>7.0f}  " + ("ok" if not misses else "MISSED " + ", ".join(misses)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
