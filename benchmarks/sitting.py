"""How fast this machine is right now: a yardstick printed first by each benchmark.

The same code on this project's machine opened 100,000 events in 0.95 s in one sitting and
in 1.7 s in another. A figure means little without the sitting's speed, so each benchmark
first times a fixed piece of the interpreter work a load is made of (small dicts, strings,
attribute reads), ten times over. A rough guide: it is measured before the benchmark, not
during it, and a load still varies by 20-40% from run to run in one sitting.
"""

from __future__ import annotations

import time


def yardstick_seconds(runs: int = 10) -> float:
    """The mean of `runs` (not the best: a slow stretch on a shared machine is what it must show)."""
    started = time.perf_counter()
    for _ in range(runs):
        _work()
    return (time.perf_counter() - started) / runs


def describe() -> str:
    return f"sitting: yardstick {yardstick_seconds() * 1000:.0f} ms (lower is a faster sitting; see benchmarks/sitting.py)"


def _work() -> None:
    items = [{"id": f"e{number}", "title": f"Event {number}", "start": "2014-06-25", "tags": ["a", "b"]}
             for number in range(60_000)]
    titles = [item["title"].casefold() for item in items if "id" in item]
    " ".join(titles).count("event")
