"""Every way chronology keepers write a date, and every guess we refuse to make.

One table: what is written, the file's `date_order` (or none), and either the
EDTF string of what it means (python-edtf must read it) or the words of the refusal.
"""

import edtf
import pytest

from timeline_app.chronology.date_forms import parse_end, parse_when
from timeline_app.chronology.date_text import describe_event_date
from timeline_app.chronology.dates import DateError
from timeline_app.chronology.edtf import edtf_of
from timeline_app.chronology.model import Alternative, Event


def meaning(text, order=None) -> str:
    when = parse_when(text, order)
    event = Event("x", "x", when.start, when.end, end_open=when.end_open, start_open=when.start_open,
                  alternatives=tuple(Alternative(date) for date in when.alternatives))
    return edtf_of(event)


# never a silent guess: numbers in an order the file did not declare, two-digit years,
# an interval read as a clock time, an hour claimed as minutes, a time dropped
SILENT_GUESSES = [
    ("03-04-2014", None, "ambiguous date"),
    ("3-4-2014", None, "ambiguous date"),
    ("03 04 2014", None, "ambiguous date"),
    ("10-09-2003", None, "ambiguous date"),
    ("7 4 1976", None, "ambiguous date"),
    ("10-09-03", "DMY", "two-digit year"),
    ("10-09-03", None, "ambiguous date"),
    ("950404 122212", None, "digits without separators"),
    ("June 2014 20:30", None, "a time after a month without its day"),
    ("1851-52", None, "write both in full, e.g. 1851-1852"),
    ("1860's'", None, "unrecognised"),
    ("'90s", None, "needs its century"),
    ("Oct 20, 11", None, "year in full"),
    ("20 October", None, "no year"),
    ("2014-06-25T10:00 PST", None, "time zone names are not read"),
    ("10 June 2014 10:00 UTC", None, "time zone names are not read"),
    ("2014-13", None, "no month 13"),
    ("31 June 2014", None, "June 2014 has 30 days"),
    ("2004-?06-11", None, "qualifier inside a date"),
    ("soon", None, "unrecognised date"),
    ("Chad", None, "unrecognised date 'Chad'"),
    ("1800s", None, "may mean the decade 1800–1809 or the century"),
    ("2001-29", None, "seasons 25–41"),
]


@pytest.mark.parametrize("text, order, refusal", SILENT_GUESSES)
def test_what_would_need_a_guess_is_refused_with_what_to_write(text, order, refusal):
    with pytest.raises(DateError, match=refusal):
        parse_when(text, order)


FORMS = [
    # the file's declared order, for every separator
    ("03-04-2014", "DMY", "2014-04-03"),
    ("03-04-2014", "MDY", "2014-03-04"),
    ("3-4-2014", "DMY", "2014-04-03"),
    ("03 04 2014", "DMY", "2014-04-03"),
    ("7 4 1976", "MDY", "1976-07-04"),
    ("10-09-2003", "DMY", "2003-09-10"),
    ("2014/03/04", "YMD", "2014-03-04"),
    ("03/04/2014", "DMY", "2014-04-03"),
    # exact dates, as before
    ("2014", None, "2014"),
    ("2011-12", None, "2011-12"),
    ("June 2014", None, "2014-06"),
    ("20 October 2011", None, "2011-10-20"),
    ("Oct. 20, 2011", None, "2011-10-20"),
    ("Monday, 20th October 2011", None, "2011-10-20"),
    ("3pm 20 Oct 2011", None, "2011-10-20T15:00:00"),
    ("20 October 2011 at 12:30", None, "2011-10-20T12:30:00"),
    ("2014-06-25 20", None, "2014-06-25T20:00:00"),
    ("2003-09-25T10", None, "2003-09-25T10:00:00"),
    ("2014-08-23T20:30:15", None, "2014-08-23T20:30:15"),
    ("2014-06-25T10:00Z", None, "2014-06-25T10:00:00Z"),
    ("2014-06-25 10:00 +02:00", None, "2014-06-25T10:00:00+02:00"),
    # EDTF level 1 and the useful parts of level 2
    ("2014-08?", None, "2014-08?"),
    ("2014-08~", None, "2014-08~"),
    ("2014-08%", None, "2014-08%"),
    ("201X", None, "201X"),
    ("19XX", None, "19XX"),
    ("156X-12-25", None, "156X-12-25"),
    ("2004-02-01/2005-02-08", None, "2004-02-01/2005-02-08"),
    ("../2006", None, "../2006"),
    ("2004-06-01/..", None, "2004-06-01/.."),
    ("2004-06-01/", None, "2004-06-01/"),
    ("2001-21", None, "2001-21"),
    ("2001-24", None, "2001-24"),
    ("[1667, 1668, 1670..1672]", None, "[1667, 1668, 1670..1672]"),
    ("Y170000002", None, "Y170000002"),
    # words
    ("c. 1500", None, "1500~"),
    ("ca. 1500", None, "1500~"),
    ("circa 1500", None, "1500~"),
    ("about 1500", None, "1500~"),
    ("~1500", None, "1500~"),
    ("1860s", None, "186X"),
    ("the 1990s", None, "199X"),
    ("19th century", None, "1801/1900"),
    ("2nd century BC", None, "-0199/-0100"),
    ("early 2014", None, "2014-01/2014-04"),
    ("mid-July 2014", None, "2014-07-11/2014-07-20"),
    ("late 1990s", None, "1997/1999"),
    ("spring 1872", None, "1872-21"),
    ("before 18 January 1928", None, "[..1928-01-18]"),
    ("after 1850", None, "[1850..]"),
    ("between 47 and 50", None, "[0047..0050]"),
    ("between 25 Jun 1381 and 26 Jun 1381", None, "[1381-06-25..1381-06-26]"),
    ("1914-1918", None, "1914/1918"),
    ("1939–1945", None, "1939/1945"),
    ("2584–2561 BCE", None, "-2583/-2560"),
    ("13 July – 23 August 2014", None, "2014-07-13/2014-08-23"),
    ("16 May 2014 – present", None, "2014-05-16/.."),
    ("since 2016", None, "2016/.."),
    ("15 March 44 BC", None, "-0043-03-15"),
    ("44 B.C.", None, "-0043"),
    ("AD 44", None, "0044"),
    ("66M BCE", None, "Y-65999999"),
    ("4.5 billion years ago", None, "Y-4500000000"),
    ("-13800000000", None, "Y-13800000000"),
    # words from python-edtf's natural-language tests (tests/data/dates)
    ("ca1860", None, "1860~"),
    ("1860 approx", None, "1860~"),
    ("maybe 1862", None, "1862?"),
    ("1862 (uncertain)", None, "1862?"),
    ("ca. 1860s?", None, "186X%"),
    ("about Spring 1849", None, "1849-03~/1849-05~"),
    ("earlier than 1928", None, "[..1928]"),
    ("before approx January 1928", None, "[..1928-01]"),
    ("7/2008", None, "2008-07"),
    ("1999-XX", None, "1999"),
    ("[..1760-12-03]", None, "[..1760-12-03]"),
    ("[1760-12..]", None, "[1760-12..]"),
]


@pytest.mark.parametrize("text, order, expected", FORMS)
def test_every_form_is_read_with_its_meaning_in_standard_edtf(text, order, expected):
    assert meaning(text, order) == expected
    edtf.parse_edtf(expected)  # a standard EDTF reader understands what we say


@pytest.mark.parametrize("text, words", [
    ("c. 1500", "about 1500"),
    ("1860s", "the 1860s"),
    ("2011-12", "December 2011"),
    ("2014-08?", "August 2014 (uncertain)"),
    ("19th century", "the 19th century (1801–1900)"),
    ("between 47 and 50", "some time between 47 and 50"),
    ("16 May 2014 – present", "16 May 2014 – present"),
    ("spring 1872", "spring 1872"),
])
def test_every_form_is_said_in_words(text, words):
    when = parse_when(text)
    event = Event("x", "x", when.start, when.end, end_open=when.end_open)
    assert describe_event_date(event) == words


def test_sorting_is_by_the_earliest_possible_moment():
    texts = ["1860s", "c. 1850", "1865", "between 1862 and 1870", "early 1860s"]
    starts = {text: parse_when(text).start.seconds() for text in texts}
    assert sorted(texts, key=starts.get) == ["c. 1850", "1860s", "early 1860s", "between 1862 and 1870", "1865"]


def test_an_end_can_be_open():
    assert parse_end("present") == (None, "present")
    assert parse_end("ongoing") == (None, "present")
    assert parse_end("..") == (None, "open")


# --- other people's test suites: read right or refused, never read wrong -----------------

import csv  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from timeline_app.chronology.dates import civil_from_days  # noqa: E402

DATA = Path(__file__).parent / "data" / "dates"


def _day(seconds: float) -> str:
    year, month, day = civil_from_days(int(seconds // 86400))
    return f"{year:04d}-{month:02d}-{day:02d}" if year >= 0 else f"-{-year:04d}-{month:02d}-{day:02d}"


def test_edtf_suites_expressions_are_read_with_their_bounds_or_refused():
    """python-edtf's bounds for every expression it gives them; ours must match or refuse.
    Seasons differ on purpose: winter here runs December to February, python-edtf keeps December."""
    rows = list(csv.reader(open(DATA / "edtf_cases.tsv", encoding="utf-8"), delimiter="\t"))[1:]
    same, other = 0, []
    for expression, meaning, _source in rows:
        bounds = re.search(r"lower_strict=(-?\d+-\d\d-\d\d); upper_strict=(-?\d+-\d\d-\d\d)", meaning)
        try:
            when = parse_when(expression)
        except DateError:
            continue
        if bounds is None or when.end_open or when.start_open or re.fullmatch(r"\d{4}-2[1-4]", expression):
            continue
        last = when.end or max((when.start, *when.alternatives), key=lambda date: date.end_seconds())
        if (_day(when.start.seconds()), _day(last.end_seconds() - 1)) == (bounds[1], bounds[2]):
            same += 1
        else:
            other.append((expression, meaning, _day(when.start.seconds()), _day(last.end_seconds() - 1)))
    assert not other, other
    assert same >= 35


@pytest.mark.parametrize("name", ["edtf_cases.tsv", "natural_cases.tsv"])
def test_every_real_expression_is_read_or_refused_with_a_message(name):
    rows = list(csv.reader(open(DATA / name, encoding="utf-8"), delimiter="\t"))[1:]
    read = 0
    for row in rows:
        try:
            parse_when(row[0])
            read += 1
        except DateError as error:
            assert str(error)  # a refusal always says why
    assert read > len(rows) // 3


def test_a_chronology_of_every_form_loads_the_same_on_both_readers_and_exports_standard_edtf(tmp_path):
    from test_fast_precise_agree import fast_verdict, precise_verdict

    from timeline_app.files.loader import load_file

    forms = [text for text, order, _ in FORMS if order in (None, "DMY")]
    events = "".join(f"  - title: Form {number}\n    start: {json_string(text)}\n" for number, text in enumerate(forms))
    alternatives = "  - title: Disputed\n    start:\n      - {date: 13 July 2014, source: https://example.org/a}\n      - {date: August 2014}\n"
    text = "title: Every form\ndate_order: DMY\nevents:\n" + events + alternatives
    assert fast_verdict(text) == precise_verdict(text)
    path = tmp_path / "forms.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    assert result.ok, result.problems
    assert len(result.chronology.events) == len(forms) + 1
    for event in result.chronology.as_dict()["events"]:
        edtf.parse_edtf(event["edtf"])


def json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def test_a_file_may_declare_the_offset_of_its_times(tmp_path):
    from timeline_app.files.loader import load_text

    text = "title: t\ntimezone: +02:00\nevents:\n  - {title: local, start: '2014-06-25 10:00'}\n  - {title: utc, start: 2014-06-25T09:30Z}\n"
    result = load_text(text)
    assert result.ok and [e.title for e in result.chronology.events] == ["local", "utc"]  # 08:00Z, then 09:30Z
    assert result.chronology.events[0].start.zone == "+02:00"
    refused = load_text("title: t\ntimezone: Europe/Paris\nevents: []\n")
    assert not refused.ok and "named zones change with summer time" in refused.problems[0].message
