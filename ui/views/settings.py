"""The Settings screen: office, language, users, backups, policy file."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aitown.services.office import get_office, update_office
from ui import checks
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, store_language
from ui.ops import run_op
from ui.views.settings_maintenance import BackupSettings, PolicySettings
from ui.views.settings_notices import NoticeSettings
from ui.views.settings_users import UsersSettings
from ui.widgets.form import CheckedForm


class OfficeSettings(QGroupBox):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(self.tr("Office"), parent)
        self.ctx = ctx
        self.editable = ctx.can("office.edit")
        form_layout = QFormLayout()
        self.form = CheckedForm(form_layout, ctx.lang, self)
        self.code = QLabel()
        self.code.setObjectName("office_code")
        form_layout.addRow(self.tr("Office code:"), self.code)
        self.name_zh = QLineEdit()
        self.name_zh.setObjectName("office_name_zh")
        self.name_en = QLineEdit()
        self.doc_prefix = QLineEdit()
        self.form.add(
            "name_zh",
            self.tr("&Chinese name:"),
            self.name_zh,
            checks.required("office name", "办公室名称", "name_zh"),
        )
        self.form.add("name_en", self.tr("English na&me:"), self.name_en)
        self.form.add(
            "doc_prefix",
            self.tr("&Document prefix:"),
            self.doc_prefix,
            checks.required("document prefix", "文号前缀", "doc_prefix", 40),
        )
        for edit in (self.name_zh, self.name_en, self.doc_prefix):
            edit.setReadOnly(not self.editable)
        self.save_button = QPushButton(self.tr("&Save office"))
        self.save_button.setObjectName("office_save")
        self.save_button.setVisible(self.editable)
        self.save_button.clicked.connect(self.save)
        self.form.valid_changed.connect(self.save_button.setEnabled)
        self.saved = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.banner)
        layout.addLayout(form_layout)
        row = QHBoxLayout()
        row.addWidget(self.saved, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        if not self.editable:
            layout.addWidget(QLabel(self.tr("Only an administrator can change the office.")))
        self.reload()

    def reload(self) -> None:
        office = get_office(self.ctx.db)
        self.code.setText(office.code)
        self.name_zh.setText(office.name_zh)
        self.name_en.setText(office.name_en)
        self.doc_prefix.setText(office.doc_prefix)
        self.form.revalidate()

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor = self.ctx.db, self.ctx.actor
        name_zh, name_en = self.name_zh.text().strip(), self.name_en.text().strip()
        doc_prefix = self.doc_prefix.text().strip()
        run_op(
            self.ctx,
            self,
            lambda _control: update_office(
                db, actor, name_zh=name_zh, name_en=name_en, doc_prefix=doc_prefix
            ),
            changes=[Change(Entity.OFFICE)],
            on_success=lambda _result: self.saved.setText(self.tr("Saved.")),
            on_failure=self.form.show_refusal,
            busy=[self.save_button],
        )


class LanguageSettings(QGroupBox):
    """The language; ``chosen(lang)`` lets the running application apply it at once (ui.session
    rebuilds the main window). Unheard, the note says it applies at the next start."""

    chosen = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(self.tr("Language"), parent)
        self.ctx = ctx
        self.choice = QComboBox()
        self.choice.setObjectName("language_choice")
        for lang in LANGUAGES:
            self.choice.addItem(LANGUAGE_NAMES[lang], lang)
        self.choice.setCurrentIndex(max(0, self.choice.findData(current_language())))
        self.note = QLabel()
        self.note.setObjectName("language_note")
        self.note.setWordWrap(True)
        label = QLabel(self.tr("&Language of the application:"))
        label.setBuddy(self.choice)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.choice)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.choice.currentIndexChanged.connect(self.changed)

    def changed(self) -> None:
        lang = self.choice.currentData()
        store_language(self.ctx.settings, lang)
        self.chosen.emit(lang)  # applied now when the main window listens
        self.note.setText(
            ""
            if lang == current_language()
            else self.tr("The new language takes effect when you start AI Town Desk again.")
        )


class SettingsView(QWidget):
    language_chosen = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel(self.tr("Settings"))
        title.setObjectName("screenTitle")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")

        general = QWidget()
        general_layout = QVBoxLayout(general)
        self.office = OfficeSettings(ctx)
        self.language = LanguageSettings(ctx)
        self.language.chosen.connect(self.language_chosen)
        self.notices = NoticeSettings(ctx)
        general_layout.addWidget(self.office)
        general_layout.addWidget(self.notices)
        general_layout.addWidget(self.language)
        general_layout.addStretch(1)

        self.users = UsersSettings(ctx)

        upkeep = QWidget()
        upkeep_layout = QVBoxLayout(upkeep)
        self.policy = PolicySettings(ctx)
        self.backups = BackupSettings(ctx)
        upkeep_layout.addWidget(self.policy)
        upkeep_layout.addWidget(self.backups)
        upkeep_layout.addStretch(1)

        self.tabs.addTab(general, self.tr("&Office and language"))
        self.tabs.addTab(self.users, self.tr("&Users"))
        self.tabs.addTab(upkeep, self.tr("&Policy and backups"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self.office.reload()
        self.notices.reload()
        self.users.reload()
        self.policy.reload()
