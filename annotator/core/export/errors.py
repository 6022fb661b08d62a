"""Errors of the exporters.

They belong with the others in :mod:`annotator.core.errors`; they live here
until that file takes them (codes E040–E049 are reserved for exports).
"""

from __future__ import annotations

from annotator.core.errors import AnnotatorError


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
