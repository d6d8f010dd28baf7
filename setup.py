"""The compiled parts, all optional: `files/_plain_yaml.c` (a chunk of events in the plain block
style read in C, and where a large file's events list has its items), `files/_plain_events.c` (a
chunk's plain events gathered and made in C), `files/_plain_rows.c` (a chunk of CSV rows as plain events), `files/_csv_rows.c` (a CSV's rows read from its text), `files/_warm_arenas.c` (fresh memory for a large
load made ready on another core), `files/_yaml_doubts.c` (whether a chunk holds a form the fast
reader doubts), `chronology/_event_times.c` (each event's times read in one
pass, for the index and the sort), `chronology/_search_text.c` (searchable texts casefolded) and `geometry/_stacking.c` (a frame's rows stacked).

Where they cannot be built the loader reads every chunk with yaml-rs, finds the items with numpy
and gathers and makes the events in Python, and stacks rows in Python, as before, to the same
answers (only slower).
Everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension(f"timeline_app.{package}.{name}", [f"timeline_app/{package}/{name}.c"], optional=True,
              depends=["timeline_app/chronology/object_slots.h", "timeline_app/files/plain_fields.h"])
    for package, name in (("files", "_plain_yaml"), ("files", "_plain_events"), ("files", "_warm_arenas"),
                          ("files", "_yaml_doubts"), ("files", "_plain_rows"), ("files", "_csv_rows"),
                          ("chronology", "_event_times"), ("chronology", "_search_text"),
                          ("geometry", "_stacking"))
])
