"""How fast this machine is right now: a yardstick printed first by each benchmark.

The same code on this project's machine opened 100,000 events in 0.95 s in one sitting and
in 1.7 s in another. A figure means little without the sitting's speed, so each benchmark
first times a fixed piece of the interpreter work a load is made of (small dicts, strings,
attribute reads), best of five. A rough guide: within one sitting a load still varies by
20-40% from run to run while the yardstick holds; between sittings it tells a slow day from a fast one.
"""

from __future__ import annotations

import time


def yardstick_seconds() -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        _work()
        best = min(best, time.perf_counter() - started)
    return best


def describe() -> str:
    return f"sitting: yardstick {yardstick_seconds() * 1000:.0f} ms (lower is a faster sitting; see benchmarks/sitting.py)"


def _work() -> None:
    items = [{"id": f"e{number}", "title": f"Event {number}", "start": "2014-06-25", "tags": ["a", "b"]}
             for number in range(60_000)]
    titles = [item["title"].casefold() for item in items if "id" in item]
    " ".join(titles).count("event")
