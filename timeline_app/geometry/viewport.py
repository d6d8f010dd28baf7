"""Which stretch of time the canvas shows: a left edge and a scale, with zoom limits."""

from __future__ import annotations

from dataclasses import dataclass

MIN_SECONDS_PER_PIXEL = 0.5  # a minute is 120 px wide at the deepest zoom
MAX_SECONDS_PER_PIXEL = 100_000 * 365.25 * 86400 / 1000  # a hundred millennia over 1000 px


@dataclass(frozen=True, slots=True)
class Viewport:
    """Time at the left edge (seconds since 1970) and seconds per pixel."""

    left: float
    seconds_per_pixel: float

    def time_at(self, x: float) -> float:
        return self.left + x * self.seconds_per_pixel

    def x_of(self, seconds: float) -> float:
        return (seconds - self.left) / self.seconds_per_pixel

    def right(self, width: float) -> float:
        return self.time_at(width)

    def zoomed(self, factor: float, anchor_x: float) -> "Viewport":
        """Zoom by `factor` (>1 zooms in) keeping the time under `anchor_x` where it is."""
        anchor_time = self.time_at(anchor_x)
        scale = min(MAX_SECONDS_PER_PIXEL, max(MIN_SECONDS_PER_PIXEL, self.seconds_per_pixel / factor))
        return Viewport(anchor_time - anchor_x * scale, scale)

    def panned(self, dx_pixels: float) -> "Viewport":
        """Move the view so content shifts right by `dx_pixels` (drag direction)."""
        return Viewport(self.left - dx_pixels * self.seconds_per_pixel, self.seconds_per_pixel)

    @staticmethod
    def fitting(start: float, end: float, width: float, margin: float = 0.04, right_pad: float = 0.0) -> "Viewport":
        """The view showing [start, end] with a small margin on both sides, plus `right_pad`
        pixels on the right (room for the labels of the last events)."""
        span = max(end - start, 3600.0)
        usable = max(width - right_pad, width * 0.5, 1)
        scale = min(MAX_SECONDS_PER_PIXEL, max(MIN_SECONDS_PER_PIXEL, span * (1 + 2 * margin) / usable))
        centre = (start + end) / 2
        return Viewport(centre - scale * usable / 2, scale)
