"""`categories`: one lane each, with a label and a colour (a palette colour when none is given)."""

from __future__ import annotations

from ...chronology.model import Category
from ..yaml_reader import Null
from .values import CATEGORY_KEYS, PALETTE, Checker


def read_categories(check: Checker, value: object) -> dict[str, Category]:
    result: dict[str, Category] = {}
    if isinstance(value, Null) or value is None:
        return result
    mapping = check.mapping(value, "`categories`")
    for index, (key, spec) in enumerate((mapping or {}).items()):
        label, color = str(key), PALETTE[index % len(PALETTE)]
        if isinstance(spec, dict):
            check.unknown_keys(spec, CATEGORY_KEYS, f"category '{key}'")
            label = check.text(spec.get("label"), spec, "label") or label
            color = check.color(spec.get("color"), spec) or color
        elif isinstance(spec, str):
            label = str(spec)
        elif not isinstance(spec, Null):
            check.report(spec, f"category '{key}' must be a mapping with `label` and `color`")
        result[str(key)] = Category(str(key), label, color)
    return result
