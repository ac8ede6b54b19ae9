"""Languages of the application: the setting, the translators, and fonts that can draw Chinese.

The language is chosen in Settings and stored in QSettings; ``AITOWN_LANG`` (``en`` or ``zh_CN``)
overrides it, which the tests and the screenshot script use. It is applied when the application
starts.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase

from aitown.paths import resource

log = logging.getLogger(__name__)

ENGLISH, CHINESE = "en", "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
# Shown in the language chooser in each language's own words, so anyone can find theirs.
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
SETTINGS_KEY = "ui/language"
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for pyside6-lupdate in ``context``; it is translated where it is shown.

    PySide6's own QT_TRANSLATE_NOOP does the same but is typed as returning ``object``; lupdate
    finds the mark by this name, whichever module the function comes from.
    """
    return source


_installed: list[QTranslator] = []
_current = ENGLISH


def current_language() -> str:
    """The language the application runs in (set once at start)."""
    return _current


def stored_language(settings: QSettings) -> str:
    """The language to use now: ``AITOWN_LANG`` if set, else the stored setting, else English."""
    env = os.environ.get("AITOWN_LANG", "").strip()
    if env:
        return CHINESE if env.lower().startswith("zh") else ENGLISH
    value = str(settings.value(SETTINGS_KEY, ENGLISH) or ENGLISH)
    return value if value in LANGUAGES else ENGLISH


def store_language(settings: QSettings, lang: str) -> None:
    settings.setValue(SETTINGS_KEY, lang if lang in LANGUAGES else ENGLISH)
    settings.sync()


def error_lang(lang: str) -> str:
    """The language code DeskError.message_for() understands."""
    return "zh" if lang.startswith("zh") else "en"


def install_translators(app: QCoreApplication, lang: str) -> bool:
    """Load our own catalogue and Qt's (buttons such as Cancel); returns whether ours loaded."""
    global _current
    _current = lang
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if lang == ENGLISH:
        return True
    ours = QTranslator(app)
    loaded = ours.load(str(resource("i18n", f"aitown_{lang}.qm")))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation catalogue for %s is missing; showing English", lang)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded


def add_cjk_font() -> str | None:
    """Register the shipped Chinese font, so Chinese shows even where the system has none."""
    path = resource("fonts", "wqy-microhei.ttc")
    if not path.exists():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("could not load %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None
