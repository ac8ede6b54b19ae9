"""The Chinese interface: every text translated, the compiled catalogue current, and used at run time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitown.db import Database
from tests.conftest import Staff
from ui import i18n, i18n_update
from ui.dialogs.login import LoginDialog
from ui.labels import status_label
from ui.models.teams_model import COL_NAME_ZH, TeamsModel


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert i18n.install_translators(qapp, i18n.CHINESE)
    yield
    i18n.install_translators(qapp, i18n.ENGLISH)


def test_every_text_of_the_interface_has_a_chinese_translation() -> None:
    missing = i18n_update.unfinished(i18n_update.ts_path("zh_CN"))
    assert missing == [], "run `python -m ui.i18n_update` and translate these texts"


def test_lupdate_finds_no_text_that_the_catalogue_lacks(tmp_path: Path) -> None:
    """pyside6-lupdate on a copy of ui/ and the .ts: a text added to the code without running
    the update (or without translating it) shows up here as unfinished."""
    shutil.copytree(
        i18n_update.ROOT / "ui", tmp_path / "ui", ignore=shutil.ignore_patterns("__pycache__")
    )
    ts = tmp_path / "copy.ts"
    shutil.copy(i18n_update.ts_path("zh_CN"), ts)
    i18n_update.collect("zh_CN", ts, root=tmp_path)
    assert i18n_update.unfinished(ts) == [], "run `python -m ui.i18n_update` and translate these"


def test_the_check_catches_a_new_untranslated_button(tmp_path: Path) -> None:
    shutil.copytree(
        i18n_update.ROOT / "ui", tmp_path / "ui", ignore=shutil.ignore_patterns("__pycache__")
    )
    widget = tmp_path / "ui" / "widgets" / "probe_button.py"
    widget.write_text(
        "from PySide6.QtWidgets import QPushButton\n\n\n"
        "class ProbeButton(QPushButton):\n"
        "    def __init__(self) -> None:\n"
        '        super().__init__(self.tr("&Frobnicate the pools"))\n',
        encoding="utf-8",
    )
    ts = tmp_path / "copy.ts"
    shutil.copy(i18n_update.ts_path("zh_CN"), ts)
    i18n_update.collect("zh_CN", ts, root=tmp_path)
    assert i18n_update.unfinished(ts) == [("ProbeButton", "&Frobnicate the pools")]


def test_the_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    ts = i18n_update.ts_path("zh_CN")
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [i18n_update.tool("pyside6-lrelease"), str(ts), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), (
        f"{ts.with_suffix('.qm').name} is stale: run `{sys.executable} -m ui.i18n_update`"
    )


def test_the_interface_speaks_chinese_with_the_translator(
    qtbot: QtBot, db: Database, staff: Staff, chinese: None
) -> None:
    dialog = LoginDialog(db, "zh_CN")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "登录 — AI 小镇服务台"
    assert dialog.ok_button.text() == "登录(&L)"
    model = TeamsModel(db)
    assert model.headerData(COL_NAME_ZH, Qt.Orientation.Horizontal) == "中文名称"
    assert status_label("admitted") == "已入驻"
    assert i18n.current_language() == "zh_CN"


def test_language_setting_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv("AITOWN_LANG", raising=False)
    assert i18n.stored_language(settings) == "en"
    i18n.store_language(settings, "zh_CN")
    assert i18n.stored_language(settings) == "zh_CN"
    monkeypatch.setenv("AITOWN_LANG", "en")
    assert i18n.stored_language(settings) == "en"  # the environment wins (tests, screenshots)
