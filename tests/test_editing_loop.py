"""The editing loop: live reload through both kinds of save, problems while broken, adding events."""

import os
import re
import shutil
import stat

import pytest
from conftest import BUNDLED

from timeline_app.files.add_event import AddError, NewEvent, add_event
from timeline_app.files.loader import load_file
from timeline_app.gui.editor_launch import editor_command

GOOD = "title: Test\nevents:\n  - {id: a, title: First, start: 2014-01-01}\n  - {id: b, title: Second, start: 2014-06-01}\n"


@pytest.fixture
def live(qtbot, tmp_path):
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    from timeline_app import MainWindow

    path = tmp_path / "events.yaml"
    path.write_text(GOOD)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    return window, path


def save_in_place(path, text):
    with open(path, "w") as handle:
        handle.write(text)


def save_by_rename(path, text):
    temp = path.with_name(".events.yaml.swp")
    temp.write_text(text)
    os.replace(temp, path)


@pytest.mark.parametrize("save", [save_in_place, save_by_rename])
def test_saves_are_picked_up_again_and_again(live, qtbot, save):
    window, path = live
    for count in range(3, 7):
        text = GOOD + "".join(f"  - {{id: n{i}, title: New {i}, start: 2015-0{i}-01}}\n" for i in range(3, count + 1))
        save(path, text)
        qtbot.waitUntil(lambda: len(window.index) == count, timeout=3000)
    assert "Reloaded" in window.statusBar().currentMessage()


def test_reload_keeps_view_and_selection(live, qtbot):
    window, path = live
    window.canvas.zoom(3, 200)
    window.canvas.select(window.index.position_of_id["b"])
    view = window.canvas.view
    save_in_place(path, GOOD.replace("Second", "Second (renamed)"))
    qtbot.waitUntil(lambda: window.index.events[-1].title == "Second (renamed)", timeout=3000)
    assert window.canvas.view == view
    assert window.selected_event().id == "b"
    assert "Second (renamed)" in window.detail.toPlainText()


def test_broken_file_keeps_last_good_and_lists_problems_until_fixed(live, qtbot):
    window, path = live
    save_in_place(path, GOOD + "  - {id: c, title: Bad, start: 31 June 2014}\n  - {title: , start: soon}\n")
    qtbot.waitUntil(lambda: window.problems_panel.count() > 0, timeout=3000)
    texts = [window.problems_panel.item(i).text() for i in range(window.problems_panel.count())]
    assert texts[0] == f"{path}:5:32: error: bad `start`: impossible date '31 June 2014': June 2014 has 30 days"
    assert any(text.startswith(f"{path}:6:") for text in texts)
    assert window.problems_dock.isVisible()
    assert [event.title for event in window.index.events] == ["First", "Second"]  # the last good version
    assert "problems" in window.statusBar().currentMessage()
    save_in_place(path, GOOD)
    qtbot.waitUntil(lambda: window.problems_panel.count() == 0, timeout=3000)
    assert not window.problems_dock.isVisible()


def test_activating_a_problem_opens_the_editor_at_its_line(live, qtbot, tmp_path, monkeypatch):
    window, path = live
    record = tmp_path / "editor-args.txt"
    editor = tmp_path / "vim"  # named like vim, so it gets +LINE
    editor.write_text(f"#!/bin/sh\necho \"$@\" > {record}\n")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    save_in_place(path, GOOD + "  - {id: c, title: Bad, start: 2014-13-01}\n")
    qtbot.waitUntil(lambda: window.problems_panel.count() > 0, timeout=3000)
    item = window.problems_panel.item(0)
    window.problems_panel.itemActivated.emit(item)
    qtbot.waitUntil(lambda: record.exists() and record.read_text().endswith("\n"), timeout=5000)
    assert record.read_text().split() == ["+5", str(path)]


def test_editor_commands_jump_to_the_line():
    assert editor_command("vim", "/f.yaml", 7, 3) == ["vim", "+7", "/f.yaml"]
    assert editor_command("code --wait", "/f.yaml", 7, 3) == ["code", "--wait", "--goto", "/f.yaml:7:3"]
    assert editor_command("kate", "/f.yaml", 7, 3) == ["kate", "--line", "7", "--column", "2", "/f.yaml"]
    assert editor_command("/usr/bin/unknown-editor", "/f.yaml", 7, 3) == ["/usr/bin/unknown-editor", "/f.yaml"]


# --- adding -----------------------------------------------------------------------------

TRICKY = [
    'Quote "this": #1',
    "yes",
    "1969",
    "20:30",
    "- leading dash",
    "& anchor-like * and ! tag-like",
    "عنوان عربي: اختبار",
    "  padded  ",
    "tab\there",
    "back\\slash",
    "null",
    "[not, a, list]",
    "{not: a map}",
    "'single' quotes",
    "%percent @at `tick`",
    "emoji 🗺️ and line\u2028separator",
]


@pytest.mark.parametrize("title", TRICKY)
def test_add_keeps_every_original_line_and_the_exact_text(tmp_path, title):
    path = tmp_path / "events.yaml"
    shutil.copy(BUNDLED, path)
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    new_id = add_event(str(path), NewEvent(title=title, start="2014-09-01", description=f"{title}\nsecond line # x",
                                           tags=[title, "on"], sources=["https://example.org/a?b=c#d"]))
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # every original line is still there, in order, and only whole new lines were added
    remaining = iter(after)
    assert all(any(line == other for other in remaining) for line in before)
    assert len(after) > len(before)
    result = load_file(path)
    assert result.ok, result.problems
    added = next(event for event in result.chronology.events if event.id == new_id)
    assert added.title == title and added.description == f"{title}\nsecond line # x"
    assert added.tags == (title, "on")
    ids = [event.id for event in result.chronology.events]
    assert ids.index(new_id) == ids.index("gnc-reconvenes") + 2  # in date order, after "2014"


def test_add_refuses_bad_input_without_touching_the_file(tmp_path):
    path = tmp_path / "events.yaml"
    shutil.copy(BUNDLED, path)
    original = path.read_bytes()
    for event, fragment in [
        (NewEvent(title="x", start="31 June 2014"), "June 2014 has 30 days"),
        (NewEvent(title="x", start="2014", end="2013"), "before --start"),
        (NewEvent(title="", start="2014"), "--title is empty"),
        (NewEvent(title="x", start="2014", sources=["javascript:alert(1)"]), "scheme 'javascript'"),
        (NewEvent(title="x", start="2014", category="weather"), "unknown category 'weather'"),
        (NewEvent(title="x", start="2014", id="hor-election"), "already used"),
        (NewEvent(title="x", start="03/04/2014"), "two-digit year"),
    ]:
        with pytest.raises(AddError, match=fragment):
            add_event(str(path), event)
        assert path.read_bytes() == original


def test_add_refuses_an_invalid_file(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("title: x\nevents:\n  - {title: a, start: 31 June 2014}\n")
    original = path.read_bytes()
    with pytest.raises(AddError) as raised:
        add_event(str(path), NewEvent(title="b", start="2014"))
    assert raised.value.problems[0].line == 3
    assert path.read_bytes() == original


def test_add_keeps_permissions_crlf_and_bom(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: x\r\nevents:\r\n  - title: a\r\n    start: 2014\r\n")
    path.chmod(0o640)
    add_event(str(path), NewEvent(title="b", start="2015"))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbftitle: x\r\nevents:\r\n  - title: a\r\n    start: 2014\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [e.title for e in load_file(path).chronology.events] == ["a", "b"]


def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch):
    path = tmp_path / "events.yaml"
    path.write_text(GOOD)
    original = path.read_bytes()

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(AddError, match="No space left"):
        add_event(str(path), NewEvent(title="c", start="2015"))
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]  # no temp file left behind


def test_add_on_the_command_line(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "events.yaml"
    path.write_text(GOOD)
    run = lambda *args: subprocess.run([sys.executable, "-m", "timeline_app", "--add", str(path), *args],
                                       capture_output=True, text=True, timeout=60)
    result = run("--title", "Third: a \"test\"", "--start", "2014-03-01", "--tag", "x", "--source", "https://e.org/1")
    assert result.returncode == 0, result.stderr
    assert [e.title for e in load_file(path).chronology.events] == ["First", "Third: a \"test\"", "Second"]
    before = path.read_bytes()
    result = run("--title", "bad", "--start", "Monday")
    assert result.returncode == 1 and "no year" in result.stderr and path.read_bytes() == before


def test_the_dialog_validates_as_you_type_and_adds_end_to_end(live, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    window, path = live
    dialog = window.add_event()
    save = dialog.buttons.button(QDialogButtonBox.Save)
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.title_field, "Ceasefire talks: round 2")
    qtbot.keyClicks(dialog.start_field, "20 October 2014")
    assert dialog.start_note.text() == "20 October 2014 (day)"
    assert save.isEnabled()
    dialog.end_field.setText("31 June 2015")
    assert "June 2015 has 30 days" in dialog.end_note.text() and not save.isEnabled()
    dialog.end_field.setText("November 2014")
    assert dialog.end_note.text() == "November 2014 (month)" and save.isEnabled()
    qtbot.mouseClick(save, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.LeftButton)
    qtbot.waitUntil(lambda: window.selected_event() is not None and window.selected_event().title == "Ceasefire talks: round 2", timeout=3000)
    assert "Ceasefire talks: round 2" in path.read_text()
    assert "Added" in window.statusBar().currentMessage()


def test_the_dialog_proposes_existing_categories_and_tags(window, tmp_path):
    assert window.add_event() is None  # the sample opens read-only
    assert "Save a Copy to Edit" in window.statusBar().currentMessage()
    copy = window.save_copy_to_edit(str(tmp_path))
    assert copy.startswith(str(tmp_path)) and window.path == copy and window.add_action.isEnabled()
    dialog = window.add_event()
    labels = [dialog.category_field.itemText(i) for i in range(dialog.category_field.count())]
    assert "Armed conflict" in labels and "Politics & elections" in labels
    model = dialog.tags_field.completer().model()
    tags = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert "Tripoli" in tags and "Islamic State" in tags
    dialog.reject()


def test_detail_pane_offers_to_edit_the_selected_event_at_its_line(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QUrl

    copy = tmp_path / "events.yaml"
    shutil.copy(BUNDLED, copy)
    window.open_file(str(copy))  # the bundled sample itself opens read-only: no edit link there

    record = tmp_path / "args.txt"
    editor = tmp_path / "nano"
    editor.write_text(f"#!/bin/sh\necho \"$@\" > {record}\n")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    event = window.index.events[window.index.position_of_id["hor-election"]]
    window.canvas.select(window.index.position_of_id["hor-election"])
    assert f"line {event.line} of events.yaml" in window.detail.toPlainText()
    assert BUNDLED.read_text().splitlines()[event.line - 1].strip() == "- id: hor-election"
    link = re.search(r"timeline-edit:\d+[^\"']*", window.detail.toHtml())[0]  # the pane's own link
    window.detail.anchorClicked.emit(QUrl(link))
    qtbot.waitUntil(lambda: record.exists() and record.read_text().endswith("\n"), timeout=5000)
    assert record.read_text().split() == [f"+{event.line}", str(copy)]


@pytest.mark.parametrize("href", ["timeline-edit:12", "timeline-edit:abc", "timeline-edit:", "timeline-edit:99999999999999999999?x"])
def test_edit_links_written_in_the_file_never_start_the_editor(window, qtbot, tmp_path, monkeypatch, href):
    from PySide6.QtCore import QUrl

    record = tmp_path / "args.txt"
    editor = tmp_path / "nano"
    editor.write_text(f"#!/bin/sh\necho \"$@\" > {record}\n")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    window.canvas.select(0)
    with qtbot.waitSignal(window.detail.link_refused, timeout=2000):
        window.detail.anchorClicked.emit(QUrl(href))  # what a description's [label](href) would send
    qtbot.wait(300)
    assert not record.exists()
    assert "Refused to open" in window.statusBar().currentMessage()


def test_file_new_writes_a_valid_commented_chronology_and_opens_it(window, tmp_path):
    path = str(tmp_path / "my-war-diary.yaml")
    assert window.new_chronology(path) == path
    text = open(path, encoding="utf-8").read()
    assert text.startswith("# My war diary: a chronology") and 'title: "My war diary"' in text
    assert load_file(path).ok and window.path == path and len(window.index) == 1
    assert window.new_chronology(path) == ""  # never over an existing file
    assert open(path, encoding="utf-8").read() == text


def test_a_new_chronology_keeps_a_title_with_line_breaks_whole_and_valid(tmp_path):
    from timeline_app.files.new_chronology import create_chronology

    path = str(tmp_path / "pasted.yaml")
    title = "Libya\nevents: []\n# 2011 – 2014"
    create_chronology(path, title, "2026-11-25")
    result = load_file(path)
    assert result.ok, [p.message for p in result.problems]
    assert result.chronology.title == title and len(result.chronology.events) == 1


def test_an_empty_chronology_says_what_to_do_next(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "empty.yaml"
    path.write_text("title: Nothing yet\nevents: []\n")
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    assert len(window.index) == 0
    image = window.canvas.grab()
    assert not image.isNull() and window.add_action.isEnabled()


def test_add_makes_the_file_when_there_is_none_yet(tmp_path):
    path = tmp_path / "new-chronology.yaml"
    add_event(str(path), NewEvent(title="The first thing", start="June 2014"))
    result = load_file(path)
    assert result.ok and [e.title for e in result.chronology.events] == ["The first thing"]
    assert result.chronology.title == "New chronology"
    with pytest.raises(AddError, match="June 2014 has 30 days"):
        add_event(str(tmp_path / "never.yaml"), NewEvent(title="x", start="31 June 2014"))
    assert not (tmp_path / "never.yaml").exists()


def test_the_editor_launch_says_so_when_no_editor_could_be_started(tmp_path, monkeypatch):
    from timeline_app.gui.editor_launch import open_in_editor

    failing = tmp_path / "xdg-open"
    failing.write_text("#!/bin/sh\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    message = open_in_editor(str(tmp_path / "work.yaml"), 12, 1)
    assert message.startswith("No editor could be started") and "VISUAL" in message


def test_delete_in_the_window_then_undo_and_redo_restore_the_exact_bytes(live, qtbot):
    window, path = live
    original = path.read_bytes()
    window.canvas.select(window.index.position_of_id["a"])
    assert window.delete_selected(confirm=False).startswith("Deleted “First”")
    after = path.read_bytes()
    assert [e.id for e in load_file(path).chronology.events] == ["b"] and len(window.index) == 1
    assert window.undo().startswith("Undid deleting “First”")
    assert path.read_bytes() == original and len(window.index) == 2
    assert window.redo().startswith("Redid deleting")
    assert path.read_bytes() == after
    assert window.undo() and path.read_bytes() == original


def test_undo_after_adding_from_the_dialog(live, qtbot):
    window, path = live
    original = path.read_bytes()
    dialog = window.add_event()
    dialog.title_field.setText("Talks resume")
    dialog.start_field.setText("2015")
    dialog.save()
    qtbot.waitUntil(lambda: len(window.index) == 3, timeout=3000)
    assert window.undo().startswith("Undid adding “Talks resume”")
    assert path.read_bytes() == original and len(window.index) == 2


def test_an_edit_in_another_program_clears_the_undo_history_instead_of_being_undone(live, qtbot):
    window, path = live
    window.canvas.select(window.index.position_of_id["a"])
    window.delete_selected(confirm=False)
    qtbot.wait(300)
    theirs = path.read_text() + "  - {id: z, title: From the editor, start: 2016}\n"
    save_by_rename(path, theirs)
    qtbot.waitUntil(lambda: len(window.index) == 2, timeout=3000)
    assert not window.history.done and not window.history.undone
    window.undo()
    assert path.read_text() == theirs  # never undone over someone else's save


def test_edit_in_the_window_changes_only_the_changed_field_and_undo_restores(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "events.yaml"
    original = b"title: t\nevents:\n  - id: a\n    title: First  # note\n    start: 2014\n  - id: b\n    title: Second\n    start: 2015\n"
    path.write_bytes(original)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.canvas.select(window.index.position_of_id["a"])
    dialog = window.edit_selected()
    assert dialog.title_field.text() == "First" and dialog.start_field.text() == "2014"
    dialog.title_field.setText("First, renamed")
    assert dialog.changes() == {"title": "First, renamed"}
    dialog.save()
    qtbot.waitUntil(lambda: window.index.events[0].title == "First, renamed", timeout=3000)
    assert path.read_bytes() == original.replace(b"title: First  #", b'title: "First, renamed"  #')
    window.undo()
    assert path.read_bytes() == original


def test_add_writes_media_and_a_display_date_and_makes_the_id_it_always_made(tmp_path):
    from timeline_app.files.add_event import NewEvent, add_event

    path = tmp_path / "events.yaml"
    path.write_text("title: t\nevents: []\n")
    new_id = add_event(str(path), NewEvent("The quite long title of forty-five characters", "2001",
                                           media="photo.jpg", display_date="early 2001"))
    assert new_id == "the-quite-long-title-of-forty-five-characters"  # (ids made from titles are cut at 48)
    event = load_file(path).chronology.events[0]
    assert (event.media.url, event.display_date) == ("photo.jpg", "early 2001")
