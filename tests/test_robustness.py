"""Never crash, never hang, never lose a byte: the cases an adversarial review found, and their siblings."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.files.add_event import AddError, NewEvent, add_event
from timeline_app.files.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
GOOD = "title: Test\nevents:\n  - {id: a, title: First, start: 2014-01-01}\n  - {id: b, title: Second, start: 2014-06-01}\n"


def run(*args, timeout=30):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=timeout)


def write(tmp_path, text, name="events.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- a malformed value is a problem at its place, on every entry point --------------------

BAD_LINK = "title: t\nevents:\n  - title: a\n    start: 2014\n    sources: ['https://[oops']\n"


def test_the_window_opens_a_file_with_a_malformed_link_and_live_reload_goes_on(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = write(tmp_path, GOOD)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    path.write_text(BAD_LINK)
    qtbot.waitUntil(lambda: window.problems_panel.count() == 1, timeout=3000)
    assert "malformed" in window.problems_panel.item(0).text()
    path.write_text(GOOD.replace("Second", "Fixed"))
    qtbot.waitUntil(lambda: window.problems_panel.count() == 0 and window.index.events[1].title == "Fixed", timeout=3000)


# --- special files: refused from their type, never read or waited on ----------------------

def test_devices_directories_and_pipes_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run("--check", "/dev/zero", str(fifo), str(tmp_path), timeout=20)
    assert time.monotonic() - started < 15
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "/dev/zero:1:1: error: cannot read a character device: give the path of a chronology file",
        f"{fifo}:1:1: error: cannot read a named pipe (FIFO): give the path of a chronology file",
        f"{tmp_path}:1:1: error: cannot read a directory: give the path of a chronology file",
    ]


def test_the_window_does_not_hang_on_a_pipe(qtbot, tmp_path):
    from timeline_app import MainWindow

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    window = MainWindow(fifo)  # would block forever in open() before
    qtbot.addWidget(window)
    assert "named pipe" in window.problems_panel.item(0).text()


# --- empty values are empty, with the C loader users run -----------------------------------


# --- what a file holds never reaches the terminal raw --------------------------------------


# --- a forbidden character is reported where it is -----------------------------------------


# --- --add never loses a byte ---------------------------------------------------------------

def test_add_after_a_keep_chomped_description_keeps_its_trailing_newlines(tmp_path):
    path = write(tmp_path, "title: t\nevents:\n  - title: x\n    start: 2014\n    description: |+\n      keep\n\n\n")
    assert load_file(path).chronology.events[0].description == "keep\n\n\n"
    add_event(str(path), NewEvent(title="New", start="2015"))
    events = load_file(path).chronology.events
    assert events[0].description == "keep\n\n\n" and events[1].title == "New"
    assert path.read_text().startswith("title: t\nevents:\n  - title: x\n    start: 2014\n    description: |+\n      keep\n\n\n")


def test_add_when_the_first_event_opens_with_a_dash_alone(tmp_path):
    original = "title: t\nevents:\n  -\n    title: x\n    start: 2014\n"
    path = write(tmp_path, original)
    add_event(str(path), NewEvent(title="New", start="2015"))
    assert path.read_text().startswith(original)
    assert [e.title for e in load_file(path).chronology.events] == ["x", "New"]


def test_add_to_an_empty_flow_list_keeps_its_comment(tmp_path):
    path = write(tmp_path, "title: t\nevents: []  # nothing yet\n")
    add_event(str(path), NewEvent(title="First", start="2015"))
    assert path.read_text().startswith("title: t\nevents:  # nothing yet\n  - ")
    assert [e.title for e in load_file(path).chronology.events] == ["First"]


def test_add_refuses_a_read_only_file(tmp_path):
    path = write(tmp_path, GOOD)
    path.chmod(0o444)
    with pytest.raises(AddError, match="read-only"):
        add_event(str(path), NewEvent(title="c", start="2015"))
    assert path.read_text() == GOOD and oct(path.stat().st_mode & 0o777) == "0o444"


def test_add_keeps_hard_links_together_by_refusing(tmp_path):
    path = write(tmp_path, GOOD)
    twin = tmp_path / "twin.yaml"
    os.link(path, twin)
    with pytest.raises(AddError, match="hard link"):
        add_event(str(path), NewEvent(title="c", start="2015"))
    assert path.read_text() == GOOD and path.stat().st_ino == twin.stat().st_ino


def test_add_keeps_extended_attributes(tmp_path):
    path = write(tmp_path, GOOD)
    try:
        os.setxattr(path, "user.origin", b"notebook")
    except OSError:
        pytest.skip("this file system keeps no user attributes")
    add_event(str(path), NewEvent(title="c", start="2015"))
    assert os.getxattr(path, "user.origin") == b"notebook"
    assert "c" in [e.title for e in load_file(path).chronology.events]


def test_control_characters_in_new_values_are_written_as_escapes(tmp_path):
    path = write(tmp_path, GOOD)
    title = "DEL\x7f NEL\x85 CSI\x9b LS\u2028 end"
    add_event(str(path), NewEvent(title=title, start="2015"))
    raw = path.read_text()
    assert not any(ch in raw for ch in "\x7f\x85\x9b\u2028")
    assert [e.title for e in load_file(path).chronology.events][-1] == title


# --- saves that race: the last check is just before the rename -----------------------------

@pytest.mark.parametrize("moment", ["after reading", "after writing the temp file"])
def test_an_editor_saving_while_add_works_is_never_overwritten(tmp_path, monkeypatch, moment):
    import timeline_app.files.add_event as adding
    import timeline_app.files.atomic_write as atomic

    path = write(tmp_path, GOOD)
    theirs = GOOD.replace("Second", "Saved by the editor")

    def editor_saves():
        path.write_text(theirs)

    if moment == "after reading":
        real = adding.load_text
        monkeypatch.setattr(adding, "load_text", lambda *a, **k: (editor_saves(), real(*a, **k))[1])
    else:
        real = atomic._copy_extended_attributes
        monkeypatch.setattr(atomic, "_copy_extended_attributes", lambda *a: (editor_saves(), real(*a))[1])
    with pytest.raises(AddError, match="changed on disk"):
        add_event(str(path), NewEvent(title="c", start="2015"))
    assert path.read_text() == theirs
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]


def test_killing_add_at_any_moment_leaves_the_old_or_the_new_file_complete(tmp_path):
    """SIGKILL at random moments: the file is always complete, old or new, never a mix."""
    lines = ["title: Kill test", "events:"] + [f"  - {{id: e{i}, title: Event {i}, start: 2014-01-{i % 28 + 1:02d}}}"
                                                for i in range(3000)]
    original = "\n".join(lines) + "\n"
    path = write(tmp_path, original)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    command = [sys.executable, "-m", "timeline_app", "--add", str(path), "--title", "Added", "--start", "2015-01-01"]
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    whole_run = time.perf_counter() - started  # kill moments spread over a whole run on this machine, and past its end
    randomness = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for _ in range(12):
        path.write_text(original)
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(randomness.uniform(0.02, whole_run * 3))
        process.send_signal(signal.SIGKILL)
        process.wait()
        text = path.read_text()
        if text == original:
            outcomes["old"] += 1
        else:
            assert text.startswith(original) and text[len(original):].count("\n") == 3
            assert load_file(path).ok
            outcomes["new"] += 1
    assert outcomes["new"] > 0  # some runs finished: the test saw the new file too, not only the old one


# --- bounded: many categories, huge values --------------------------------------------------


def test_thousands_of_categories_share_one_lane_past_sixty(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from timeline_app import MainWindow
    from timeline_app.chronology.timeline_index import MAX_LANES

    events = "".join(f"  - {{title: e{i}, start: {2000 + i % 20}, category: c{i}}}\n" for i in range(500))
    window = MainWindow(write(tmp_path, "title: t\nevents:\n" + events))
    qtbot.addWidget(window)
    assert len(window.index.lane_ids) == MAX_LANES == 60
    assert window.index.lane_labels[-1] == "441 more categories"
    assert len(window.filters.category_buttons) == MAX_LANES
    window.canvas.select(0)
    row = window.list_model.row_of(0)
    assert window.list_model.index(row, 2).data(Qt.ToolTipRole) == "c0"


def test_huge_titles_tags_and_descriptions_show_at_once_and_say_what_was_cut(qtbot, tmp_path):
    from timeline_app import MainWindow

    tags = ", ".join(f"t{i}" for i in range(20_000))
    text = (f"title: t\nevents:\n  - title: {'word ' * 60_000}\n    start: 2014\n"
            f"  - title: tags\n    start: 2015\n    tags: [{tags}]\n"
            f"  - title: nobreak\n    start: 2016\n    description: {'x' * 300_000}\n")
    window = MainWindow(write(tmp_path, text))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    for position, note in ((0, "more characters"), (1, "19,800 more tags"), (2, "280,000 more characters")):
        started = time.monotonic()
        window.canvas.select(position)
        window.grab()
        assert time.monotonic() - started < 2.0
        assert note in window.detail.toPlainText()


def test_window_survives_500_saves_of_a_3_mb_file_in_place_and_by_rename(qtbot, tmp_path):
    from timeline_app import MainWindow

    body = "".join(f"  - {{id: e{i}, title: Event number {i} with a longer title, start: 2014-01-01,"
                   f" description: {'words ' * 20}}}\n" for i in range(14_000))
    path = write(tmp_path, "title: Saves\nevents:\n" + body)
    assert path.stat().st_size > 3_000_000
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.index is not None, timeout=30_000)
    temp = tmp_path / ".events.yaml.swp"
    for number in range(500):
        text = f"title: Save {number}\nevents:\n" + body
        if number % 2:
            path.write_text(text)
        else:
            temp.write_text(text)
            os.replace(temp, path)
        qtbot.wait(5)
    qtbot.waitUntil(lambda: not window.loading and window.result.chronology.title == "Save 499", timeout=60_000)
    assert len(window.index) == 14_000


# --- a second look (fresh-eyes review): the window's loads, --add's odd lists, pipes ---------

def test_a_large_file_still_loading_never_replaces_the_file_opened_after_it(qtbot, tmp_path):
    from synthetic import synthetic_yaml

    from timeline_app import MainWindow
    from timeline_app.gui.loading import SYNC_LOAD_BYTES

    large = tmp_path / "large.yaml"
    large.write_text(synthetic_yaml(9000, seed=4), encoding="utf-8")
    assert large.stat().st_size > SYNC_LOAD_BYTES
    small = write(tmp_path, GOOD, "small.yaml")
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.open_file(str(large))  # goes to a thread
    window.open_file(str(small))  # loads at once
    qtbot.wait(3000)  # the large load ends meanwhile
    assert window.path == str(small) and len(window.index) == 2
    assert [e.title for e in window.index.events] == ["First", "Second"]


def test_export_after_the_file_broke_writes_the_version_on_screen_and_says_so(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = write(tmp_path, GOOD)
    window = MainWindow(path)
    qtbot.addWidget(window)
    path.write_text("title: t\nevents:\n  - {title: x, start: 31 June 2014}\n")
    window.reload()
    message = window.export_to(str(tmp_path / "out.json"))
    assert "last good version" in message
    exported = json.loads((tmp_path / "out.json").read_text())
    assert [e["title"] for e in exported["events"]] == ["First", "Second"]


def test_add_refuses_an_events_list_opened_on_one_line_and_closed_on_another(tmp_path):
    path = write(tmp_path, "title: t\nevents: [\n]\n")
    with pytest.raises(AddError, match="closes on a later line"):
        add_event(str(path), NewEvent(title="x", start="2015"))
    assert path.read_text() == "title: t\nevents: [\n]\n"


def test_add_refuses_a_list_of_aliases_rather_than_writing_where_the_anchor_is(tmp_path):
    text = "title: t\nshared: &e {title: x, start: 2014}\nevents:\n  - *e\n"
    path = write(tmp_path, text)
    with pytest.raises(AddError):
        add_event(str(path), NewEvent(title="y", start="2015"))
    assert path.read_text() == text


def test_check_keeps_its_verdict_when_the_reader_of_its_output_stops_early(tmp_path):
    bad = write(tmp_path, "title: t\nevents:\n" + "".join(f"  - {{title: e{i}, start: 31 June 2014}}\n" for i in range(3000)))
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    run = subprocess.run(f"{sys.executable} -m timeline_app --check {bad} | head -1; exit ${{PIPESTATUS[0]}}",
                         shell=True, executable="/bin/bash", capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert run.returncode == 1 and run.stdout.count("\n") == 1 and "Traceback" not in run.stderr
