"""A row of widgets that wraps onto the next line when the window is narrow.

A screen's row of buttons or filters is as wide as all of them side by side; in a QHBoxLayout
that width becomes the window's minimum (the Chinese Applications screen could not be narrower
than 1041 px). In a :class:`FlowLayout` the row needs only its widest item and takes a second line
when it must (1024 px), keeping every button whole and in the same order (so Tab order holds).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping; ``align_right`` packs each line to the right edge (a row of
    buttons under a table), else to the left (filters). ``last_right`` puts the last item at the
    right edge of its line (filters on the left, the list's export buttons on the right)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 6,
        align_right: bool = False,
        last_right: bool = False,
    ):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.align_right = align_right
        self.last_right = last_right
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """All items on one line."""
        visible = self._visible()
        width = sum(i.sizeHint().width() for i in visible) + self._spacing * max(
            len(visible) - 1, 0
        )
        height = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        """The widest single item: everything else may wrap."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize()).expandedTo(item.sizeHint())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = item.sizeHint().width()
            if lines[-1] and used + self._spacing + w > area.width():
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + w
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(i.sizeHint().height() for i in line)
            width = sum(i.sizeHint().width() for i in line) + self._spacing * (len(line) - 1)
            x = area.right() + 1 - width if self.align_right else area.x()
            x = max(x, area.x())
            for item in line:
                hint = item.sizeHint()
                if self.last_right and item is line[-1] and item is lines[-1][-1]:
                    x = max(x, area.right() + 1 - hint.width())
                if move:
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + m.bottom()


def flow_row(
    *items: QWidget | QLayout, align_right: bool = False, last_right: bool = False
) -> QWidget:
    """A widget holding ``items`` in a wrapping row (for a QVBoxLayout); a layout among them (a
    caption with its field) stays together on one line."""
    holder = QWidget()
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    layout = FlowLayout(holder, align_right=align_right, last_right=last_right)
    for item in items:
        if isinstance(item, QLayout):
            part = QWidget()
            item.setContentsMargins(0, 0, 0, 0)
            part.setLayout(item)
            layout.addWidget(part)
        else:
            layout.addWidget(item)
    return holder
