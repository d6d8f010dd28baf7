"""Every title readable at "fit all" on the bundled chronology, checked as a reader would:
an OCR (tesseract) reads the canvas, and the titles must be there in full."""

import re
import shutil
import subprocess

import pytest
import yaml
from conftest import BUNDLED

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@pytest.mark.parametrize("size, at_least", [((1600, 900), 28), ((1280, 800), 29), ((1024, 640), 24)])
def test_titles_on_the_fitted_canvas_are_read_in_full(qtbot, tmp_path, size, at_least):
    from PySide6.QtCore import Qt

    from timeline_app import MainWindow

    window = MainWindow(BUNDLED)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.fit_all()
    image = window.canvas.grab().toImage()
    picture = tmp_path / "canvas.png"
    image.scaled(image.width() * 2, image.height() * 2, Qt.IgnoreAspectRatio, Qt.SmoothTransformation).save(str(picture))
    text = subprocess.run(["tesseract", str(picture), "-", "--psm", "11"], capture_output=True, text=True, timeout=120).stdout
    titles = [event["title"] for event in yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))["events"]]
    # a long title the canvas wrapped over two rows is read as its two lines
    from timeline_app.geometry.title_wrap import split_title

    events, measure = window.index.events, window.canvas._metrics.horizontalAdvance
    lines = {events[p.position].title: split_title(events[p.position].title, measure)
             for p in window.canvas.layout_result.placed if p.label_lines == 2}
    seen = _normal(text)
    read = [title for title in titles if _normal(title) in seen or all(_normal(part) in seen for part in lines.get(title, ("\0",)))]
    assert len(read) >= at_least, sorted(set(titles) - set(read))
