"""An adversarial review's findings, black-box through the command line only.

Every test runs `python -m timeline_app ...` in a subprocess and asserts the
correct behaviour; each one failed on the code as it was reported (8be6062).

Conventions: every child gets QT_QPA_PLATFORM=offscreen and a timeout (a hang is a
failure, not a blocked run); "no traceback" means stderr carries no Python
traceback; tests that could eat the machine's memory run the child under an
address-space limit.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys

import pytest

TIMEOUT = 20
GiB = 1 << 30


# --- helpers ----------------------------------------------------------------------------


def _env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONWARNINGS", None)
    if extra:
        env.update(extra)
    return env


def _limit_memory(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run(*args, cwd, timeout: float = TIMEOUT, memory_limit: int | None = None, env: dict | None = None, stdin=None):
    """Run the CLI; args may be str or bytes (bytes go to argv unchanged)."""
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args],
        cwd=cwd,
        env=_env(env),
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
        preexec_fn=_limit_memory(memory_limit) if memory_limit else None,
    )


_PEAK = r"""
import resource, subprocess, sys, time
began = time.monotonic()
try:
    child = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=float(sys.argv[1]))
    code, err = child.returncode, child.stderr
except subprocess.TimeoutExpired:
    code, err = "timeout", b""
rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.write(f"{code} {rss_kb} {time.monotonic() - began:.2f}\n")
sys.stdout.flush()
sys.stderr.buffer.write(err)
"""


def run_measured(*args, cwd, timeout: float = TIMEOUT):
    """(exit code or 'timeout', peak RSS in MB, seconds, stderr) of one CLI run.

    A wrapper process runs the CLI so RUSAGE_CHILDREN covers that one child only.
    """
    wrapper = subprocess.run(
        [sys.executable, "-c", _PEAK, str(timeout), sys.executable, "-m", "timeline_app", *args],
        cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout + 30,
    )
    code, rss_kb, seconds = wrapper.stdout.decode().split()
    return code, int(rss_kb) / 1024, float(seconds), wrapper.stderr


def write(path, text) -> str:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
    return str(path)


def no_traceback(result) -> None:
    last = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
    assert b"Traceback (most recent call last)" not in result.stderr, f"traceback: {last[0][:200]}"


def export_json(path, cwd) -> dict:
    result = run("--export", "-", str(path), cwd=cwd)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return json.loads(result.stdout)


def control_characters(data: bytes) -> list[str]:
    """C0 (except newline and tab), DEL and C1 characters in CLI output."""
    text = data.decode("utf-8", errors="surrogateescape")
    return [repr(c) for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


GOOD = "title: t\nevents:\n  - title: x\n    start: 2014\n"


# --- a malformed link crashes every entry point -----------------------------------------------

BAD_LINK = "title: t\nevents:\n  - title: x\n    start: 2014\n    sources: ['https://[oops']\n"


def test_malformed_link_check_reports_problem_at_value(tmp_path):
    write(tmp_path / "bad.yaml", BAD_LINK)
    result = run("--check", "bad.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"bad.yaml:5:15: error: "), result.stdout


def test_malformed_link_check_reaches_next_file(tmp_path):
    write(tmp_path / "a.yaml", BAD_LINK)
    write(tmp_path / "b.yaml", "title: t\nevents:\n  - title: x\n    start: someday\n")
    result = run("--check", "a.yaml", "b.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert b"a.yaml:5:15: error: " in result.stdout
    assert b"b.yaml:4:12: error: " in result.stdout


def test_malformed_link_in_shared_sources_check(tmp_path):
    write(tmp_path / "bad.yaml", "title: t\nsources:\n  a: 'https://[oops'\nevents:\n  - title: x\n    start: 2014\n")
    result = run("--check", "bad.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"bad.yaml:3:6: error: "), result.stdout


def test_malformed_link_export(tmp_path):
    write(tmp_path / "bad.yaml", BAD_LINK)
    result = run("--export", "-", "bad.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert b"bad.yaml:5:15: error: " in result.stderr


def test_malformed_link_add_to_file(tmp_path):
    path = write(tmp_path / "bad.yaml", BAD_LINK)
    result = run("--add", "bad.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert open(path, "rb").read() == BAD_LINK.encode()


def test_malformed_link_add_source_option(tmp_path):
    path = write(tmp_path / "good.yaml", GOOD)
    result = run("--add", "good.yaml", "--title", "y", "--start", "2015", "--source", "https://[oops", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert b"--source" in result.stderr
    assert open(path, "rb").read() == GOOD.encode()


@pytest.mark.parametrize(
    "link",
    [
        "https://a\uff03b.org/",  # sibling: urlsplit's NFKC netloc check raises ValueError
        "http://[zz]/",  # sibling: bracketed host that is no IP address raises ValueError
        "https://a]b/",  # sibling: unbalanced bracket raises ValueError
    ],
)
def test_sibling_other_links_urlsplit_rejects_check(tmp_path, link):
    write(tmp_path / "bad.yaml", f"title: t\nevents:\n  - title: x\n    start: 2014\n    sources: ['{link}']\n")
    result = run("--check", "bad.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"bad.yaml:5:15: error: "), result.stdout


def test_sibling_huge_integer_start_check(tmp_path):
    # the fast reader turns 5000 digits into an int; str() of it raises ValueError
    write(tmp_path / "big.yaml", "title: t\nevents:\n  - title: x\n    start: " + "1" * 5000
          + "\n    sources: [https://example.org/]\n")
    result = run("--check", "big.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"big.yaml:4:12: error: "), result.stdout[:200]


def test_sibling_huge_integer_id_check(tmp_path):
    write(tmp_path / "big.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n    sources: [https://example.org/]\n"
          "    id: " + "1" * 5000 + "\n")
    result = run("--check", "big.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode in (0, 1)


def test_sibling_deeply_nested_json_check(tmp_path):
    write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    result = run("--check", "deep.json", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"deep.json:1:"), result.stdout[:200]


def test_sibling_huge_integer_json_check(tmp_path):
    write(tmp_path / "big.json", '{"title": "t", "events": [{"title": "x", "start": ' + "1" * 5000 + "}]}")
    result = run("--check", "big.json", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"big.json:1:"), result.stdout[:200]


def test_sibling_timelinejs_superscript_month_check(tmp_path):
    # "\u00b2".isdigit() is True but int("\u00b2") raises ValueError
    write(tmp_path / "t.json", '{"events": [{"start_date": {"year": "2014", "month": "\\u00b2"}, "text": {"headline": "x"}}]}')
    result = run("--check", "t.json", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"t.json:1:"), result.stdout[:200]


# --- special files -----------------------------------------------------------------------


def test_check_dev_zero_is_refused(tmp_path):
    result = run("--check", "/dev/zero", cwd=tmp_path, memory_limit=2 * GiB)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"/dev/zero:1:1: error: "), result.stdout[:200]


def test_add_dev_zero_is_refused(tmp_path):
    result = run("--add", "/dev/zero", "--title", "y", "--start", "2015", cwd=tmp_path, memory_limit=2 * GiB)
    no_traceback(result)
    assert result.returncode == 1


def test_check_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = run("--check", "pipe.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"pipe.yaml:1:1: error: "), result.stdout


def test_export_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = run("--export", "-", "pipe.yaml", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1


def test_add_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = run("--add", "pipe.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe.yaml").st_mode)


def test_check_huge_regular_file_is_capped(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(4 * GiB)  # sparse: costs no disk
    result = run("--check", "huge.yaml", cwd=tmp_path, memory_limit=2 * GiB)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.startswith(b"huge.yaml:1:1: error: "), result.stdout[:200]


def test_sibling_export_does_not_replace_fifo_output(tmp_path):
    write(tmp_path / "good.yaml", GOOD)
    out = tmp_path / "out.json"
    os.mkfifo(out)
    reader = os.open(out, os.O_RDONLY | os.O_NONBLOCK)  # so a writer never blocks
    try:
        result = run("--export", "out.json", "good.yaml", cwd=tmp_path)
    finally:
        os.close(reader)
    no_traceback(result)
    assert stat.S_ISFIFO(os.lstat(out).st_mode), "the FIFO was replaced by a regular file"


def test_sibling_export_does_not_replace_device_output(tmp_path):
    # as root, `--export /dev/null --format json FILE` would replace /dev/null itself
    out = tmp_path / "null.json"
    try:
        os.mknod(out, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    write(tmp_path / "good.yaml", GOOD)
    result = run("--export", "null.json", "good.yaml", cwd=tmp_path)
    no_traceback(result)
    assert stat.S_ISCHR(os.lstat(out).st_mode), "the device node was replaced by a regular file"


# --- memory and time ----------------------------------------------------------------------


def _flow_file(path, size: int) -> None:
    parts, total, i = [], 0, 0
    while total < size:
        item = "{title: e%d, start: 2014}" % i
        parts.append(item)
        total += len(item) + 2
        i += 1
    write(path, "{title: t, events: [" + ", ".join(parts) + "]}\n")


def test_flow_file_memory_is_bounded(tmp_path):
    _flow_file(tmp_path / "flow.yaml", 6_000_000)
    code, rss_mb, seconds, stderr = run_measured("--check", "flow.yaml", cwd=tmp_path)
    assert b"Traceback" not in stderr
    assert code in ("0", "1"), code
    assert rss_mb < 600, f"peak RSS {rss_mb:.0f} MB for a 6 MB file"


def test_sibling_block_file_off_fast_path_memory_is_bounded(tmp_path):
    # one unknown top-level key sends a block-style file to the precise reader too
    events = "".join("  - title: e%d\n    start: 2014\n    sources: [https://example.org/]\n" % i for i in range(100_000))
    write(tmp_path / "typo.yaml", "descripton: typo\ntitle: t\nevents:\n" + events)
    code, rss_mb, seconds, stderr = run_measured("--check", "typo.yaml", cwd=tmp_path)
    assert b"Traceback" not in stderr
    assert code == "0", code
    assert rss_mb < 600, f"peak RSS {rss_mb:.0f} MB for a {os.path.getsize(tmp_path / 'typo.yaml') / 1e6:.1f} MB file"


def _many_categories(path, count: int) -> None:
    write(path, "title: t\nevents:\n" + "".join(f"  - {{title: e{i}, start: 2014, category: c{i}}}\n" for i in range(count)))


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_33000_categories_export_does_not_crash(tmp_path, fmt):
    _many_categories(tmp_path / "cats.yaml", 33_000)  # passes --check today
    result = run("--export", f"out.{fmt}", "cats.yaml", cwd=tmp_path, memory_limit=6 * GiB)
    no_traceback(result)
    assert result.returncode in (0, 1)


def test_many_categories_png_export_bounded(tmp_path):
    _many_categories(tmp_path / "cats.yaml", 3_000)
    code, rss_mb, seconds, stderr = run_measured("--export", "out.png", "cats.yaml", cwd=tmp_path)
    assert b"Traceback" not in stderr
    assert code in ("0", "1"), f"{code} after {seconds:.1f} s"
    assert rss_mb < 600, f"peak RSS {rss_mb:.0f} MB, {seconds:.1f} s"


def test_sibling_wide_png_export_bounded(tmp_path):
    _many_categories(tmp_path / "cats.yaml", 300)
    code, rss_mb, seconds, stderr = run_measured("--export", "out.png", "--width", "20000", "cats.yaml", cwd=tmp_path)
    assert b"Traceback" not in stderr
    assert code in ("0", "1"), f"{code} after {seconds:.1f} s"
    assert rss_mb < 600, f"peak RSS {rss_mb:.0f} MB, {seconds:.1f} s"


def test_sibling_unknown_categories_check_is_not_quadratic(tmp_path):
    count = 2_500
    write(tmp_path / "cats.yaml", "title: t\ncategories:\n" + "".join(f"  category{i}: C\n" for i in range(count))
          + "events:\n" + "".join(f"  - {{title: e{i}, start: 2014, category: categori{i}x}}\n" for i in range(count)))
    result = run("--check", "cats.yaml", cwd=tmp_path)  # ~190 KB; TimeoutExpired today
    assert result.returncode == 1


def test_sibling_identical_events_check_is_not_quadratic(tmp_path):
    write(tmp_path / "same.yaml", "title: t\nevents:\n"
          + "  - title: x\n    start: 2014\n    sources: [https://example.org/]\n" * 25_000)
    result = run("--check", "same.yaml", cwd=tmp_path)  # 1.5 MB; TimeoutExpired today
    assert result.returncode == 0


def test_sibling_duplicate_keys_check_is_not_quadratic(tmp_path):
    keys = [f"k{i}" for i in range(60_000)]
    write(tmp_path / "dup.yaml", "title: t\nx:\n" + "".join(f"  {k}: 1\n" for k in keys)
          + "".join(f"  {k}: 1\n" for k in reversed(keys)) + "events:\n  - title: x\n    start: 2014\n")
    result = run("--check", "dup.yaml", cwd=tmp_path)  # 1.4 MB; TimeoutExpired today
    assert result.returncode == 1


# --- empty values with libyaml's C loader --------------------------------------------------


def test_empty_events_is_an_empty_chronology(tmp_path):
    write(tmp_path / "e.yaml", "title: t\nevents:\n")
    result = run("--check", "e.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert export_json(tmp_path / "e.yaml", tmp_path)["events"] == []


def test_empty_tags_gives_no_tags(tmp_path):
    write(tmp_path / "e.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n    tags:\n")
    assert run("--check", "e.yaml", cwd=tmp_path).returncode == 0
    assert export_json(tmp_path / "e.yaml", tmp_path)["events"][0]["tags"] == []


def test_tilde_category_is_no_category(tmp_path):
    write(tmp_path / "e.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n    category: ~\n")
    assert run("--check", "e.yaml", cwd=tmp_path).returncode == 0
    data = export_json(tmp_path / "e.yaml", tmp_path)
    assert data["events"][0]["category"] is None
    assert "~" not in data["categories"]


def test_empty_end_is_no_end(tmp_path):
    write(tmp_path / "e.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n    end:\n")
    result = run("--check", "e.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert export_json(tmp_path / "e.yaml", tmp_path)["events"][0]["end"] is None


def test_sibling_empty_sources_gives_no_sources(tmp_path):
    write(tmp_path / "e.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n    sources:\n")
    assert export_json(tmp_path / "e.yaml", tmp_path)["events"][0]["sources"] == []


def test_sibling_tilde_text_fields_are_empty(tmp_path):
    write(tmp_path / "e.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n    location: ~\n    description: ~\n")
    event = export_json(tmp_path / "e.yaml", tmp_path)["events"][0]
    assert event["location"] is None
    assert event["description"] == ""


def test_sibling_empty_header_sections_accepted_on_precise_path(tmp_path):
    # the same header is accepted when the file takes the fast path (block-style events)
    write(tmp_path / "e.yaml", "title: t\neras:\ncategories:\nsources:\ndate_order:\nevents: [{title: x, start: 2014}]\n")
    result = run("--check", "e.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_sibling_add_to_empty_events(tmp_path):
    write(tmp_path / "e.yaml", "title: t\nevents:\n")
    result = run("--add", "e.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [e["title"] for e in export_json(tmp_path / "e.yaml", tmp_path)["events"]] == ["y"]


# --- terminal injection --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        r'"\e]52;c;SGVsbG8=\a"',  # OSC 52: writes the clipboard
        r'"\e[2J\e[31mred"',  # ESC / CSI
        r'"a\rb"',  # CR: overwrites the line shown
        r'"a\x7fb"',  # DEL
        r'"a\x9b2Jb"',  # C1 CSI
        r'"a\x08\x08b"',  # backspace
    ],
)
def test_check_message_escapes_control_characters(tmp_path, value):
    write(tmp_path / "inj.yaml", f"title: t\nevents:\n  - title: x\n    start: {value}\n")
    result = run("--check", "inj.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(b"inj.yaml:4:12: error: ")
    assert control_characters(result.stdout) == []


@pytest.mark.parametrize(
    "text",
    [
        'title: t\ncategories: {a: A}\nevents:\n  - {title: x, start: 2014, category: "\\e[31m"}\n',  # unknown category
        'title: t\nevents:\n  - title: x\n    start: 2014\n    "ti\\etle": 1\n',  # unknown key (warning)
        'title: t\nevents:\n  - title: x\n    start: 2014\n    sources: ["javascript:\\e[2J"]\n',  # link scheme
        'title: t\nevents:\n  - {title: x, start: 2014, id: "\\e[5m"}\n  - {title: y, start: 2014, id: "\\e[5m"}\n',
        'title: t\nevents:\n  - title: !foo%1B%5B2J x\n    start: 2014\n',  # %-escaped tag
        'title: t\ncategories: {a: {color: "\\e[1m"}}\nevents:\n  - {title: x, start: 2014}\n',  # colour
        'title: t\ndate_order: "\\e[1m"\nevents:\n  - {title: x, start: 2014}\n',
    ],
    ids=["category", "key", "link", "duplicate-id", "tag", "colour", "date-order"],
)
def test_sibling_other_messages_escape_control_characters(tmp_path, text):
    write(tmp_path / "inj.yaml", text)
    result = run("--check", "inj.yaml", cwd=tmp_path)
    assert result.stdout.startswith(b"inj.yaml:")
    assert control_characters(result.stdout) == []


def test_sibling_file_name_is_escaped(tmp_path):
    name = "g\x1b]52;c;SGk=\x07.yaml"
    write(tmp_path / name, GOOD.replace("2014", "someday"))
    result = run("--check", name, "missing\x1b[2J.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert control_characters(result.stdout + result.stderr) == []


def test_sibling_add_error_is_escaped(tmp_path):
    write(tmp_path / "good.yaml", GOOD)
    result = run("--add", "good.yaml", "--title", "y", "--start", "\x1b]52;c;SGk=\x07", cwd=tmp_path)
    assert result.returncode == 1
    assert control_characters(result.stdout + result.stderr) == []


def test_sibling_export_errors_are_escaped(tmp_path):
    write(tmp_path / "good.yaml", GOOD)
    bad_from = run("--export", "-", "--from", "\x1b[2J", "good.yaml", cwd=tmp_path)
    bad_out = run("--export", "x\x1b[2J.zzz", "good.yaml", cwd=tmp_path)
    assert bad_from.returncode == 2 and bad_out.returncode == 2
    assert control_characters(bad_from.stderr + bad_out.stderr) == []


def test_sibling_fast_path_refuses_raw_control_characters(tmp_path):
    # libyaml refuses a raw ESC; the fast reader (yaml-rs) lets it through when every
    # event has `sources`, so the same byte is an error or not depending on layout
    write(tmp_path / "raw.yaml", b'title: t\nevents:\n  - title: "x\x1b]52;c;SGk=\x07"\n    start: 2014\n'
          b"    sources: [https://example.org/]\n")
    result = run("--check", "raw.yaml", cwd=tmp_path)
    assert result.returncode == 1


# --- syntax-error positions ---------------------------------------------------------------


def test_unacceptable_character_position(tmp_path):
    write(tmp_path / "uc.yaml", b"title: t\nevents:\n  - title: x\n    start: 2014\n  - title: a\x01b\n    start: 2014\n")
    result = run("--check", "uc.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(b"uc.yaml:5:13: error: "), result.stdout
    assert result.stdout.count(b"\n") == 1, "one problem, one line"


def test_unacceptable_character_position_counts_characters(tmp_path):
    write(tmp_path / "uc.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n  - title: \U0001F600\U0001F600\x7f\n"
          "    start: 2014\n")
    result = run("--check", "uc.yaml", cwd=tmp_path)
    assert result.stdout.startswith(b"uc.yaml:5:14: error: "), result.stdout


def test_unacceptable_character_position_after_bom_and_crlf(tmp_path):
    write(tmp_path / "uc.yaml", b"\xef\xbb\xbftitle: t\r\nevents:\r\n  - title: x\xc2\x80\r\n    start: 2014\r\n")
    result = run("--check", "uc.yaml", cwd=tmp_path)
    assert result.stdout.startswith(b"uc.yaml:3:13: error: "), result.stdout


def test_sibling_line_separator_does_not_shift_lines(tmp_path):
    # U+2028 and NEL inside a value are not line breaks for editors, grep -n or sed -n
    write(tmp_path / "ls.yaml", 'title: t\nevents:\n  - title: "a\u2028b"\n    start: 2014\n  - title: y\n    start: 20x14\n')
    write(tmp_path / "nel.yaml", 'title: "a\u0085b"\nevents: [{title: y, start: 20x14}]\n')
    assert run("--check", "ls.yaml", cwd=tmp_path).stdout.startswith(b"ls.yaml:6:12: error: ")
    assert run("--check", "nel.yaml", cwd=tmp_path).stdout.startswith(b"nel.yaml:2:28: error: ")


# --- --add loses bytes ---------------------------------------------------------------------


def test_add_after_keep_chomped_description_keeps_it(tmp_path):
    text = "title: t\nevents:\n  - title: x\n    start: 2014\n    description: |+\n      line one\n\n\n"
    path = write(tmp_path / "keep.yaml", text)
    before = export_json(path, tmp_path)["events"][0]["description"]
    assert before == "line one\n\n\n"
    result = run("--add", "keep.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = {e["title"]: e for e in export_json(path, tmp_path)["events"]}
    assert after["x"]["description"] == before
    assert open(path, "rb").read().startswith(text.encode())


def test_sibling_add_between_events_keeps_keep_chomped_description(tmp_path):
    path = write(tmp_path / "keep.yaml", "title: t\nevents:\n  - title: x\n    start: 2014\n    description: |+\n      one\n\n\n"
                 "  - title: z\n    start: 2016\n")
    result = run("--add", "keep.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = {e["title"]: e for e in export_json(path, tmp_path)["events"]}
    assert after["x"]["description"] == "one\n\n\n"


def test_add_refuses_read_only_file(tmp_path):
    path = write(tmp_path / "ro.yaml", GOOD)
    os.chmod(path, 0o444)
    try:
        result = run("--add", "ro.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
        assert result.returncode == 1
        assert open(path, "rb").read() == GOOD.encode()
    finally:
        os.chmod(path, 0o644)


def test_add_keeps_ownership(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to give the file another owner")
    path = write(tmp_path / "own.yaml", GOOD)
    os.chown(path, 1234, 1234)
    result = run("--add", "own.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = os.stat(path)
    assert (info.st_uid, info.st_gid) == (1234, 1234)


def test_add_keeps_extended_attributes(tmp_path):
    path = write(tmp_path / "xa.yaml", GOOD)
    try:
        os.setxattr(path, "user.timeline_test", b"kept")
    except (OSError, AttributeError):
        pytest.skip("no user extended attributes on this filesystem")
    result = run("--add", "xa.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "user.timeline_test" in os.listxattr(path), "extended attribute dropped"
    assert os.getxattr(path, "user.timeline_test") == b"kept"


def test_add_keeps_hard_links_together_by_refusing(tmp_path):
    # a rename would split the links; writing in place could leave a half-written file
    path = write(tmp_path / "a.yaml", GOOD)
    os.link(path, tmp_path / "b.yaml")
    inode = os.stat(path).st_ino
    result = run("--add", "a.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 1 and b"hard link" in result.stderr
    assert os.stat(path).st_ino == inode and os.stat(path).st_nlink == 2
    assert open(path, "rb").read() == GOOD.encode()


DASH_ALONE = "title: t\nevents:\n  -\n    title: x\n    start: 2014\n"


def test_add_accepts_first_event_with_dash_alone(tmp_path):
    path = write(tmp_path / "d.yaml", DASH_ALONE)
    assert run("--check", "d.yaml", cwd=tmp_path).returncode == 0
    result = run("--add", "d.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert open(path, "rb").read().startswith(DASH_ALONE.encode())
    assert [e["title"] for e in export_json(path, tmp_path)["events"]] == ["x", "y"]


def test_sibling_add_before_event_with_dash_alone(tmp_path):
    path = write(tmp_path / "d.yaml", DASH_ALONE)
    result = run("--add", "d.yaml", "--title", "y", "--start", "2013", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [e["title"] for e in export_json(path, tmp_path)["events"]] == ["y", "x"]


def test_sibling_add_accepts_first_event_with_comment_after_dash(tmp_path):
    path = write(tmp_path / "d.yaml", "title: t\nevents:\n  - # note\n    title: x\n    start: 2014\n")
    result = run("--add", "d.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [e["title"] for e in export_json(path, tmp_path)["events"]] == ["x", "y"]


def test_sibling_add_with_line_separator_in_a_value(tmp_path):
    text = 'title: t\nevents:\n  - title: "a\u2028b"\n    start: 2014\n'
    path = write(tmp_path / "ls.yaml", text)
    result = run("--add", "ls.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert open(path, "rb").read().startswith(text.encode())


def test_sibling_add_follows_cr_line_endings(tmp_path):
    path = write(tmp_path / "cr.yaml", "title: t\revents:\r  - title: x\r    start: 2014\r")
    result = run("--add", "cr.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"\n" not in open(path, "rb").read()


GOOD_WITH_SOURCES = "title: t\nevents:\n  - title: x\n    start: 2014\n    sources: [https://example.org/]\n"


@pytest.mark.parametrize("char", ["\x7f", "\x9b", "\x80"])
def test_add_source_with_del_or_c1_is_not_written_raw(tmp_path, char):
    # every event has `sources`, so the safety-net re-check takes the fast reader, which lets raw bytes through
    path = write(tmp_path / "good.yaml", GOOD_WITH_SOURCES)
    result = run("--add", "good.yaml", "--title", "y", "--start", "2015", "--source", f"https://example.org/a{char}b",
                 cwd=tmp_path)
    no_traceback(result)
    data = open(path, "rb").read()
    assert char.encode("utf-8") not in data, "raw control character written to the file"
    if result.returncode == 0:
        assert run("--check", "good.yaml", cwd=tmp_path).returncode == 0
    else:
        assert result.returncode == 1 and data == GOOD_WITH_SOURCES.encode()
        assert b"--source" in result.stderr, result.stderr  # the option is at fault, not the file
        assert b"would make the file invalid" not in result.stderr


@pytest.mark.parametrize("char", ["\x7f", "\x9b", "\ufffe"])
def test_sibling_add_title_with_del_c1_or_nonchar_survives_exactly(tmp_path, char):
    # README: "every value is written double-quoted so any text survives exactly"; quote() leaves
    # DEL, C1 and U+FFFE raw, which libyaml refuses (written to disk when the fast reader re-checks)
    path = write(tmp_path / "good.yaml", GOOD_WITH_SOURCES)
    result = run("--add", "good.yaml", "--title", f"a{char}b", "--start", "2015", "--source", "https://example.org/",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert char.encode("utf-8") not in open(path, "rb").read(), "raw character written: libyaml will refuse the file"
    titles = [e["title"] for e in export_json(path, tmp_path)["events"]]
    assert titles == ["x", f"a{char}b"]


def test_sibling_add_to_file_with_raw_control_character_no_traceback(tmp_path):
    # --check passes such a file (fast reader); --add then calls the precise reader unguarded
    text = b'title: t\nevents:\n  - title: "a\xc2\x9bb"\n    start: 2014\n    sources: [https://example.org/]\n'
    path = write(tmp_path / "raw.yaml", text)
    result = run("--add", "raw.yaml", "--title", "y", "--start", "2015", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert open(path, "rb").read() == text


@pytest.mark.parametrize("option", [b"--title", b"--source", b"--description"])
def test_add_non_utf8_argument_no_traceback(tmp_path, option):
    path = write(tmp_path / "good.yaml", GOOD)
    value = b"https://example.org/\xff\xfe" if option == b"--source" else b"\xff\xfe"
    args = [b"--add", b"good.yaml", b"--title", b"y", b"--start", b"2015", option, value]
    if option == b"--title":
        args = [b"--add", b"good.yaml", b"--title", value, b"--start", b"2015"]
    result = run(*args, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode in (0, 1, 2)
    if result.returncode == 0:
        assert run("--check", "good.yaml", cwd=tmp_path).returncode == 0
    else:
        assert open(path, "rb").read() == GOOD.encode()


def test_sibling_non_utf8_file_name_no_traceback(tmp_path):
    # with a strict UTF-8 stdout (PYTHONIOENCODING=utf-8, or any UTF-8 locale but C.UTF-8)
    result = run(b"--check", b"missing\xff.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    no_traceback(result)
    assert result.returncode == 1


# --- further siblings: wrong answers found while probing -------------------------------------


@pytest.mark.parametrize("start", ["0x7DE", "0o3736", "2_014", "0b11111011110"])
def test_sibling_fast_path_does_not_read_numbers_as_years(tmp_path, start):
    # flow style (precise reader) refuses these; block style (fast reader, yaml-rs) reads 2014
    write(tmp_path / "n.yaml", f"title: t\nevents:\n  - title: x\n    start: {start}\n    sources: [https://example.org/]\n")
    result = run("--check", "n.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stdout


@pytest.mark.parametrize("start", ["10 June 2014 10:00 PST", "10 June 2014 10:00 UTC", "2014-06-25 10:00 Europe/Paris"])
def test_sibling_time_zone_names_are_refused(tmp_path, start):
    # an offset is read (2014-06-25 10:00 +02:00); a name is not: summer time would be a guess
    write(tmp_path / "tz.yaml", f"title: t\nevents:\n  - title: x\n    start: {start}\n")
    result = run("--check", "tz.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert b"Warning" not in result.stderr and b"time zone names" in result.stdout


def test_sibling_colour_with_trailing_newline_is_refused(tmp_path):
    write(tmp_path / "c.yaml", 'title: t\ncategories:\n  a: {label: A, color: "#c0392b\\n"}\nevents:\n'
          "  - {title: x, start: 2014, category: a}\n")
    result = run("--check", "c.yaml", cwd=tmp_path)
    assert result.returncode == 1


@pytest.mark.parametrize("link", ["https://@/", "https://:80/", "https://example.org/a\\x7fb", "https://example.org/a\\nb"])
def test_sibling_links_without_host_or_with_controls_are_refused(tmp_path, link):
    write(tmp_path / "l.yaml", f'title: t\nevents:\n  - title: x\n    start: 2014\n    sources: ["{link}"]\n')
    result = run("--check", "l.yaml", cwd=tmp_path)
    assert result.returncode == 1


def test_sibling_export_yaml_of_valid_file_is_valid(tmp_path):
    # interchange.to_yaml uses the same quote() as --add: DEL/C1 are written raw
    write(tmp_path / "ex.yaml", 'title: t\nevents:\n  - {title: "a\\x7fb\\x9bc", start: 2014}\n')
    assert run("--check", "ex.yaml", cwd=tmp_path).returncode == 0
    assert run("--export", "out.yaml", "ex.yaml", cwd=tmp_path).returncode == 0
    result = run("--check", "out.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert [e["title"] for e in export_json(tmp_path / "out.yaml", tmp_path)["events"]] == ["a\x7fb\x9bc"]
