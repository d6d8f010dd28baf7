"""Breaking a long title over two lines where that lets a reader see all of it.

Pure functions over a `measure(text) -> width` callback, so they are tested without fonts.
"""

from __future__ import annotations

from typing import Callable


def split_title(title: str, measure: Callable[[str], float]) -> tuple[str, str]:
    """The title as two lines, broken at the space that makes the longer line shortest
    (the whole title and '' when it has no space). The first line grows and the second
    shrinks as the break moves right, so a binary search finds it in O(log n) measures."""
    spaces = [index for index, char in enumerate(title) if char == " "]
    if not spaces:
        return title, ""
    low, high = 0, len(spaces) - 1
    while low < high:  # the first break whose first line is at least as wide as its second
        middle = (low + high) // 2
        if measure(title[: spaces[middle]]) >= measure(title[spaces[middle] + 1 :]):
            high = middle
        else:
            low = middle + 1
    candidates = {spaces[low], spaces[max(low - 1, 0)]}
    best = min(candidates, key=lambda index: max(measure(title[:index]), measure(title[index + 1 :])))
    return title[:best], title[best + 1 :]


def wrapped_title_width(title: str, measure: Callable[[str], float]) -> float:
    """How wide the title is on two lines (its longer line)."""
    first, second = split_title(title, measure)
    return max(measure(first), measure(second))
