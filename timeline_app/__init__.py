"""Timeline viewer for chronologies kept in a hand-edited YAML file.

`MainWindow` is imported lazily so that the data model and the command line's
`--check` and `--export` never load Qt.
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "MainWindow":
        from .gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'timeline_app' has no attribute {name!r}")
