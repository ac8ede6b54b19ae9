"""The very first start: create the office and its first administrator, then offer demo data."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.db import Database
from aitown.demo import DEMO_PASSWORD, DemoSummary, load_demo
from aitown.errors import DeskError, ValidationError
from aitown.services.actor import Actor
from aitown.services.office import OFFICE_CODE_RE, default_doc_prefix, initialise_office
from ui import checks, messages
from ui.context import DeskContext
from ui.i18n import error_lang
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.widgets.form import CheckedForm, add_form_buttons


def office_code_check(text: str) -> None:
    code = text.strip()
    if not OFFICE_CODE_RE.fullmatch(code):
        raise ValidationError(
            f"The office code “{code}” is not allowed: use 2–32 letters, digits, - or _ (e.g. XH01).",
            f"办公室代码“{code}”无效：请使用2–32个字母、数字、- 或 _（例如 XH01）。",
            field="code",
        )


class FirstStartDialog(QDialog):
    """Asks for the office and the first administrator; ``actor`` is the administrator after OK."""

    def __init__(self, db: Database, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Set up AI Town Desk"))
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This database is new. Enter your office and create the first administrator; you will log in with this name and password."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        office_box = QGroupBox(self.tr("Office"))
        office_form = QFormLayout(office_box)
        self.form = CheckedForm(office_form, lang, self)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XH01")
        self.name_zh = QLineEdit()
        self.name_zh.setPlaceholderText("徐汇区人工智能孵化中心")
        self.name_en = QLineEdit()
        self.doc_prefix = QLineEdit()
        self.form.add("code", self.tr("Office &code:"), self.code, office_code_check)
        self.form.add(
            "name_zh",
            self.tr("C&hinese name:"),
            self.name_zh,
            checks.required("office name", "办公室名称", "name_zh"),
        )
        self.form.add("name_en", self.tr("&English name:"), self.name_en)
        self.form.add("doc_prefix", self.tr("&Document prefix:"), self.doc_prefix)
        self.name_zh.textChanged.connect(self._suggest_prefix)
        layout.addWidget(office_box)

        admin_box = QGroupBox(self.tr("First administrator"))
        admin_form = QFormLayout(admin_box)
        # One CheckedForm for both boxes: the OK button waits for every field.
        self.admin_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.add(
            "admin_name",
            self.tr("User &name:"),
            self.admin_name,
            checks.user_name_check,
            layout=admin_form,
        )
        self.form.add(
            "password",
            self.tr("&Password:"),
            self.password,
            checks.password_check,
            layout=admin_form,
        )
        self.form.add(
            "password2",
            self.tr("Password &again:"),
            self.password2,
            checks.same_as(self.password.text),
            layout=admin_form,
        )
        layout.addWidget(admin_box)
        self.form.align_captions()
        layout.addWidget(self.form.banner)

        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("C&reate"), self.create_office
        )

    def _suggest_prefix(self, name_zh: str) -> None:
        self.doc_prefix.setPlaceholderText(default_doc_prefix(name_zh) if name_zh.strip() else "")

    def create_office(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        v = self.form.values()
        try:
            self.actor = initialise_office(
                self.db,
                code=v["code"],
                name_zh=v["name_zh"],
                name_en=v["name_en"],
                doc_prefix=v["doc_prefix"] or None,
                admin_name=v["admin_name"],
                admin_password=v["password"],
            )
        except DeskError as exc:
            self.form.show_refusal(exc, {"name": "admin_name", "password": "password"})
            return
        self.accept()


def offer_demo_data(
    parent: QWidget | None, db: Database, actor: Actor, lang: str, then: Callable[[], None]
) -> None:
    """Ask whether to fill the new database with demo data, load it off the GUI thread, then call
    ``then()`` (whatever the answer or the outcome)."""
    if not messages.ask(
        parent,
        QCoreApplication.translate(
            "FirstStart",
            "Fill the database with demo data (about 60 sample teams, units, leases and two demo users)? Choose No to start with an empty database.",
        ),
    ):
        then()
        return

    def work(control: TaskControl) -> DemoSummary:
        return load_demo(db, actor, teams=60, seed=2025)

    def done(summary: DemoSummary) -> None:
        messages.show_info(
            parent,
            QCoreApplication.translate(
                "FirstStart",
                "The demo data is loaded. The demo users “desk” and “reviewer” have the password {password}.",
            ).format(password=DEMO_PASSWORD),
        )

    def failed(exc: DeskError) -> None:
        messages.show_error(parent, exc.message_for(error_lang(lang)))

    # The main window's context does not exist yet: this one carries the database and the
    # administrator into the one operation helper (nothing listens to its change bus yet).
    ctx = DeskContext(db=db, actor=actor, settings=QSettings(), lang=lang)
    run_op(
        ctx,
        parent,
        work,
        on_success=done,
        on_failure=failed,
        # Whatever the outcome (a refusal, or a bug shown by the last-resort handler), go on.
        on_finished=then,
        label=QCoreApplication.translate("FirstStart", "Loading demo data…"),
    )
