"""A dictionary of the project's own confirmed entities, and the suggestions it makes.

Every confirmed span feeds it: an annotator's entities and places on documents
they marked done, and gold. Terms are folded token tuples
(:mod:`annotator.core.matching`), so ``البوكمال``, ``البُوكمال`` and
``البوكـمال`` are one term and ``بالبوكمال`` holds it. A term seen with two
labels suggests the more frequent and carries both counts
(``attrs={"counts": {"GPE": 5, "ORG": 1}}``); its score is the winner's share.

A term whose first token starts with a proclitic (``لداعش``, as Wojood tags it)
also gives its stem (``داعش``) as a weaker entry, used only where no term was
confirmed as it stands.

Lists import and export as one term a line (with a label for the whole file)
or ``term,label`` CSV.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.doc_tokens import tokens_of
from annotator.core.matching import TermIndex, folded_tokens, proclitic_forms, term_key, text_key
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.core.suggestion_model import GAZETTEER, InvalidTermList, Suggestion

__all__ = ["MIN_RATE", "Gazetteer", "TermCounts", "build_gazetteer", "read_term_list"]

# A term is suggested only where annotators tagged at least this share of its
# occurrences in the documents they finished (``الأمن`` tagged once, left alone
# ten times, is a word, not a name). Measured in benchmarks/bench_suggest.py.
MIN_RATE = 0.5


@dataclass(slots=True)
class TermCounts:
    """How often a term was confirmed with each label (``counts``), and as the stem of
    a confirmed term with a proclitic (``derived``, used when ``counts`` is empty)."""

    surface: str
    counts: Counter[str] = field(default_factory=Counter)
    derived: Counter[str] = field(default_factory=Counter)
    # Times the term occurs in the confirmed documents, tagged or not (0: not counted).
    seen: int = 0

    def effective(self) -> Counter[str]:
        return self.counts if self.counts else self.derived

    def rate(self) -> float:
        """The share of its occurrences in confirmed documents that were tagged (1 if unknown)."""
        if not self.seen:
            return 1.0
        return min(1.0, sum(self.effective().values()) / self.seen)

    def best(self) -> tuple[str, float] | None:
        """The most frequent label, and the score: its share of the counts times :meth:`rate`."""
        counts = self.effective()
        if not counts:
            return None
        label, n = counts.most_common(1)[0]
        return label, n / sum(counts.values()) * self.rate()


class Gazetteer:
    """Terms with label counts; :meth:`suggest` proposes their occurrences in a text."""

    def __init__(self, *, source: str = GAZETTEER, min_rate: float = MIN_RATE) -> None:
        self.source = source
        self.min_rate = min_rate
        self.index: TermIndex[TermCounts] = TermIndex()

    def __len__(self) -> int:
        return sum(1 for _k, v in self.index.items() if v.counts)

    def add(self, term: str, label: str, *, count: int = 1) -> bool:
        """Count ``term`` (as written) once more as ``label``; ``False`` if it folds to nothing."""
        key = term_key(term)
        if not key:
            return False
        entry = self.index.get(key)
        if entry is None:
            entry = TermCounts(term.strip())
            self.index.put(key, entry)
        entry.counts[label] += count
        # The stem behind a proclitic, as a weaker entry (لداعش confirmed → داعش).
        for form, taken in proclitic_forms(key[0])[1:]:
            if taken and len(form) >= 3:
                stem = (form, *key[1:])
                stem_entry = self.index.get(stem)
                if stem_entry is None:
                    stem_entry = TermCounts(term.strip()[taken:])
                    self.index.put(stem, stem_entry)
                stem_entry.derived[label] += count
                break
        return True

    def count_occurrences(self, text: str, tokens: Sequence[tuple[int, int]]) -> None:
        """Count every term's occurrences in a confirmed document (for :meth:`TermCounts.rate`)."""
        for match in self.index.find(folded_tokens(text, tokens), nested=True):
            match.value.seen += 1

    def terms(self) -> list[tuple[str, str, dict[str, int]]]:
        """``(term, best label, counts)`` of every confirmed term, most frequent first."""
        rows = []
        for _key, entry in self.index.items():
            if not entry.counts:
                continue
            label, _share = entry.best() or ("", 0.0)
            rows.append((entry.surface, label, dict(entry.counts)))
        rows.sort(key=lambda r: (-sum(r[2].values()), r[0]))
        return rows

    def find(
        self,
        text: str,
        tokens: Sequence[tuple[int, int]],
        *,
        labels: set[str] | None = None,
        nested: bool = False,
    ) -> list[tuple[int, int, str, float, dict[str, int]]]:
        """``(start, end, label, score, counts)`` of every term found in ``text``.

        :param tokens: the document's tokens (what the editor snaps to).
        :param labels: labels that exist (others are left out).
        :param nested: also the terms inside a term found (a project with nested entities).
        """
        folded = folded_tokens(text, tokens)
        found = []
        for match in self.index.find(folded, nested=nested):
            best = match.value.best()
            if best is None or match.value.rate() < self.min_rate:
                continue
            label, score = best
            if labels is not None and label not in labels:
                continue
            start, end = tokens[match.first][0], tokens[match.stop - 1][1]
            found.append((start, end, label, score, dict(match.value.effective())))
        return found

    def suggest(self, project: Project, doc_id: int) -> list[Suggestion]:
        """Suggestions for a document, not yet stored (see :func:`suggestions.fill`)."""
        document = project.documents.get(doc_id)
        tokens = tokens_of(
            document, project.documents.source_tokens(doc_id), clitics=project.clitics
        )
        labels = set(project.labels.names())
        return [
            Suggestion(
                id="",
                doc_id=DocId(doc_id),
                label=label,
                start=start,
                end=end,
                source=self.source,
                score=round(score, 4),
                attrs={"counts": counts},
            )
            for start, end, label, score, counts in self.find(
                document.text, tokens, labels=labels, nested=not project.flat_entities
            )
        ]

    # --- lists --------------------------------------------------------------------

    def export_csv(self) -> str:
        """``term,label`` lines (the best label of each confirmed term), with a header."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["term", "label", "count"])
        for term, label, counts in self.terms():
            writer.writerow([term, label, sum(counts.values())])
        return out.getvalue()


def confirmed_documents(project: Project) -> list[tuple[DocId, str]]:
    """``(document, annotator)`` of every document an annotator marked done."""
    return project.statuses.with_status(Status.DONE)


def build_gazetteer(
    project: Project,
    *,
    annotator: str | None = None,
    gold: bool = True,
    imported: bool = True,
    source: str = GAZETTEER,
) -> Gazetteer:
    """The project's gazetteer: every entity/place span on a document its annotator
    marked done (only ``annotator``'s when given), every gold one (unless ``gold``
    is off), and the imported term lists (``gazetteer import``)."""
    gazetteer = Gazetteer(source=source)
    kinds = {label.name: label.kind.layer for label in project.labels.list()}
    by_doc: dict[DocId, set[str]] = {}
    for doc_id, who in confirmed_documents(project):
        if annotator is None or who == annotator:
            by_doc.setdefault(doc_id, set()).add(who)
    gold_docs = set(project.adjudications.with_gold()) if gold else set()
    confirmed = sorted(set(by_doc) | gold_docs)
    for doc_id in confirmed:
        text = project.documents.get(doc_id).text
        spans = [
            s for s in project.spans.for_document(doc_id) if s.annotator in by_doc.get(doc_id, ())
        ]
        if doc_id in gold_docs:
            spans += project.gold.for_document(doc_id)
        for span in spans:
            if kinds.get(span.label) == "ents":
                gazetteer.add(text[span.start : span.end], span.label)
    if imported:
        for term, label in project.suggestions.imported_terms():
            if label in kinds:
                gazetteer.add(term, label)
    # How often each term was left untagged where an annotator confirmed the document.
    for document in project.documents.iter(confirmed):
        gazetteer.count_occurrences(
            document.text,
            tokens_of(
                document, project.documents.source_tokens(document.id), clitics=project.clitics
            ),
        )
    return gazetteer


def read_term_list(path: Path, *, label: str | None, known: Sequence[str]) -> list[tuple[str, str]]:
    """Read a term list: one term a line (``label`` for all), or ``term,label`` CSV.

    A line is CSV when ``label`` is not given. A ``term,label`` header is skipped;
    blank lines and lines starting with ``#`` too.

    :raises InvalidTermList: naming the file and line (an unknown label, a line
        without a label, a term that is empty once folded); nothing is read then.
    """
    try:
        data = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidTermList(f"{path}: cannot be read as UTF-8 text ({exc}).") from None
    known_set = set(known)
    if label is not None and label not in known_set:
        raise InvalidTermList(
            f"--label {label!r} is not a label of the project; known: {', '.join(known)}."
        )
    terms: list[tuple[str, str]] = []
    rows: Iterable[list[str]]
    if label is None:
        rows = csv.reader(io.StringIO(data))
    else:
        rows = ([line] for line in data.splitlines())
    for number, row in enumerate(rows, 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if label is None:
            if len(row) < 2 or not row[1].strip():
                raise InvalidTermList(
                    f"{path}, line {number}: no label; write `term,label` on every line, "
                    "or give one label for the whole file with --label."
                )
            term, term_label = row[0].strip(), row[1].strip()
            if number == 1 and (term.lower(), term_label.lower()) == ("term", "label"):
                continue
        else:
            term, term_label = row[0].strip(), label
        if term_label not in known_set:
            raise InvalidTermList(
                f"{path}, line {number}: label {term_label!r} is not a label of the project; "
                f"known: {', '.join(known)}."
            )
        if not text_key(term):
            raise InvalidTermList(f"{path}, line {number}: the term is empty.")
        terms.append((term, term_label))
    return terms
