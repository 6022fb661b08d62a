"""`annotator agreement` end to end: a project of 10,000 documents × 3 annotators.

    .venv/bin/python benchmarks/bench_project_agreement.py [--documents 10000]

Unlike ``bench_agreement.py`` (the numbers from ready-made input), this reads
the project: statuses, spans, texts, and tokenizes every text for the token
grid. Baselines in the same run: tokenizing the same texts alone
(``token_offsets``), and reading the same rows alone.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.model import DocId, Span, Status, StatusRecord, utc_now
from annotator.core.review import project_agreement
from annotator.core.store import NewDocument, Project
from annotator.core.tokenizer import token_offsets

WORDS = (
    "البوكمال دير الزور دمشق الجيش السوري قسد داعش واشنطن موسكو العراق الفرات "
    "البصيرة تقول المعلومات الأولية أن دخل بالفعل ضمن الأراضي لمسافة يبلغ"
).split()


def build(path: Path, n_docs: int, n_spans: int) -> None:
    rng = random.Random(5)
    with Project.create(path) as project, project.transaction():
        texts = [" ".join(rng.choice(WORDS) for _ in range(400)) + f" {i}." for i in range(n_docs)]
        ids = [d for d, _ in project.documents.add_many([NewDocument(t) for t in texts])]
        now = utc_now()
        spans = []
        for doc_id, text in zip(ids, texts, strict=True):
            starts = [i + 1 for i, c in enumerate(text) if c == " "][: n_spans * 10 : 10]
            for who in ("sara", "omar", "huda"):
                for start in starts:
                    end = text.find(" ", start)
                    if rng.random() < 0.1:
                        continue  # a miss
                    label = "GPE" if rng.random() < 0.9 else "LOC"
                    spans.append(
                        Span(
                            project.spans.new_id(),
                            DocId(doc_id),
                            who,
                            label,
                            start,
                            end,
                            {},
                            now,
                            now,
                        )
                    )
                project.statuses.put(
                    StatusRecord(DocId(doc_id), who, Status.DONE, 1.0, now),
                    doc_id=doc_id,
                    annotator=who,
                )
        project.spans.insert_many(spans)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    token_offsets("تحميل")  # spaCy's import is start-up, not agreement
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.sqlite"
        build(path, args.documents, args.spans)
        tokenizing, reading, ours = [], [], []
        with Project.open(path, readonly=True) as project:
            for _ in range(args.repeats):
                start = time.perf_counter()
                texts = [d.text for d in project.documents.iter()]
                for doc_id in project.documents.ids():
                    project.spans.for_document(doc_id)
                reading.append(time.perf_counter() - start)
                start = time.perf_counter()
                for text in texts:
                    token_offsets(text)
                tokenizing.append(time.perf_counter() - start)
                start = time.perf_counter()
                result = project_agreement(project)
                ours.append(time.perf_counter() - start)
    read, tok, agr = (statistics.median(x) for x in (reading, tokenizing, ours))
    print(
        f"{args.documents} documents × 3 annotators, {result.entities.tokens:,} tokens; "
        f"median of {args.repeats}"
    )
    print(f"{'what':<52}{'seconds':>9}{'ratio':>8}")
    print(f"{'baseline: reading texts and spans alone':<52}{read:>9.2f}{read / tok:>8.2f}")
    print(f"{'baseline: tokenizing the texts alone (token_offsets)':<52}{tok:>9.2f}{1:>8.2f}")
    print(f"{'annotator agreement (read, tokenize, every number)':<52}{agr:>9.2f}{agr / tok:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
