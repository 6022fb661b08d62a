"""Interface language: Qt translations and the layout direction that goes with them.

English is the source language (no translator). Arabic installs our
``annotator_ar.qm`` and, when Qt ships one, ``qtbase_ar.qm`` for standard
buttons, then mirrors the whole application (``Qt.RightToLeft``). Widgets that
show translated text react to ``QEvent.LanguageChange``.

To update the Arabic strings: ``pyside6-lupdate $(find annotator/gui -name "*.py") -ts
resources/translations/annotator_ar.ts``, translate, then ``pyside6-lrelease
resources/translations/annotator_ar.ts``.
"""

from __future__ import annotations

import locale
import re
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

LANGUAGES: dict[str, str] = {"en": "English", "ar": "العربية"}
RTL_LANGUAGES = frozenset({"ar"})

_installed: list[QTranslator] = []
_current = "en"


def translations_dir() -> Path:
    return Path(str(resources.files("annotator.resources").joinpath("translations")))


def system_language() -> str:
    """``ar`` when the system locale is Arabic, else ``en``."""
    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "ar" if name.lower().startswith("ar") else "en"


def current_language() -> str:
    return _current


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES


def set_language(language: str, app: QCoreApplication | None = None) -> str:
    """Install the translations of ``language`` and set the layout direction.

    :returns: the language in effect (``en`` when ``language`` is unknown or
        its translation file is missing).
    """
    global _current
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    if language not in LANGUAGES:
        language = "en"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        ours = QTranslator(app)
        if ours.load(f"annotator_{language}", str(translations_dir())):
            app.installTranslator(ours)
            _installed.append(ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt_base = QTranslator(app)
            if qt_base.load(f"qtbase_{language}", qt_dir):
                app.installTranslator(qt_base)
                _installed.append(qt_base)
        else:
            language = "en"
    _current = language
    if isinstance(app, QApplication):
        direction = (
            Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight
        )
        app.setLayoutDirection(direction)
    return language


# The one idiom for interface text: ``translate("Context", "Text with %1")`` with an
# explicit context (so moving code between classes keeps its translations), then
# :func:`fill` for Qt's placeholders. Called by this name so that pyside6-lupdate
# finds the strings.
translate = QCoreApplication.translate


def fill(text: str, *values: object) -> str:
    """Qt's placeholders ``%1``, ``%2``, … of a translated text, filled with ``values``.

    In one pass over ``text``: a value that itself holds ``%1`` (a title, a
    search) is inserted as it is, never filled again; ``%10`` is the tenth value,
    not the first followed by a 0; a placeholder without a value stays.
    """

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 1 <= number <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, text)


_PLACEHOLDER = re.compile(r"%(\d+)")
