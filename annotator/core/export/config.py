"""``config.cfg`` for training on a spaCy export.

spaCy's own ``init config`` (efficiency, CPU) for ``ner`` (and ``spancat`` when
claims were exported), with three changes:

- ``[nlp.tokenizer]`` names our registered tokenizer, so training tokenizes as the
  export did (the ``spacy_tokenizers`` entry point makes it resolve with no ``--code``),
  with ``clitics = "outside"`` when the project leaves proclitics out of entities;
- ``spancat`` reads ``doc.spans["claims"]`` (``spans_key = "claims"``) and its
  scores are weighted under ``spans_claims_*``;
- with nested entities, a second spancat (``spancat_entities``) reads every
  entity level from ``doc.spans["entities"]`` (``ner`` holds one tag per token);
- its suggester proposes every n-gram from 1 token up to the longest exported
  claim (capped at :data:`MAX_CLAIM_TOKENS`): claims are clauses, far longer than
  the default 1–3 token n-grams, which could never propose them.
"""

from __future__ import annotations

import copy
from pathlib import Path

from annotator.core.tokenizer import DEFAULT_CLITICS, tokenizer_config

MAX_CLAIM_TOKENS = 50
MAX_ENTITY_TOKENS = 20
CLAIMS_KEY = "claims"
ENTITIES_KEY = "entities"
NESTED_COMPONENT = "spancat_entities"


def training_config(
    *,
    with_claims: bool,
    max_claim_tokens: int = 0,
    with_nested: bool = False,
    max_entity_tokens: int = 0,
    clitics: str = DEFAULT_CLITICS,
) -> str:
    """The text of ``config.cfg``.

    :param with_nested: the data has nested entities: a second ``spancat``
        (``spancat_entities``) learns every entity level from
        ``doc.spans["entities"]``, which ``ner`` (one tag per token) cannot.
    :param clitics: the project's clitic policy, passed to the tokenizer (the
        default writes no argument, as before policies existed).
    """
    from spacy.cli.init_config import init_config

    pipeline = ["ner", "spancat"] if (with_claims or with_nested) else ["ner"]
    config = init_config(
        lang="ar",
        pipeline=pipeline,
        optimize="efficiency",
        gpu=False,
        pretraining=False,
        silent=True,
    )
    config["nlp"]["tokenizer"] = tokenizer_config(clitics)
    weights = config["training"]["score_weights"]
    if with_nested:
        template = copy.deepcopy(config["components"]["spancat"])
        template["spans_key"] = ENTITIES_KEY
        template["suggester"] = {
            "@misc": "spacy.ngram_range_suggester.v1",
            "min_size": 1,
            "max_size": max(1, min(max_entity_tokens, MAX_ENTITY_TOKENS)),
        }
        config["components"][NESTED_COMPONENT] = template
        config["nlp"]["pipeline"] = [*config["nlp"]["pipeline"], NESTED_COMPONENT]
        for key in [k for k in weights if k.startswith("spans_sc_")]:
            weights[key.replace("spans_sc_", f"spans_{ENTITIES_KEY}_")] = weights[key]
        if not with_claims:
            config["components"].pop("spancat")
            config["nlp"]["pipeline"] = [p for p in config["nlp"]["pipeline"] if p != "spancat"]
            for key in [k for k in weights if k.startswith("spans_sc_")]:
                weights.pop(key)
        # Weights must sum to 1 for spaCy's combined score.
        total = sum(v for v in weights.values() if v)
        for key, value in list(weights.items()):
            if value:
                weights[key] = round(value / total, 4)
    if with_claims:
        spancat = config["components"]["spancat"]
        spancat["spans_key"] = CLAIMS_KEY
        spancat["suggester"] = {
            "@misc": "spacy.ngram_range_suggester.v1",
            "min_size": 1,
            "max_size": max(1, min(max_claim_tokens, MAX_CLAIM_TOKENS)),
        }
        for key in list(weights):
            if key.startswith("spans_sc_"):
                weights[key.replace("spans_sc_", f"spans_{CLAIMS_KEY}_")] = weights.pop(key)
    text: str = config.to_str()
    return text


def write_config(
    path: Path,
    *,
    with_claims: bool,
    max_claim_tokens: int = 0,
    with_nested: bool = False,
    max_entity_tokens: int = 0,
    clitics: str = DEFAULT_CLITICS,
) -> None:
    text = training_config(
        with_claims=with_claims,
        max_claim_tokens=max_claim_tokens,
        with_nested=with_nested,
        max_entity_tokens=max_entity_tokens,
        clitics=clitics,
    )
    path.write_text(text + "\n", encoding="utf-8")
