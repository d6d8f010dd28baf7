"""A new chronology file: small, valid and commented, so a first-time user sees how it is written."""

from __future__ import annotations

import os

from .atomic_write import write_atomically
from .yaml_text import quote

TEMPLATE = """# {title}: a chronology for timeline-app.
#
# Each event needs a title and a start. Dates keep the precision you know:
# 2014, June 2014, 25 June 2014, c. 1500, 1860s, early 2014, 1914-1918,
# 16 May 2014 – present. Check the file with `timeline-app --check {name}`.

title: {quoted_title}

categories:                          # one lane each, in this order
  general: {{label: General, color: "#2e6fb7"}}

events:
  - title: The first event           # replace this one with your own
    start: {today}
    category: general
    description: >-
      What happened, in a few sentences. **Markdown** works here.
"""


def create_chronology(path: str, title: str, today: str) -> None:
    """Write a new chronology at `path`; refuses (FileExistsError) to replace an existing file."""
    if os.path.lexists(path):
        raise FileExistsError(f"{path} already exists: choose a new name")
    one_line = " ".join(title.split())  # the comment ends at a line break; what follows would be read as YAML
    text = TEMPLATE.format(title=one_line, quoted_title=quote(title), name=os.path.basename(path), today=today)
    write_atomically(path, text.encode("utf-8"))
