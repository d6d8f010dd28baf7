"""TimelineJS (2 and 3), the Google Sheets template and our own exports: read, written, read back.

Expected values are read by eye from the files in tests/data/interchange.
"""

import dataclasses
import json
from pathlib import Path

import pytest

from timeline_app.files.export_formats import export_warnings, render_data
from timeline_app.files.loader import load_file, load_text
from timeline_app.files.sheets_template import to_sheet
from timeline_app.files.slugs import slug
from timeline_app.files.timelinejs import to_timelinejs

DATA = Path(__file__).parent / "data" / "interchange"
BUNDLED = Path(__file__).parent.parent / "timeline_app" / "bundled" / "events.yaml"
TIMELINEJS = sorted((DATA / "timelinejs").glob("*.json"))
SHEETS = sorted((DATA / "sheets").glob("*.csv"))


def loaded(path):
    result = load_file(path)
    assert result.ok, [p.format() for p in result.problems]
    return result.chronology


def event(chronology, title):
    return next(e for e in chronology.events if e.title == title)


def test_timelinejs2_files_read_with_their_pictures():
    sink = loaded(DATA / "timelinejs" / "nuknightlab_tl2_kitchensink.json")
    assert sink.title == "The Kitchen Sink, Évier de la Cuisine" and len(sink.events) == 14
    assert sink.media.url.endswith("/voyage-dans-la-lune-1902-02-g.jpg")
    youtube = event(sink, "YouTube")
    assert youtube.start.iso() == "2012-01-18" and youtube.media.url == "http://youtu.be/yRvJylbSg7o"
    assert youtube.media.caption.startswith("Directed and Edited by Matt Mayer")
    portrait = event(sink, "Le portrait mystérieux")
    assert portrait.start.iso() == "1899" and portrait.media.credit == "Georges Méliès"
    assert portrait.id == "1899-le-portrait-mysterieux"  # accents fall away, the letters stay
    people = loaded(DATA / "timelinejs" / "nuknightlab_tl2_shit_people_say.json")
    assert people.title == "Sh*t People Say" and len(people.events) == 20
    assert event(people, "Sh*t Politicians Say").media.url == "https://youtu.be/u4XpeU9erbg"


def test_sheet_converted_timelinejs_reads_empty_dates_as_absent_and_quotes_as_text():
    result = load_file(DATA / "timelinejs" / "nuknightlab_tl3_women_in_computing.json")
    women = result.chronology
    assert result.ok and women.title == "Women in Computing" and len(women.events) == 10
    assert women.background.url.endswith("Calculator_%28ENIAC%29.gif")
    ada = event(women, "Ada Lovelace")
    assert (ada.start.iso(), ada.end.iso()) == ("1815-12-10", "1852-11-27")
    assert ada.media.credit == "Wikimedia Commons"
    assert ada.media.caption == "[Portrait by Alfred Edward Chalon](https://en.wikipedia.org/wiki/Ada_Lovelace#/media/File:Ada_Lovelace_portrait.jpg)"
    clarke = event(women, "Edith Clarke: Bucking the Trend")
    assert clarke.end is None and clarke.media is None and "There is no demand for women engineers" in clarke.description
    (warning,) = result.problems
    assert (warning.line, warning.severity) == (28, "warning") and "HTML" in warning.message
    eniac = event(women, "...And the women who made it work")
    assert (eniac.start.iso(), eniac.end.iso()) == ("1943-07", "1946")  # as the slide shows it: "July 1943 – 1946"


def test_media_links_protocol_relative_relative_and_refused():
    interface = loaded(DATA / "timelinejs" / "nuknightlab_tl3_user_interface.json")
    assert any(e.media and e.media.url == "https://upload.wikimedia.org/wikipedia/commons/5/59/Arithmometre.jpg" for e in interface.events)
    tor = loaded(DATA / "timelinejs" / "tor_timeline_ttl.json")
    assert tor.media.url == "/img/Onion-skin.png" and tor.media.thumbnail == "/img/Onion-skin.png"
    cosmo = load_file(DATA / "timelinejs" / "nuknightlab_tl3_cosmo.json")
    assert [(p.line, p.severity) for p in cosmo.problems] == [(13, "warning")] and "papayawhip" in cosmo.problems[0].message


def test_refused_media_and_missing_headlines_warn_at_their_slide(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"events": [\n {"start_date": {"year": 1900}, "media": {"url": "javascript:alert(1)"}, "text": {"headline": ["A", "B"]}},\n'
                    ' {"start_date": {"year": 1901}, "display_date": "Early 1901", "text": {"headline": ""}},\n'
                    ' {"start_date": {"year": 1902}, "media": {"url": "x.jpg", "caption": "A caption"}},\n'
                    ' {"start_date": {"year": 1903}, "text": {"headline": "日本"}, "group": "日本"}]}\n')
    result = load_file(path)
    assert result.ok
    assert [(p.line, "javascript:" in p.message or "headline" in p.message) for p in result.problems] == [(2, True), (3, True), (4, True)]
    assert [e.title for e in result.chronology.events] == ["A B", "Early 1901", "A caption", "日本"]
    assert result.chronology.events[0].media is None
    assert result.chronology.events[3].category == "日本" and result.chronology.events[3].id == "1903-日本"


def test_ids_never_lose_every_letter():
    assert slug("Évier de la Cuisine", "x") == "evier-de-la-cuisine"
    assert slug("Ελλάδα 1821", "x") == "ελλάδα-1821"
    assert slug("— …", "event") == "event"


def test_google_sheets_template_rows_read_with_title_dates_and_media():
    demo = loaded(DATA / "sheets" / "cdil_demo_timeline.csv")
    assert demo.title == "TimelineJS Template Example" and len(demo.events) == 4
    assert demo.media.url == "https://knightlab.northwestern.edu/assets/logo-knightlab-stacked-dark.png"
    building = event(demo, "Administration Building, University of Idaho, No. 30")
    assert building.start.iso() == "1910" and building.media.url == "demo_001.jpg"
    template = loaded(DATA / "sheets" / "cdil_timelinejs3_template.csv")
    vimeo = event(template, "Vimeo Example")
    assert (vimeo.start.iso(), vimeo.end.iso()) == ("2011-11-16T05:58:44", "2011-11-16T07:30:00")
    assert vimeo.background.url == "http://knightlab.northwestern.edu/wp-content/uploads/2015/03/front-page-image.jpg"
    assert event(template, "Another Flickr Example").background.color == "#333333"
    own = loaded(DATA / "sheets" / "nuknightlab_my_own_timeline.csv")
    assert own.title == "MY OWN CSV" and len(own.events) == 10
    assert event(own, "Rózsa Péter writes recursion").start.iso() == "1951"


def test_a_bad_sheet_cell_is_reported_at_its_row_and_column(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text((DATA / "sheets" / "cdil_timelinejs3_template.csv").read_text().splitlines()[0]
                     + "\n2014,13,1,,,,,,,Bad month,,,,,,,,\n2014,1,1,,,,,,,Bad picture,,data:x,,,,,,\n")
    problems = load_file(sheet).problems
    assert [(p.line, p.column, p.severity) for p in problems] == [(2, 1, "error"), (3, 29, "warning")]


def signature(chronology):
    """Everything the model holds but where events stand in their file."""
    data = dataclasses.asdict(chronology)
    for item in data["events"]:
        item.pop("line")
    return data


@pytest.mark.parametrize("path", TIMELINEJS, ids=lambda p: p.name)
def test_timelinejs_round_trip_keeps_the_whole_model(path):
    first = loaded(path)
    again = load_text(json.dumps(to_timelinejs(first)), "again.json")
    assert again.ok and signature(again.chronology) == signature(first)


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_sheet_round_trip_keeps_the_whole_model(path):
    first = loaded(path)
    again = load_text(to_sheet(first), "again.csv")
    assert again.ok and signature(again.chronology) == signature(first)


def test_ours_through_timelinejs_keeps_ids_media_location_sources_eras_and_colours():
    ours = loaded(BUNDLED)
    back = load_text(json.dumps(to_timelinejs(ours)), "back.json").chronology
    assert [e.id for e in back.events] == [e.id for e in ours.events]
    for before, after in zip(ours.events, back.events):
        assert (after.location, after.sources, after.media, after.end) == (before.location, before.sources, before.media, before.end)
    assert [(e.title, e.start, e.end) for e in back.eras] == [(e.title, e.start, e.end) for e in ours.eras]
    assert {c.label for c in back.categories.values()} == {c.label for c in ours.categories.values()}
    (warning,) = export_warnings(ours, "timelinejs")  # the bundled file declares its lanes in its own order, with colours
    assert warning.startswith("TimelineJS cannot hold: tags (") and "era colours" in warning and "category order" in warning


def test_adjacent_year_eras_touch_in_timelinejs_and_come_back_the_same(tmp_path):
    path = tmp_path / "eras.yaml"
    path.write_text("title: t\neras:\n  - {title: War, start: 1914, end: 1918}\n  - {title: Peace, start: 1919, end: 1938}\n"
                    "events:\n  - {title: a, start: 1915}\n")
    chronology = loaded(path)
    eras = to_timelinejs(chronology)["eras"]
    assert eras[0]["end_date"] == eras[1]["start_date"] == {"year": 1919}
    back = load_text(json.dumps(to_timelinejs(chronology)), "b.json").chronology
    assert [(e.start, e.end) for e in back.eras] == [(e.start, e.end) for e in chronology.eras]


@pytest.mark.parametrize("fmt, name", [("csv", "back.csv"), ("json", "back.json")])
def test_our_csv_and_json_exports_read_back_field_by_field(fmt, name):
    ours = loaded(BUNDLED)
    back = load_text(render_data(ours, fmt).decode("utf-8-sig"), name)
    assert back.ok, [p.format() for p in back.problems]
    assert len(back.chronology.events) == len(ours.events)
    for before, after in zip(ours.events, back.chronology.events):
        for field in dataclasses.fields(before):
            if field.name == "line" or field.name == "written" and before.plain_dates:
                continue  # where it stood; exact dates are exported in ISO, not as first written
            if field.name == "alternatives":  # which named source gave each date is not in a CSV cell
                assert [a.date for a in after.alternatives] == [a.date for a in before.alternatives]
            elif field.name == "written":
                continue  # the same dates, said in EDTF
            else:
                assert getattr(after, field.name) == getattr(before, field.name), (before.id, field.name)


def test_ids_made_for_events_without_one_keep_their_letters():
    from timeline_app.files.loader import load_text

    text = "title: t\nevents:\n  - {title: 'Kraków talks', start: 2014}\n  - {title: 日本の戦争, start: 1904}\n" \
           "  - {title: Battle for Tripoli, start: 2014-07-13}\n"
    ids = sorted(event.id for event in load_text(text, "x.yaml").chronology.events)
    assert ids == ["1904-日本の戦争", "2014-07-13-battle-for-tripoli", "2014-krakow-talks"]
