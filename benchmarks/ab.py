"""Is the working tree faster than a revision? Runs both, alternating, in fresh processes.

Run: python benchmarks/ab.py REV [SIZE:STYLE] [--runs N] [--window | --instructions]
     (default 100000:hand, 8 runs each, the load alone)

This machine's speed wanders by 20-40% from minute to minute (benchmarks/sitting.py), so one
run before a change and one after say nothing of a 5% change. Here the revision (checked out
in a temporary worktree) and the working tree take turns, run after run, and each side's
minimum and median are printed with their ratio: a change is real when both move.

  (default)       the load alone (`load_file`), what `--check` pays after start-up
  --window        the whole window to first paint and to searchable (bench_scale.py --one)
  --instructions  the load's instructions counted by valgrind (deterministic to ~0.5%, 30x
                  slower: use a small file, 20000:hand): the parse on the loading thread, after
                  start-up and a load of the bundled chronology (so imports do not count), of a
                  first load (every date read for the first time) and of a second (dates cached)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

LOAD = """
import sys, time
sys.path.insert(0, {tree!r})
from timeline_app.files.loader import load_file
started = time.perf_counter()
load_file({path!r})
print(time.perf_counter() - started)
"""

# the loads, with yaml-rs parsing on the loading thread: valgrind runs one thread at a time, and
# the interleaving of two would make the count wander
COUNTED = """
import sys
sys.path.insert(0, {tree!r})
from timeline_app.files import chunk_parsing, fast_reader
from timeline_app.files.loader import load_file

def in_turn(yaml_rs, jobs, **plain):  # (`plain`, where the tree's parsed_ahead takes it)
    for *head, text in jobs:
        yield (*head, chunk_parsing.parse_chunk(yaml_rs, text, **plain))

fast_reader.parsed_ahead = in_turn
import numpy  # noqa: F401 - (the window imports it before any load)
load_file({warm_up!r})  # start-up's own first-time work (the regexes compiled, the caches made), on other dates
for _ in range({loads}):
    load_file({path!r})
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ab.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the revision to compare the working tree with (HEAD, a commit, a branch)")
    parser.add_argument("data", nargs="?", default="100000:hand", help="SIZE:STYLE of the data (default 100000:hand)")
    parser.add_argument("--runs", type=_positive, default=8, help="runs of each side (default 8)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--window", action="store_true", help="the window to first paint (bench_scale.py --one)")
    mode.add_argument("--instructions", action="store_true", help="the load's instructions, counted by valgrind")
    args = parser.parse_args(argv)
    size, _, style = args.data.partition(":")
    sys.path.insert(0, str(HERE))
    from bench_scale import _data_file
    from sitting import describe
    from synthetic import STYLES

    style = style or "hand"
    if not size.isdigit() or style not in STYLES:
        parser.error(f"data is SIZE:STYLE, a number and one of {', '.join(STYLES)}")
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind")
    path = _data_file(int(size), style)
    print(describe())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # (so that the worktree is removed)
    with tempfile.TemporaryDirectory(prefix="timeline-ab-") as temporary:
        old = Path(temporary) / "old"
        added = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.revision],
                               capture_output=True, text=True)
        if added.returncode:
            print(f"ab.py: cannot check out {args.revision!r}: {added.stderr.strip()}", file=sys.stderr)
            return 2
        try:
            trees = {args.revision: old, "working tree": ROOT}
            for tree in trees.values():
                _build_in_place(tree)
            if args.instructions:
                return _count(trees, path)
            times: dict[str, list[float]] = {name: [] for name in trees}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    times[name].append(_window(tree, size, style) if args.window else _load(tree, path))
            _report(times, "s")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)
            subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)
    return 0


def _build_in_place(tree: Path) -> None:
    """Compile a tree's C modules (`setup.py`) beside their sources, as `pip install -e .` does: a
    checkout holds only the C sources, and the working tree's modules may be older than theirs.
    The extensions are optional, so a failed build would go unseen, and that tree measured without one."""
    if not (tree / "setup.py").exists():
        return
    built = subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=tree,
                           capture_output=True, text=True)
    missing = [source.stem for source in tree.glob("timeline_app/*/_*.c")
               if not list(source.parent.glob(f"{source.stem}.*.so"))]
    if built.returncode or missing:
        sys.exit(f"ab.py: the C modules of {tree} did not build ({', '.join(missing)}):\n{built.stdout}{built.stderr}")


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _load(tree: Path, path: Path) -> float:
    script = LOAD.format(tree=str(tree), path=str(path))
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    return float(output.stdout.split()[-1])


def _window(tree: Path, size: str, style: str) -> float:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    output = subprocess.run([sys.executable, str(tree / "benchmarks" / "bench_scale.py"), "--one", size, style],
                            capture_output=True, text=True, check=True, env=environment)
    return json.loads(output.stdout.strip().splitlines()[-1])["open_s"]


def _count(trees: dict[str, Path], path: Path) -> int:
    """A first load of the file (each of its dates read for the first time, as when a file is
    opened) and a second one (its dates found in the caches, as on a reload)."""
    for name, tree in trees.items():
        none, one, two = (_instructions(tree, path, loads) for loads in (0, 1, 2))
        print(f"{name:>14}: {(one - none) / 1e6:,.0f} M instructions a first load, {(two - one) / 1e6:,.0f} M a second")
    return 0


def _instructions(tree: Path, path: Path, loads: int) -> int:
    script = COUNTED.format(tree=str(tree), path=str(path), loads=loads, warm_up=str(ROOT / "events.yaml"))
    environment = dict(os.environ, OPENBLAS_NUM_THREADS="1")  # (no pool of idle threads spinning)
    output = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                             sys.executable, "-c", script], capture_output=True, text=True, check=True, env=environment,
                            cwd=tempfile.gettempdir())
    line = next(line for line in output.stderr.splitlines() if "I   refs" in line or "I refs" in line)
    return int(line.split()[-1].replace(",", ""))


def _report(times: dict[str, list[float]], unit: str) -> None:
    (before, old), (after, new) = times.items()
    for name, values in times.items():
        print(f"{name:>14}: min {min(values):.3f} {unit}, median {statistics.median(values):.3f} {unit}"
              f"   ({' '.join(f'{value:.2f}' for value in values)})")
    print(f"{after} / {before}: min {min(new) / min(old):.2f}, median {statistics.median(new) / statistics.median(old):.2f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
