"""The Qt window and its widgets: canvas, overview, list, filters, detail pane, dialogs, picture export."""
