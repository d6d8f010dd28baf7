"""Fresh memory made ready on another core while a large file loads (`_warm_arenas.c`).

What a user relies on: a load with it gives the very chronology and problems a load without
it gives; objects made while it is on live on, intact, after it is off (and objects made
before it are freed while it is on), whichever allocator frees them; overlapping loads
leave CPython's own allocator in place once the last one ends; and it is on only for a
large text, and off again even when the load fails.
"""

from __future__ import annotations

import os

import pytest
from chronology_files import generate
from test_fast_precise_agree import _problems, _summary, forget_dates

import timeline_app.files.ready_memory as ready_memory
from timeline_app.files.loader import load_text

warm_arenas = ready_memory.warm_arenas


pytestmark = pytest.mark.skipif(os.environ.get("PYTHONMALLOC", "").startswith("malloc"),
                                reason="CPython's arenas are not used with PYTHONMALLOC=malloc")


def test_the_c_module_is_built():
    assert warm_arenas is not None, (
        "timeline_app/files/_warm_arenas.c is not built, so these tests would prove nothing: "
        "`pip install -e '.[test]'` builds it (setup.py), and needs a C compiler")


def _many_objects(count: int, salt: str) -> list[tuple[str, int]]:
    return [(f"{salt}-{number}", number) for number in range(count)]


def test_objects_made_in_ready_arenas_outlive_it_and_older_ones_are_freed_within():
    older = _many_objects(200_000, "older")
    assert warm_arenas.start()
    try:
        del older  # arenas of CPython's own allocator, freed through this one
        made = _many_objects(600_000, "made")
    finally:
        handed_out, made_on_request = warm_arenas.stop()
    assert handed_out > 0, "no arena came from the helper: nothing was made ready"
    later = _many_objects(100_000, "later")
    assert made[123_456] == ("made-123456", 123_456) and made[-1] == ("made-599999", 599_999)
    assert later[-1] == ("later-99999", 99_999)
    del made  # arenas the helper made, freed by CPython's own allocator
    assert sum(number for _, number in _many_objects(10_000, "after")) == 49_995_000


def test_overlapping_starts_keep_it_on_until_the_last_stop():
    assert warm_arenas.start() and warm_arenas.start()
    try:
        warm_arenas.stop()
        kept = _many_objects(600_000, "inner")
    finally:
        handed_out, _ = warm_arenas.stop()
    assert handed_out > 0, "the first stop turned it off while another start was still on"
    assert kept[-1] == ("inner-599999", 599_999)
    assert warm_arenas.stop() == (0, 0)  # a stop too many changes nothing


def test_on_only_for_a_large_text_and_off_even_when_the_load_fails(monkeypatch):
    calls = []

    class Recorder:
        def start(self):
            calls.append("start")
            return True

        def stop(self):
            calls.append("stop")
            return (0, 0)

    monkeypatch.setattr(ready_memory, "warm_arenas", Recorder())
    with ready_memory.memory_made_ready(ready_memory.READY_FROM - 1):
        pass
    assert calls == []
    with pytest.raises(RuntimeError), ready_memory.memory_made_ready(ready_memory.READY_FROM):
        raise RuntimeError("the load failed")
    assert calls == (["start", "stop"] if ready_memory._cores() > 1 else [])


@pytest.mark.parametrize("seed", range(6))
def test_a_load_gives_the_same_answer_with_memory_made_ready(monkeypatch, seed):
    text, _ = generate(seed, 3_000)
    forget_dates()
    without = load_text(text, "events.yaml")
    monkeypatch.setattr(ready_memory, "READY_FROM", 0)
    monkeypatch.setattr(ready_memory, "_cores", lambda: 2)
    forget_dates()
    started = []
    monkeypatch.setattr(ready_memory, "warm_arenas", _Counting(warm_arenas, started))
    with_it = load_text(text, "events.yaml")
    assert started == [True]
    assert _problems(with_it.problems) == _problems(without.problems)
    assert _summary(with_it.chronology) == _summary(without.chronology)


class _Counting:
    def __init__(self, module, started: list):
        self._module, self._started = module, started

    def start(self):
        self._started.append(self._module.start())
        return self._started[-1]

    def stop(self):
        return self._module.stop()


_OVERLAPPING = r"""
import sys, threading
from timeline_app.files.compiled import warm_arenas as warm
sys.setswitchinterval(1e-6)  # (threads take turns as often as they can: a start lands in every gap)
done = []

def loads(rounds):
    for _ in range(rounds):
        warm.start()
        made = [(str(number), number) for number in range(40_000)]
        warm.stop()
        assert made[-1] == ("39999", 39_999)

def checks():
    while not done:
        warm.start()
        warm.stop()

other = threading.Thread(target=checks)
other.start()
loads(40)
done.append(True)
other.join()
print("done")
"""

_FORKED = r"""
import os
from timeline_app.files.compiled import warm_arenas as warm
assert warm.start()
kept = [(str(number), number) for number in range(200_000)]
child = os.fork()
if child == 0:  # the child allocates through CPython's own allocator again, and its stop does nothing
    more = [(str(number), number) for number in range(200_000)]
    os._exit(0 if warm.stop() == (0, 0) and more[-1] == ("199999", 199_999) else 3)
_, status = os.waitpid(child, 0)
print(os.waitstatus_to_exitcode(status), warm.stop()[0] > 0)
"""


def _run(code: str) -> str:
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    return finished.stdout.strip()


def test_loads_overlapping_on_two_threads_neither_hang_nor_lose_objects():
    assert _run(_OVERLAPPING) == "done"  # (a stop that let the interpreter go while joining its helper hung here)


def test_a_child_forked_while_it_is_on_allocates_and_exits():
    assert _run(_FORKED) == "0 True"
