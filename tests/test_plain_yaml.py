"""The C reader of the plain block style (`_plain_yaml.c`) against yaml-rs, whose answers it stands in for.

Wherever the C reader answers, its answer must be exactly yaml-rs's, types included (1 is not
True, nor 1.0); where it is not sure it answers None and yaml-rs reads the chunk. It is fed
hand-picked forms, the benchmark's styles, real files (tests/data/world_yaml and the bundled
chronology), the events of generated and mutated files (tests/chronology_files.py), slices of
them cut where the loader cuts chunks, and those mutated a character at a time. And whole files
load to the same problems and model with it and without it.

    PLAIN_YAML_SEEDS=3000 pytest tests/test_plain_yaml.py     # more seeds
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
import yaml_rs
from chronology_files import generate
from synthetic import synthetic_yaml
from test_fast_precise_agree import _problems, _summary, forget_dates

import timeline_app.files.chunk_parsing as chunk_parsing
import timeline_app.files.fast_reader as fast_reader
from timeline_app.files.fast_reader import has_unplain_characters
from timeline_app.files.compiled import plain_events
from timeline_app.files.loader import load_text

gather = plain_events.gather

read_block_events = chunk_parsing.read_block_events
DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).parent.parent / "timeline_app" / "bundled" / "events.yaml"
SEEDS = int(os.environ.get("PLAIN_YAML_SEEDS", "300"))


def test_the_c_reader_is_built():
    assert read_block_events is not None, (
        "timeline_app/files/_plain_yaml.c is not built, so these tests would prove nothing: "
        "`pip install -e '.[test]'` builds it (setup.py), and needs a C compiler")


def typed(value):
    """`value` with every scalar's type beside it: 1 == True == 1.0 in Python, not in a chronology."""
    if isinstance(value, dict):
        return "dict", [(typed(key), typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return "list", [typed(item) for item in value]
    return type(value).__name__, value


def by_yaml_rs(text: str):
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - refused: the C reader must not answer either
        return None


GATHERED = [0]  # texts whose columns gathered_of made (and gather agreed)


def _listed(gathered):
    return None if gathered is None else list(gathered)


def read_alike(text: str) -> bool:
    """Whether the C reader answered for `text`; fails the test if its answer is not yaml-rs's, or
    if told the text is plain (where it is: `has_unplain_characters`) it answers otherwise."""
    got = read_block_events(text)
    if not has_unplain_characters(text):
        assert typed(read_block_events(text, True)) == typed(got), f"told it is plain, the C reader differs on:\n{text[:3000]!r}"
    parsed = chunk_parsing.parse_block_events(text)  # (the same read in two steps, as a large file is read)
    assert (parsed is None) == (got is None), f"parse_block_events and read_block_events differ on:\n{text[:3000]!r}"
    if got is None:
        return False
    assert typed(chunk_parsing.events_of(parsed)) == typed(got), f"events_of(parse_block_events) differs on:\n{text[:3000]!r}"
    gathered = chunk_parsing.gathered_of(parsed)  # (the plainest chunks' columns, made without the dicts)
    assert typed(_listed(gathered)) == typed(_listed(gather(got))), f"gathered_of differs from gather on:\n{text[:3000]!r}"
    GATHERED[0] += gathered is not None
    assert typed(got) == typed(by_yaml_rs(text)), f"the C reader and yaml-rs differ on:\n{text[:3000]!r}"
    return True


READ = [  # each form the C reader reads, as yaml-rs reads it
    "- title: a plain title\n  start: '2014-06-25'\n",
    '  - id: e1\n    title: "double quoted"\n    start: "2014"\n',
    "- title: 'it''s single quoted'\n",
    '- title: "escapes \\" \\\\ \\/ \\n \\t \\u00e9 \\u2013"\n',
    "- start: 2014\n  end: 0\n",
    "- start: 2014-06-25\n  end: 2014-06\n",
    "- start: 2014-06-25 10:30\n",
    "- title: yes, no, on, off, y, n, inf, nan, Infinity are text\n",
    "- title: x\n  tags: [a, 'b', \"c\", d e]\n  sources: []\n",
    "- title: x\n  tags: [https://example.org/a, x]\n",
    "- title: x\n  sources:\n  - https://example.org/a\n  - https://example.org/b\n  category: c\n",
    "- title: x\n  sources:\n    - https://example.org/a\n",
    "- title: x\n  sources:\n    - url: https://example.org/a\n      title: A report\n    - https://example.org/b\n",
    "- title: x\n  sources: [{title: 'A report', url: \"https://example.org/a\", publisher: AFP}]\n",
    "- {title: a flow event, start: '2014'}\n- title: b\n",
    "- title: x\n  media:\n    url: https://example.org/a.jpg\n    caption: a caption\n",
    "- title: x\n  description: a long plain\n    description folded\n\n    over lines\n",
    "- title: x\n  description: |\n    literal\n      indented\n\n    kept\n\n\n  id: y\n",
    "- title: x\n  description: |-\n    literal\n    stripped\n  id: y\n",
    "- title: x\n  description: >\n    folded\n    lines\n\n    and a paragraph\n  id: y\n",
    "- title: x\n  description: >-  # a comment\n    folded\n    stripped\n",
    "- title: x\n  description: |\n    a line\n    # not a comment\n  # a comment\n  id: y\n",
    "# a comment\n- title: x  # a comment\n\n  # another\n  end:\n  id: y\n\n- title: z\n",
    "- title: Ṭarābulus طرابلس – “curly” ‘quotes’\n  location: Miṣrātah\n",
    "-   title: indented after the dash\n    start: '2014'\n",
    "- title: x\n  end:   \n  location: # empty\n",
]

LEFT = [  # each form it leaves to yaml-rs (answers None)
    "- title: a\ttab\n", "- title: x\r\n", "- title: a\x85b\n", "- title: a\u2028b\n", "- title: \ufeffx\n",
    "- title: a\x7fb\n", "- title: a\x1bb\n",
    "- title: &anchor x\n", "- title: *alias\n", "- title: !tag x\n",
    "- title: x\n  description: |+\n    kept\n", "- title: x\n  description: |2\n    x\n",
    "- title: x\n  description: |\n\n    blank first\n", "- title: x\n  description: >\n    a\n      more\n",
    "- title: x\n  description: |\n    no line break at the end",
    "- start: 0x7DE\n", "- start: 2_014\n", "- start: 02014\n", "- start: +2014\n", "- start: -2014\n",
    "- start: 0o3740\n", "- start: 1.5\n", "- start: 1e3\n", "- start: .inf\n", "- start: 12.04.1966\n",
    "- start: 1234567890123456789\n",
    "- title: true\n", "- title: Null\n", "- title: FALSE\n", "- title: ~\n", "- true: x\n", "- null: x\n",
    "- title: a\n  title: b\n", "- {title: a, title: b}\n", "- title: a: b\n", "- title: a:\n",
    "- title: \"unknown \\q escape\"\n", "- title: \"over\n    lines\"\n", "- title: 'over\n    lines'\n",
    "- title: \"\\ud800\"\n", "- tags: [a, ]\n", "- tags: [a,\n    b]\n", "- tags: [[a]]\n", "- tags: {a: }\n",
    "- title: x\n  tags:\n  -\n", "- title: x\n  tags:\n  - a: b\n    - c\n", "- title: x\n    y: z\n",
    "- title: x\n  # c\n    more\n", "- title: x #c\n    more\n", "- title: 'x'#c\n",
    "-\n  title: x\n", "- - x\n", "title: x\n", "---\n- title: x\n", "- title: x\n...\n", "- title: |\n  x\n",
    "- title: x\n  description:\n    starts on the next line\n", "- title: x\n  - y\n", "- title: ? x\n",
    "[{title: x}]\n", "",
    "- title: x\n  tags:\n  - a\n  - ", "- title: x\n  description: |\n    a\n\n    ",  # (a reviewer's fuzzer found
    "- _1: x\n", "- _1e3: x\n", "- {_0_8: x}\n", "- a: [x -]\n", "- {a: x -}\n", "- a: [x  -, y]\n",  # these,
    "- a: " + "{a: " * 256 + "b" + "}" * 256 + "\n",  # (yaml-rs refuses 256 flow levels)
    "- a: " + "{a: " * 60_000 + "b" + "}" * 60_000 + "\n",  # (and this one overflowed the C stack)
]


@pytest.mark.parametrize("text", READ)
def test_each_plain_form_is_read_as_yaml_rs_reads_it(text):
    assert read_alike(text), f"the C reader left this to yaml-rs:\n{text}"


@pytest.mark.parametrize("text", LEFT)
def test_each_other_form_is_left_to_yaml_rs(text):
    assert read_block_events(text) is None
    assert has_unplain_characters(text) or read_block_events(text, True) is None  # (told it is plain: a tab, a BOM too)


def test_a_text_with_a_lone_surrogate_is_left_to_yaml_rs():
    assert read_block_events("- title: a\udc80b\n") is None


@pytest.mark.parametrize("wide", ["é", "\xa0", "ā", "ط", "–", "\uffbd", "\U0001f1f1", "\U0010fffd"])
def test_text_that_is_not_ascii_is_read_as_yaml_rs_reads_it_whatever_runs_of_ascii_stand_between(wide):
    """A chunk that is not ASCII is encoded to UTF-8 for the reader, runs of ASCII four
    characters at a time: every length of run, at every place, before and after each width of
    character (Latin-1, two bytes, three, four; alone in its chunk or beside wider ones)."""
    for run in range(10):
        for other in ("", "ā", "\U0001f600"):
            title = "".join(("x" * ((run + k) % 7)) + (wide if k % 2 else other) for k in range(9))
            text = f"- title: {title}q\n  id: e{run}\n- title: {'y' * run}{wide}\n  tags: [{wide}{'z' * run}, b]\n"
            assert read_alike(text), text


def test_a_lone_surrogate_after_a_run_of_ascii_in_wide_text_is_left_to_yaml_rs():
    for run in range(9):
        assert read_block_events(f"- title: ā{'x' * run}\udc80b\n") is None
        assert read_block_events(f"- title: \U0001f600{'x' * run}\ud800\n") is None


def _events_body(text: str) -> str:
    """The text of a file's list of items, from its first item to the next key at the top."""
    first = re.search(r"^( *)- ", text, re.M)
    if first is None:
        return ""
    body = text[first.start():]
    indent = len(first.group(1))
    after = re.search(r"^ {0,%d}[^\s#-]" % (indent - 1) if indent else r"^[^\s#-]", body[1:], re.M)
    return body[: after.start() + 1] if after else body


@pytest.mark.parametrize("style", ["hand", "safe_dump", "prose", "world"])
def test_the_benchmark_styles_are_read_in_c(style):
    assert read_alike(_events_body(synthetic_yaml(300, seed=5, style=style)))


def test_real_files_are_read_as_yaml_rs_reads_them():
    files = [BUNDLED, *sorted((DATA / "world_yaml").glob("*.yaml"))]
    read = [path.name for path in files if read_alike(_events_body(path.read_text(encoding="utf-8")))]
    assert BUNDLED.name in read and len(read) >= 12, f"only {read} were read in C"


def _item_slices(rng: random.Random, body: str) -> list[str]:
    """Runs of whole items, cut where the loader cuts its chunks (at an item's line)."""
    indent = re.match(r" *", body).group()
    starts = [m.start() for m in re.finditer(r"^%s- " % indent, body, re.M)] + [len(body)]
    slices = []
    for _ in range(3):
        a = rng.randrange(len(starts) - 1)
        b = rng.randrange(a + 1, len(starts))
        slices.append(body[starts[a]:starts[b]])
    return slices


_MUTANTS = [":", " ", "#", "-", "'", '"', "[", "]", ",", "{", "}", "\n", "\t", "\r", "&", "*", "!", "|", ">", "|-", ">-",
            "%", "@", "`", "~", "?", "\\", "\\u00", "0", "1", "x", "é", "\u0085", "\u2028", "\ufeff", "  ", ": ", " #",
            "\n  ", "\n    ", "\n\n", "- ", "true", "null", "No", "0x1F", "1_0", ".inf", "1.5", "2014-06-25"]


def _mutated(rng: random.Random, text: str, mutants: list[str] = _MUTANTS, most: int = 3) -> str:
    """`text` with one to `most` mutants put in, put in place of a character, or a character taken out."""
    chars = list(text)
    for _ in range(rng.randint(1, most)):
        at = rng.randrange(len(chars) + 1)
        roll = rng.random()
        if roll < 0.4 or at == len(chars):
            chars.insert(at, rng.choice(mutants))
        elif roll < 0.7:
            chars[at] = rng.choice(mutants)
        else:
            del chars[at]
    return "".join(chars)


def test_the_c_reader_agrees_with_yaml_rs_on_generated_and_mutated_events():
    fed = read = 0
    for seed in range(SEEDS):
        rng = random.Random(seed)
        text, _ = generate(seed, big_rate=0.0)
        if "\nevents:" not in text:
            continue
        body = _events_body(text[text.index("\nevents:") + 1:].split("\n", 1)[1])
        if not body.strip():
            continue
        for piece in [body, *_item_slices(rng, body)]:
            for variant in [piece, _mutated(rng, piece), _mutated(rng, piece)]:
                fed += 1
                read += read_alike(variant)
    assert read > fed // 5, f"the C reader read only {read} of {fed}: these cases test little of it"


def _verdict(text: str):
    forget_dates()
    result = load_text(text, "")
    return _problems(result.problems), _summary(result.chronology)


def test_files_load_alike_with_the_c_reader_and_without(monkeypatch):
    """The whole loader, C reader and all, against the loader reading every chunk with yaml-rs."""
    texts = [synthetic_yaml(2500, seed=9, style=style) for style in ("hand", "safe_dump", "world", "broken_late")]
    texts += [generate(seed, size=2200 if seed % 10 == 0 else None)[0] for seed in range(60)]
    parsed = []
    monkeypatch.setattr(chunk_parsing, "parse_block_events",
                        lambda *args, parse=chunk_parsing.parse_block_events: parsed.append(parse(*args)) or parsed[-1])
    with_c = [_verdict(text) for text in texts]
    assert sum(tape is not None for tape in parsed) >= 20, "the C reader read too few chunks for this to test it"
    with monkeypatch.context() as items_gathered:  # the columns gathered from the items, not from the tape
        items_gathered.setattr(fast_reader.Chunk, "gathered", lambda chunk: None)
        for text, verdict in zip(texts, with_c):
            assert _verdict(text) == verdict, text[:2000]
    monkeypatch.setattr(chunk_parsing, "read_block_events", None)
    monkeypatch.setattr(chunk_parsing, "parse_block_events", None)
    for text, verdict in zip(texts, with_c):
        assert _verdict(text) == verdict, text[:2000]


@pytest.mark.parametrize("widest", ["\x80", "\xff", "\u0100", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\ufffd",
                                    "\U00010000", "\U0010fffd"])
def test_each_value_is_as_narrow_a_str_as_its_widest_character_allows(widest):
    """A value read from a chunk's UTF-8 is a str of one, two or four bytes a character as its own
    widest character asks (Python compares a str made wider than that unequal to its text),
    plain, quoted, escaped and folded, beside narrower values."""
    for narrower in ("", "e", "\xe9", "\u0101"):
        text = (f"- title: a{narrower}{widest}b\n  id: {narrower}x\n  description: \"q{widest}\\u00e9 \\t{narrower}\"\n"
                f"  place: >-\n    {widest}\n    {narrower}z\n  tags: ['{narrower}', {widest}{widest}]\n"
                f"- title: {narrower or 'n'}\n")
        if read_alike(text):
            event = read_block_events(text)[0]
            assert event["title"] == f"a{narrower}{widest}b" and event["id"] == f"{narrower}x", text
        else:
            assert not widest.isprintable() or "\ud7ff" < widest < "\ue000", repr(widest)  # (left to yaml-rs)


def test_chunks_parsed_on_several_threads_at_once_are_read_as_one_at_a_time():
    """The parse runs on a helper thread with the interpreter let go (`parse_block_events`): texts
    parsed four at a time, over and over, give each the events read alone (nothing shared between
    two parses at once: a key table, the arena of folded text, a tape)."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [_events_body(synthetic_yaml(400, seed=seed, style=style))
             for seed, style in enumerate(("hand", "safe_dump", "world", "prose") * 2)] + READ
    alone = [typed(read_block_events(text)) for text in texts]
    assert sum(each != typed(None) for each in alone) >= 8
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(5):
            parsed = list(pool.map(chunk_parsing.parse_block_events, texts * 3))
            assert [typed(chunk_parsing.events_of(tape) if tape is not None else None) for tape in parsed] == alone * 3


def test_the_parse_lets_the_interpreter_go():
    """While a large chunk is parsed on one thread, Python runs on another (else the loading thread
    would wait for the parse, and the window for both): a thread's ticks are counted in the middle
    of the parse's time."""
    import threading
    import time

    text = _events_body(synthetic_yaml(40_000, seed=3, style="hand"))
    ticks, span = [], []

    def parse():
        started = time.perf_counter()
        tape = chunk_parsing.parse_block_events(text)
        span[:] = started, time.perf_counter()
        assert tape is not None

    def tick(parsing):
        while parsing.is_alive():
            ticks.append(time.perf_counter())

    parsing = threading.Thread(target=parse)
    parsing.start()
    tick(parsing)
    parsing.join()
    started, ended = span
    middle = [at for at in ticks if started + (ended - started) / 4 < at < ended - (ended - started) / 4]
    assert ended - started > 0.005 and len(middle) > 10, (ended - started, len(middle))


def test_a_chunk_with_more_keys_than_the_c_reader_keeps_is_left_to_yaml_rs():
    """The C reader keeps 256 distinct keys a chunk (a key of one's own on each of 300 events is
    more); with fewer, it reads them as yaml-rs does."""
    def keyed(count: int) -> str:
        return "".join(f"- title: t{number}\n  own{number}: x\n" for number in range(count))

    assert read_alike(keyed(200))
    assert read_block_events(keyed(300)) is None


def test_the_plainest_columns_are_gathered_from_the_tape_as_from_the_items():
    """`gathered_of` (columns made from the parse, no dicts) against `gather` of the items, on each
    plain form, the benchmark's styles, the real files and generated files, mutated: both kinds of
    answer (columns, None) many times over."""
    GATHERED[0] = 0
    rng = random.Random(12)
    plain = "- id: a\n  title: T\n  start: 2014\n"
    edges = [plain + f"- title: U\n  start: '2015'\n  {field}\n" for field in (
        "tags: []", "tags: ['']", "tags: [a, '']", "tags: [a, b]", "tags:\n  - a\n  - b", "tags: [a, [b]]", "tags: [1]",
        "sources: []", "sources: [a, 1]", "sources: [[a]]", "sources:\n  - url: http://a.b", "end:", "end: 2016",
        "end: '2016-01'", "id: '  '", "id: 5", "category: 5", "category: ''", "description: |\n    x\n    y",
        "location: {a: b}", "media: x", "own: x", "title2: x", "end: 2016\n  start2: 3", "sources:\n  - {start: 1}")]
    edges += [plain + "- title: ' '\n  start: 2015\n", plain + "- {title: U, start: 2015, tags: [x]}\n",
              plain + "- {title: U}\n", plain + "- title: \"\\u00e9\"\n  start: 2015\n"]
    texts = edges + READ + [_events_body(synthetic_yaml(300, seed=seed, style=style))
                    for seed, style in enumerate(("hand", "safe_dump", "world", "prose", "broken_late"))]
    texts += [_mutated(rng, text, most=1) for text in texts for _ in range(6)]
    read = sum(map(read_alike, texts))
    assert GATHERED[0] >= 20 and read - GATHERED[0] >= 20, (GATHERED[0], read)
