"""Fresh memory for a large load made ready on another core (`_warm_arenas.c`, where built).

A million events take 900 MB of fresh memory, and the kernel clears each page as it is
first touched: a fifth of the load's time on the loading thread. While a large text loads,
a helper thread takes CPython's next arenas from the system and touches them ahead, on a
core the load does not use (the window's thread mostly waits as it loads).
"""

from __future__ import annotations

import contextlib
import os

from .compiled import warm_arenas

READY_FROM = 8 << 20  # characters of text: below, a load takes few arenas (10,000 events: 35)


@contextlib.contextmanager
def memory_made_ready(text_size: int):
    """Arenas made ready ahead for the load of a text of `text_size` characters, when it is
    large, the module was built and another core is there to do it."""
    started = text_size >= READY_FROM and warm_arenas is not None and _cores() > 1 and warm_arenas.start()
    try:
        yield
    finally:
        if started:
            warm_arenas.stop()


def _cores() -> int:
    """The cores this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
