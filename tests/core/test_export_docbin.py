"""The spaCy export writes what spaCy's own ``DocBin`` writes for the same Docs.

The export builds no ``Span`` and sets no ``doc.ents`` (``core/export/docbin.py``:
spaCy's objects were most of its time). Here the same Docs are built the public,
slow way, from the same aligned spans: the tokenizer's Doc, ``doc.char_span`` for
every span, ``doc.ents``, ``doc.spans``, ``doc.user_data``; and written with
spaCy's ``DocBin``. Every key of the file but the string table must be equal,
and the string table must hold every string the Docs need.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest
import spacy
import srsly
from spacy.tokens import Doc, DocBin

from annotator.core.doc_tokens import tokens_of
from annotator.core.export import export
from annotator.core.export.align import align_document
from annotator.core.export.docbin import DOCBIN_ATTRS, doc_from_tokens
from annotator.core.export.links import exported_links, exported_spans
from annotator.core.export.select import choose, iter_selected, selected_ids
from annotator.core.store import Project
from annotator.core.tokenizer import split_tokens, tokenizer_config
from tests.core.test_export import ALL_IN_TRAIN, annotated  # noqa: F401
from tests.core.test_export_parallel import corpus  # noqa: F401


def _expected_docs(project: Project, *, policy: str, source_tokens: bool) -> list[Doc]:
    """The export's Docs, built with spaCy's own API (a vocab of their own, so that
    the span ids interned here stay out of the export's)."""
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": tokenizer_config(project.clitics)}})
    selection = choose(project)
    kinds = {label.name: label.kind for label in project.labels.list()}
    attribute_keys = {
        label.name: tuple(a.key for a in label.attributes) for label in project.labels.list()
    }
    docs = []
    for item in iter_selected(
        project, selection, selected_ids(project, selection), source_tokens=source_tokens
    ):
        document, source = item.document, item.source_tokens
        tokens = tokens_of(document, source, clitics=project.clitics)
        aligned = align_document(
            document,
            item.spans,
            kinds,
            policy=policy,  # type: ignore[arg-type]
            tokens=lambda tokens=tokens: tokens,
        )
        if aligned.cuts:
            doc = doc_from_tokens(nlp, document.text, split_tokens(tokens, aligned.cuts), source)
        elif source is not None:
            doc = doc_from_tokens(nlp, document.text, source.tokens, source)
        else:
            doc = nlp.make_doc(document.text)

        def span(exported: Any, doc: Doc = doc) -> Any:
            made = doc.char_span(
                exported.start, exported.end, label=exported.label, span_id=exported.id
            )
            assert made is not None, exported
            return made

        ents = [span(s) for s in aligned.ents]
        doc.ents = ents
        doc.spans["entities"] = ents + [span(s) for s in aligned.nested]
        doc.spans["claims"] = [span(s) for s in aligned.claims if s.layer == "claims"]
        cues = [span(s) for s in aligned.claims if s.layer == "cues"]
        if cues:
            doc.spans["cues"] = cues
        doc.user_data.update(
            title=document.title,
            source=document.source,
            uid=document.uid,
            meta=dict(document.meta),
            annotator=selection.annotator,
            status=item.status.value if item.status is not None else None,
        )
        links, _left_out = exported_links(aligned, item.links)
        if links:
            doc.user_data["links"] = [
                {
                    "id": k.link.id,
                    "type": k.link.type,
                    "head": k.head.id,
                    "child": k.child.id if k.child else None,
                    "value": k.link.value,
                }
                for k in links
            ]
        attributes = {
            s.id: values
            for s in exported_spans(aligned).values()
            if (values := {k: s.attrs[k] for k in attribute_keys.get(s.label, ()) if k in s.attrs})
        }
        if attributes:
            doc.user_data["attributes"] = attributes
        docs.append(doc)
    return docs


def _check_same_as_spacy(project: Project, out: Path, **options: Any) -> int:
    expected = _expected_docs(
        project, policy=options["misaligned"], source_tokens=options["source_tokens"]
    )
    ours = srsly.msgpack_loads(zlib.decompress((out / "train.spacy").read_bytes()))
    theirs = srsly.msgpack_loads(
        zlib.decompress(DocBin(DOCBIN_ATTRS, store_user_data=True, docs=expected).to_bytes())
    )
    assert list(ours) == list(theirs)
    for key in ours:
        if key != "strings":
            assert ours[key] == theirs[key], key
    # spaCy's DocBin also stores each token's NORM and "", which no Doc needs back.
    needed = {t.text for d in expected for t in d} | {
        text for d in expected for g in d.spans.values() for s in g for text in (s.label_, s.id_)
    }
    needed.discard("")
    assert needed <= set(ours["strings"]) <= set(theirs["strings"])
    return len(expected)


@pytest.mark.parametrize("source_tokens", [True, False])
def test_the_wojood_export_is_spacy_docbin_of_the_same_docs(corpus, tmp_path, source_tokens):  # noqa: F811
    """Documents that came tokenized (their sentences), nested entities, claims with
    their claimers, cues, links and attributes, a document note."""
    options = {"misaligned": "expand", "source_tokens": source_tokens}
    export(corpus, tmp_path / "out", fmt="spacy", split=ALL_IN_TRAIN, processes=1, **options)
    assert _check_same_as_spacy(corpus, tmp_path / "out", **options) > 10


@pytest.mark.parametrize("policy", ["expand", "split", "skip"])
def test_sub_token_spans_are_spacy_docbin_of_the_same_docs(annotated, tmp_path, policy):  # noqa: F811
    """Spans inside a token (re-tokenized Docs under ``split``), an emoji, spans
    trimmed of whitespace."""
    options = {"misaligned": policy, "source_tokens": True}
    with Project.open(annotated.path, readonly=True) as project:
        export(project, tmp_path / "out", fmt="spacy", split=ALL_IN_TRAIN, **options)
        assert _check_same_as_spacy(project, tmp_path / "out", **options) == 2
