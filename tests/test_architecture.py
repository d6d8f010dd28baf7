"""The layers hold: the import contracts in pyproject.toml pass, and they do catch a breach."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(cwd), "PATH": str(Path(sys.executable).parent)}
    return subprocess.run([LINT, "--no-cache"], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def tree_copy(tmp_path):
    shutil.copytree(ROOT / "timeline_app", tmp_path / "timeline_app", ignore=shutil.ignore_patterns("__pycache__", "bundled"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_tree_keeps_its_contracts(tree_copy):
    run = _lint(tree_copy)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


def test_a_data_module_importing_qt_breaks_the_build(tree_copy):
    model = tree_copy / "timeline_app" / "chronology" / "model.py"
    model.write_text(model.read_text() + "\nfrom PySide6.QtGui import QColor  # noqa\n")
    run = _lint(tree_copy)
    assert run.returncode != 0
    assert "never import Qt BROKEN" in run.stdout
    assert "timeline_app.chronology.model -> PySide6" in run.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_build(tree_copy):
    reader = tree_copy / "timeline_app" / "files" / "loader.py"
    reader.write_text(reader.read_text() + "\nfrom ..geometry import viewport  # noqa\n")
    dates = tree_copy / "timeline_app" / "chronology" / "dates.py"
    dates.write_text(dates.read_text() + "\nfrom ..files import loader  # noqa\n")
    run = _lint(tree_copy)
    assert run.returncode != 0
    assert "timeline_app.chronology is not allowed to import timeline_app.files" in run.stdout
    assert "timeline_app.files is not allowed to import timeline_app.geometry" in run.stdout.replace("\n", " ")
