"""The one compiled part, `_plain_yaml.c`: a chunk of events in the plain block style read in C,
and where a large file's events list has its items.

Optional: where it cannot be built the loader reads every chunk with yaml-rs and finds the
items with numpy, as before, to the same answers (only slower). Everything else is in
pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("timeline_app.files._plain_yaml", ["timeline_app/files/_plain_yaml.c"], optional=True)])
