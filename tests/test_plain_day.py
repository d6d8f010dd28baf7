"""`plain_day`, the shortcut for the commonest dates (`2014-06-25`, `2014-06-25 10:30`), gives
exactly what the general reading of dates gives: the same dates, the same text kept, the same
refusal, for a start alone and for a start with an end."""

from __future__ import annotations

import random

from timeline_app.files.validation import event_dates as event_dates_module
from timeline_app.files.validation.event_dates import DateProblem


def _answer(start: str, end: str | None):
    try:
        return event_dates_module.event_dates.__wrapped__(start, end, end is not None, None, "")
    except DateProblem as problem:
        return ("problem", problem.field, str(problem))


def _texts():
    rng = random.Random(5)
    yield from ["2014-02-29", "2016-02-29", "1900-02-29", "2000-02-29", "2014-04-31", "2014-00-10", "2014-13-01",
                "0000-01-01", "9999-12-31", "2014-1-01", "2014-01-1", " 2014-01-01", "2014-01-01 ", "2014-01-00",
                "٢٠١٤-٠٦-٢٥", "2014-06-25T10:00", "2014-06", "2014", "+2014-06-25", "2014/06/25", "2014-06-25\n"]
    for _ in range(3000):
        text = f"{rng.randint(0, 9999):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}"
        if rng.random() < 0.3:
            text += f"{rng.choice('T ')}{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}"
        yield text


def _pairs():
    rng = random.Random(6)
    texts = list(_texts())
    for text in texts:
        yield text, None
        yield text, rng.choice(texts + ["present", "..", "2014", "June 2014", " 2014-06-25 "])


def test_plain_day_reads_as_the_general_reading_does(monkeypatch):
    shortcut = {pair: _answer(*pair) for pair in _pairs()}
    monkeypatch.setattr(event_dates_module, "plain_day", lambda text: None)
    general = {pair: _answer(*pair) for pair in _pairs()}
    assert shortcut == general
    assert sum(isinstance(answer, tuple) and answer[0] == "problem" for answer in general.values()) > 300
