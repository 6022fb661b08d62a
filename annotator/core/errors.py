"""Exceptions named for the condition, carrying what the user needs to fix it.

Every error has a stable ``code`` (``E0xx``) so messages can be looked up and
tests can match on the condition rather than on wording.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base class for every error the user can act on."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


# --- project file -----------------------------------------------------------


class NotAProject(AnnotatorError):
    code = "E001"


class NewerSchema(AnnotatorError):
    code = "E002"


class ProjectLocked(AnnotatorError):
    code = "E003"


class ProjectReadOnly(AnnotatorError):
    code = "E004"


# --- data model --------------------------------------------------------------


class UnknownDocument(AnnotatorError):
    code = "E010"


class UnknownLabel(AnnotatorError):
    code = "E011"


class UnknownSpan(AnnotatorError):
    code = "E012"


class InvalidSpan(AnnotatorError):
    """Empty, reversed, or outside the document's text."""

    code = "E013"


class SpanOverlapsEntity(AnnotatorError):
    """An entity or place span would overlap another one of the same annotator."""

    code = "E014"

    def __init__(self, message: str, *, existing_id: str | None = None) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class LabelConflict(AnnotatorError):
    """A label name is taken, or the same name has another kind."""

    code = "E015"


class InvalidLabel(AnnotatorError):
    code = "E016"


class InvalidStatus(AnnotatorError):
    code = "E017"


# --- import ------------------------------------------------------------------


class ImportFailed(AnnotatorError):
    """A file could not be imported; names the file (and line) and what to do."""

    code = "E020"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = path or ""
        if path and line is not None:
            where = f"{path}, line {line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        # The problem alone, without file and line (to list several of one file).
        self.detail = message


class UnknownEncoding(ImportFailed):
    code = "E021"


class BinaryFile(ImportFailed):
    code = "E022"


class EmptyFile(ImportFailed):
    code = "E023"


class MalformedInput(ImportFailed):
    """A line that is not JSON, lacks a field, a malformed tag, a bad offset."""

    code = "E024"


class UnknownLabelInInput(ImportFailed):
    code = "E025"


class UnknownFormat(AnnotatorError):
    code = "E026"


# --- export -------------------------------------------------------------------


class ExportFailed(AnnotatorError):
    """An export could not be made; nothing was written."""

    code = "E040"


class OutputNotADirectory(ExportFailed):
    """``--out`` names an existing file."""

    code = "E041"


class InvalidSplit(ExportFailed):
    """``--split`` is not 2 or 3 non-negative fractions summing to 1."""

    code = "E042"


class ChooseAnnotator(ExportFailed):
    """The project has several annotators and none was chosen."""

    code = "E043"


class UnknownAnnotator(ExportFailed):
    code = "E044"


class NothingToExport(ExportFailed):
    """No document is selected (none marked done, or no gold)."""

    code = "E045"


class InvalidExportOption(ExportFailed):
    """An unknown scheme or sub-token policy, or options that do not go together."""

    code = "E046"


class ExportCancelled(ExportFailed):
    code = "E047"


# --- nested entities, source tokens, corpora (E070–E089) --------------------------


class NestedEntitiesPresent(AnnotatorError):
    """A project cannot become flat while entities lie inside others."""

    code = "E070"


class DuplicateSpanId(ImportFailed):
    """A span id used twice in a file, or by another document of the project."""

    code = "E071"


class ForbiddenCharacter(ImportFailed):
    """NUL or control characters in a text or a label name, or a label too long."""

    code = "E072"


class DocumentTooLarge(ImportFailed):
    """A document longer than the import's limit."""

    code = "E073"


class InvalidCliticPolicy(AnnotatorError):
    """A clitic policy other than ``inside`` or ``outside``."""

    code = "E074"


# --- attributes and links of claims (E120–E129) -------------------------------------


class InvalidAttribute(AnnotatorError):
    """An attribute definition or value the label set does not allow."""

    code = "E120"


class InvalidLinkType(AnnotatorError):
    """A link type in the label set that cannot be used (no name, unknown kinds)."""

    code = "E121"


class InvalidLink(AnnotatorError):
    """A link its type does not allow: wrong kinds of span, another document or
    annotator, an implicit value not offered, a span that is gone."""

    code = "E122"


class UnknownLink(AnnotatorError):
    code = "E123"


class UnknownClaimMatch(AnnotatorError):
    """Claims are matched by ``iou50`` or ``overlap``; another name was given."""

    code = "E124"


# --- writing ------------------------------------------------------------------


class WriteFailed(AnnotatorError):
    """SQLite could not write the project (disk full, read-only, I/O error); nothing was stored.

    :param reason: SQLite's own words, for a bug report.
    """

    code = "E090"

    def __init__(self, message: str, *, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


class FileProblem(AnnotatorError):
    """A file or folder could not be read or written (the operating system said why)."""

    code = "E091"


class UnexpectedError(AnnotatorError):
    """A bug: something failed that should not; the message asks for a report."""

    code = "E099"


# --- untrusted files, names (issue 11) -----------------------------------------


class InvalidName(AnnotatorError):
    """An annotator name that is empty, too long, or has control characters."""

    code = "E050"


class MergeRefused(AnnotatorError):
    """A merge that cannot go ahead; nothing was written."""

    code = "E031"


class UntrustedFile(MergeRefused):
    """A returned file fails a check (its schema, a row, a size); nothing was merged."""

    code = "E051"


class ReadTimeLimit(UntrustedFile):
    """Reading a returned file took longer than the merge allows."""

    code = "E052"
