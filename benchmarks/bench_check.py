"""How long `--check` takes on a large chronology, valid and with a few problems.

Run: python benchmarks/bench_check.py [EVENTS]   (default 100000)
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from sitting import describe  # noqa: E402
from synthetic import synthetic_yaml  # noqa: E402

from timeline_app.files.loader import load_file  # noqa: E402


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(describe())
    text = synthetic_yaml(count, seed=42)
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("    start:")]
    for position in (len(starts) // 10, len(starts) // 2):
        lines[starts[position]] = "    start: 31 June 2014"
    folder = Path(tempfile.mkdtemp())
    valid, invalid = folder / "valid.yaml", folder / "invalid.yaml"
    valid.write_text(text)
    invalid.write_text("\n".join(lines) + "\n")
    for path in (valid, invalid):
        started = time.perf_counter()
        result = load_file(path)
        elapsed = time.perf_counter() - started
        print(f"{path.name:>13}: {elapsed:5.2f} s, {len(result.problems)} problems")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
