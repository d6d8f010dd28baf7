"""Opening the chronology in the user's editor at a given line."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess

# how each editor takes a line (and column) on its command line
_LINE_STYLES = {
    "code": lambda f, l, c: ["--goto", f"{f}:{l}:{c}"],
    "codium": lambda f, l, c: ["--goto", f"{f}:{l}:{c}"],
    "subl": lambda f, l, c: [f"{f}:{l}:{c}"],
    "zed": lambda f, l, c: [f"{f}:{l}:{c}"],
    "hx": lambda f, l, c: [f"{f}:{l}:{c}"],
    "kate": lambda f, l, c: ["--line", str(l), "--column", str(c - 1), f],
    "gedit": lambda f, l, c: [f"+{l}:{c}", f],
    "gnome-text-editor": lambda f, l, c: [f"+{l}:{c}", f],
}
_PLUS_LINE = {"vi", "vim", "nvim", "gvim", "nano", "emacs", "emacsclient", "micro", "kak", "joe", "mcedit", "ne"}


def editor_command(editor: str, path: str, line: int, column: int) -> list[str]:
    """The command that opens `path` at `line` in `editor` (as in $VISUAL/$EDITOR)."""
    words = shlex.split(editor)
    name = os.path.basename(words[0]) if words else ""
    if name in _LINE_STYLES:
        return words + _LINE_STYLES[name](path, line, column)
    if name in _PLUS_LINE:
        return words + [f"+{line}", path]
    return words + [path]


def open_in_editor(path: str, line: int, column: int) -> str:
    """Open the file at the line; return a message for the status bar, '' on success."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        try:
            subprocess.Popen(editor_command(editor, path, line, column), start_new_session=True)
            return ""
        except OSError as error:
            return f"Could not start editor '{editor}': {error.strerror or error}"
    opener = shutil.which("xdg-open") or shutil.which("open")
    if opener:  # it says whether a program took the file: QDesktopServices says yes even when none did
        try:
            done = subprocess.run([opener, path], capture_output=True, timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is not None and done.returncode == 0:
            return f"Opened {os.path.basename(path)}; go to line {line} (set $VISUAL to jump there directly)"
    return (f"No editor could be started: set $VISUAL or $EDITOR (for example export VISUAL=nano), "
            f"then open {path} at line {line}")
