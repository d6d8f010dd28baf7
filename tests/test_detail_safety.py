"""Nothing a file contains may run script, load a resource or open a non-web link."""

from PySide6.QtCore import QUrl

from timeline_app.chronology.date_forms import parse_date
from timeline_app.chronology.model import Event, Source
from timeline_app.gui.detail_pane import DetailPane


def make_event(description):
    return Event("x", "A <b>bold</b> title", parse_date("2014-06-25"), description=description,
                 sources=(Source("https://example.org/a", "Example <script>"),))


def test_markdown_links_other_than_http_never_open(qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr("timeline_app.gui.detail_pane.QDesktopServices.openUrl", lambda url: opened.append(url.toString()))
    pane = DetailPane()
    qtbot.addWidget(pane)
    refused = []
    pane.link_refused.connect(refused.append)
    pane.show_event(make_event("[click](javascript:alert(1)) and [file](file:///etc/passwd) and [ok](https://example.org/b)"), None)
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.org/b"):
        pane.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.org/b"]
    assert refused == ["javascript:alert(1)", "file:///etc/passwd"]


def test_raw_html_and_images_are_inert(qtbot):
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_event(make_event('<img src="file:///etc/passwd"> ![x](https://tracker.example/pixel.png) <script>x()</script>'), None)
    html = pane.toHtml()
    assert "<img" not in html.replace("&lt;img", "")
    assert pane.loadResource(2, QUrl("https://tracker.example/pixel.png")) is None
    assert "A <b>bold</b> title" in pane.toPlainText()  # title shown as text, not markup
    assert "<script>" in pane.toPlainText()  # shown, never run
