"""What every format's exporter is given, and what it must do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal, Protocol, TextIO, overload

from annotator.core.doc_tokens import tokens_of
from annotator.core.export.align import AlignedDocument, Policy, align_document
from annotator.core.export.select import SelectedDocument, Selection
from annotator.core.model import LabelKind
from annotator.core.tokenizer import Token, split_tokens, token_bounds


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
    #: CoNLL: one entity tag column per nesting level (Wojood's layout).
    nested_columns: bool = False
    #: The attribute keys each label defines (stance, check_worthy, ...).
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: The project's clitic policy: how the project tokenizer tokenizes.
    clitics: str = "inside"

    @overload
    def open_parts(self, extension: str, *, binary: Literal[False] = False) -> list[TextIO]: ...
    @overload
    def open_parts(self, extension: str, *, binary: Literal[True]) -> list[BinaryIO]: ...

    def open_parts(self, extension: str, *, binary: bool = False) -> list[TextIO] | list[BinaryIO]:
        """One file per part (``train.conll``, …) in the work folder: text (UTF-8,
        ``\\n`` line ends) or, with ``binary``, for text the renderers encoded."""
        paths = [self.work_dir / f"{name}.{extension}" for name in self.part_names]
        if binary:
            raw: list[BinaryIO] = [open(path, "wb") for path in paths]  # noqa: SIM115
            return raw
        texts: list[TextIO] = [
            open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            for path in paths
        ]
        return texts

    def align(self, item: SelectedDocument) -> tuple[AlignedDocument, list[Token]]:
        """The document's spans on its tokens, the tokens split where a span needs it."""
        tokens = tokens_of(item.document, item.source_tokens, clitics=self.clitics)
        aligned = align_document(
            item.document, item.spans, self.kinds, policy=self.policy, tokens=lambda: tokens
        )
        if aligned.cuts:
            tokens = split_tokens(tokens, aligned.cuts)
        return aligned, tokens

    def align_bounds(
        self,
        item: SelectedDocument,
        *,
        bounds: tuple[list[int], list[int]] | None = None,
    ) -> tuple[AlignedDocument, list[int], list[int]]:
        """:meth:`align` with the tokens as their starts and their ends: no tuple per
        token unless a span needs a token split.

        :param bounds: the document's tokens (:func:`token_bounds`), if already made.
        """
        source = item.source_tokens
        if source is not None:
            starts = [s for s, _e in source.tokens]
            ends = [e for _s, e in source.tokens]
        elif bounds is not None:
            starts, ends = bounds
        else:
            starts, ends = token_bounds(item.document.text, clitics=self.clitics)
        aligned = align_document(
            item.document,
            item.spans,
            self.kinds,
            policy=self.policy,
            tokens=lambda: list(zip(starts, ends, strict=True)),
            bounds=(starts, ends),
        )
        if aligned.cuts:
            tokens = split_tokens(list(zip(starts, ends, strict=True)), aligned.cuts)
            starts = [s for s, _e in tokens]
            ends = [e for _s, e in tokens]
        return aligned, starts, ends


@dataclass(slots=True)
class Rendered:
    """One document made ready for its format by a :class:`Renderer`, in this
    process or in an export worker; the exporter writes it (in project order)."""

    #: What was exported of the document (for the report).
    aligned: AlignedDocument
    #: The format's text or bytes for the document.
    payload: Any
    #: The format's own counts (what its notes and warnings add up).
    tally: tuple[int, ...] = ()


class Renderer(Protocol):
    """Makes documents ready for one format, from the :class:`ExportContext` alone,
    so that worker processes can each build one (``RENDERERS[fmt](context)``)."""

    def render(self, part: int, item: SelectedDocument) -> Rendered: ...


class Exporter(Protocol):
    """One per format: ``EXPORTERS[fmt](context)``; then each document is rendered
    (by its :attr:`renderer`, here or in a worker) and written in project order with
    ``write``; then ``close``."""

    extension: str
    notes: list[str]
    warnings: list[str]

    @property
    def renderer(self) -> Renderer:
        """What makes each document ready for this format (built from the context alone)."""
        ...

    def write(self, part: int, payload: Any, tally: tuple[int, ...]) -> None:
        """Append a document a :class:`Renderer` made (its ``payload`` and ``tally``)."""
        ...

    def close(self) -> list[str]:
        """Finish the files; return their names (relative to ``work_dir``)."""
        ...

    def discard(self) -> None:
        """Release temporary resources after a failure or a cancel."""
        ...
