"""Errors as the user reads them: always with their code, in one place.

:func:`error_text` turns any exception a GUI action can meet into one line
starting with its code (``[E0xx]``); :func:`show_error` puts it in a dialog
that does not block (tests and a busy window go on).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError, FileProblem, UnexpectedError
from annotator.core.store import is_write_failure, write_failed


def as_annotator_error(exc: BaseException, *, path: Path | None = None) -> AnnotatorError:
    """The exception as an :class:`AnnotatorError` with a code and what to do.

    :param path: the project file, for SQLite's errors that do not name it.
    """
    if isinstance(exc, AnnotatorError):
        return exc
    if isinstance(exc, sqlite3.OperationalError) and is_write_failure(exc):
        return write_failed(path or Path("project"), exc)
    if isinstance(exc, OSError):
        name = exc.filename or (str(path) if path else "")
        reason = exc.strerror or str(exc)
        return FileProblem(f"{name}: {reason}." if name else f"{reason}.")
    return UnexpectedError(
        f"{type(exc).__name__}: {exc}. This is a bug in Annotator; please report it."
    )


def error_text(exc: BaseException, *, path: Path | None = None) -> str:
    """``[E0xx] message``: what went wrong and what to do, as one text."""
    return str(as_annotator_error(exc, path=path))


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A window-modal error dialog with the error's code; returns at once.

    The text is plain (a file name or a label can hold markup).
    """
    error = as_annotator_error(exc)
    parent = parent or QApplication.activeWindow()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    # One plain label: informative text would be read as rich text when it looks like it.
    box.setText(str(error))
    box.setObjectName("error-dialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
