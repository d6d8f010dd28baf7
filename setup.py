"""The one compiled part: the plain block style of a chunk of events read in C (`_plain_yaml.c`).

Optional: where it cannot be built the loader reads every chunk with yaml-rs, as before,
with the same answers (only slower). Everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("timeline_app.files._plain_yaml", ["timeline_app/files/_plain_yaml.c"], optional=True)])
