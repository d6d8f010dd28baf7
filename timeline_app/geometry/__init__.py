"""Pure geometry of the drawing: time axis ticks, the viewport, lane and label layout. No Qt: unit-tested without pixels."""
