"""The Audit log screen: events newest first, filters, pages, and the chain check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from aitown.models import AuditEvent
from tests.ui.helpers import register
from ui.context import DeskContext
from ui.models.audit_model import ACTION_CODE_ROLE, COL_ACTION, COL_CHANGE, COL_ENTITY, COL_USER
from ui.models.history_model import COL_WHAT
from ui.views import audit_log
from ui.views.audit_log import AuditLogView
from ui.views.team_detail import TeamDetailWindow


def log_view(qtbot: QtBot, ctx: DeskContext) -> AuditLogView:
    view = AuditLogView(ctx)
    qtbot.addWidget(view)
    view.resize(1150, 650)
    view.show()
    return view


def column(view: AuditLogView, col: int) -> list[str]:
    return [view.model.index(r, col).data() for r in range(view.model.rowCount())]


def codes(view: AuditLogView) -> list[str]:
    return [
        view.model.index(r, COL_ACTION).data(ACTION_CODE_ROLE) for r in range(view.model.rowCount())
    ]


def test_events_newest_first_with_filters_and_pages(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff, monkeypatch
) -> None:
    db = reviewer_ctx.db
    for i in range(5):
        register(db, staff.desk, 600 + i, f"上海审计{i}科技有限公司")
    view = log_view(qtbot, reviewer_ctx)
    actions = codes(view)
    assert actions[:5] == ["team.create"] * 5
    assert column(view, COL_ACTION)[0] == "Registered the team"
    assert view.model.index(0, COL_CHANGE).data().startswith("Registered the team 上海审计4")
    assert column(view, COL_USER)[0] == "desk1"
    assert "上海审计4科技有限公司" in view.model.index(0, COL_CHANGE).data()  # newest first
    assert "user.create" in actions  # the staff were created before the teams

    view.user_filter.setCurrentIndex(view.user_filter.findData("admin"))
    assert set(column(view, COL_USER)) == {"admin"}
    view.user_filter.setCurrentIndex(0)
    view.entity_filter.setCurrentIndex(view.entity_filter.findData("team"))
    assert column(view, COL_ENTITY)[0].startswith("team ")
    assert view.model.rowCount() == 5
    view.clear_filters()
    qtbot.keyClicks(view.action_filter.lineEdit(), "team.")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=2000)
    assert set(codes(view)) == {"team.create"}
    view.action_filter.setCurrentIndex(view.action_filter.findData("application."))
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert view.action_filter.currentText() == "application (application.)"
    view.action_filter.setCurrentIndex(view.action_filter.findData("team."))
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=2000)

    # Pages: two events a page, newest first, "Older" and "Newer".
    monkeypatch.setattr(audit_log, "PAGE_SIZE", 2)
    view.apply_filters()
    assert view.model.rowCount() == 2
    assert view.page_label.text() == "Page 1: events 1–2, newest first"
    assert not view.prev_button.isEnabled() and view.next_button.isEnabled()
    newest = view.model.index(0, COL_CHANGE).data()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.page_label.text() == "Page 3: events 5–5, newest first"
    assert not view.next_button.isEnabled()
    assert "上海审计0科技有限公司" in view.model.index(0, COL_CHANGE).data()  # the oldest
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert view.model.index(0, COL_CHANGE).data() == newest


def test_verify_chain_says_intact_then_names_a_changed_event(
    qtbot: QtBot, admin_ctx: DeskContext, staff
) -> None:
    db = admin_ctx.db
    register(db, staff.desk, 700, "上海链条科技有限公司")
    view = log_view(qtbot, admin_ctx)
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    assert view.chain_result is not None
    count, problems = view.chain_result
    assert problems == [] and count >= 5
    assert view.verify_result.text() == (
        f"The audit log is intact: {count} events checked; each follows the one before it "
        "and none was changed."
    )

    # Someone edits an event behind the application's back.
    with db.write() as s:
        s.execute(
            update(AuditEvent)
            .where(AuditEvent.action == "team.create")
            .values(user_name="someone else")
        )
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    text = view.verify_result.text()
    assert text.startswith("The audit log was tampered with:")
    assert "(Registered the team — team " in text and "was changed after it was written" in text
    assert "team.create" not in text


def test_records_are_named_in_chinese(qtbot: QtBot, reviewer_ctx: DeskContext, staff, qapp) -> None:
    from ui import i18n

    register(reviewer_ctx.db, staff.desk, 650, "上海记录科技有限公司")
    assert i18n.install_translators(qapp, i18n.CHINESE)
    try:
        view = log_view(qtbot, reviewer_ctx)
        assert column(view, COL_ENTITY)[0].startswith("团队 ")  # not "team 1"
        assert view.entity_filter.itemText(view.entity_filter.findData("notice")) == "通知书"
        # Plain Chinese: the action's words and the event's sentence, never a code or a key.
        assert column(view, COL_ACTION)[0] == "登记团队"
        assert column(view, COL_CHANGE)[0] == "登记团队上海记录科技有限公司"
        assert column(view, COL_ENTITY)[0].endswith("· 上海记录科技有限公司")
        assert view.model.headerData(COL_CHANGE, Qt.Orientation.Horizontal) == "经过"
        assert not any("." in text for text in column(view, COL_ACTION))  # no team.create
        window = TeamDetailWindow(reviewer_ctx, int(view.model.row(0).event.entity_id))
        qtbot.addWidget(window)
        history = window.history
        assert history is not None
        assert history.model.index(0, COL_WHAT).data() == "登记团队上海记录科技有限公司"
    finally:
        i18n.install_translators(qapp, i18n.ENGLISH)


def test_a_changed_event_is_named_in_chinese_words(
    qtbot: QtBot, admin_ctx: DeskContext, staff, qapp
) -> None:
    """The chain check in Chinese names the action in words (登记团队), not its code."""
    import dataclasses

    from ui import i18n

    register(admin_ctx.db, staff.desk, 710, "上海链条中文科技有限公司")
    with admin_ctx.db.write() as s:
        s.execute(
            update(AuditEvent).where(AuditEvent.action == "team.create").values(user_name="某人")
        )
    assert i18n.install_translators(qapp, i18n.CHINESE)
    try:
        view = log_view(qtbot, dataclasses.replace(admin_ctx, lang=i18n.CHINESE))
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
        text = view.verify_result.text()
        assert "某人：登记团队，团队 " in text and "在写入后被修改" in text, text
        assert "team.create" not in text and "team " not in text
    finally:
        i18n.install_translators(qapp, i18n.ENGLISH)
