import pytest

from timeline_app.chronology.date_forms import parse_date
from timeline_app.chronology.date_text import (
    describe_date,
    describe_duration,
    describe_range,
)
from timeline_app.chronology.dates import DateError


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("2014", "2014", "year"),
        (2014, "2014", "year"),
        ("2014-06", "2014-06", "month"),
        ("June 2014", "2014-06", "month"),
        ("Sept 2012", "2012-09", "month"),
        ("2014-06-25", "2014-06-25", "day"),
        ("20 October 2011", "2011-10-20", "day"),
        ("Oct. 20, 2011", "2011-10-20", "day"),
        ("October 20, 2011", "2011-10-20", "day"),
        ("2014-08-23 20:30", "2014-08-23T20:30", "minute"),
        ("2014-08-23T20:30", "2014-08-23T20:30", "minute"),
        ("3pm 20 Oct 2011", "2011-10-20T15:00", "minute"),
        ("2012-02-29", "2012-02-29", "day"),
        ("44 BC", "-0043", "year"),
        ("-0043-03-15", "-0043-03-15", "day"),
    ],
)
def test_dates_keep_their_precision(text, iso, precision):
    date = parse_date(text)
    assert date.iso() == iso
    assert date.precision == precision


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("03/04/2014", "ambiguous"),
        ("20 October", "no year"),
        ("Monday", "no year"),
        ("31 June 2014", "impossible"),
        ("2014-02-29", "impossible"),
        ("2014-13", "no month 13"),
        ("2014-06-25 25:00", "impossible time"),
        ("Oct 20, 11", "year in full"),
        ("soon", "unrecognised"),
        ("2014-06-25T10:00 EST", "time zone names"),
        ("", "empty"),
    ],
)
def test_bad_dates_are_refused_not_guessed(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


@pytest.mark.parametrize(
    "order, text, iso", [("DMY", "03/04/2014", "2014-04-03"), ("MDY", "03/04/2014", "2014-03-04"), ("YMD", "2014/04/03", "2014-04-03")]
)
def test_numeric_dates_follow_the_declared_order(order, text, iso):
    assert parse_date(text, order).iso() == iso


def test_a_year_covers_the_whole_year_and_a_month_its_month():
    year, month = parse_date("2014"), parse_date("February 2012")
    assert year.end_seconds() - year.seconds() == 365 * 86400
    assert month.end_seconds() - month.seconds() == 29 * 86400


def test_dates_before_the_common_era_order_correctly():
    assert parse_date("44 BC").seconds() < parse_date("1 BC").seconds() < parse_date("0001").seconds()


def test_dates_are_written_in_words_by_precision():
    assert describe_date(parse_date("2014-06")) == "June 2014"
    assert describe_date(parse_date("2011-10-20")) == "20 October 2011"
    assert describe_date(parse_date("44 BC")) == "44 BC"
    span = describe_range(parse_date("2014-07-13"), parse_date("2014-08-23"))
    assert span == "13 July – 23 August 2014"
    assert describe_duration(parse_date("2014-07-13"), parse_date("2014-08-23")) == "42 days"


def test_short_dates_name_months_in_three_letters_and_keep_every_qualifier():
    """The list's narrow Date column: the same words, months cut to three letters."""
    assert describe_date(parse_date("2011-02-15"), short=True) == "15 Feb 2011"
    assert describe_date(parse_date("2014-06"), short=True) == "Jun 2014"
    assert describe_date(parse_date("2014"), short=True) == "2014"
    assert describe_range(parse_date("2011-08-20"), parse_date("2011-08-28"), short=True) == "20–28 Aug 2011"
    assert describe_range(parse_date("2011-03-19"), parse_date("2011-10-31"), short=True) == "19 Mar–31 Oct 2011"
    assert describe_range(parse_date("2014-05"), parse_date("2014-09"), short=True) == "May–Sep 2014"
    assert describe_range(parse_date("2013-11"), parse_date("2014-02"), short=True) == "Nov 2013–Feb 2014"
    # a span within one day names the day once, its zone once; another day or zone, both whole
    assert describe_range(parse_date("2014-06-25 08:00"), parse_date("2014-06-25 09:30"), short=True) == "25 Jun 2014, 08:00–09:30"
    assert describe_range(parse_date("2014-06-25T08:00+02:00"), parse_date("2014-06-25T09:30+02:00")) == (
        "25 June 2014, 08:00 – 09:30 (UTC+02:00)")
    assert describe_range(parse_date("2014-06-25T08:00+02:00"), parse_date("2014-06-25T09:30+03:00"), short=True) == (
        "25 Jun 2014, 08:00 (UTC+02:00)–25 Jun 2014, 09:30 (UTC+03:00)")
    assert describe_range(parse_date("2014-06-25 23:00"), parse_date("2014-06-26 01:30"), short=True) == (
        "25 Jun 2014, 23:00–26 Jun 2014, 01:30")
    assert describe_range(parse_date("2014-06-25 08:00"), parse_date("2014-06-25T09:30:10"), short=True) == (
        "25 Jun 2014, 08:00–09:30:10")
    assert describe_range(parse_date("2014-06-25T08"), parse_date("2014-06-25T09")) == "25 June 2014, 08:00 – 09:59"
    for written in ("about 2014-06-01", "2014-06-01?", "early 2014", "2014-06-01 14:30", "1850s", "between 1990 and 1995"):
        date = parse_date(written)
        long, short = describe_date(date), describe_date(date, short=True)
        assert long.replace("June", "Jun") == short  # nothing but the month's name is shortened


def test_alternatives_in_short_leave_their_sources_to_the_long_form_and_say_one_date_once():
    from timeline_app.chronology.date_text import describe_event_date
    from timeline_app.files.loader import load_text

    text = """title: t
sources:
  wiki: {url: 'https://en.wikipedia.org/wiki/Tripoli', title: Wikipedia}
events:
  - title: disputed
    start:
      - {date: 13 July 2014, source: wiki}
      - {date: August 2014, source: 'https://news.vice.com/x'}
  - title: agreed twice
    start:
      - {date: 13 July 2014, source: wiki}
      - {date: 13 July 2014, source: 'https://news.vice.com/x'}
"""
    result = load_text(text)
    assert result.ok, result.problems
    disputed, agreed = sorted(result.chronology.events, key=lambda event: event.title)[::-1]
    assert describe_event_date(disputed, short=True) == "13 Jul 2014 or Aug 2014"
    assert "Wikipedia" in describe_event_date(disputed) and "news.vice.com" in describe_event_date(disputed)
    assert describe_event_date(agreed, short=True) == "13 Jul 2014"
    assert describe_event_date(agreed).count("13 July 2014") == 2  # the long form names each source
