"""Media: a picture with an event, in the file, in the exports and in the detail pane.

Web pictures are fetched only when the reader allows it (a remote picture can
track who reads what), and then from a real HTTP server on this machine.
"""

import http.server
import json
import threading

import pytest

from timeline_app.files.loader import load_text

HEADER = "title: Pictures\nmedia: {url: cover.png, caption: The cover}\nevents:\n"


def load(events: str):
    return load_text(HEADER + events, "m.yaml")


def test_media_as_a_link_or_a_mapping_is_kept_whole():
    result = load(
        "  - title: Photo\n    start: 2014-05-16\n    media: https://example.org/a.jpg\n    display_date: mid-May\n"
        "  - title: Card\n    start: 2014-05-17\n    media:\n      url: images/b.png\n      caption: Benghazi\n"
        "      credit: Reuters\n      thumbnail: images/b-small.png\n      alt: A street\n"
        "    background: {color: '#102030', url: https://example.org/bg.jpg}\n"
    )
    assert result.ok, result.problems
    photo, card = result.chronology.events
    assert photo.media.url == "https://example.org/a.jpg" and photo.media.is_remote and photo.display_date == "mid-May"
    assert (card.media.url, card.media.caption, card.media.credit, card.media.thumbnail, card.media.alt) == (
        "images/b.png", "Benghazi", "Reuters", "images/b-small.png", "A street")
    assert not card.media.is_remote and card.background.color == "#102030"
    assert result.chronology.media.caption == "The cover"


@pytest.mark.parametrize(("value", "column", "words"), [
    ("'javascript:alert(1)'", 12, "scheme 'javascript' is not allowed"),
    ("data:image/png;base64,AAAA", 12, "scheme 'data' is not allowed"),
    ("//cdn.example.org/x.png", 12, "write it as https://cdn.example.org/x.png"),
    ("{caption: only}", 12, "media needs a `url`"),
    ("\"a\\x07b.png\"", 12, "control character"),
])
def test_a_media_link_that_could_run_or_fetch_something_else_is_refused_at_its_place(value, column, words):
    result = load(f"  - title: Bad\n    start: 2014-05-16\n    media: {value}\n")
    errors = [p for p in result.problems if p.severity == "error"]
    assert len(errors) == 1 and words in errors[0].message, result.problems
    assert (errors[0].line, errors[0].column) == (6, column)


def test_a_misspelt_media_key_is_named_with_the_right_one():
    result = load("  - title: A\n    start: 2014\n    media: {url: a.png, captoin: x}\n")
    assert any("did you mean 'caption'" in p.message for p in result.problems)


def test_the_json_export_carries_media_display_date_and_background():
    result = load("  - title: Photo\n    start: 2014-05-16\n    media: {url: a.png, credit: AP}\n    display_date: May\n")
    exported = json.loads(json.dumps(result.chronology.as_dict()))
    event = exported["events"][0]
    assert event["media"]["url"] == "a.png" and event["media"]["credit"] == "AP" and event["display_date"] == "May"
    assert exported["media"]["url"] == "cover.png"


def test_the_yaml_export_reads_back_with_the_same_media():
    from timeline_app.files.yaml_export import to_yaml

    result = load("  - title: Photo\n    start: 2014-05-16\n    media: {url: 'a b.png', caption: 'x: y', alt: z}\n"
                  "    display_date: spring\n    background: '#abcdef'\n")
    again = load_text(to_yaml(result.chronology), "again.yaml")
    assert again.ok, again.problems
    assert again.chronology.events[0].media == result.chronology.events[0].media
    assert again.chronology.events[0].display_date == "spring"
    assert again.chronology.events[0].background == result.chronology.events[0].background
    assert again.chronology.media == result.chronology.media


# --- the detail pane --------------------------------------------------------------------


@pytest.fixture
def picture_file(tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("#c03030"))
    assert image.save(str(tmp_path / "photo.png"))
    return tmp_path / "photo.png"


def open_window(qtbot, path):
    from timeline_app import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.index is not None and len(window.index) > 0, timeout=3000)
    return window


def select_only_event(window):
    window.canvas.select(0)
    return window.detail


def shown_images(detail) -> list:
    from PySide6.QtGui import QTextCharFormat

    found = []
    block = detail.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isImageFormat():
                found.append(QTextCharFormat(fragment.charFormat()).toImageFormat().name())
            iterator += 1
        block = block.next()
    return found


def test_a_local_picture_is_shown_inline_with_caption_and_credit(qtbot, tmp_path, picture_file):
    path = tmp_path / "events.yaml"
    path.write_text(HEADER + "  - title: Square\n    start: 2014-05-16\n"
                    "    media: {url: photo.png, caption: Martyrs Square, credit: Jane Roe}\n")
    detail = select_only_event(open_window(qtbot, path))
    images = shown_images(detail)
    assert len(images) == 1
    assert not detail.document().resource(3, images[0]).isNull()  # QTextDocument.ImageResource
    text = detail.toPlainText()
    assert "Martyrs Square" in text and "Credit: Jane Roe" in text and "File: photo.png" in text


def test_a_caption_with_a_markdown_link_shows_a_link_and_nothing_else_becomes_markup(qtbot, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(HEADER + "  - title: Ada\n    start: 1815\n    media:\n      url: https://example.org/ada.jpg\n"
                    "      caption: \"[Portrait by Chalon](https://example.org/p) <b>bold</b>\"\n")
    detail = select_only_event(open_window(qtbot, path))
    assert "Portrait by Chalon <b>bold</b>" in detail.toPlainText()
    assert "href=\"https://example.org/p\"" in detail.toHtml()


def test_a_missing_local_picture_is_named(qtbot, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(HEADER + "  - title: Gone\n    start: 2014-05-16\n    media: gone.png\n")
    detail = select_only_event(open_window(qtbot, path))
    assert shown_images(detail) == [] and "gone.png was not found" in detail.toPlainText()


class _PictureServer(http.server.BaseHTTPRequestHandler):
    body = b""
    requests: list = []

    def do_GET(self):  # noqa: N802 - the server's name
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def picture_server(picture_file):
    _PictureServer.body, _PictureServer.requests = picture_file.read_bytes(), []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PictureServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _PictureServer.requests
    server.shutdown()


def test_a_web_picture_is_a_card_and_is_not_fetched_until_the_reader_allows_it(qtbot, tmp_path, picture_server):
    base, requests = picture_server
    path = tmp_path / "events.yaml"
    path.write_text(HEADER + f"  - title: Remote\n    start: 2014-05-16\n    media: {{url: {base}/p.png, caption: From AP}}\n")
    window = open_window(qtbot, path)
    detail = select_only_event(window)
    qtbot.wait(300)
    assert requests == [] and shown_images(detail) == []
    assert "127.0.0.1" in detail.toPlainText() and "not loaded" in detail.toPlainText()
    assert not window.remote_pictures_action.isChecked()

    window.remote_pictures_action.trigger()
    qtbot.waitUntil(lambda: len(shown_images(detail)) == 1, timeout=5000)
    assert requests == ["/p.png"] and "From AP" in detail.toPlainText()


def test_a_display_date_is_shown_beside_our_words(qtbot, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(HEADER + "  - title: Talks\n    start: 2014-05\n    display_date: Late spring\n")
    detail = select_only_event(open_window(qtbot, path))
    assert "May 2014" in detail.toPlainText() and "shown in TimelineJS as “Late spring”" in detail.toPlainText()


def test_a_web_picture_too_large_is_given_up_and_said_so_and_not_fetched_again(qtbot, tmp_path, picture_server,
                                                                              monkeypatch):
    from timeline_app.gui import media_view

    monkeypatch.setattr(media_view, "MAX_REMOTE_BYTES", 64)  # the test picture is larger than this
    base, requests = picture_server
    path = tmp_path / "events.yaml"
    path.write_text(HEADER + f"  - title: Big\n    start: 2014-05-16\n    media: {base}/big.png\n"
                    "  - title: Other\n    start: 2014-06-16\n")
    window = open_window(qtbot, path)
    window.remote_pictures_action.trigger()
    detail = select_only_event(window)
    qtbot.waitUntil(lambda: "could not be loaded" in detail.toPlainText(), timeout=5000)
    assert shown_images(detail) == [] and requests == ["/big.png"]
    window.canvas.select(1)
    window.canvas.select(0)
    qtbot.wait(200)
    assert requests == ["/big.png"]
