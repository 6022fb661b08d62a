"""The Arabic tokenizer, token snapping, sub-token alignment and sentences."""

from __future__ import annotations

import difflib
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.tokenizer import (
    TOKENIZER_NAME,
    SpanAlignment,
    align_span,
    create_arabic_tokenizer,
    get_nlp,
    is_aligned,
    register,
    sentence_offsets,
    snap_to_tokens,
    split_tokens,
    token_offsets,
    words_and_spaces,
)

# seed_text (tests/conftest.py): the project's own sample, resources/samples.


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in token_offsets(text)]


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of needle."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


# --- Tokenizer rules -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The seed's own problem cases (DESIGN.md, "Arabic text").
        ("لـ”داعش”.", ["لـ", "”", "داعش", "”", "."]),
        ("و”داعش”", ["و", "”", "داعش", "”"]),
        ("لـ”داعش”، وهي", ["لـ", "”", "داعش", "”", "،", "وهي"]),
        ("بين “قسد” و”داعش” يتجه", ["بين", "“", "قسد", "”", "و", "”", "داعش", "”", "يتجه"]),
        ("مع “داعش”.", ["مع", "“", "داعش", "”", "."]),
        ("الدفع بـ”قسد” نحو", ["الدفع", "بـ", "”", "قسد", "”", "نحو"]),
        ('الرقة "مدينة محتلة".', ["الرقة", '"', "مدينة", "محتلة", '"', "."]),
        # The same rules for the other proclitics, quotes and brackets.
        ("فـ«داعش»", ["فـ", "«", "داعش", "»"]),
        ("و(داعش)", ["و", "(", "داعش", ")"]),
        ("ك'داعش'", ["ك", "'", "داعش", "'"]),
        ("(داعش).", ["(", "داعش", ")", "."]),
        ("لـداعش", ["لـ", "داعش"]),
        ("بـداعش", ["بـ", "داعش"]),
        ("عام 2017.", ["عام", "2017", "."]),
        ("عام ٢٠١٧.", ["عام", "٢٠١٧", "."]),
        # Whole words with proclitics stay one token (ANERcorp, Wojood).
        ("بالبوكمال", ["بالبوكمال"]),
        ("وإسرائيل", ["وإسرائيل"]),
        ("لداعش", ["لداعش"]),
        # Unchanged from the blank ar tokenizer.
        ("ساخن.", ["ساخن", "."]),
        ("3.5 كم", ["3.5", "كم"]),
        ("J. Smith", ["J.", "Smith"]),
        ("لـ", ["لـ"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_seed_changes_only_the_known_gaps(seed_text: str) -> None:
    """Against spaCy's blank ar tokenizer, only the glued quotes are split."""
    import spacy

    blank = [t.text for t in spacy.blank("ar").tokenizer(seed_text)]
    ours = [t.text for t in get_nlp().tokenizer(seed_text)]
    changes = [
        (tuple(blank[i1:i2]), tuple(ours[j1:j2]))
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
            a=blank, b=ours, autojunk=False
        ).get_opcodes()
        if op != "equal"
    ]
    assert changes == [
        (("لـ”داعش",), ("لـ", "”", "داعش")),
        (("و”داعش",), ("و", "”", "داعش")),
        (("داعش”.",), ("داعش", "”", ".")),
        (("بـ”قسد",), ("بـ", "”", "قسد")),
        (('محتلة".',), ("محتلة", '"', ".")),
    ]


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("عمقها ١ كم،", ["عمقها", "١", "كم", "،"]),
        ("نحو 3 أشهر إلى", ["نحو", "3", "أشهر", "إلى"]),
        ('"جديد عكيدات"، و', ['"', "جديد", "عكيدات", '"', "،", "و"]),
        ("البصيرة، الهامّة اقتصادياً على", ["البصيرة", "،", "الهامّة", "اقتصادياً", "على"]),
        ("من البوكمال.", ["من", "البوكمال", "."]),
        ("البوكمال.. معركة دولية", ["البوكمال", "..", "معركة", "دولية"]),
        ("شام إف إم - محمود", ["شام", "إف", "إم", "-", "محمود"]),
    ],
)
def test_seed_tokens_that_must_not_change(seed_text: str, needle: str, expected: list[str]) -> None:
    start, end = find(seed_text, needle)
    inside = [seed_text[s:e] for s, e in token_offsets(seed_text) if start <= s and e <= end]
    assert inside == expected


def test_latin_and_urls_keep_spacy_behaviour() -> None:
    assert words("قالت CNN إن") == ["قالت", "CNN", "إن"]
    assert words("الموقع https://example.com/a?b=1 أمس") == [
        "الموقع",
        "https://example.com/a?b=1",
        "أمس",
    ]


# --- token_offsets -------------------------------------------------------------------


def test_token_offsets_skip_whitespace_and_slice_back(seed_text: str) -> None:
    doc = get_nlp().tokenizer(seed_text)
    tokens = token_offsets(seed_text)
    assert [seed_text[s:e] for s, e in tokens] == [t.text for t in doc if not t.text.isspace()]
    assert all(not any(c.isspace() for c in seed_text[s:e]) for s, e in tokens)
    # The seed's NBSP-only lines and double spaces made whitespace tokens in spaCy.
    assert any(t.text.isspace() and "\xa0" in t.text for t in doc)
    assert any(t.text == " " for t in doc)
    assert len(tokens) < len(doc)


def test_token_offsets_count_code_points_not_utf16() -> None:
    text = "😀 البوكمال 👍 داعش"
    assert [text[s:e] for s, e in token_offsets(text)] == text.split()
    assert token_offsets(text)[1] == (2, 10)


def test_token_offsets_of_empty_and_blank_text() -> None:
    assert token_offsets("") == []
    assert token_offsets(" \n\xa0\n  ") == []


# --- snapping --------------------------------------------------------------------------


def test_snap_part_of_a_word_gives_the_word() -> None:
    text = "من بالبوكمال أمس"
    tokens = token_offsets(text)
    word = find(text, "بالبوكمال")
    assert snap_to_tokens(tokens, word[0] + 3, word[0] + 5) == word
    assert snap_to_tokens(tokens, word[0] + 1, word[1]) == word
    assert snap_to_tokens(tokens, *word) == word


def test_snap_across_two_words() -> None:
    text = "دير الزور الشرقي"
    tokens = token_offsets(text)
    assert snap_to_tokens(tokens, 1, 6) == find(text, "دير الزور")


def test_snap_starting_on_a_space_drops_the_space() -> None:
    text = "في  البوكمال غدا"
    tokens = token_offsets(text)
    word = find(text, "البوكمال")
    assert snap_to_tokens(tokens, 2, word[0] + 2) == word
    assert snap_to_tokens(tokens, 2, word[1] + 1) == word


def test_snap_whitespace_only_is_empty() -> None:
    text = "في  البوكمال"
    tokens = token_offsets(text)
    assert snap_to_tokens(tokens, 2, 4) == (2, 2)
    assert snap_to_tokens(tokens, 2, 2) == (2, 2)
    assert snap_to_tokens([], 0, 0) == (0, 0)


def test_snap_click_inside_a_word_gives_the_word() -> None:
    text = "في البوكمال"
    tokens = token_offsets(text)
    assert snap_to_tokens(tokens, 5, 5) == find(text, "البوكمال")
    assert snap_to_tokens(tokens, 3, 3) == (3, 3)  # a click on a boundary selects nothing


def test_snap_rejects_a_reversed_range() -> None:
    with pytest.raises(ValueError, match="reversed"):
        snap_to_tokens([(0, 3)], 2, 1)


# --- alignment for exporters ---------------------------------------------------------


def test_is_aligned() -> None:
    text = "من بالبوكمال أمس"
    tokens = token_offsets(text)
    word = find(text, "بالبوكمال")
    assert is_aligned(tokens, *word)
    assert is_aligned(tokens, 0, len(text))
    assert not is_aligned(tokens, word[0] + 1, word[1])  # leaves out the clitic
    assert not is_aligned(tokens, word[0] - 1, word[1])  # starts on the space
    assert not is_aligned(tokens, word[0], word[0])


def test_align_expand_grows_to_the_token() -> None:
    text = "من بالبوكمال أمس"
    tokens = token_offsets(text)
    word = find(text, "بالبوكمال")
    assert align_span(tokens, word[0] + 1, word[1], policy="expand") == SpanAlignment(
        word[0], word[1], (), True
    )
    assert align_span(tokens, *word, policy="expand") == SpanAlignment(*word, (), False)


def test_align_split_cuts_the_token_where_the_span_starts() -> None:
    text = "من بالبوكمال أمس"
    tokens = token_offsets(text)
    word = find(text, "بالبوكمال")
    aligned = align_span(tokens, word[0] + 1, word[1], policy="split")
    assert aligned == SpanAlignment(word[0] + 1, word[1], (word[0] + 1,), True)
    new_tokens = split_tokens(tokens, aligned.cuts)
    assert [text[s:e] for s, e in new_tokens] == ["من", "ب", "البوكمال", "أمس"]
    assert is_aligned(new_tokens, aligned.start, aligned.end)


def test_align_split_inside_one_token_needs_two_cuts() -> None:
    text = "لداعشية"
    tokens = token_offsets(text)
    aligned = align_span(tokens, 1, 5, policy="split")
    assert aligned.cuts == (1, 5)
    assert [text[s:e] for s, e in split_tokens(tokens, aligned.cuts)] == ["ل", "داعش", "ية"]


def test_align_trims_whitespace_edges_under_both_policies() -> None:
    text = "في  البوكمال "
    tokens = token_offsets(text)
    word = find(text, "البوكمال")
    for policy in ("expand", "split"):
        aligned = align_span(tokens, 2, len(text), policy=policy)
        assert (aligned.start, aligned.end, aligned.cuts, aligned.adjusted) == (*word, (), True)


def test_align_whitespace_only_span_is_empty_and_reported() -> None:
    aligned = align_span(token_offsets("في  البوكمال"), 2, 4, policy="split")
    assert aligned.empty and aligned.adjusted


def test_align_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="policy"):
        align_span([(0, 3)], 0, 3, policy="shrink")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        align_span([(0, 3)], 2, 2, policy="expand")


def test_split_tokens_ignores_repeats_edges_and_whitespace() -> None:
    tokens = [(0, 5), (6, 10)]
    assert split_tokens(tokens, [2, 2, 0, 5, 6, 10, 5]) == [(0, 2), (2, 5), (6, 10)]
    assert split_tokens(tokens, []) == tokens


def test_words_and_spaces_build_a_doc_with_split_tokens(seed_text: str) -> None:
    from spacy.tokens import Doc

    nlp = get_nlp()
    tokens = token_offsets(seed_text)
    word = find(seed_text, "بالمقابل")
    tokens = split_tokens(tokens, [word[0] + 1])
    w, s = words_and_spaces(seed_text, tokens)
    doc = Doc(nlp.vocab, words=w, spaces=s)
    assert doc.text == seed_text
    span = doc.char_span(word[0] + 1, word[1])
    assert span is not None
    assert span.text == "المقابل"


# --- sentences -----------------------------------------------------------------------


def sentences(text: str, protected: list[tuple[int, int]] | None = None) -> list[str]:
    return [
        text[s:e] for s, e in sentence_offsets(text, token_offsets(text), protected=protected or ())
    ]


def test_seed_sentences(seed_text: str) -> None:
    sents = sentences(seed_text)
    assert sents[:3] == [
        "البوكمال.. معركة دولية",
        "البوكمال..  معركة دولية",
        "شام إف إم - محمود عبد اللطيف:",
    ]
    assert len(sents) == 12  # 3 lines + 9 paragraphs, each one sentence
    assert all(s.endswith(".") or s.endswith('".') for s in sents[3:])
    assert sents[-1].endswith('الرقة "مدينة محتلة".')
    assert not any("\n" in s for s in sents)


def test_seed_sentences_never_cut_a_protected_span(seed_text: str) -> None:
    # A claim across the end of the first paragraph and the start of the second.
    claim = (find(seed_text, "صفيح ساخن")[0], find(seed_text, "المعلومات الأولية")[1])
    entity = find(seed_text, "مدينة البوكمال")
    sents = sentence_offsets(seed_text, token_offsets(seed_text), protected=[claim, entity])
    assert len(sents) == 11
    for start, end in (claim, entity):
        assert any(s <= start and end <= e for s, e in sents)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال ذلك. ثم غادر", ["قال ذلك.", "ثم غادر"]),
        ("هل قال ذلك؟ نعم", ["هل قال ذلك؟", "نعم"]),
        ("Really? Yes! ok", ["Really?", "Yes!", "ok"]),
        ("انتظر… ثم غادر", ["انتظر…", "ثم غادر"]),
        ("انتظر... ثم غادر", ["انتظر...", "ثم غادر"]),
        ("حقا؟! نعم", ["حقا؟!", "نعم"]),
        ('قال: "انتهى الأمر." ثم غادر', ['قال: "انتهى الأمر."', "ثم غادر"]),
        ("قالوا (انتهى). ثم", ["قالوا (انتهى).", "ثم"]),
        ("بلغت 3.5 مليار. ثم", ["بلغت 3.5 مليار.", "ثم"]),
        ("وصل J. Smith أمس. ثم", ["وصل J. Smith أمس.", "ثم"]),
        ("البوكمال.. معركة دولية", ["البوكمال.. معركة دولية"]),
        ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
        ("فقرة أولى\n\n\xa0\n\nفقرة ثانية", ["فقرة أولى", "فقرة ثانية"]),
        ("عام 2017. ثم", ["عام 2017.", "ثم"]),
        ("", []),
        (" \n ", []),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_rules_for_tokens_from_elsewhere() -> None:
    # A tokenizer that splits "3.5" or "J." must not end sentences there either.
    text = "بلغ 3.5 و J. Smith"
    tokens = [(0, 3), (4, 5), (5, 6), (6, 7), (8, 9), (10, 11), (11, 12), (13, 18)]
    assert sentence_offsets(text, tokens) == [(0, 18)]


def test_protected_span_beats_a_full_stop_and_a_paragraph_break() -> None:
    text = "قال: انتهى. ثم\n\nغادر. بعدها"
    claim = (find(text, "انتهى")[0], find(text, "غادر")[1])
    assert sentences(text, [claim]) == ["قال: انتهى. ثم\n\nغادر.", "بعدها"]
    # A protected span made only of the whitespace between sentences cuts nothing.
    gap = (find(text, "ثم")[1], find(text, "غادر")[0])
    assert sentences(text, [gap]) == sentences(text)


# --- spaCy integration ---------------------------------------------------------------


BLANK_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_importing_the_module_does_not_import_spacy() -> None:
    result = run_python(
        """
        import sys
        import annotator.core.tokenizer
        assert "spacy" not in sys.modules, "spacy imported eagerly"
        """
    )
    assert result.returncode == 0, result.stderr


def test_config_loads_through_the_entry_point_without_importing_annotator() -> None:
    """What `python -m spacy train config.cfg` does with an exported config."""
    result = run_python(
        f"""
        import sys
        import spacy
        from spacy.util import load_model_from_config
        from thinc.api import Config

        assert not any(m.startswith("annotator") for m in sys.modules)
        config = Config().from_str('''
        [nlp]
        lang = "ar"
        pipeline = []

        [nlp.tokenizer]
        @tokenizers = "{TOKENIZER_NAME}"

        [components]
        ''')
        nlp = load_model_from_config(config, auto_fill=True)
        print("|".join(t.text for t in nlp("مع لـ”داعش”.")))
        nlp = spacy.blank("ar", config={BLANK_CONFIG!r})
        print("|".join(t.text for t in nlp("و”داعش”")))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["مع|لـ|”|داعش|”|.", "و|”|داعش|”"]


def test_get_nlp_registers_the_tokenizer_without_entry_points() -> None:
    """A frozen application has no entry points: get_nlp() registers by itself."""
    result = run_python(
        f"""
        import catalogue
        catalogue.AVAILABLE_ENTRY_POINTS = {{}}
        import spacy
        try:
            spacy.blank("ar", config={BLANK_CONFIG!r})
        except Exception as exc:
            print("unregistered:", type(exc).__name__)
        from annotator.core.tokenizer import get_nlp
        print("|".join(t.text for t in get_nlp()("و”داعش”")))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["unregistered: RegistryError", "و|”|داعش|”"]


def test_register_is_idempotent() -> None:
    from spacy.util import registry

    register()
    register()
    assert registry.tokenizers.get(TOKENIZER_NAME) is create_arabic_tokenizer
    assert get_nlp() is get_nlp()
    assert get_nlp().pipe_names == []


PROBLEM_CASES = 'مع لـ”داعش”. بين “قسد” و”داعش” بـ”قسد” عام 2017. الرقة "مدينة محتلة".'


def test_tokenizer_bytes_round_trip_carries_the_rules() -> None:
    import spacy

    ours = get_nlp()
    expected = [t.text for t in ours(PROBLEM_CASES)]
    # Load our bytes into a stock blank ar tokenizer: the rules must come with them.
    stock = spacy.blank("ar")
    assert [t.text for t in stock(PROBLEM_CASES)] != expected
    stock_tokenizer: Any = stock.tokenizer
    ours_tokenizer: Any = ours.tokenizer
    stock_tokenizer.from_bytes(ours_tokenizer.to_bytes())
    assert [t.text for t in stock(PROBLEM_CASES)] == expected


def test_rules_survive_to_disk_and_spacy_load(tmp_path: Path) -> None:
    import spacy

    ours = get_nlp()
    ours.to_disk(tmp_path / "model")
    config = (tmp_path / "model" / "config.cfg").read_text(encoding="utf-8")
    assert f'@tokenizers = "{TOKENIZER_NAME}"' in config
    loaded = spacy.load(tmp_path / "model")
    assert [t.text for t in loaded(PROBLEM_CASES)] == [t.text for t in ours(PROBLEM_CASES)]


# --- properties ----------------------------------------------------------------------

ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى"  # letters
    "\u0640\u064b\u0651\u200c"  # tatweel, tanween, shadda, ZWNJ
    "0123456789٠١٢٣٤٥٦٧٨٩"
    "aZ"
    " \n\xa0\t"
    ".،؛:؟?!…\"'“”«»()[]-_%٪/"
    "😀👍🏽🇸🇾"
)
texts = st.text(alphabet=ALPHABET, max_size=80)


@settings(deadline=None, max_examples=300)
@given(texts)
def test_tokens_are_ordered_disjoint_and_cover_every_non_space(text: str) -> None:
    tokens = token_offsets(text)
    covered = [False] * len(text)
    previous_end = 0
    for start, end in tokens:
        assert previous_end <= start < end <= len(text)
        assert not any(c.isspace() for c in text[start:end])
        for i in range(start, end):
            covered[i] = True
        previous_end = end
    assert all(covered[i] or c.isspace() for i, c in enumerate(text))


@settings(deadline=None, max_examples=200)
@given(texts)
def test_words_and_spaces_match_spacy(text: str) -> None:
    doc = get_nlp().tokenizer(text)
    w, s = words_and_spaces(text, token_offsets(text))
    assert w == [t.text for t in doc]
    assert s == [bool(t.whitespace_) for t in doc]


@settings(deadline=None, max_examples=200)
@given(texts, st.data())
def test_snapping_covers_the_range_and_lands_on_tokens(text: str, data: st.DataObject) -> None:
    tokens = token_offsets(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = snap_to_tokens(tokens, start, end)
    if s == e:
        assert text[start:end].isspace() or start == end
        return
    assert is_aligned(tokens, s, e)
    assert snap_to_tokens(tokens, s, e) == (s, e)
    assert all(s <= i < e for i in range(start, end) if not text[i].isspace())


@settings(deadline=None, max_examples=200)
@given(texts, st.data())
def test_sentences_partition_tokens_and_respect_protected_spans(
    text: str, data: st.DataObject
) -> None:
    tokens = token_offsets(text)
    protected = []
    for _ in range(data.draw(st.integers(0, 3))):
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        protected.append((a, b))
    sents = sentence_offsets(text, tokens, protected=protected)
    starts = {s for s, _ in tokens}
    ends = {e for _, e in tokens}
    assert [t for s, e in sents for t in tokens if s <= t[0] and t[1] <= e] == tokens
    for s, e in sents:
        assert s in starts and e in ends and s < e
    for (_, e1), (s2, _) in zip(sents, sents[1:], strict=False):
        assert e1 <= s2
        for a, b in protected:
            assert not (a < e1 and b > s2), "a protected span crosses a sentence break"


# --- selections: what the editor asks while the user selects (moved from the editor) -----


def test_windowed_snapping_matches_the_whole_text_tokenizer(seed_text: str) -> None:
    """Only the whitespace-bounded stretch around a selection is tokenized; on the seed
    that must give exactly the tokens of the whole text."""
    from annotator.core.tokenizer import snap_selection, token_at, trim_edges

    for start, end in token_offsets(seed_text):
        # Punctuation never ends up at a snapped edge (test_span_edges.py).
        expected = trim_edges(seed_text, start, end)
        assert snap_selection(seed_text, start, end) == expected
        if end - start >= 3:
            assert snap_selection(seed_text, start + 1, end - 1) == expected, seed_text[start:end]
        assert token_at(seed_text, start) == (start, end)


def test_token_at_a_click() -> None:
    from annotator.core.tokenizer import token_at

    text = "قالت و”داعش” هنا."
    quote = text.index("داعش")
    assert token_at(text, quote + 1) == (quote, quote + 4)  # inside the word
    assert token_at(text, quote + 4) == (quote + 4, quote + 5)  # the closing quote
    assert token_at(text, 4) == (0, 4)  # the end of قالت, before the space
    assert token_at("  ", 1) is None


def test_snap_selection_of_spaces_only_is_empty() -> None:
    from annotator.core.tokenizer import snap_selection

    text = "دير الزور   البوكمال"
    gap = text.index("   ")
    assert snap_selection(text, gap, gap + 2) == (gap, gap)
    assert snap_selection(text, 1, 6) == (0, 9)


def test_sentence_at_stays_within_its_paragraph() -> None:
    from annotator.core.tokenizer import paragraph_at, sentence_at

    text = "الجملة الأولى. الجملة الثانية؟\nفقرة ثانية بلا نقطة\n"
    second = text.index("الجملة الثانية")
    assert sentence_at(text, second + 2) == (second, text.index("؟") + 1)
    assert sentence_at(text, 3) == (0, text.index(".") + 1)
    line2 = text.index("فقرة")
    assert paragraph_at(text, line2 + 3) == (line2, len(text) - 1)
    assert sentence_at(text, line2 + 3) == (line2, len(text) - 1)
    # The separator itself belongs to the paragraph it ends.
    assert paragraph_at(text, text.index("\n")) == (0, text.index("\n"))
    assert sentence_at("", 0) is None
