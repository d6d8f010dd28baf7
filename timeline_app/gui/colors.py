"""Colours the window mixes, and dim text that stays readable whatever the palette.

The search field's hint, the date fields', the detail pane's "Select an event…" and the
canvas's quiet labels are drawn in the palette's PlaceholderText. Colour schemes written
before Qt had that role (qt5ct and qt6ct schemes, palettes an application or a test builds
by hand) leave it at Qt's default, black at half opacity: on a dark ground it all but
vanishes (1.1:1). Such a colour is replaced by one between Text and Base that reads (4.5:1);
a palette whose own dim text reads, light or dark, is left as its author made it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

UNREADABLE_BELOW = 3.0  # WCAG's floor for text that may be quiet (Qt's own default on white: 4.0)
READABLE = 4.5


def readable_dim(palette: QPalette) -> QColor | None:
    """A PlaceholderText for `palette` that reads on its Base, or None when its own does."""
    base = palette.color(QPalette.Base)
    if contrast(_over(palette.color(QPalette.PlaceholderText), base), base) >= UNREADABLE_BELOW:
        return None
    text = _over(palette.color(QPalette.Text), base)
    for percent in range(60, 101, 5):  # as quiet as it can be while it still reads
        dim = blend(text, base, percent / 100)
        if contrast(dim, base) >= READABLE:
            return dim
    return text


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def _over(color: QColor, ground: QColor) -> QColor:
    """`color` as it shows on `ground` (its alpha composed)."""
    return blend(color, ground, color.alphaF())


def blend(color: QColor, background: QColor, amount: float) -> QColor:
    """`color` laid over `background` at `amount` opacity, as an opaque colour."""
    return blend_parts(parts(color), parts(background), amount)


def parts(color: QColor) -> tuple[float, float, float]:
    """`color`'s red, green and blue, 0 to 1: what `blend_parts` blends."""
    return color.redF(), color.greenF(), color.blueF()


def blend_parts(color: tuple[float, float, float], background: tuple[float, float, float], amount: float) -> QColor:
    """`blend` of colours already taken apart (`parts`): for many blends of the same two, one
    Qt call each, not seven (a zoom out of a million events blended 150 cluster fills a frame)."""
    return QColor.fromRgbF(
        color[0] * amount + background[0] * (1 - amount),
        color[1] * amount + background[1] * (1 - amount),
        color[2] * amount + background[2] * (1 - amount),
    )
