"""The fast reader's scan for YAML indicators where a node starts (`_has_rare_forms`) against
the plain reading of its rule: every indicator found by a regex, the whole line before it
looked at. The scan takes shortcuts (str.find per character, the last blank-free character
first); on any text the two must agree."""

from __future__ import annotations

import random
import re

from timeline_app.files import fast_reader

_INDICATOR = re.compile(r"[!&*@`?]")
_NODE_START_LINE = re.compile(r"\s*(?:-\s+)*")
_BEFORE_A_NODE = frozenset(":[]{},'\"|>")


def rule(text: str) -> bool:
    if "\t" in text or "\\" in text or text.startswith("%") or "\n%" in text:
        return True
    for found in _INDICATOR.finditer(text):
        at = found.start()
        if text[at] == "?" and not (text[at + 1 : at + 2].isspace() or at + 1 == len(text)):
            continue
        before = text[text.rfind("\n", 0, at) + 1 : at]
        if _NODE_START_LINE.fullmatch(before) or before.rstrip()[-1:] in _BEFORE_A_NODE:
            return True
    return False


PIECES = list("ab -:[]{},'\"|>!&*@`?\n") + ["\xa0", "\u3000", "- ", "  ", ": ", "-\xa0", "\n- ", "x:"]


def test_scan_agrees_with_the_rule_on_random_text():
    rng = random.Random(12)
    for _ in range(60_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        assert fast_reader._has_rare_forms(text) == rule(text), repr(text)


def test_prose_punctuation_is_no_indicator_but_a_node_start_is():
    prose = "    description: Libya & Egypt, why? 50% *urgent* @envoy `quoted` Q&A!\n"
    assert not fast_reader._has_rare_forms(prose) and not rule(prose)
    for node in ("    title: &anchor x\n", "  - - *alias\n", "    tags: [a, !tag b]\n", "    title:\xa0@x\n", "  ? key\n"):
        assert fast_reader._has_rare_forms(node) and rule(node), node
