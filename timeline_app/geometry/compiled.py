"""The compiled module of the geometry package, `_stacking.c` (built by setup.py where the package
is installed), None where it was not built: see `chronology.compiled`."""

from __future__ import annotations

from ..chronology.compiled import built

stacking = built(__package__, "_stacking")
