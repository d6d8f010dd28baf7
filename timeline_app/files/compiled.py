"""The compiled modules of the files package, `_plain_yaml.c`, `_plain_events.c`, `_plain_rows.c`, `_csv_rows.c`, `_warm_arenas.c` and `_yaml_doubts.c` (built by
setup.py where the package is installed), each None where it was not built: see
`chronology.compiled`."""

from __future__ import annotations

from ..chronology.compiled import built

plain_yaml = built(__package__, "_plain_yaml")
plain_events = built(__package__, "_plain_events")
plain_rows = built(__package__, "_plain_rows")
csv_rows = built(__package__, "_csv_rows")
warm_arenas = built(__package__, "_warm_arenas")
yaml_doubts = built(__package__, "_yaml_doubts")
