"""Where a window opens: as it was left last time if that still fits a screen, else a size that
fits the screen it is on (the status bar stays visible on a 1366×768 laptop).

The geometry is kept in the user's settings (``settings.ini`` beside the data, the same QSettings
the language is kept in), one key per window.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# The title bar and borders a window manager adds around the window's own area (a frameless
# offscreen test has none; a real desktop reports them only once the window is shown).
FRAME_ALLOWANCE = QSize(16, 40)


def _key(name: str) -> str:
    return f"windows/{name}/geometry"


def screen_area(widget: QWidget) -> QRect:
    """The free area (without task bars) of the screen the widget is on, else the main one."""
    screen: QScreen | None = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, 1366, 768)
    return screen.availableGeometry()


def fitting_size(widget: QWidget, wanted: QSize) -> QSize:
    """``wanted``, made smaller where the screen is smaller (room left for the frame)."""
    area = screen_area(widget)
    return QSize(
        min(wanted.width(), area.width() - FRAME_ALLOWANCE.width()),
        min(wanted.height(), area.height() - FRAME_ALLOWANCE.height()),
    ).expandedTo(widget.minimumSize())


def on_some_screen(rect: QRect) -> bool:
    """Whether a good part of ``rect`` (its title bar, at least) lies on a screen now."""
    for screen in QGuiApplication.screens():
        visible = screen.availableGeometry().intersected(rect)
        if visible.width() >= min(200, rect.width()) and visible.height() >= min(
            60, rect.height()
        ):
            return True
    return False


def restore_geometry(widget: QWidget, settings: QSettings, name: str, default: QSize) -> None:
    """Size and place ``widget`` as it was saved under ``name``; when nothing was saved, or the
    saved place is off every screen now (a projector unplugged) or larger than the screen, the
    default size fitted to the screen."""
    saved = settings.value(_key(name))
    if isinstance(saved, QByteArray | bytes) and widget.restoreGeometry(QByteArray(saved)):
        area = screen_area(widget)
        frame = widget.frameGeometry()
        if on_some_screen(frame) and frame.width() <= area.width() + 8:
            if frame.height() > area.height():
                widget.resize(widget.width(), fitting_size(widget, widget.size()).height())
            return
    widget.resize(fitting_size(widget, default))
    area = screen_area(widget)
    widget.move(
        area.x() + max((area.width() - widget.width()) // 2, 0),
        area.y() + max((area.height() - widget.height() - FRAME_ALLOWANCE.height()) // 2, 0),
    )


def save_geometry(widget: QWidget, settings: QSettings, name: str) -> None:
    settings.setValue(_key(name), widget.saveGeometry())
    settings.sync()
