"""Issue 16 (desk): long errors get their full height, the batch approval shows each line's real
outcome, every screen fits 1366×768 and 1024×700 in both languages, the window comes back where
it was left (and on a screen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitown.models import Application
from tests.aitown.services.test_applications import set_pool_left
from tests.ui.helpers import bad_check_digit, good_uscc
from tests.ui.test_applications_queue import recorded_grant
from ui import i18n
from ui.app import app_settings, apply_language
from ui.context import DeskContext
from ui.dialogs.batch_approve import BatchApproveDialog
from ui.dialogs.team_form import TeamFormDialog
from ui.dialogs.user_dialogs import AddUserDialog
from ui.main_window import MainWindow


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The Chinese interface (translators and the Chinese face), English again afterwards."""
    font = qapp.font()
    apply_language(qapp, i18n.CHINESE)
    yield
    i18n.install_translators(qapp, i18n.ENGLISH)
    qapp.setFont(font)


def settle(qapp: QApplication) -> None:
    for _ in range(3):
        qapp.processEvents()


def assert_whole(error: object, dialog: object) -> None:
    """A visible error label has the height of all its wrapped lines and lies inside the dialog,
    clear of the next field."""
    assert error.isVisible()  # type: ignore[attr-defined]
    width = error.width()  # type: ignore[attr-defined]
    assert error.height() >= error.heightForWidth(width)  # type: ignore[attr-defined]
    assert error.heightForWidth(width) > error.fontMetrics().height() * 1.5  # type: ignore[attr-defined]  # two lines
    top_left = error.mapTo(dialog, error.rect().topLeft())  # type: ignore[attr-defined]
    inside = QRect(top_left, error.size())  # type: ignore[attr-defined]
    assert dialog.rect().contains(inside)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_two_long_errors_in_the_team_form_are_shown_whole(
    qtbot: QtBot, desk_ctx: DeskContext, lang: str
) -> None:
    desk_ctx.lang = lang
    form = TeamFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.edits["uscc"], bad_check_digit(good_uscc(77)))
    qtbot.keyClicks(form.edits["founded_on"], "2024-02-30")
    QApplication.processEvents()
    uscc_error = form.form.fields["uscc"].error
    date_error = form.form.fields["founded_on"].error
    for error in (uscc_error, date_error):
        assert_whole(error, form)
    # The date's caption row starts below the whole credit-code error.
    below = date_error.parentWidget().parentWidget()
    uscc_bottom = uscc_error.mapTo(form, uscc_error.rect().bottomLeft()).y()
    date_top = form.edits["founded_on"].mapTo(form, form.edits["founded_on"].rect().topLeft()).y()
    assert below is not None and date_top > uscc_bottom


def test_two_long_errors_in_add_user_are_shown_whole(qtbot: QtBot, admin_ctx: DeskContext) -> None:
    admin_ctx.lang = "zh_CN"
    dialog = AddUserDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "a b c d e f g h i j k l m n o p q r s t u v w x y z")
    qtbot.keyClicks(dialog.password, "x")
    qtbot.keyClicks(dialog.password2, "y")
    QApplication.processEvents()
    shown = [f.error for f in dialog.form.fields.values() if f.error.isVisible()]
    assert len(shown) >= 2
    for error in shown:
        assert error.height() >= error.heightForWidth(error.width())
        top_left = error.mapTo(dialog, error.rect().topLeft())
        assert dialog.rect().contains(QRect(top_left, error.size()))


def test_batch_approval_shows_each_lines_real_outcome(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff
) -> None:
    db = reviewer_ctx.db
    ids = [recorded_grant(db, staff, f"91310104MA1FL00{n:02d}") for n in (11, 12, 13)]
    set_pool_left(db, "startup_grant", 250_000_00)  # room for two grants of 100,000.00
    dialog = BatchApproveDialog(reviewer_ctx, ids)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 620)
    dialog.show()
    lines = dialog.line_texts()
    assert [" | fits | " in line for line in lines] == [True, True, False]
    # Meanwhile another desk's payment leaves room for one only.
    set_pool_left(db, "startup_grant", 150_000_00)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.outcome.approved == [ids[0]]
    lines = dialog.line_texts()
    assert dialog.lines.horizontalHeaderItem(4).text() == "Result"
    assert " | approved | " in lines[0] and "does not fit" not in lines[0]
    assert " | not approved | " in lines[1]
    assert "does not fit in the start-up grant pool" in lines[1]  # the refusal's own sentence
    assert " | left as it was | " in lines[2]
    assert lines[2].endswith(" | —")  # nothing taken from the pool for it
    assert dialog.intro.text() == (
        "What approving did: 1 approved, 1 not approved, 1 left as they were."
    )
    with db.read() as s:
        assert [s.get(Application, i).status for i in ids] == ["approved", "submitted", "submitted"]
    # The pools table shows what is left now, every row and column in view.
    assert dialog.pools.item(0, 2).text() == "50,000.00"
    pools = dialog.pools
    last = pools.rowCount() - 1
    assert pools.visualRect(pools.model().index(last, 0)).bottom() <= pools.viewport().height()
    assert pools.horizontalHeader().length() <= pools.viewport().width()


def visit_every_screen(qtbot: QtBot, ctx: DeskContext, size: QSize) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for screen in window.screens:
        window.show_screen(screen.key)
    window.resize(size)
    settle(QApplication.instance())  # type: ignore[arg-type]
    return window


def check_fits(window: MainWindow, size: QSize) -> None:
    minimum = window.minimumSizeHint()
    assert minimum.width() <= size.width(), window.current_key()
    assert minimum.height() <= size.height()
    assert window.size() == size
    assert window.statusBar().isVisible()
    status = window.statusBar()
    assert status.mapTo(window, status.rect().bottomLeft()).y() < size.height()


@pytest.mark.parametrize("size", [QSize(1366, 768), QSize(1024, 700)])
def test_every_screen_fits_in_english(qtbot: QtBot, admin_ctx: DeskContext, size: QSize) -> None:
    window = visit_every_screen(qtbot, admin_ctx, size)
    check_fits(window, size)


@pytest.mark.parametrize("size", [QSize(1366, 768), QSize(1024, 700)])
def test_every_screen_fits_in_chinese(
    qtbot: QtBot, admin_ctx: DeskContext, chinese: None, size: QSize
) -> None:
    admin_ctx.lang = i18n.CHINESE
    window = visit_every_screen(qtbot, admin_ctx, size)
    check_fits(window, size)


def test_the_applications_team_column_keeps_a_name_at_1024(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff, chinese: None
) -> None:
    from ui.models.applications_model import COL_TEAM

    reviewer_ctx.lang = i18n.CHINESE
    recorded_grant(reviewer_ctx.db, staff)
    window = visit_every_screen(qtbot, reviewer_ctx, QSize(1024, 700))
    view = window.show_screen("applications")
    settle(QApplication.instance())  # type: ignore[arg-type]
    assert view is not None
    assert view.table.columnWidth(COL_TEAM) >= 110  # type: ignore[attr-defined]


def test_the_window_comes_back_as_it_was_left_and_on_a_screen(
    qtbot: QtBot, admin_ctx: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import window_geometry

    # A 1366×768 laptop whose task bar takes 40 px (the offscreen screen is 800×800).
    area = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(window_geometry, "screen_area", lambda _widget: area)
    first = MainWindow(admin_ctx)
    qtbot.addWidget(first)
    # Nothing saved yet: a size that fits the screen with its frame (the status bar in view).
    assert first.width() <= area.width() and first.height() + 30 <= area.height()
    assert first.width() >= 1300
    first.show()
    first.setGeometry(QRect(area.x() + 20, area.y() + 30, 1100, 660))
    first.close()  # remembered
    again = MainWindow(admin_ctx)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == QSize(1100, 660)
    assert again.geometry().topLeft() == first.geometry().topLeft()

    # Left on a screen that is gone (a projector): it opens on this one instead.
    again.move(area.right() + 3000, area.bottom() + 3000)
    again.close()
    third = MainWindow(admin_ctx)
    qtbot.addWidget(third)
    assert area.contains(third.frameGeometry())
    settings = app_settings()
    assert settings.value("windows/main/geometry") is not None
