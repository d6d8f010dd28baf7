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


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git repository")
@pytest.mark.parametrize("args", [["HEAD", "--fast"], ["HEAD", "--runs", "0"], ["HEAD", "--runs"], ["HEAD", "1000:nostyle"],
                                  ["HEAD", "--window", "--instructions"], ["no-such-revision", "1000:hand"]])
def test_a_bad_command_line_is_a_usage_error_that_leaves_no_worktree(args):
    before = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout
    output = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ab.py"), *args], capture_output=True, text=True)
    assert output.returncode == 2 and ("usage:" in output.stderr or "cannot check out" in output.stderr), output.stderr
    assert "Traceback" not in output.stderr
    assert subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout == before
