"""Registering teams through the form, and finding them in the Teams screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from aitown.models import Team
from aitown.services.teams import find_team, update_team
from tests.ui.helpers import bad_check_digit, good_uscc, register, type_text
from ui.context import DeskContext
from ui.dialogs.team_form import TeamFormDialog
from ui.main_window import MainWindow
from ui.models import teams_model
from ui.models.teams_model import COL_NAME_ZH, COL_STATUS, COL_USCC
from ui.views.teams import TeamsView


def fill_team_form(
    qtbot: QtBot, form: TeamFormDialog, uscc: str, name: str = "上海测试智能科技有限公司"
) -> None:
    type_text(qtbot, form.edits["name_zh"], name)
    qtbot.keyClicks(form.edits["name_en"], "Shanghai Test AI Co., Ltd.")
    qtbot.keyClicks(form.edits["uscc"], uscc)
    qtbot.keyClicks(form.edits["founded_on"], "2024-05-20")
    qtbot.keyClicks(form.edits["headcount"], "8")
    qtbot.keyClicks(form.edits["email"], "hello@test-ai.cn")


def searched(qtbot: QtBot, view: TeamsView) -> None:
    """Wait for the pause after typing, when the search goes to the database."""
    qtbot.waitUntil(lambda: view.model.query.text == view.search.text(), timeout=2000)


def test_bad_credit_code_is_refused_next_to_the_field_then_a_good_one_registers(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    window = MainWindow(desk_ctx)
    qtbot.addWidget(window)
    window.show()
    teams: TeamsView = window.views["teams"]  # type: ignore[assignment]
    assert teams.model.rowCount() == 0

    window.new_team_action.trigger()  # Ctrl+N
    form = window.dialog
    assert isinstance(form, TeamFormDialog) and form.isVisible()
    code = good_uscc(4242)
    fill_team_form(qtbot, form, bad_check_digit(code))
    error = form.form.fields["uscc"].error
    assert error.isVisible()
    assert "wrong check digit" in error.text()
    assert not form.ok_button.isEnabled()

    form.edits["uscc"].clear()
    qtbot.keyClicks(form.edits["uscc"], code.lower())  # typed in lower case: accepted
    assert not error.isVisible()
    assert form.ok_button.isEnabled()
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()

    # The database holds it, and the Teams table shows it.
    team = find_team(desk_ctx.db, code)
    assert team.name_zh == "上海测试智能科技有限公司" and team.headcount == 8
    assert teams.model.rowCount() == 1
    row = teams.model.index(0, COL_USCC)
    assert row.data() == code
    assert teams.model.index(0, COL_STATUS).data() == "applicant"
    assert teams.count_label.text() == "1 team(s)"


def test_other_fields_say_what_is_wrong_as_you_type(qtbot: QtBot, desk_ctx: DeskContext) -> None:
    form = TeamFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.edits["founded_on"], "2024-13-01")
    assert "is not a date" in form.form.fields["founded_on"].error.text()
    qtbot.keyClicks(form.edits["headcount"], "x")
    assert "not a whole number" in form.form.fields["headcount"].error.text()
    qtbot.keyClicks(form.edits["email"], "nobody")
    assert "name@example.com" in form.form.fields["email"].error.text()
    qtbot.keyClicks(form.edits["uscc"], "9131")
    assert "has 4 characters; it must have 18" in form.form.fields["uscc"].error.text()
    assert not form.ok_button.isEnabled()


def test_duplicate_credit_code_is_refused_by_the_service_under_the_field(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    register(desk_ctx.db, desk_ctx.actor, 7, "上海已有科技有限公司")
    form = TeamFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    fill_team_form(qtbot, form, good_uscc(7), name="上海重复科技有限公司")
    assert form.ok_button.isEnabled()  # the form cannot know; the service does
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    error = form.form.fields["uscc"].error
    assert error.isVisible() and "is already registered" in error.text()
    with desk_ctx.db.read() as s:
        assert s.scalars(select(Team.name_zh)).all() == ["上海已有科技有限公司"]


def test_editing_a_team_someone_else_saved_meanwhile_is_refused_with_the_sentence(
    qtbot: QtBot, desk_ctx: DeskContext, make_ctx, staff
) -> None:
    team_id = register(desk_ctx.db, desk_ctx.actor, 8, "上海并发科技有限公司")
    form = TeamFormDialog(desk_ctx, find_team(desk_ctx.db, team_id))
    qtbot.addWidget(form)
    form.show()
    assert form.edits["headcount"].text() == "12"
    # Another desk saves first.
    update_team(desk_ctx.db, staff.desk2, team_id, 1, {"headcount": "20"})
    form.edits["headcount"].setText("15")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert form.form.banner.isVisible()
    assert "Someone else saved" in form.form.banner.text()
    assert find_team(desk_ctx.db, team_id).headcount == 20


def test_search_as_you_type_and_filters_ask_the_database(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    db, desk = desk_ctx.db, desk_ctx.actor
    register(db, desk, 1, "上海星河智能科技有限公司", name_en="Galaxy AI", legal_rep="李娜")
    register(db, desk, 2, "上海云图数据科技有限公司", name_en="CloudMap Data", district="浦东新区")
    register(
        db,
        desk,
        3,
        "上海星河机器人有限公司",
        name_en="Galaxy Robotics",
        ai_focus="embodied_intelligence",
    )
    view = TeamsView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 3

    qtbot.keyClicks(view.search, "galaxy")
    assert view.model.rowCount() == 3  # not on every key: after a short pause
    searched(qtbot, view)
    assert view.model.rowCount() == 2
    names = {view.model.index(r, COL_NAME_ZH).data() for r in range(2)}
    assert names == {"上海星河智能科技有限公司", "上海星河机器人有限公司"}

    view.search.clear()
    type_text(qtbot, view.search, "李娜")  # the legal representative
    searched(qtbot, view)
    assert view.model.rowCount() == 1
    view.search.clear()
    qtbot.keyClicks(view.search, good_uscc(2)[:17])  # a credit code, from its start
    searched(qtbot, view)
    assert view.model.rowCount() == 1
    assert view.model.index(0, COL_NAME_ZH).data() == "上海云图数据科技有限公司"

    view.clear_filters()
    assert view.model.rowCount() == 3
    view.district_filter.setCurrentIndex(view.district_filter.findData("浦东新区"))
    assert view.model.rowCount() == 1
    view.district_filter.setCurrentIndex(0)
    view.focus_filter.setCurrentIndex(view.focus_filter.findData("embodied_intelligence"))
    assert view.model.rowCount() == 1
    assert view.focus_filter.currentText() == "embodied intelligence"
    view.status_filter.setCurrentIndex(view.status_filter.findData("admitted"))
    assert view.model.rowCount() == 0
    assert view.count_label.text() == "0 team(s)"


def test_header_click_sorts_in_the_database_and_rows_come_in_blocks(
    qtbot: QtBot, desk_ctx: DeskContext, monkeypatch
) -> None:
    monkeypatch.setattr(teams_model, "BLOCK", 20)  # small blocks, so a few teams make two
    db, desk = desk_ctx.db, desk_ctx.actor
    total = 30
    for i in range(total):
        register(db, desk, 100 + i, f"上海团队{i:04d}有限公司", headcount=str(i % 50))
    view = TeamsView(desk_ctx)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    assert view.model.rowCount() == total
    assert view.model.index(0, COL_NAME_ZH).data() == "上海团队0000有限公司"
    qtbot.waitExposed(view)
    assert len(view.model._blocks) == 1  # only the rows on screen were read

    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_NAME_ZH) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert view.model.query.sort == "name_zh" and view.model.query.descending
    assert view.model.index(0, COL_NAME_ZH).data() == f"上海团队{total - 1:04d}有限公司"

    last = view.model.index(total - 1, COL_NAME_ZH).data()  # the second block, read on demand
    assert last == "上海团队0000有限公司"
    assert len(view.model._blocks) == 2


def test_enter_on_a_row_opens_the_team(qtbot: QtBot, desk_ctx: DeskContext) -> None:
    team_id = register(desk_ctx.db, desk_ctx.actor, 5, "上海回车科技有限公司")
    window = MainWindow(desk_ctx)
    qtbot.addWidget(window)
    window.show()
    view: TeamsView = window.views["teams"]  # type: ignore[assignment]
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    detail = window.detail_windows.get(team_id)
    assert detail is not None and detail.isVisible()
    assert detail.title.text() == "上海回车科技有限公司"
    window.find_action.trigger()  # Ctrl+F goes back to the search box
    assert window.current_key() == "teams"


def test_the_chinese_form_speaks_chinese_under_the_fields(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    desk_ctx.lang = "zh_CN"
    form = TeamFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.edits["founded_on"], "2024-02-30")
    assert form.form.fields["founded_on"].error.text() == (
        "成立日期“2024-02-30”不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2024-03-01。"
    )
    qtbot.keyClicks(form.edits["headcount"], "12")
    type_text(qtbot, form.edits["headcount"], "人")
    assert form.form.fields["headcount"].error.text().startswith("人数“12人”不是整数")


def test_a_negative_headcount_says_negative_and_the_example_code_is_valid(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    """Issue 16.11: "-5 is not a whole number" was the wrong sentence, and the placeholder's
    example credit code failed its own check digit."""
    from aitown.policy.uscc import validate_uscc

    form = TeamFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.edits["headcount"], "-5")
    error = form.form.fields["headcount"].error.text()
    assert "is negative" in error and "not a whole number" not in error
    example = form.edits["uscc"].placeholderText().split()[-1]
    assert len(example) == 18 and validate_uscc(example)


def test_a_text_most_teams_contain_shows_an_estimate_then_the_count_at_the_end(
    qtbot: QtBot, desk_ctx: DeskContext, monkeypatch
) -> None:
    """Issue 19: past EXACT_UP_TO matches the count is estimated (“about …”) and the rows are
    exact; scrolling to the end counts them and the table shrinks to the true end."""
    from aitown.services import team_search

    monkeypatch.setattr(teams_model, "BLOCK", 20)
    monkeypatch.setattr(team_search, "EXACT_UP_TO", 5)
    db, desk = desk_ctx.db, desk_ctx.actor
    for i in range(45):  # the first 25 are 团队, the rest 公司 only
        name = f"上海团队{i:04d}有限公司" if i < 25 else f"北京云{i:04d}有限公司"
        register(db, desk, 300 + i, name)
    view = TeamsView(desk_ctx)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    type_text(qtbot, view.search, "团队")
    searched(qtbot, view)
    assert not view.model.count_exact
    assert view.count_label.text() == f"about {view.model.rowCount()} team(s)"
    assert view.model.rowCount() > 25
    first = [view.model.index(r, COL_NAME_ZH).data() for r in range(20)]
    assert first == [f"上海团队{i:04d}有限公司" for i in range(20)]

    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.count_exact, timeout=3000)
    assert view.model.rowCount() == 25
    assert view.count_label.text() == "25 team(s)"
    assert view.model.index(24, COL_NAME_ZH).data() == "上海团队0024有限公司"


def test_a_new_search_starts_at_the_top_and_reads_one_block(
    qtbot: QtBot, desk_ctx: DeskContext, monkeypatch
) -> None:
    """Issue 19: typing after scrolling to the end shows the new results from the top; the end
    of the new query (its last block, the exact count of an estimate) is not read for it."""
    from aitown.services import team_search

    monkeypatch.setattr(teams_model, "BLOCK", 20)
    monkeypatch.setattr(team_search, "EXACT_UP_TO", 5)
    db, desk = desk_ctx.db, desk_ctx.actor
    for i in range(60):
        register(db, desk, 400 + i, f"上海团队{i:04d}有限公司")
    view = TeamsView(desk_ctx)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.table.verticalScrollBar().value() > 0, timeout=3000)
    type_text(qtbot, view.search, "团队")
    searched(qtbot, view)
    fetched = view.model.fetches
    qtbot.wait(50)  # paint
    assert view.table.verticalScrollBar().value() == 0
    assert not view.model.count_exact  # still the estimate: the end was not asked for
    assert view.model.fetches == fetched
    assert view.model.index(0, COL_NAME_ZH).data() == "上海团队0000有限公司"


def test_the_screen_opens_with_one_read_of_the_first_page_by_chinese_name(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    """Opening the Teams screen reads its first page once, in the order the header shows (it
    read three: by id, by name descending when sorting was enabled, then by name)."""
    for n, name in ((21, "上海乙科技有限公司"), (22, "上海甲科技有限公司")):
        register(desk_ctx.db, desk_ctx.actor, n, name)
    view = TeamsView(desk_ctx)
    qtbot.addWidget(view)
    header = view.table.horizontalHeader()
    assert view.model.fetches == 1
    assert (view.model.query.sort, view.model.query.descending) == ("name_zh", False)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COL_NAME_ZH,
        Qt.SortOrder.AscendingOrder,
    )
    names = [view.model.row_data(r).name_zh for r in range(view.model.rowCount())]  # type: ignore[union-attr]
    assert names == sorted(names) and len(names) == 2
