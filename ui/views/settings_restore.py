"""Settings → Backups → Restore from a backup… (administrators, SQLite only).

The same restore as ``aitown-cli restore`` (aitown.services.restore): choose a file, check it
(an intact AI Town Desk database whose audit chain is whole, not from a newer version), say what
will be replaced and that the current file is kept beside it, ask, then swap the file in off the
GUI thread. The windows still hold records of the database that was replaced, so the application
then closes and asks to be started again: one clean way back, with the user logging in to the
restored database (whose users may differ).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from aitown.services import backup as backup_service
from aitown.services import restore as restore_service
from ui import messages
from ui.context import DeskContext
from ui.ops import run_op


def end_after_restore() -> None:
    """Close the application once the restored database is in place (the next start opens it)."""
    QTimer.singleShot(0, QApplication.closeAllWindows)
    QTimer.singleShot(0, QApplication.quit)


def can_restore(ctx: DeskContext) -> bool:
    return ctx.db.is_sqlite and ctx.db.sqlite_path is not None and ctx.can("backup.run")


def choose_backup(parent: QWidget, ctx: DeskContext) -> str:
    start = str(backup_service.backup_folder(ctx.db))
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("RestoreBackup", "Choose the backup to restore"),
        start,
        QCoreApplication.translate(
            "RestoreBackup", "AI Town Desk backups (*.sqlite);;All files (*)"
        ),
    )
    return path


def restore_from_backup(parent: QWidget, ctx: DeskContext) -> None:
    """Choose, check, confirm and restore a backup; then end the application cleanly."""
    if not can_restore(ctx):
        return
    chosen = choose_backup(parent, ctx)
    if not chosen:
        return
    source = Path(chosen)
    target = ctx.db.sqlite_path
    assert target is not None  # can_restore checked it

    def confirm(_revision: str) -> None:
        question = QCoreApplication.translate(
            "RestoreBackup",
            "The backup {source} is intact and can be restored.\n\n"
            "It will replace the database {target}: everything recorded after the backup was "
            "made is replaced by the backup's data. The current database is kept beside it as "
            "{name}.before-restore-….sqlite, so nothing is lost.\n\n"
            "Every other desk must have closed the database. AI Town Desk closes after the "
            "restore; start it again to work in the restored database.\n\nRestore now?",
        ).format(source=source, target=target, name=Path(target).stem)
        if messages.ask(
            parent, question, QCoreApplication.translate("RestoreBackup", "Restore from a backup")
        ):
            run_restore()

    def run_restore() -> None:
        db, actor = ctx.db, ctx.actor

        def work(_control: object) -> Path | None:
            # This desk's own connections would count as "open elsewhere": close them first. If
            # the restore is refused, the next read simply opens the database again.
            db.dispose()
            return restore_service.restore_database(target, source, actor)

        run_op(
            ctx,
            parent,
            work,
            on_success=restored,
            label=QCoreApplication.translate(
                "RestoreBackup", "Restoring the database from the backup…"
            ),
        )

    def restored(kept: Path | None) -> None:
        text = QCoreApplication.translate(
            "RestoreBackup", "The database {target} was restored from {source}."
        ).format(target=target, source=source)
        if kept is not None:
            text += "\n" + QCoreApplication.translate(
                "RestoreBackup", "The database as it was before is kept in {kept}."
            ).format(kept=kept)
        text += "\n\n" + QCoreApplication.translate(
            "RestoreBackup", "AI Town Desk closes now; start it again and log in."
        )
        messages.show_info(
            parent, text, QCoreApplication.translate("RestoreBackup", "Restore from a backup")
        )
        end_after_restore()

    run_op(
        ctx,
        parent,
        lambda _control: restore_service.check_restorable(source),
        on_success=confirm,
        label=QCoreApplication.translate("RestoreBackup", "Checking the backup…"),
    )
