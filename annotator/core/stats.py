"""Project statistics: what `annotator stats` prints and scripts parse."""

from __future__ import annotations

from typing import Any

from annotator.core.model import Status
from annotator.core.store import Project


def project_stats(project: Project) -> dict[str, Any]:
    """Documents, words, spans per label and per annotator, statuses, time spent.

    Keys (stable): ``project``, ``documents``, ``words``, ``annotators``
    (name → ``spans``, ``statuses`` {new, in_progress, done, skipped}, ``seconds``),
    ``labels`` (name → ``kind``, ``spans`` {annotator: n}), ``gold_spans``,
    ``suggestions`` (``open``, ``accepted``, ``rejected``: {source: n}; accepted
    counts live spans made from a suggestion, rejected the remembered rejections).
    ``claims`` (annotator, and ``gold`` → ``claims``, ``with_claimer``,
    ``without_claimer``, ``stance`` {value: n, ``not set``: n}), ``clitics``
    (``inside`` | ``outside``: the project's clitic policy), ``document_notes``
    (annotator → ``flagged``: documents flagged unsure, ``noted``: with a note).
    """
    labels: dict[str, dict[str, Any]] = {
        label.name: {"kind": label.kind.value, "spans": {}} for label in project.labels.list()
    }
    annotators: dict[str, dict[str, Any]] = {}
    seconds = project.statuses.total_seconds()
    names = sorted(set(project.spans.annotators()) | set(seconds))
    for name in names:
        counts = project.statuses.counts(name)
        annotators[name] = {
            "spans": project.spans.count(annotator=name),
            "statuses": {status.value: counts[status] for status in Status},
            "seconds": round(seconds.get(name, 0.0), 1),
        }
    for annotator, label, n in project.spans.counts_by():
        labels[label]["spans"][annotator] = n
    return {
        "project": str(project.path),
        "documents": project.documents.count(),
        "words": project.documents.total_words(),
        "annotators": annotators,
        "labels": labels,
        "gold_spans": project.gold.count(),
        "suggestions": {
            "open": project.suggestions.counts_by_source(),
            "accepted": project.suggestions.accepted_by_source(),
            "rejected": project.suggestions.rejections_by_source(),
        },
        "claims": claim_stats(project),
        "clitics": project.clitics,
        "document_notes": project.document_notes.counts(),
    }


NOT_SET = "not set"


def claim_stats(project: Project) -> dict[str, dict[str, Any]]:
    """Per annotator (and ``gold``): claims with and without a claimer, per stance."""
    out: dict[str, dict[str, Any]] = {}
    rows = [(a, s, c, n) for a, s, c, n in project.links.claim_counts()]
    rows += [("gold", s, c, n) for _a, s, c, n in project.gold_links.claim_counts()]
    for annotator, stance, has_claimer, n in rows:
        entry = out.setdefault(
            annotator, {"claims": 0, "with_claimer": 0, "without_claimer": 0, "stance": {}}
        )
        entry["claims"] += n
        entry["with_claimer" if has_claimer else "without_claimer"] += n
        key = NOT_SET if stance is None else str(stance)
        entry["stance"][key] = entry["stance"].get(key, 0) + n
    return out
