"""A large chronology loads off the GUI thread with a progress bar, then searches."""

from synthetic import synthetic_yaml


def test_large_file_loads_in_background_with_progress(qtbot, tmp_path):
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    from timeline_app import MainWindow
    from timeline_app.gui.loading import SYNC_LOAD_BYTES

    path = tmp_path / "big.yaml"
    path.write_text(synthetic_yaml(9000, seed=11), encoding="utf-8")
    assert path.stat().st_size > SYNC_LOAD_BYTES
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.open_file(str(path))
        assert window.loading and window.progress.isVisible()  # returned at once; loading goes on
    assert len(window.index) == 9000 and not window.progress.isVisible()
    qtbot.waitUntil(lambda: window.search_index is not None, timeout=10000)
    window.search_field.setText("ceasefire")
    qtbot.waitUntil(lambda: 0 < window.list_model.rowCount() < 9000)
    assert all("ceasefire" in window.search_index.texts[p] for p in window.list_model.rows)
    window.canvas.grab()
    assert window.canvas.layout_result.placed or window.canvas.layout_result.clusters
