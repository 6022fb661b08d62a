"""Training sets out of a project: spaCy DocBin, CoNLL and Prodigy-style JSONL.

>>> from annotator.core.export import export
>>> report = export(project, "out/", fmt="spacy", annotator="alice", split=(0.8, 0.1, 0.1))
>>> report.parts["train"].documents, report.adjusted, report.refused

One entry point, :func:`export`, for the CLI and the GUI. It decides whose
spans and which documents (:mod:`.select`), assigns each document to a part by
a hash of its uid (:mod:`.split`), puts every span on token boundaries with a
stated policy and lists every change (:mod:`.align`), and hands each document
to the format's exporter (:data:`EXPORTERS`). Documents are streamed one at a
time. Everything is written into a temporary folder next to ``out_dir`` and
moved into place at the end: a failed or cancelled export leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Generator, Sequence
from pathlib import Path

from annotator.core.errors import (
    FileProblem,
    InvalidExportOption,
    OutputNotADirectory,
    UnknownFormat,
)
from annotator.core.export.align import POLICIES, Policy
from annotator.core.export.claims import CLAIMS_FILE, ClaimsExporter
from annotator.core.export.conll import SCHEMES, ConllExporter
from annotator.core.export.context import ExportContext, Exporter
from annotator.core.export.docbin import SpacyExporter
from annotator.core.export.jsonl import JsonlExporter
from annotator.core.export.parallel import (
    Job,
    Outcome,
    processes_for,
    render_all,
    render_in_workers,
)
from annotator.core.export.report import ExportReport, PartReport
from annotator.core.export.select import check_not_empty, choose, iter_selected, selected_ids
from annotator.core.export.split import (
    DEFAULT_SPLIT,
    PART_NAMES,
    assign_parts,
    parse_split,
    part_names,
)
from annotator.core.model import DocId
from annotator.core.store import Project

__all__ = ["DEFAULT_POLICY", "EXPORTERS", "ExportReport", "export"]

EXPORTERS: dict[str, Callable[[ExportContext], Exporter]] = {
    "spacy": SpacyExporter,
    "conll": ConllExporter,
    "jsonl": JsonlExporter,
    "claims": ClaimsExporter,
}

#: spaCy trains on its own tokens, so spans grow to whole tokens (and
#: ``spacy debug data`` finds nothing misaligned); CoNLL and JSONL keep every
#: character the annotator chose and split the token instead.
DEFAULT_POLICY: dict[str, Policy] = {
    "spacy": "expand",
    "conll": "split",
    "jsonl": "split",
    "claims": "split",
}

Progress = Callable[[int, int, str], None]

# Files an earlier export into the same folder may have left; replaced or removed.
_EXPORT_FILES = tuple(
    f"{part}.{ext}" for ext in ("spacy", "conll", "jsonl") for part in PART_NAMES
) + ("config.cfg", "README.md", "report.json", CLAIMS_FILE)


def export(
    project: Project,
    out_dir: str | Path,
    *,
    fmt: str,
    annotator: str | None = None,
    gold: bool = False,
    include_unfinished: bool = False,
    split: str | Sequence[float] = DEFAULT_SPLIT,
    seed: int = 0,
    scheme: str = "iob2",
    claims_column: bool = False,
    nested_columns: bool = False,
    source_tokens: bool = True,
    misaligned: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    processes: int | None = None,
) -> ExportReport:
    """Export the project's annotations into ``out_dir`` and return the report.

    :param fmt: ``spacy`` | ``conll`` | ``jsonl`` | ``claims`` (``claims.jsonl``, one
        line per claim with its claimer, cue and attributes).
    :param annotator: whose spans; ``None`` with ``gold=False``: the only annotator.
    :param gold: the adjudicated spans instead.
    :param include_unfinished: every document, not only those marked done.
    :param split: 2 or 3 fractions (train, dev[, test]) summing to 1, or ``"0.8,0.1,0.1"``;
        or ``"source"``: each document's part as its import recorded it (``--part``),
        documents without one by the hash split 0.8,0.1,0.1.
    :param seed: changes which documents land in which part (stable for a given seed).
    :param scheme: CoNLL tags: ``iob2`` | ``bilou`` | ``io``.
    :param claims_column: CoNLL: add a claim tag column before the entity column.
    :param nested_columns: CoNLL: one entity tag column per nesting level.
    :param source_tokens: write the tokens and sentences of documents that came
        tokenized as they came; ``False``: tokenize every document again.
    :param misaligned: ``expand`` | ``split`` | ``skip``; default :data:`DEFAULT_POLICY`.
    :param progress: called as ``progress(done, total, title)`` after each document.
    :param cancel: set it to stop; nothing is written and ``report.cancelled`` is true.
    :param processes: worker processes rendering documents (spacy, conll, jsonl);
        ``None``: every core (up to 4) for a large project, none for a small one
        (:mod:`.parallel`); ``1``: none. The files are the same bytes either way.
    :raises UnknownFormat, InvalidExportOption, InvalidSplit, OutputNotADirectory,
        ChooseAnnotator, UnknownAnnotator, NothingToExport: before anything is written.
    """
    started = time.perf_counter()
    if fmt not in EXPORTERS:
        raise UnknownFormat(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTERS)}.")
    if fmt == "conll" and scheme not in SCHEMES:
        raise InvalidExportOption(
            f"unknown tag scheme {scheme!r}; choose one of {', '.join(SCHEMES)}."
        )
    if nested_columns and fmt != "conll":
        raise InvalidExportOption(
            "--nested-columns is for --format conll; the spacy export keeps nested entities "
            'in doc.spans["entities"] and jsonl keeps them as spans.'
        )
    if claims_column and fmt != "conll":
        raise InvalidExportOption(
            "--claims-column is for --format conll; the spacy and jsonl exports always hold claims."
        )
    policy = misaligned or DEFAULT_POLICY[fmt]
    if policy not in POLICIES:
        raise InvalidExportOption(
            f"unknown sub-token policy {policy!r}; choose one of {', '.join(POLICIES)}."
        )
    by_source = isinstance(split, str) and split.strip() == "source"
    fractions = DEFAULT_SPLIT if by_source else parse_split(split)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputNotADirectory(
            f"{out}: is a file; --out must be a folder (new, or one to write the export into)."
        )
    selection = choose(
        project, annotator=annotator, gold=gold, include_unfinished=include_unfinished
    )
    ids = selected_ids(project, selection)
    check_not_empty(project, selection, ids)

    names = part_names(fractions)
    report = ExportReport(
        format=fmt,
        out_dir=str(out),
        selection=selection.description,
        annotator=selection.annotator,
        misaligned=policy,
        split=fractions,
        seed=seed,
        scheme=scheme if fmt == "conll" else None,
        claims_column=claims_column,
        nested_columns=nested_columns,
        parts={n: PartReport(n, CLAIMS_FILE if fmt == "claims" else f"{n}.{fmt}") for n in names},
        split_by_source=by_source,
    )
    kinds = {label.name: label.kind for label in project.labels.list()}
    try:
        work = _work_dir(out)
    except OSError as exc:
        raise FileProblem(
            f"{out}: cannot write there ({exc.strerror or exc}). Choose another folder with "
            "--out; nothing was written."
        ) from exc
    exporter: Exporter | None = None
    try:
        context = ExportContext(
            work_dir=work,
            part_names=names,
            kinds=kinds,
            selection=selection,
            policy=policy,  # type: ignore[arg-type]  # checked against POLICIES above
            scheme=scheme,
            claims_column=claims_column,
            nested_columns=nested_columns,
            attributes={
                label.name: tuple(a.key for a in label.attributes)
                for label in project.labels.list()
            },
            clitics=project.clitics,
        )
        exporter = EXPORTERS[fmt](context)
        total = len(ids)
        without_part = 0
        parts = _parts(project, ids, seed=seed, split=fractions)
        workers = processes if processes is not None else processes_for(fmt, total)
        outcomes: Generator[Outcome, None, None]
        if workers > 1:
            job = Job(str(project.path), fmt, context, selection, source_tokens, names, by_source)
            outcomes = render_in_workers(job, ids, parts, processes=workers)
        else:
            outcomes = render_all(
                exporter.renderer,
                iter_selected(project, selection, ids, source_tokens=source_tokens),
                parts,
                part_names=names,
                by_source=by_source,
            )
        try:
            for done, outcome in enumerate(outcomes, start=1):
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                exporter.write(outcome.part, outcome.payload, outcome.tally)
                report.add(names[outcome.part], outcome.exported)
                report.edge_punctuation.extend(outcome.edges)
                without_part += outcome.without_part
                if progress is not None:
                    progress(done, total, outcome.title)
        finally:
            outcomes.close()
        if report.cancelled:
            exporter.discard()
            shutil.rmtree(work, ignore_errors=True)
            return report
        files = exporter.close()
        if without_part:
            report.warnings.append(
                f"{without_part} document(s) have no recorded part (import them with --part); "
                "they are split by hash (0.8,0.1,0.1)."
            )
        report.notes.extend(exporter.notes)
        report.warnings.extend(exporter.warnings)
        report.warnings.extend(_empty_part_warnings(report, fmt))
        report.files = [*files, "README.md", "report.json"]
        report.write_json(work / "report.json")
        (work / "README.md").write_text(_readme(report, out.name), encoding="utf-8", newline="\n")
        _install(work, out, report.files)
    except BaseException as exc:
        if exporter is not None:
            exporter.discard()
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(exc, OSError):  # disk full, read-only, folder gone: name the folder
            raise FileProblem(
                f"{out}: the export could not be written ({exc.strerror or exc}). Free some "
                "space or choose another folder with --out; nothing was left behind."
            ) from exc
        raise
    report.seconds = time.perf_counter() - started
    return report


def _parts(
    project: Project, ids: Sequence[DocId], *, seed: int, split: tuple[float, ...]
) -> dict[DocId, int]:
    """Each document's part by a hash of its uid (the documents' infos are let go
    before the export starts: at 100k documents they are tens of MB)."""
    wanted = set(ids)
    listed = [(d.id, d.uid) for d in project.documents.list() if d.id in wanted]
    by_uid = assign_parts([uid for _doc_id, uid in listed], seed=seed, split=split)
    return {DocId(doc_id): by_uid[uid] for doc_id, uid in listed}


def _work_dir(out: Path) -> Path:
    """A new hidden folder beside ``out`` (same file system: the final move is a rename).

    Made in the nearest folder that exists, so a failed export creates no parents.
    """
    parent = out.absolute().parent
    while not parent.exists():
        parent = parent.parent
    # Not tempfile.mkdtemp: its 0700 mode would become the export folder's mode.
    work = parent / f".{out.name}.{uuid.uuid4().hex[:12]}.export-tmp"
    work.mkdir()
    return work


def _install(work: Path, out: Path, files: Sequence[str]) -> None:
    """Move the finished export into ``out``.

    A new or empty ``out`` is replaced by the work folder in one rename. Into a
    folder that holds other things, our files are moved one by one (each an
    atomic replace); files of an earlier export that this one did not write
    (``test.spacy`` of an earlier 3-way split, say) are removed so that the folder
    never mixes two exports. Other files are left alone.
    """
    out = out.absolute()
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work, out)
        return
    for name in _EXPORT_FILES:
        if name not in files and (out / name).is_file():
            (out / name).unlink()
    for name in files:
        os.replace(work / name, out / name)
    shutil.rmtree(work, ignore_errors=True)


def _empty_part_warnings(report: ExportReport, fmt: str) -> list[str]:
    warnings = []
    for name, part in report.parts.items():
        if part.documents == 0:
            hint = (
                " `spacy train` needs documents in train and dev; add documents or "
                "change --split/--seed."
                if fmt == "spacy" and name in ("train", "dev")
                else ""
            )
            warnings.append(f"{part.file} holds no documents.{hint}")
    return warnings


_FORMAT_TEXT = {
    "spacy": (
        "spaCy DocBin files: `doc.ents` holds the entities and places (the outermost), "
        '`doc.spans["entities"]` every entity, nested ones included, '
        '`doc.spans["claims"]` the claims, `doc.user_data` the document\'s title, source, '
        "uid, meta, annotator and status. Tokens are the project's Arabic tokenizer "
        "(`annotator.arabic_tokenizer.v1`), which `config.cfg` names too, except for "
        "documents that came tokenized: those keep their own tokens and sentences.\n\n"
        'Claims\' structure: `doc.spans["cues"]` holds the cue words (قال، أكد، نفى); '
        '`doc.user_data["links"]` the links (`id`, `type`, `head` and `child` span ids, '
        "`value` for an implicit claimer such as `unnamed source`), "
        '`doc.user_data["attributes"]` each span\'s attributes by span id. Read them back:\n\n'
        "    import spacy\n"
        "    from spacy.tokens import DocBin\n"
        '    doc = next(DocBin().from_disk("train.spacy").get_docs(spacy.blank("ar").vocab))\n'
        "    by_id = {s.id_: s for group in doc.spans.values() for s in group}\n"
        '    for claim in doc.spans["claims"]:\n'
        '        links = [k for k in doc.user_data.get("links", []) if k["head"] == claim.id_]\n'
        '        claimer = next((by_id[k["child"]].text if k["child"] else k["value"]\n'
        '                        for k in links if k["type"] == "claimer"), None)\n'
        '        print(claim.text, claimer, doc.user_data.get("attributes", {}).get(claim.id_))'
    ),
    "conll": (
        "CoNLL: one token per line, a tab, its tag; a blank line between sentences "
        "(sentences never break inside a span); `-DOCSTART- -X- O O` before each document. "
        "Documents that came tokenized keep their own tokens and sentences."
    ),
    "jsonl": (
        "JSON lines in Prodigy's shape, one line per document: `text`, `meta` (title, "
        "source, uid), `tokens`, `spans` (with `token_start`/`token_end`, inclusive, and the "
        'span `id`), `_annotator_id`, `answer` ("accept" when done). '
        "`annotator import` reads it back. Links between spans (a claim's claimer and "
        "cue) are in `relations` (Prodigy's `rel.manual` shape, with `value` and a null "
        "`child_span` for an implicit claimer); a claim's stance and check-worthiness in its "
        "`attrs`."
    ),
    "claims": (
        "`claims.jsonl`: one line per claim: `document` (uid), `title`, `part`, `annotator`, "
        '`claim` (id, label, start, end, text), `claimer` (a span, `{"implicit": '
        '"unnamed source"}`, or null), `cue` (a span or null), `attributes` (every '
        "attribute of the claim's label, null when not set), `links` (other link types)."
    ),
}


def _readme(report: ExportReport, dirname: str) -> str:
    parts = (
        "as the corpus's own files had them, recorded at import"
        if report.split_by_source
        else "/".join(f"{f:g}" for f in report.split)
    )
    lines = [
        f"# Annotator export: {report.format}",
        "",
        f"What: {report.selection}.",
        "",
        _FORMAT_TEXT[report.format],
    ]
    if report.format == "conll":
        columns = "token, claim tag, entity tag" if report.claims_column else "token, entity tag"
        if report.nested_columns:
            columns += " (outermost), then one tag column per deeper nesting level"
        lines[-1] += f" Columns: {columns}; tag scheme {report.scheme}."
    lines += [
        "",
        (
            f"Parts ({parts}):"
            if report.split_by_source
            else f"Parts ({parts}, by a hash of each document's uid with seed {report.seed}, "
            "so a document keeps its part as the project grows):"
        ),
        "",
        "| File | Documents | Spans |",
        "| --- | ---: | --- |",
    ]
    for part in report.parts.values():
        labels = ", ".join(f"{k} {v}" for k, v in sorted(part.spans.items())) or "none"
        lines.append(f"| {part.file} | {part.documents} | {labels} |")
    lines += [
        "",
        f"Spans not on token boundaries: policy `{report.misaligned}`; "
        f"{len(report.adjusted)} adjusted, {len(report.refused)} refused. "
        "`report.json` lists each one (document, text before and after, reason).",
    ]
    if report.notes or report.warnings:
        lines += ["", "Notes:", ""] + [f"- {w}" for w in report.notes + report.warnings]
    if report.format == "spacy":
        dev = "dev.spacy"
        lines += [
            "",
            "Train (from the folder that holds this one; `pip install` Annotator first so "
            "spaCy finds the tokenizer):",
            "",
            f"    python -m spacy train {dirname}/config.cfg --paths.train "
            f"{dirname}/train.spacy --paths.dev {dirname}/{dev} --output model/",
        ]
    return "\n".join(lines) + "\n"
