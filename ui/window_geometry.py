"""Where a window opens: as it was left last time if that still fits a screen, else a size that
fits the screen it is on (the status bar stays visible on a 1366×768 laptop).

The geometry is kept in the user's settings (``settings.ini`` beside the data, the same QSettings
the language is kept in), one key per window.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# The title bar and borders a window manager adds around the window's own area (a frameless
# offscreen test has none; a real desktop reports them only once the window is shown).
FRAME_ALLOWANCE = QSize(16, 40)


def _key(name: str) -> str:
    return f"windows/{name}/geometry"


def screen_area(widget: QWidget) -> QRect:
    """The free area (without task bars) of the screen the widget is on, else the main one."""
    screen: QScreen | None = widget.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
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
        if visible.width() >= min(200, rect.width()) and visible.height() >= min(60, rect.height()):
            return True
    return False


def restore_geometry(widget: QWidget, settings: QSettings, name: str, default: QSize) -> None:
    """Size and place ``widget`` as it was saved under ``name``; when nothing was saved, or the
    saved place is off every screen now (a projector unplugged), the default size fitted to the
    screen, centred. A saved size larger than the screen now is made to fit it."""
    saved = settings.value(_key(name))
    rect = QRect()
    if isinstance(saved, str | list):
        parts = saved.split(",") if isinstance(saved, str) else [str(p) for p in saved]
        numbers = [int(p) for p in parts if p.strip().lstrip("-").isdigit()]
        if len(numbers) >= 4:
            rect = QRect(*numbers[:4])
        maximized = len(numbers) >= 5 and numbers[4] == 1
    else:
        maximized = False
    if rect.isValid() and on_some_screen(rect):
        widget.resize(fitting_size(widget, rect.size()))
        area = screen_area(widget)
        # Keep the title bar reachable: not above or left of the free area.
        widget.move(max(rect.x(), area.x() - widget.width() + 200), max(rect.y(), area.y()))
    else:
        widget.resize(fitting_size(widget, default))
        area = screen_area(widget)
        widget.move(
            area.x() + max((area.width() - widget.width()) // 2, 0),
            area.y() + max((area.height() - widget.height() - FRAME_ALLOWANCE.height()) // 2, 0),
        )
    if maximized:
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)


def save_geometry(widget: QWidget, settings: QSettings, name: str) -> None:
    """The window's normal place and size (x, y, width, height) and whether it was maximized."""
    rect = widget.normalGeometry() if widget.isMaximized() else widget.geometry()
    # The place of the frame (what move() takes), the size of the window's own area (resize()).
    place = rect.topLeft() if widget.isMaximized() else widget.pos()
    numbers = [place.x(), place.y(), rect.width(), rect.height(), int(widget.isMaximized())]
    settings.setValue(_key(name), ",".join(str(n) for n in numbers))
    settings.sync()
