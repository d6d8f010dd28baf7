"""The compiled parts, both optional: `_plain_yaml.c` (a chunk of events in the plain block style
read in C, and where a large file's events list has its items) and `_plain_events.c` (a chunk's
plain events gathered and made in C).

Where they cannot be built the loader reads every chunk with yaml-rs, finds the items with numpy
and gathers and makes the events in Python, as before, to the same answers (only slower).
Everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension(f"timeline_app.files.{name}", [f"timeline_app/files/{name}.c"], optional=True)
    for name in ("_plain_yaml", "_plain_events")
])
