"""A team's detail: profile, members, leases and rent waiver, applications, eligibility, notices,
history. Tabs whose service is not installed yet are left out."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import TeamStatus
from aitown.errors import DeskError
from aitown.models import Team
from aitown.services.teams import STATUS_MOVES, find_team
from aitown.validation import uscc_division
from ui.changes import Changes, Entity
from ui.context import DeskContext
from ui.dialogs.status_dialog import StatusDialog
from ui.dialogs.team_checks import DishonestDialog, RelatedPartiesDialog
from ui.dialogs.team_form import TeamFormDialog
from ui.labels import focus_label, status_label
from ui.views.team_applications import TeamApplicationsTab, TeamNoticesTab
from ui.views.team_eligibility import TeamEligibilityTab
from ui.views.team_history import TeamHistoryTab
from ui.views.team_leases import TeamLeasesTab
from ui.views.team_members import TeamMembersTab
from ui.views.team_rent import TeamRentTab
from ui.window_geometry import fitting_size

STATUS_BADGE: dict[str, str] = {
    TeamStatus.APPLICANT: "#8a6d00",
    TeamStatus.ADMITTED: "#1e7b45",
    TeamStatus.GRADUATED: "#2c5f8a",
    TeamStatus.WITHDRAWN: "#6b6b6b",
    TeamStatus.EXPELLED: "#b03a2e",
}


class TeamProfileTab(QWidget):
    def __init__(self, parent: QWidget | None = None, *, can_edit: bool = False):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for key, caption in (
            ("name_zh", self.tr("Chinese name:")),
            ("name_en", self.tr("English name:")),
            ("uscc", self.tr("Credit code:")),
            ("legal_rep", self.tr("Legal representative:")),
            ("founded_on", self.tr("Founded on:")),
            ("district", self.tr("District:")),
            ("headcount", self.tr("Headcount:")),
            ("ai_focus", self.tr("AI focus:")),
            ("phone", self.tr("Phone:")),
            ("email", self.tr("E-mail:")),
            ("status", self.tr("Status:")),
            ("admitted_on", self.tr("Admitted on:")),
            ("left_on", self.tr("Left on:")),
            ("dishonest", self.tr("Dishonesty list:")),
            ("related", self.tr("Related parties:")),
        ):
            label = QLabel()
            label.setObjectName(f"profile_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.values[key] = label
            if key in ("dishonest", "related"):
                button = QPushButton(
                    self.tr("Record the check…") if key == "dishonest" else self.tr("Change…")
                )
                button.setObjectName(f"profile_{key}_edit")
                button.setVisible(can_edit)
                self.buttons[key] = button
                row = QHBoxLayout()
                row.addWidget(label, 1)
                row.addWidget(button)
                self.form.addRow(caption, row)
                continue
            self.form.addRow(caption, label)

    def show_team(self, team: Team) -> None:
        v = self.values
        v["name_zh"].setText(team.name_zh)
        v["name_en"].setText(team.name_en or "—")
        v["uscc"].setText(
            self.tr("{code} (division {division})").format(
                code=team.uscc, division=uscc_division(team.uscc)
            )
        )
        v["legal_rep"].setText(team.legal_rep or "—")
        v["founded_on"].setText(str(team.founded_on))
        v["district"].setText(team.district or "—")
        v["headcount"].setText(str(team.headcount))
        v["ai_focus"].setText(focus_label(team.ai_focus) or "—")
        v["phone"].setText(team.phone or "—")
        v["email"].setText(team.email or "—")
        v["status"].setText(status_label(team.status))
        v["admitted_on"].setText(str(team.admitted_on) if team.admitted_on else "—")
        v["left_on"].setText(str(team.left_on) if team.left_on else "—")
        v["dishonest"].setText(
            self.tr("not checked yet")
            if team.dishonest is None
            else self.tr("listed as seriously dishonest")
            if team.dishonest
            else self.tr("not listed")
        )
        kinds = {"shareholder": self.tr("shareholder"), "affiliate": self.tr("affiliate")}
        v["related"].setText(
            "\n".join(
                f"{rp.name} ({kinds.get(rp.kind, rp.kind)}{', ' + rp.uscc if rp.uscc else ''})"
                for rp in team.related_parties
            )
            or "—"
        )


class TeamDetailWindow(QDialog):
    """One team; reloads itself when a dialog (or another screen) changes it."""

    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.team: Team = find_team(ctx.db, team_id)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(fitting_size(self, QSize(1100, 720)))  # the task bar of a 768-px screen

        self.title = QLabel()
        self.title.setObjectName("team_title")
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.subtitle = QLabel()
        self.badge = QLabel()
        self.badge.setObjectName("team_status_badge")
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setObjectName("team_edit")
        self.edit_button.setVisible(ctx.can("team.edit"))
        self.status_button = QPushButton(self.tr("Change &status…"))
        self.status_button.setVisible(ctx.can("team.status"))
        self.close_button = QPushButton(self.tr("Close"))
        self.edit_button.clicked.connect(self.edit_team)
        self.status_button.clicked.connect(self.change_status)
        self.close_button.clicked.connect(self.reject)

        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        head.addLayout(names, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.status_button, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("team_tabs")
        self.profile = TeamProfileTab(can_edit=ctx.can("team.edit"))
        self.profile.buttons["dishonest"].clicked.connect(self.edit_dishonest)
        self.profile.buttons["related"].clicked.connect(self.edit_related_parties)
        self.members = TeamMembersTab(ctx, team_id)
        self.leases = TeamLeasesTab(ctx, team_id, self.team.name_zh)
        self.history = TeamHistoryTab(ctx, team_id) if ctx.can("team.view") else None
        self.applications = TeamApplicationsTab(ctx, team_id)
        self.eligibility = TeamEligibilityTab(ctx, team_id)
        self.notices = TeamNoticesTab(ctx, team_id)
        self.tabs.addTab(self.profile, self.tr("&Profile"))
        self.tabs.addTab(self.members, self.tr("&Members"))
        self.tabs.addTab(self.leases, self.tr("&Leases and rent waiver"))
        self.rent = TeamRentTab(ctx, team_id)
        self.tabs.addTab(self.rent, self.tr("&Rent"))
        self.tabs.addTab(self.applications, self.tr("&Applications"))
        self.tabs.addTab(self.eligibility, self.tr("El&igibility"))
        self.tabs.addTab(self.notices, self.tr("&Notices"))
        if self.history is not None:
            self.tabs.addTab(self.history, self.tr("&History"))

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.dialog: QDialog | None = None
        ctx.changes.changed.connect(self._on_changes)
        self.finished.connect(self._finished)
        self.show_team()

    def show_team(self) -> None:
        team = self.team
        self.setWindowTitle(self.tr("Team: {name}").format(name=team.name_zh))
        self.title.setText(team.name_zh)
        self.subtitle.setText(f"{team.name_en}  ·  {team.uscc}" if team.name_en else team.uscc)
        self.badge.setText(f" {status_label(team.status)} ")
        self.badge.setStyleSheet(
            f"color: white; background: {STATUS_BADGE.get(team.status, '#555')};"
            " border-radius: 4px; padding: 3px 8px; font-weight: 600;"
        )
        self.status_button.setEnabled(bool(STATUS_MOVES.get(team.status)))
        self.profile.show_team(team)

    def _on_changes(self, changes: Changes) -> None:
        # Anything of this team: its fields, members, leases, applications, notices.
        if changes.touches(
            Entity.TEAM,
            Entity.MEMBER,
            Entity.LEASE,
            Entity.APPLICATION,
            Entity.NOTICE,
            team_id=self.team_id,
        ):
            self.reload()

    def reload(self) -> None:
        try:
            self.team = find_team(self.ctx.db, self.team_id)
        except DeskError:
            self.close()
            return
        self.show_team()
        for tab in (
            self.members,
            self.leases,
            self.rent,
            self.history,
            self.applications,
            self.eligibility,
            self.notices,
        ):
            if tab is not None:
                tab.reload()

    def edit_team(self) -> None:
        self.dialog = TeamFormDialog(self.ctx, self.team, parent=self)
        self.dialog.open()

    def edit_dishonest(self) -> None:
        self.dialog = DishonestDialog(self.ctx, self.team, parent=self)
        self.dialog.open()

    def edit_related_parties(self) -> None:
        self.dialog = RelatedPartiesDialog(self.ctx, self.team, parent=self)
        self.dialog.open()

    def change_status(self) -> None:
        self.dialog = StatusDialog(self.ctx, self.team, parent=self)
        self.dialog.open()

    def _finished(self) -> None:
        # Closed (Close, Escape or the window's ×): stop listening, so a closed window never reloads.
        try:
            self.ctx.changes.changed.disconnect(self._on_changes)
        except (RuntimeError, TypeError):
            pass
