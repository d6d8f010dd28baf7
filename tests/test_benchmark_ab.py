"""benchmarks/ab.py: a revision and the working tree, run in turns, each side's figures and their ratio."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git repository")
def test_a_revision_and_the_working_tree_take_turns_and_the_worktree_is_removed():
    before = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout
    output = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ab.py"), "HEAD", "1000:hand", "--runs", "2"],
                            capture_output=True, text=True, timeout=300)
    assert output.returncode == 0, output.stderr
    lines = output.stdout.splitlines()
    head, working = (next(line for line in lines if line.strip().startswith(name)) for name in ("HEAD:", "working tree:"))
    for line in (head, working):
        assert "min" in line and "median" in line and len(line.split("(")[1].split()) == 2  # two runs each
    assert any(line.startswith("working tree / HEAD: min") for line in lines)
    after = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout
    assert after == before


def test_an_unknown_option_is_a_usage_error():
    output = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ab.py"), "HEAD", "--fast"], capture_output=True, text=True)
    assert output.returncode == 2 and "Run:" in output.stderr
