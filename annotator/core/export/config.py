"""``config.cfg`` for training on a spaCy export.

spaCy's own ``init config`` (efficiency, CPU) for ``ner`` (and ``spancat`` when
claims were exported), with three changes:

- ``[nlp.tokenizer]`` names our registered tokenizer, so training tokenizes as the
  export did (the ``spacy_tokenizers`` entry point makes it resolve with no ``--code``);
- ``spancat`` reads ``doc.spans["claims"]`` (``spans_key = "claims"``) and its
  scores are weighted under ``spans_claims_*``;
- its suggester proposes every n-gram from 1 token up to the longest exported
  claim (capped at :data:`MAX_CLAIM_TOKENS`): claims are clauses, far longer than
  the default 1–3 token n-grams, which could never propose them.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.tokenizer import TOKENIZER_NAME

MAX_CLAIM_TOKENS = 50
CLAIMS_KEY = "claims"


def training_config(*, with_claims: bool, max_claim_tokens: int = 0) -> str:
    """The text of ``config.cfg``."""
    from spacy.cli.init_config import init_config

    pipeline = ["ner", "spancat"] if with_claims else ["ner"]
    config = init_config(
        lang="ar",
        pipeline=pipeline,
        optimize="efficiency",
        gpu=False,
        pretraining=False,
        silent=True,
    )
    config["nlp"]["tokenizer"] = {"@tokenizers": TOKENIZER_NAME}
    if with_claims:
        spancat = config["components"]["spancat"]
        spancat["spans_key"] = CLAIMS_KEY
        spancat["suggester"] = {
            "@misc": "spacy.ngram_range_suggester.v1",
            "min_size": 1,
            "max_size": max(1, min(max_claim_tokens, MAX_CLAIM_TOKENS)),
        }
        weights = config["training"]["score_weights"]
        for key in list(weights):
            if key.startswith("spans_sc_"):
                weights[key.replace("spans_sc_", f"spans_{CLAIMS_KEY}_")] = weights.pop(key)
    text: str = config.to_str()
    return text


def write_config(path: Path, *, with_claims: bool, max_claim_tokens: int = 0) -> None:
    path.write_text(
        training_config(with_claims=with_claims, max_claim_tokens=max_claim_tokens) + "\n",
        encoding="utf-8",
    )
