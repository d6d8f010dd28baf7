"""The event list's model answers a view's questions about a cell in one call (`multiData`)
exactly as it answers them one at a time (`data`): what the list shows, its tooltips, swatches
and what a screen reader says."""

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from timeline_app.gui.event_list import CATEGORY, DATE, TITLE

ROLES = (Qt.DisplayRole, Qt.ToolTipRole, Qt.DecorationRole, Qt.AccessibleTextRole, Qt.FontRole,
         Qt.TextAlignmentRole, Qt.ForegroundRole, Qt.CheckStateRole, Qt.BackgroundRole, Qt.EditRole)


def _drawn(model, index) -> QStyleOptionViewItem:
    """What the list's delegate makes of a cell: Qt asks the model for seven roles in one
    `multiData` call, exactly as when the list paints."""
    option = QStyleOptionViewItem()
    option.decorationSize = QSize(16, 16)
    QStyledItemDelegate().initStyleOption(option, index)
    return option


def _asked_alone(model, index, role):
    """One role through `multiData`, in a span of its own (as a view asking one role does)."""
    asked = QModelRoleData(int(role))
    model.multiData(index, QModelRoleDataSpan(asked))
    return asked.data()


def _cells(window, tmp_path):
    """Every cell of the bundled chronology (spans, disputed dates, every category), then of a
    file whose title runs past 1,000 characters (cut in the list) beside an uncategorised event."""
    yield from _each_cell(window.list_model)
    path = tmp_path / "long.yaml"
    path.write_text("title: t\nevents:\n  - {title: " + "word " * 300 + "end, start: 2014-06-25}\n"
                    "  - {title: short, start: 2014}\n", encoding="utf-8")
    window.open_file(str(path))
    yield from _each_cell(window.list_model)


def _each_cell(model):
    for row in range(model.rowCount()):
        for column in (DATE, TITLE, CATEGORY):
            yield model, model.index(row, column)


def test_the_list_draws_each_cell_from_what_data_says(window, tmp_path):
    checked = 0
    for model, index in _cells(window, tmp_path):
        option = _drawn(model, index)
        text = model.data(index, Qt.DisplayRole)
        assert option.text == (text or "")
        assert bool(option.features & QStyleOptionViewItem.HasDisplay) == (text is not None)
        colour = model.data(index, Qt.DecorationRole)
        assert bool(option.features & QStyleOptionViewItem.HasDecoration) == (colour is not None)
        if colour is not None:  # the swatch is the lane's colour
            assert option.icon.pixmap(16, 16).toImage().pixelColor(8, 8) == QColor(colour)
        for role in ROLES:
            alone = _asked_alone(model, index, role)
            expected = model.data(index, role)
            assert (QColor(alone) == QColor(expected)) if role == Qt.DecorationRole and expected else alone == expected
        checked += 1
    assert checked > 3 * 32


def test_what_the_list_shows_for_a_cell(window):
    """The answers themselves: a short date, the title whole, the category as its lane's colour
    (named in the tooltip and to a screen reader), and nothing for the roles the list leaves to its style."""
    model = window.list_model
    row = next(row for row in range(model.rowCount())
               if window.index.events[model.position_at(row)].title == "Protests break out in Benghazi")
    event = window.index.events[model.position_at(row)]
    date, title, swatch = (model.index(row, column) for column in (DATE, TITLE, CATEGORY))
    assert _drawn(model, date).text == "15 Feb 2011"
    assert _asked_alone(model, date, Qt.ToolTipRole).startswith(f"{event.written} — ")
    assert _drawn(model, title).text == _asked_alone(model, title, Qt.ToolTipRole) == "Protests break out in Benghazi"
    assert _drawn(model, swatch).text == ""
    label = window.index.category_labels[event.category]
    assert _asked_alone(model, swatch, Qt.ToolTipRole) == _asked_alone(model, swatch, Qt.AccessibleTextRole) == label
    assert _drawn(model, swatch).icon.pixmap(16, 16).toImage().pixelColor(8, 8) == QColor(window.index.category_colors[event.category])
    assert all(_asked_alone(model, cell, role) is None for cell in (date, title, swatch)
               for role in (Qt.FontRole, Qt.ForegroundRole, Qt.CheckStateRole, Qt.BackgroundRole, Qt.EditRole))


def test_a_cell_that_is_not_there_leaves_no_old_answer_behind(window):
    asked = QModelRoleData(int(Qt.DisplayRole))
    asked.setData("from before")
    window.list_model.multiData(QModelIndex(), QModelRoleDataSpan(asked))
    assert asked.data() is None
