"""The event list's model answers a view's questions about a cell in one call (`multiData`)
exactly as it answers them one at a time (`data`): what the list shows, its tooltips, swatches
and what a screen reader says."""

from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QColor

from timeline_app.gui.event_list import CATEGORY, DATE, TITLE

ROLES = (Qt.DisplayRole, Qt.ToolTipRole, Qt.DecorationRole, Qt.AccessibleTextRole, Qt.FontRole,
         Qt.TextAlignmentRole, Qt.ForegroundRole, Qt.CheckStateRole, Qt.BackgroundRole, Qt.EditRole)


def _asked_together(model, index) -> dict:
    """Each role's answer from one `multiData` call over all of them (as a delegate asks)."""
    asked = [QModelRoleData(int(role)) for role in ROLES]
    for each in asked:
        model.multiData(index, QModelRoleDataSpan(each))
    return {role: each.data() for role, each in zip(ROLES, asked)}


def _same(one, other) -> bool:
    if isinstance(one, QColor) or isinstance(other, QColor):
        return QColor(one) == QColor(other)
    return one == other


def test_every_cell_answers_alike_asked_at_once_or_one_role_at_a_time(window, tmp_path):
    # the bundled chronology has spans, disputed dates and every category; a file with a title
    # past 1,000 characters has its cut
    for path in (None, tmp_path / "long.yaml"):
        if path is not None:
            path.write_text("title: t\nevents:\n  - {title: " + "word " * 300 + "end, start: 2014-06-25}\n"
                            "  - {title: short, start: 2014, category: other}\n", encoding="utf-8")
            window.open_file(str(path))
        model = window.list_model
        checked = 0
        for row in range(model.rowCount()):
            for column in (DATE, TITLE, CATEGORY):
                index = model.index(row, column)
                together = _asked_together(model, index)
                for role in ROLES:
                    assert _same(together[role], model.data(index, role)), (row, column, role)
                checked += 1
        assert checked == 3 * model.rowCount() > 0


def test_what_the_list_shows_for_a_cell(window):
    """The answers themselves: a short date, the title whole, the category as its lane's colour
    (named in the tooltip and to a screen reader), and nothing for the roles the list leaves to its style."""
    model = window.list_model
    row = next(row for row in range(model.rowCount())
               if window.index.events[model.position_at(row)].title == "Protests break out in Benghazi")
    event = window.index.events[model.position_at(row)]
    date, title, swatch = (_asked_together(model, model.index(row, column)) for column in (DATE, TITLE, CATEGORY))
    assert date[Qt.DisplayRole] == "15 Feb 2011"
    assert date[Qt.ToolTipRole].startswith(f"{event.written} — ")
    assert title[Qt.DisplayRole] == title[Qt.ToolTipRole] == "Protests break out in Benghazi"
    assert swatch[Qt.DisplayRole] is None
    assert swatch[Qt.ToolTipRole] == swatch[Qt.AccessibleTextRole] == window.index.category_labels[event.category]
    assert QColor(swatch[Qt.DecorationRole]) == QColor(window.index.category_colors[event.category])
    assert all(cell[role] is None for cell in (date, title, swatch)
               for role in (Qt.FontRole, Qt.ForegroundRole, Qt.CheckStateRole, Qt.BackgroundRole, Qt.EditRole))
