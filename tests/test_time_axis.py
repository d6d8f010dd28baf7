from timeline_app.chronology.date_forms import parse_date
from timeline_app.chronology.dates import days_from_civil
from timeline_app.geometry.time_axis import axis_layout, civil_from_days


def labels(start, seconds_per_pixel, width=1600):
    s = parse_date(start).seconds()
    layout = axis_layout(s, s + seconds_per_pixel * width, seconds_per_pixel)
    return [t.label for t in layout.minor], [t.label for t in layout.major]


def test_two_levels_from_decades_down_to_minutes():
    minor, major = labels("2014-07-01", 86400)
    assert minor[:3] == ["Jul", "Oct", "Jan"] and major[:2] == ["2014", "2015"]
    minor, major = labels("2014-07-01", 20000)
    assert minor[:3] == ["Jul", "Aug", "Sep"] and major[0] == "2014"
    minor, major = labels("2014-07-01", 3600)
    assert minor[:4] == ["1", "8", "15", "22"] and major[:2] == ["Jul 2014", "Aug 2014"]
    minor, major = labels("2014-08-23", 30)
    assert minor[:2] == ["00:00", "01:00"] and major[0] == "23 Aug 2014"
    minor, major = labels("2014-08-23", 0.5)
    assert minor[:2] == ["00:00", "00:01"]
    minor, major = labels("2001-01-01", 86400 * 5)
    assert "2010" in minor and "2010s" in major


def test_ticks_are_spaced_for_reading_at_every_zoom():
    s = parse_date("1900").seconds()
    for spp in (1, 10, 100, 3600, 86400, 86400 * 30, 86400 * 365, 86400 * 3650):
        layout = axis_layout(s, s + spp * 1600, spp)
        gaps = [(b.seconds - a.seconds) / spp for a, b in zip(layout.minor, layout.minor[1:])]
        assert 2 <= len(layout.minor) <= 40 and min(gaps) >= 50


def test_calendar_round_trip_over_millennia():
    for days in range(-800_000, 800_000, 997):
        assert days_from_civil(*civil_from_days(days)) == days


def test_ticks_before_the_common_era_fall_on_round_bc_years():
    s = parse_date("10001 BC").seconds()
    layout = axis_layout(s, s + 86400 * 365.25 * 14000, 86400 * 365.25 * 8)
    labels = [t.label for t in layout.minor]
    assert "10000 BC" in labels and "2000 BC" in labels and "AD 1" in labels and "2000" in labels
    assert not any(label.endswith("01 BC") for label in labels)
