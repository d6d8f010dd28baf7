"""On screen the canvas draws titles and cluster counts from text it shaped once and kept
(QStaticText), instead of drawText shaping them again every frame. The two ways must give the
same picture, pixel for pixel: the reader must not see which one drew.
"""

import numpy as np
import pytest
from conftest import BUNDLED
from PySide6.QtGui import QFontMetricsF, QImage
from synthetic import synthetic_yaml

MIXED_TITLES = """\
title: Titles of every kind  # (the YAML escapes below: a tab, a CR, U+2028, U+009C…)
events:
  - {title: "قصف مطار طرابلس الدولي", start: 2014-07-13}
  - {title: "Libya Dawn (فجر ليبيا) takes the airport after five weeks of fighting", start: 2014-08-23}
  - {title: "Zintani brigades withdraw", start: 2014-08-24, end: 2014-09-02}
  - {title: "A very long title that runs on and on past any width the canvas could give it, to be cut at the edge", start: 2014-09-01}
  - {title: "Émigrés return — « enfin »", start: 2014-06-25, end: 2014-07-20}
  - {title: "2014", start: 2014}
  - {title: "Ölçek ünlü şğ", start: 2014-08}
  - {title: "Tab\\there and\\tthere", start: 2014-10-01}
  - {title: "Carriage\\rreturn", start: 2014-10-15}
  - {title: "Line\\u2028separator", start: 2014-11-01}
  - {title: "Length\\x9cvariant", start: 2014-11-20}
  - {title: "Cafe\\u0301 crème, a\\u0308", start: 2014-12-01}
  - {title: "Zero\\u200bwidth and soft\\u00adhyphen", start: 2014-12-15}
"""


def _picture(canvas, shaped: bool) -> np.ndarray:
    canvas.shape_text = shaped
    canvas._invalidate()
    image = canvas.grab().toImage().convertToFormat(QImage.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).copy()


def _open(qtbot, path, size):
    from timeline_app import MainWindow

    window = MainWindow(str(path))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.index is not None, timeout=20_000)
    return window


@pytest.mark.parametrize("size", [(1600, 900), (1024, 640)])
@pytest.mark.parametrize("source", ["bundled", "synthetic", "mixed"])
def test_kept_shaped_text_draws_what_drawtext_draws(qtbot, tmp_path, source, size):
    if source == "bundled":
        path = BUNDLED
    else:
        path = tmp_path / "events.yaml"
        path.write_text(synthetic_yaml(3000, seed=5) if source == "synthetic" else MIXED_TITLES, encoding="utf-8")
    window = _open(qtbot, path, size)
    canvas = window.canvas
    if canvas.devicePixelRatioF() != 1:  # (at 1.5 or 2 a glyph may sit up to 0.2 px apart: not a pixel's worth)
        pytest.skip("pixel-for-pixel holds at a device pixel ratio of 1")
    canvas.fit_all()
    compared = clusters = 0  # (a cluster's count is drawn at its baseline, never shaped: the same pixels)
    for factor, anchor in [(1.0, 0.5), (3.0, 0.5), (4.0, 0.2), (6.0, 0.9), (0.1, 0.5)]:
        canvas.zoom(factor, canvas.width() * anchor)
        canvas._shaped_texts.clear()
        canvas._drawn_once.clear()
        drawn = _picture(canvas, shaped=False)
        for frame in ("first", "second"):  # (an ASCII title is shaped from the second frame that shows it)
            shaped = _picture(canvas, shaped=True)
            differing = np.argwhere(drawn != shaped)
            assert not len(differing), f"zoom {factor}, {frame} frame: first differing pixel (row, byte) {differing[0].tolist()}"
        compared += len(canvas._shaped_texts)
        counts = QFontMetricsF(canvas._small)
        clusters += sum(counts.horizontalAdvance(f"{cluster.count:,}") < cluster.x1 - cluster.x0 - 2  # (a count drawn)
                        for cluster in canvas.layout_result.clusters if cluster.row >= 0)
    assert compared > 0  # the shaped path drew something: titles
    assert clusters > 0 or source != "synthetic"  # (the others have too few events for a cluster wide enough for its count)
    canvas.shape_text = True


def test_an_ascii_titles_height_is_the_one_its_own_layout_gives(qtbot):
    """ASCII text takes the font's one ASCII line height (not laid out once more per title); what
    it stands for must be what laying the text out gives, or titles would sit off centre."""
    import random
    import string

    from timeline_app.gui.canvas import TimelineCanvas, _line_height

    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    generator = random.Random(7)
    texts = ["".join(generator.choice(string.printable[:95]) for _ in range(generator.randint(1, 60))) for _ in range(400)]
    for font in (canvas._font, canvas._small, canvas._bold):
        key = font.key()
        assert canvas._ascii_height(font, key) is not None  # (the test platform's fonts hold ASCII whole)
        for text in texts + ["1,234", "Militia strike 0", " "]:
            kept = canvas._shaped(text, font, key, canvas._metrics)
            assert kept.height == _line_height(text, font), text
    arabic = canvas._shaped("قصف مطار طرابلس", canvas._font, canvas._font.key(), canvas._metrics)
    assert arabic.height == _line_height("قصف مطار طرابلس", canvas._font)


def test_the_fonts_heights_are_learnt_while_a_large_file_loads(qtbot, tmp_path, monkeypatch):
    """A large file loads on a thread while the window waits: the title and count fonts' line
    heights are learnt then (`learn_fonts`), before the file's events arrive, and are the ones a
    first paint would have found."""
    from timeline_app import MainWindow
    from timeline_app.gui import loading
    from timeline_app.gui.canvas import _line_height

    monkeypatch.setattr(loading, "SYNC_LOAD_BYTES", 10)  # (this small file loads as a large one does)
    path = tmp_path / "t.yaml"
    path.write_text("title: t\nevents:\n  - {title: a, start: 2014-06-25}\n", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    canvas = window.canvas
    assert canvas._ascii_heights == {}
    known_on_arrival = []
    apply = window._apply

    def arrive(payload, keep_view):
        known_on_arrival.append(dict(canvas._ascii_heights))
        apply(payload, keep_view)

    monkeypatch.setattr(window, "_apply", arrive)
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.open_file(str(path))
    for font in (canvas._font, canvas._small):
        heights = {_line_height(character, font) for character in map(chr, range(0x20, 0x7F))}
        assert known_on_arrival[0][font.key()] == (heights.pop() if len(heights) == 1 else None)


def test_at_a_device_pixel_ratio_of_two_a_view_drawn_again_draws_each_title_alike(qtbot, tmp_path):
    """At a ratio of 1.5 or 2, drawText at a title's baseline antialiases it a little otherwise
    than its shaped text: there a title is shaped the first time it is drawn, so that the same
    view drawn again (a filter undone, a palette change) shows no title's edges change."""
    from PySide6.QtGui import QPainter

    path = tmp_path / "events.yaml"
    events = "".join(f"  - {{title: 'Militia talks in Zawiya, round {n} (Libya Dawn)', start: 2014-{n:02}-10}}\n"
                     for n in range(1, 13))
    path.write_text(f"title: One title a month\nevents:\n{events}", encoding="utf-8")
    window = _open(qtbot, path, (1024, 640))
    canvas = window.canvas
    canvas.fit_all()

    def drawn_at_two() -> np.ndarray:
        image = QImage(canvas.width() * 2, canvas.height() * 2, QImage.Format_RGB32)
        image.setDevicePixelRatio(2)
        painter = QPainter(image)
        canvas.paint_timeline(painter)
        painter.end()
        return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).copy()

    canvas._shaped_texts.clear()
    canvas._drawn_once.clear()
    first, again = drawn_at_two(), drawn_at_two()
    assert not canvas.layout_result.clusters and sum(1 for placed in canvas.layout_result.placed if placed.label_width) >= 6
    differing = np.argwhere(first != again)
    assert not len(differing), f"{len(differing)} bytes differ, the first at (row, byte) {differing[0].tolist()}"
