"""Fresh memory made ready on another core while a large file loads (`_warm_arenas.c`).

What a user relies on: a load with it gives the very chronology and problems a load without
it gives; objects made while it is on live on, intact, after it is off (and objects made
before it are freed while it is on), whichever allocator frees them; overlapping loads
leave CPython's own allocator in place once the last one ends; and it is on only for a
large text, and off again even when the load fails.
"""

from __future__ import annotations

import pytest
from chronology_files import generate
from test_fast_precise_agree import _problems, _summary, forget_dates

import timeline_app.files.ready_memory as ready_memory
from timeline_app.files.loader import load_text

warm_arenas = ready_memory.warm_arenas


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
