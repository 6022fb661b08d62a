"""What a suggestion is, and the errors of suggestions, gazetteers and models (E130–E139).

A :class:`Suggestion` is a span a source proposes (``gazetteer``, or a model's
name and version) with a score; it is never an annotation until an annotator
accepts it (:mod:`annotator.core.suggestions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId

__all__ = [
    "GAZETTEER",
    "InvalidTermList",
    "ModelNotFound",
    "NothingToLabel",
    "NothingToTrain",
    "Rejection",
    "Suggestion",
    "TrainingFailed",
    "UnknownSuggestion",
]

GAZETTEER = "gazetteer"


class UnknownSuggestion(AnnotatorError):
    """The suggestion is gone (accepted, rejected or replaced by a new fill)."""

    code = "E130"


class NothingToLabel(AnnotatorError):
    """Label-all-occurrences from a span that is not an entity, or whose text folds to nothing."""

    code = "E131"


class InvalidTermList(AnnotatorError):
    """A gazetteer list with a bad line (no label, unknown label, empty term)."""

    code = "E132"


class ModelNotFound(AnnotatorError):
    """``--model`` names neither a folder with a spaCy pipeline nor an installed package."""

    code = "E133"


class NothingToTrain(AnnotatorError):
    """No document is done (or no gold) to train on."""

    code = "E134"


class TrainingFailed(AnnotatorError):
    """``spacy train`` stopped with an error; its last lines are in the message."""

    code = "E135"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed span: ``label`` over ``start``–``end`` of a document's stored text.

    :param source: ``gazetteer`` or a model's ``name-version``.
    :param score: 0–1, how sure the source is.
    :param attrs: what the source adds (a gazetteer's ``counts`` per label).
    """

    id: str
    doc_id: DocId
    label: str
    start: int
    end: int
    source: str
    score: float
    attrs: dict[str, Any] = field(default_factory=dict)
    created: str = ""


@dataclass(frozen=True, slots=True)
class Rejection:
    """A remembered "no": this folded text, as this label, from this source, in this document."""

    doc_id: DocId
    text_key: str
    label: str
    source: str
