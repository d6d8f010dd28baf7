"""The vectorised layout equals the one-event-at-a-time reference on the real timelines kept
under tests/data (TimelineJS, The Timeline Project, Sheets exports: see their READMEs) and on
the bundled chronology, from "fit all" down to a few days, at three canvas widths."""

from __future__ import annotations

from pathlib import Path

from layout_reference import lay_out as reference_lay_out

from timeline_app.chronology.timeline_index import TimelineIndex
from timeline_app.files.loader import load_file
from timeline_app.geometry.layout import lay_out
from timeline_app.geometry.viewport import Viewport

HERE = Path(__file__).parent
FILES = sorted(p for p in (HERE / "data").rglob("*") if p.suffix in (".json", ".timeline", ".csv", ".yaml")) + [
    HERE.parent / "events.yaml"]


def _chronologies():
    for path in FILES:
        result = load_file(path)
        if result.chronology is not None and result.chronology.events:
            yield path, result.chronology


def test_real_timelines_lay_out_as_the_reference_does():
    compared = files = 0
    for path, chronology in _chronologies():
        index = TimelineIndex(chronology)
        label_width = lambda p: min(560.0, 7.0 * len(index.events[p].title) + 2)  # noqa: E731 - a font of fixed advance
        wrapped_width = lambda p: label_width(p) * 0.55  # noqa: E731
        first, last = index.extent()
        for width in (600.0, 1024.0, 1600.0):
            fitted = Viewport.fitting(first, last, width)
            views = [fitted] + [Viewport(first + (last - first) * at, fitted.seconds_per_pixel / zoom)
                                for at, zoom in ((0.3, 8), (0.5, 60), (0.7, 900))]
            for view in views:
                rows = [3] * len(index.lane_ids)
                expected = reference_lay_out(index, view, width, rows, label_width,
                                             wrapped_width=wrapped_width, long_label=300.0)
                assert lay_out(index, view, width, rows, label_width, wrapped_width=wrapped_width,
                               long_label=300.0) == expected, (path.name, width, view)
                compared += len(expected.placed)
        files += 1
    assert files >= 20 and compared > 1000
