"""What every format's exporter is given, and what it must do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from annotator.core.export.align import AlignedDocument, Policy
from annotator.core.export.select import SelectedDocument, Selection
from annotator.core.model import LabelKind


@dataclass(frozen=True, slots=True)
class ExportContext:
    """:param work_dir: the temporary folder the files are written into."""

    work_dir: Path
    part_names: tuple[str, ...]
    kinds: Mapping[str, LabelKind]
    selection: Selection
    policy: Policy
    scheme: str = "iob2"
    claims_column: bool = False


class Exporter(Protocol):
    """One per format: ``EXPORTERS[fmt](context)``, then ``add`` each document, then
    ``close``. ``add`` returns what was exported of the document (for the report)."""

    extension: str
    notes: list[str]
    warnings: list[str]

    def add(self, part: int, item: SelectedDocument) -> AlignedDocument: ...

    def close(self) -> list[str]:
        """Finish the files; return their names (relative to ``work_dir``)."""
        ...

    def discard(self) -> None:
        """Release temporary resources after a failure or a cancel."""
        ...
