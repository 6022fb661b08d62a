"""Offline teams: assigning documents and handing out project copies.

A lead assigns every document to one annotator and a chosen share to two or
more (that share is what agreement is measured on), then writes one project
file per annotator. The returned files come back through :mod:`merge`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId
from annotator.core.names import check_annotator_name
from annotator.core.store import NewDocument, Project


class InvalidAssignment(AnnotatorError):
    code = "E030"


@dataclass(frozen=True, slots=True)
class AssignmentPlan:
    by_document: dict[DocId, tuple[str, ...]]

    def load(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for annotators in self.by_document.values():
            counts.update(annotators)
        return dict(sorted(counts.items()))

    @property
    def shared(self) -> int:
        return sum(1 for a in self.by_document.values() if len(a) > 1)


def _rank(uid: str, seed: int) -> str:
    # By uid and seed, so a document's place does not depend on the others.
    return hashlib.sha256(f"{seed}:{uid}".encode()).hexdigest()


def plan_assignment(
    project: Project,
    annotators: Sequence[str],
    *,
    overlap: float,
    per_shared: int = 2,
    seed: int = 0,
) -> AssignmentPlan:
    """Give every document to one annotator and ``overlap`` of them to ``per_shared``.

    Balanced: each document goes to the least-loaded annotators (ties broken
    in a rotating order), so loads differ by at most one document.

    :raises InvalidAssignment: fewer than two annotators for an overlap, a
        share outside 0–1, ``per_shared`` outside 2–(annotators), duplicate
        names, or no documents.
    :raises InvalidName: an empty, overlong or control-character name.
    """
    names = [a.strip() for a in annotators]
    if not any(names):
        raise InvalidAssignment("Name at least one annotator, e.g. --annotators sara,omar.")
    for name in names:
        check_annotator_name(name, where="--annotators")
    if len(set(names)) != len(names):
        raise InvalidAssignment(f"Annotator names repeat: {', '.join(names)}.")
    if not 0.0 <= overlap <= 1.0:
        raise InvalidAssignment(f"--overlap {overlap}: give a share between 0 and 1, e.g. 0.2.")
    if overlap > 0 and len(names) < 2:
        raise InvalidAssignment("An overlap needs at least two annotators.")
    if overlap > 0 and not 2 <= per_shared <= len(names):
        raise InvalidAssignment(
            f"--per-shared {per_shared}: a shared document goes to 2 to {len(names)} annotators "
            f"(there are {len(names)})."
        )
    infos = project.documents.list()
    if not infos:
        raise InvalidAssignment(f"{project.path} has no documents to assign; import some first.")
    ordered = sorted(infos, key=lambda d: _rank(d.uid, seed))
    n_shared = round(overlap * len(ordered))
    load = dict.fromkeys(names, 0)
    turn = 0
    result: dict[DocId, tuple[str, ...]] = {}
    for index, info in enumerate(ordered):
        wanted = per_shared if index < n_shared else 1
        rotation = names[turn % len(names) :] + names[: turn % len(names)]
        chosen = sorted(rotation, key=lambda a: load[a])[:wanted]
        for a in chosen:
            load[a] += 1
        turn += 1
        result[info.id] = tuple(sorted(chosen))
    return AssignmentPlan(result)


def assign(
    project: Project,
    annotators: Sequence[str],
    *,
    overlap: float,
    per_shared: int = 2,
    seed: int = 0,
) -> AssignmentPlan:
    """Plan and store the assignment (replacing any earlier one)."""
    plan = plan_assignment(project, annotators, overlap=overlap, per_shared=per_shared, seed=seed)
    with project.transaction():
        project.assignments.replace_all(
            (doc_id, a) for doc_id, names in plan.by_document.items() for a in names
        )
    return plan


def handout(project: Project, out: Path, *, annotator: str | None, whole: bool = False) -> int:
    """Write a project file for one annotator: the labels and their documents.

    The annotator's own spans, their links, statuses and document notes on those
    documents go along (a second round of work starts where the first stopped);
    other annotators' spans and gold stay with the lead. The project's settings
    (flat entities, clitic policy) go along too.

    :param whole: hand out every document, not only the assigned ones.
    :returns: the number of documents written.
    :raises InvalidAssignment: no documents assigned to ``annotator``.
    :raises FileExistsError: ``out`` exists.
    """
    if annotator is not None:
        check_annotator_name(annotator, where="--annotator")
    if whole:
        ids = project.documents.ids()
    else:
        if annotator is None:
            raise InvalidAssignment("Name the annotator (--annotator) or hand out --all.")
        ids = project.assignments.for_annotator(annotator)
        if not ids:
            raise InvalidAssignment(
                f"No documents are assigned to {annotator!r}; run `annotator assign` first "
                "or hand out the whole project with --all."
            )
    docs = [project.documents.get(i) for i in ids]
    with (
        Project.creating(
            out, labels=project.labels.list(), link_types=project.link_types.list()
        ) as copy,
        copy.transaction(),
    ):
        # Source tokens go along: the annotator's editor snaps to the same tokens.
        new_ids = copy.documents.add_many(
            [
                NewDocument(
                    d.text, d.title, d.source, d.meta, project.documents.source_tokens(d.id)
                )
                for d in docs
            ]
        )
        if project.flat_entities:
            copy.set_flat_entities(True)
        # The annotator's editor snaps with the project's clitic policy.
        if project.clitics != copy.clitics:
            copy.set_clitics(project.clitics)
        id_map = {d.id: new_id for d, (new_id, _) in zip(docs, new_ids, strict=True)}
        if annotator is not None:
            spans = [
                replace(s, doc_id=id_map[s.doc_id])
                for d in docs
                for s in project.spans.for_document(d.id, annotator=annotator, include_deleted=True)
            ]
            copy.spans.upsert_many(spans)
            copy.links.upsert_many(
                replace(k, doc_id=id_map[k.doc_id])
                for d in docs
                for k in project.links.for_document(d.id, annotator=annotator, include_deleted=True)
            )
            for doc_id, record in project.statuses.for_annotator(annotator).items():
                if doc_id in id_map:
                    copy.statuses.put(
                        replace(record, doc_id=id_map[doc_id]),
                        doc_id=id_map[doc_id],
                        annotator=annotator,
                    )
            copy.document_notes.put_many(
                replace(note, doc_id=id_map[doc_id])
                for doc_id, note in project.document_notes.for_annotator(annotator).items()
                if doc_id in id_map
            )
            copy.assignments.replace_all((new_id, annotator) for new_id in id_map.values())
        copy.meta.update({"handout_for": annotator or "", "lead": str(project.path)})
    return len(ids)
