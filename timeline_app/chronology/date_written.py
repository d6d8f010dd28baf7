"""A text for a date that our reader gives back as the very same date.

A date that came from another tool (or from a list of alternatives) has no text of
its own; EDTF says most dates, words say the rest ("early 2014", "before 1928").
"""

from __future__ import annotations

from .date_forms import parse_date
from .date_text import describe_date
from .dates import DateError, PartialDate
from .edtf import edtf_date


def reloadable_text(date: PartialDate) -> str:
    """EDTF when it reads back as `date`, else our words for it; EDTF when neither does."""
    for text in _candidates(date):
        try:
            if parse_date(text) == date:
                return text
        except DateError:
            continue
    return edtf_date(date)


def one_of_text(dates) -> str:
    """Alternatives as one set our reader reads back: [early 2014, before 1928, 2014-06-25T20]."""
    return "[" + ", ".join(reloadable_text(date) for date in dates) + "]"


def _candidates(date: PartialDate) -> tuple[str, ...]:
    words = describe_date(date)
    return edtf_date(date), words, words.removeprefix("some time "), date.iso()
