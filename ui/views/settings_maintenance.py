"""Settings → Backups and Settings → Policy file.

Backups run off the GUI thread with progress and Cancel (aitown.services.backup); on PostgreSQL
the service's sentence says to use pg_dump. The policy box shows the active policy and loads a
new version (aitown.services.policies).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.policy.model import Policy
from aitown.services import backup as backup_service
from aitown.services import policies as policy_service
from ui import messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.models.history_model import local_time
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.views import settings_restore


class BackupSettings(QGroupBox):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(self.tr("Backups"), parent)
        self.ctx = ctx
        self.info = QLabel()
        self.info.setObjectName("backup_info")
        self.info.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("&Back up now…"))
        self.backup_button.setObjectName("backup_now")
        self.backup_button.setEnabled(ctx.can("backup.run"))
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton(self.tr("&Restore from a backup…"))
        self.restore_button.setObjectName("backup_restore")
        self.restore_button.setVisible(settings_restore.can_restore(ctx))
        self.restore_button.clicked.connect(lambda: settings_restore.restore_from_backup(self, ctx))
        self.last_result = QLabel()
        self.last_result.setObjectName("backup_result")
        self.last_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.info, 1)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(self._daily_row())
        layout.addWidget(self.last_result)
        self.describe()

    def _daily_row(self) -> QHBoxLayout:
        """The automatic daily copies: how many are kept, and in which folder."""
        self.keep = QSpinBox()
        self.keep.setObjectName("backup_keep")
        self.keep.setRange(1, 3650)
        self.daily_folder = QLabel()
        self.daily_folder.setObjectName("backup_daily_folder")
        self.daily_folder.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("Change fol&der…"))
        self.folder_button.setObjectName("backup_change_folder")
        self.save_daily = QPushButton(self.tr("&Save"))
        self.save_daily.setObjectName("backup_save_daily")
        label = QLabel(self.tr("Daily copies &kept:"))
        label.setBuddy(self.keep)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.keep)
        row.addWidget(self.daily_folder, 1)
        row.addWidget(self.folder_button)
        row.addWidget(self.save_daily)
        usable = self.ctx.db.is_sqlite and self.ctx.can("backup.run")
        for w in (label, self.keep, self.daily_folder, self.folder_button, self.save_daily):
            w.setVisible(usable)
        if usable:
            self.keep.setValue(backup_service.backup_keep(self.ctx.db))
            self._folder = str(backup_service.backup_folder(self.ctx.db))
            self.daily_folder.setText(self.tr("in {folder}").format(folder=self._folder))
            self.folder_button.clicked.connect(self.change_daily_folder)
            self.save_daily.clicked.connect(self.save_daily_settings)
        return row

    def change_daily_folder(self) -> None:
        folder = self.choose_folder()
        if folder:
            self._folder = folder
            self.daily_folder.setText(self.tr("in {folder}").format(folder=folder))

    def save_daily_settings(self) -> None:
        try:
            backup_service.set_backup_settings(
                self.ctx.db, self.ctx.actor, keep=self.keep.value(), folder=self._folder
            )
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return
        self.last_result.setText(
            self.tr("Daily copies: the newest {keep} are kept in {folder}.").format(
                keep=self.keep.value(), folder=self._folder
            )
        )

    def describe(self) -> None:
        if not self.ctx.db.is_sqlite:
            self.info.setText(self.ctx.message(backup_service.postgres_advice(self.ctx.db)))
            self.backup_button.setEnabled(False)
            return
        if not self.ctx.can("backup.run"):
            self.info.setText(self.tr("Only an administrator can make backups."))
            return
        self.info.setText(
            self.tr(
                "A checked copy of the database is saved in a folder you choose (default: {folder})."
            ).format(folder=backup_service.backup_folder(self.ctx.db))
        )

    def choose_folder(self) -> str:
        start = str(backup_service.backup_folder(self.ctx.db))
        return QFileDialog.getExistingDirectory(self, self.tr("Choose the backup folder"), start)

    def back_up(self) -> None:
        folder = self.choose_folder()
        if not folder:
            return
        db, actor = self.ctx.db, self.ctx.actor

        def work(control: TaskControl) -> Path:
            Path(folder).mkdir(parents=True, exist_ok=True)
            return backup_service.backup_database(
                db, actor, folder, progress=control.progress, cancel=lambda: control.cancelled
            )

        def done(path: Any) -> None:
            self.last_result.setText(self.tr("Backup saved: {path}").format(path=path))

        def failed(exc: DeskError) -> None:
            if isinstance(exc, backup_service.BackupCancelled):
                self.last_result.setText(self.tr("The backup was cancelled; nothing was kept."))
                return
            messages.show_error(self, self.ctx.message(exc))

        run_op(
            self.ctx,
            self,
            work,
            on_success=done,
            on_failure=failed,
            busy=[self.backup_button],
            label=self.tr("Backing up the database…"),
            cancellable=True,
        )


class PolicySettings(QGroupBox):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(self.tr("Policy file"), parent)
        self.ctx = ctx
        self.active = QLabel()
        self.active.setObjectName("policy_active")
        self.active.setWordWrap(True)
        self.load_button = QPushButton(self.tr("&Load a new version…"))
        self.load_button.setObjectName("policy_load")
        self.load_button.setVisible(ctx.can("policy.load"))
        self.load_button.clicked.connect(self.load_new)
        self.versions = QTableWidget(0, 4)
        self.versions.setObjectName("policy_versions")
        self.versions.setHorizontalHeaderLabels(
            [self.tr("Policy"), self.tr("Version"), self.tr("Loaded"), self.tr("Active")]
        )
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.verticalHeader().hide()
        self.versions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.versions.setMaximumHeight(140)
        row = QHBoxLayout()
        row.addWidget(self.active, 1)
        row.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.versions)
        self.reload()

    def reload(self) -> None:
        try:
            policy = policy_service.current_policy(self.ctx.db)
            rows = policy_service.list_policy_versions(self.ctx.db)
        except DeskError as exc:
            self.active.setText(self.ctx.message(exc))
            return
        self.active.setText(
            self.tr("Active policy: {name} ({id}), version {version}").format(
                name=self.ctx.pick(policy.name_en, policy.name_zh),
                id=policy.id,
                version=policy.version,
            )
        )
        self.versions.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [
                row.policy_id,
                row.version,
                local_time(row.loaded_at),
                self.tr("yes") if row.active else "",
            ]
            for c, text in enumerate(cells):
                self.versions.setItem(r, c, QTableWidgetItem(text))

    def load_new(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a policy file"), "", self.tr("Policy files (*.toml)")
        )
        if not path:
            return
        db, actor = self.ctx.db, self.ctx.actor

        def loaded(policy: Policy) -> None:
            messages.show_info(
                self,
                self.tr("Policy {id} version {version} is now active.").format(
                    id=policy.id, version=policy.version
                ),
            )
            self.reload()

        run_op(
            self.ctx,
            self,
            lambda _control: policy_service.load_policy_version(db, actor, path),
            # A new policy may change the pools' totals.
            changes=[Change(Entity.OFFICE), Change(Entity.POOL)],
            on_success=loaded,
            busy=[self.load_button],
        )
