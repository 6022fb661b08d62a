"""Decoding, import cleaning and matching of Arabic text (annotator.core.text)."""

from __future__ import annotations

import codecs
import random
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import BinaryFile, EmptyFile, InvalidSpan, UnknownEncoding
from annotator.core.text import (
    clean_text,
    decode_bytes,
    find_all,
    normalize_for_matching,
    read_text_file,
)

# =============================================================================
# Decoding
# =============================================================================

CURLY_QUOTES = "\u201c\u201d"
ARABIC_INDIC_ONE = "\u0661"


def representable(text: str, encoding: str) -> str:
    """The seed as a legacy encoding can carry it: the characters it lacks replaced."""
    return (
        text.replace(ARABIC_INDIC_ONE, "1")
        if encoding == "cp1256"
        else text.replace(ARABIC_INDIC_ONE, "1")
        .replace(CURLY_QUOTES[0], '"')
        .replace(CURLY_QUOTES[1], '"')
    )


@pytest.mark.parametrize(
    ("encoding", "missing"),
    [("cp1256", {ARABIC_INDIC_ONE}), ("iso8859-6", {ARABIC_INDIC_ONE, *CURLY_QUOTES})],
)
def test_legacy_encodings_lack_exactly_these_seed_characters(
    seed_text: str, encoding: str, missing: set[str]
) -> None:
    # The premise of the legacy cases below: NBSP, tatweel, shadda, fathatan
    # and the Arabic comma all survive; only these do not.
    lacking = set()
    for ch in set(seed_text):
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            lacking.add(ch)
    assert lacking == missing
    representable(seed_text, encoding).encode(encoding)  # and the stand-ins do


def _encodings() -> list[tuple[str, object, str]]:
    def plain(name: str):
        return lambda text: text.encode(name)

    def with_bom(bom: bytes, name: str):
        return lambda text: bom + text.encode(name)

    return [
        ("utf-8", plain("utf-8"), "utf-8"),
        ("utf-8 BOM", plain("utf-8-sig"), "utf-8-sig"),
        ("utf-16-le BOM", with_bom(codecs.BOM_UTF16_LE, "utf-16-le"), "utf-16-le"),
        ("utf-16-be BOM", with_bom(codecs.BOM_UTF16_BE, "utf-16-be"), "utf-16-be"),
        ("utf-16-le no BOM", plain("utf-16-le"), "utf-16-le"),
        ("utf-16-be no BOM", plain("utf-16-be"), "utf-16-be"),
        ("utf-32-le BOM", with_bom(codecs.BOM_UTF32_LE, "utf-32-le"), "utf-32-le"),
        ("cp1256", plain("cp1256"), "cp1256"),
        ("iso8859-6", plain("iso8859-6"), "iso8859-6"),
    ]


@pytest.mark.parametrize(("label", "encode", "codec"), _encodings(), ids=lambda v: str(v))
def test_seed_decodes_identically_in_every_encoding(
    tmp_path: Path, seed_text: str, label: str, encode, codec: str
) -> None:
    expected = representable(seed_text, codec) if codec in ("cp1256", "iso8859-6") else seed_text
    path = tmp_path / f"seed-{label}.txt"
    path.write_bytes(encode(expected))
    decoded = read_text_file(path)
    assert decoded.encoding == codec
    assert decoded.text == expected
    # The reported encoding, given back explicitly, reads the same text.
    assert read_text_file(path, encoding=decoded.encoding).text == expected
    # And import cleaning agrees across encodings: the seed needs none.
    assert clean_text(decoded.text).text == expected


def test_bomless_utf16le_arabic_is_not_mistaken_for_utf8() -> None:
    data = "مدينة البوكمال\n".encode("utf-16-le")
    assert data.decode("utf-8")  # the trap: every byte is < 0x80
    decoded = decode_bytes(data, path="a.txt")
    assert (decoded.text, decoded.encoding) == ("مدينة البوكمال\n", "utf-16-le")


HEADLINES = [
    "قوات سوريا الديمقراطية تسيطر على قرية الباغوز شرق دير الزور",
    "الرئيس السوري في دمشق",
    "تتسارع أحداث المنطقة الشرقية لتتجه نحو السكون الميداني",
    "وقال مصدر عسكري إن الطريق إلى البوكمال مفتوح",
    "ارتفاع أسعار النفط في الأسواق العالمية",
]


@pytest.mark.parametrize("headline", HEADLINES)
@pytest.mark.parametrize("encoding", ["cp1256", "iso8859-6"])
def test_cp1256_and_iso8859_6_are_told_apart(headline: str, encoding: str) -> None:
    data = (headline + "\n").encode(encoding)
    decoded = decode_bytes(data, path="h.txt")
    assert decoded.encoding == encoding
    assert decoded.text == headline + "\n"


def test_ambiguous_legacy_bytes_prefer_cp1256() -> None:
    # Only bytes both encodings read as letters: "لا المدو سار" in cp1256,
    # "فا افكدن سار" in ISO 8859-6, the same number of Arabic letters. Nothing
    # in the bytes decides; cp1256 is the common one.
    data = b"\xe1\xc7 \xc7\xe1\xe3\xcf\xe6 \xd3\xc7\xd1"
    assert data.decode("iso8859-6") == "فا افكدن سار"
    decoded = decode_bytes(data, path="x.txt")
    assert (decoded.encoding, decoded.text) == ("cp1256", "لا المدو سار")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "ZIP"),
        (b"\x7fELF\x02\x01\x01" + bytes(300), "ELF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ],
)
def test_known_binary_formats_are_refused_by_name(data: bytes, kind: str) -> None:
    with pytest.raises(BinaryFile) as info:
        decode_bytes(data, path="picture.txt")
    assert kind in str(info.value)
    assert "picture.txt" in str(info.value)
    assert info.value.path == "picture.txt"


def test_random_bytes_with_nuls_are_binary() -> None:
    data = random.Random(7).randbytes(4096)
    assert b"\x00" in data
    with pytest.raises(BinaryFile, match="NUL"):
        decode_bytes(data, path="blob.bin")


def test_control_bytes_without_nuls_are_binary() -> None:
    data = bytes(b for b in random.Random(3).randbytes(4096) if b) + b"\x01\x02\x03" * 200
    with pytest.raises(BinaryFile, match="control bytes"):
        decode_bytes(data, path="blob.bin")


def test_utf8_with_a_damaged_byte_is_refused_not_read_as_cp1256(seed_text: str) -> None:
    data = seed_text.encode("utf-8")
    meem = data.index("معركة".encode())
    cut = meem + 1  # drop meem's second byte: its first is now invalid
    with pytest.raises(UnknownEncoding, match=f"byte offset {meem} "):
        decode_bytes(data[:cut] + data[cut + 1 :], path="damaged.txt")


def test_a_few_tabs_and_form_feeds_are_still_text() -> None:
    assert decode_bytes("عنوان\tنص\f\n".encode(), path="t.txt").text == "عنوان\tنص\f\n"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        b"  \n\t\r\n",
        codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
        "\u00a0\n\u200f\n".encode(),
    ],
    ids=["0 bytes", "utf-8 BOM", "utf-16 BOM", "white space", "utf-16 space", "nbsp+rlm"],
)
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyFile) as info:
        read_text_file(path)
    assert str(path) in str(info.value)
    assert info.value.code == "E023"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это обычный русский текст для проверки. " * 4, "koi8-r"),
        ("これは日本語のテキストです。文字コードの判定を試験します。" * 4, "shift_jis"),
        ("Le café est très agréable à Genève, où l'été est chaud. " * 4, "latin-1"),
    ],
)
def test_undetectable_encodings_are_refused_with_advice(text: str, encoding: str) -> None:
    with pytest.raises(UnknownEncoding) as info:
        decode_bytes(text.encode(encoding), path="other.txt")
    message = str(info.value)
    assert "other.txt" in message
    assert "--encoding cp1256" in message
    assert info.value.code == "E021"


def test_explicit_encoding_wins(seed_text: str) -> None:
    legacy = representable(seed_text, "cp1256")
    decoded = decode_bytes(legacy.encode("cp1256"), path="a.txt", encoding="windows-1256")
    assert (decoded.text, decoded.encoding) == (legacy, "cp1256")


@pytest.mark.parametrize(
    ("data_encoding", "given"),
    [
        ("cp1256", "utf-8"),  # invalid UTF-8
        ("cp1256", "iso8859-6"),  # feh/qaf/kaf bytes are undefined in ISO 8859-6
        ("utf-8", "cp1256"),  # would "work", as mojibake
        ("utf-8", "latin-1"),
        ("utf-8", "klingon"),  # not an encoding at all
    ],
)
def test_explicit_wrong_encoding_is_a_clear_error(
    seed_text: str, data_encoding: str, given: str
) -> None:
    data = representable(seed_text, "cp1256").encode(data_encoding)
    with pytest.raises(UnknownEncoding) as info:
        decode_bytes(data, path="a.txt", encoding=given)
    message = str(info.value)
    assert "a.txt" in message
    assert given in message
    assert "--encoding" in message


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_text_file(tmp_path / "nope.txt")


# =============================================================================
# Cleaning at import
# =============================================================================


def test_seed_needs_no_cleaning(seed_text: str) -> None:
    cleaned = clean_text(seed_text)
    assert cleaned.text == seed_text
    assert cleaned.offsets.is_identity
    assert cleaned.offsets.map_span(10, 20) == (10, 20)


def test_line_ends_become_lf_and_spans_follow() -> None:
    raw = "أول\r\nثاني\rثالث\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "أول\nثاني\nثالث\n"
    start = raw.index("ثالث")
    s, e = cleaned.offsets.map_span(start, start + 4)
    assert cleaned.text[s:e] == "ثالث"
    # A span ending between CR and LF takes the whole line end.
    assert cleaned.offsets.map_span(0, 4) == (0, 4)
    assert cleaned.text[0:4] == "أول\n"


def test_seed_with_crlf_cleans_back_to_the_seed(seed_text: str) -> None:
    raw = seed_text.replace("\n", "\r\n")
    cleaned = clean_text(raw)
    assert cleaned.text == seed_text
    for word in ("البوكمال", "داعش", "١ كم"):
        raw_start = raw.rindex(word)  # the last one: after many CR LF
        s, e = cleaned.offsets.map_span(raw_start, raw_start + len(word))
        assert cleaned.text[s:e] == word
        assert s == seed_text.rindex(word)


BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_removed_and_spans_follow() -> None:
    raw = "\u202bقال \u200fالمصدر\u200f: \u2067CNN\u2069 في\u202c \u200eدمشق"
    cleaned = clean_text(raw)
    assert cleaned.text == "قال المصدر: CNN في دمشق"
    assert not set(cleaned.text) & set(BIDI_CONTROLS)
    # A span that starts on a removed RLM starts on the next letter.
    start = raw.index("\u200fالمصدر")
    s, e = cleaned.offsets.map_span(start, start + len("\u200fالمصدر\u200f"))
    assert cleaned.text[s:e] == "المصدر"
    start = raw.index("\u2067CNN")
    s, e = cleaned.offsets.map_span(start, start + 5)
    assert cleaned.text[s:e] == "CNN"


def test_a_span_of_removed_characters_only_becomes_empty() -> None:
    raw = "ab\u200f\u200ecd"
    cleaned = clean_text(raw)
    assert cleaned.offsets.map_span(2, 4) == (2, 2)
    assert cleaned.offsets.map_span(2, 5) == (2, 3)


@pytest.mark.parametrize(("start", "end"), [(3, 3), (4, 2), (-1, 2), (0, 99)])
def test_bad_raw_spans_are_invalid(start: int, end: int) -> None:
    with pytest.raises(InvalidSpan):
        clean_text("ab\u200fcd").offsets.map_span(start, end)


def test_bom_at_start_and_stray_feff_inside_are_removed() -> None:
    cleaned = clean_text("\ufeffسطر\ufeff أول")
    assert cleaned.text == "سطر أول"
    assert cleaned.offsets.to_clean(1) == 0
    assert cleaned.offsets.to_raw(0) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u0627\u0654", "\u0623"),  # alef + hamza above → أ
        ("\u0627\u0655", "\u0625"),  # → إ
        ("\u0627\u0653", "\u0622"),  # → آ
        ("\u064a\u0654", "\u0626"),  # → ئ
        ("e\u0301", "\u00e9"),
        ("a\u0301\u0316", "\u00e1\u0316"),  # reordered, then composed
        ("\u0628\u0651\u064e", "\u0628\u064e\u0651"),  # shadda+fatha reordered
        ("\u0627\u200f\u0654", "\u0623"),  # an RLM between does not stop NFC
    ],
)
def test_nfc_composes_and_a_cut_cluster_maps_whole(raw: str, expected: str) -> None:
    text = f"في {raw} هنا"
    cleaned = clean_text(text)
    assert cleaned.text == f"في {expected} هنا"
    # A span over only the base letter covers the whole composed cluster.
    s, e = cleaned.offsets.map_span(3, 4)
    assert cleaned.text[s:e] == expected
    # A span over only the last mark too.
    s, e = cleaned.offsets.map_span(3 + len(raw) - 1, 3 + len(raw))
    assert cleaned.text[s:e] == expected


def test_marks_nfc_leaves_alone_keep_exact_offsets() -> None:
    raw = "\u0628\u064e\u200f\u0627\u0654"  # بَ (NFC-stable) RLM أ (composes)
    cleaned = clean_text(raw)
    assert cleaned.text == "\u0628\u064e\u0623"
    assert cleaned.offsets.map_span(0, 1) == (0, 1)  # the beh without its fatha
    assert cleaned.offsets.map_span(1, 2) == (1, 2)  # the fatha alone


def test_nbsp_is_kept(seed_text: str) -> None:
    raw = "سطر\r\n\u00a0\r\nدير\u00a0الزور"
    cleaned = clean_text(raw)
    assert cleaned.text == "سطر\n\u00a0\nدير\u00a0الزور"
    assert clean_text(seed_text).text.count("\u00a0") == seed_text.count("\u00a0") > 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: ZWNJ between letters stays
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # an emoji sequence stays
        ("كلمة\u200c كلمة", "كلمة كلمة"),  # at a word's edge: noise
        ("\u200dبداية", "بداية"),
        ("عام\u200c2024", "عام2024"),  # next to a digit
        ("نهاية\u200c", "نهاية"),
    ],
)
def test_joiners_are_kept_only_between_word_characters(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


# --- property tests -----------------------------------------------------------

STRIP = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
JOINERS = "\u200c\u200d"


def _joiner_kept(raw: str, i: int) -> bool:
    return (
        0 < i < len(raw) - 1
        and unicodedata.category(raw[i - 1])[0] in "LMS"
        and unicodedata.category(raw[i + 1])[0] in "LMS"
    )


def _removed(raw: str, i: int) -> bool:
    return raw[i] in STRIP or (raw[i] in JOINERS and not _joiner_kept(raw, i))


def reference_clean(raw: str) -> str:
    """The cleaning rules written out plainly, one character at a time, then NFC."""
    out = []
    for i, ch in enumerate(raw):
        if _removed(raw, i):
            continue
        if ch == "\r":
            if raw[i + 1 : i + 2] == "\n":
                continue
            ch = "\n"
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def clean_cut(raw: str, p: int) -> bool:
    """Cutting ``raw`` at ``p`` splits no CR LF, no NFC cluster, no joiner from a neighbour."""
    if p in (0, len(raw)):
        return True
    if raw[p - 1] == "\r" and raw[p] == "\n":
        return False
    if raw[p - 1] in JOINERS or raw[p] in JOINERS:
        return False
    # The next character cleaning keeps must not be a mark NFC could attach.
    following = next((raw[i] for i in range(p, len(raw)) if not _removed(raw, i)), "")
    return not (following and unicodedata.combining(following))


PIECES = [
    *"ابتثجحلمنهويىوسكع",  # Arabic letters
    "\u064e", "\u0650", "\u0651", "\u064b",  # fatha, kasra, shadda, fathatan
    "\u0653", "\u0654", "\u0655",  # madda, hamza above/below: compose with alef, waw, yeh
    "\u0640",  # tatweel
    "e", "a", "\u0301", "\u0316",  # Latin + combining marks (compose, reorder)
    "😀", "👍🏽", "\U0001f468\u200d\U0001f469",  # emoji outside the BMP, with ZWJ
    "\r", "\n", "\r\n", " ", "\u00a0",
    *BIDI_CONTROLS, "\ufeff", "\u200c", "\u200d",
]  # fmt: skip
raw_texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
NO_NFC_CHANGES = [p for p in PIECES if not any(unicodedata.combining(ch) for ch in p)]


@settings(max_examples=300, deadline=None)
@given(raw_texts)
def test_cleaning_follows_the_rules(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == reference_clean(raw)
    assert unicodedata.is_normalized("NFC", cleaned.text)
    assert "\r" not in cleaned.text and not STRIP & set(cleaned.text)
    assert cleaned.offsets.raw_length == len(raw)
    assert cleaned.offsets.clean_length == len(cleaned.text)


@settings(max_examples=300, deadline=None)
@given(raw_texts, st.data())
def test_a_span_between_clean_cuts_maps_to_its_own_cleaned_text(raw: str, data) -> None:
    # The property: when neither edge of a raw span cuts a CR LF pair, an NFC
    # cluster (base + following marks, controls between them included) or a
    # ZWNJ/ZWJ from a neighbour, the span maps to exactly the cleaned text of
    # its own characters, at exactly where that text sits in the whole.
    cuts = [p for p in range(len(raw) + 1) if clean_cut(raw, p)]
    start = data.draw(st.sampled_from(cuts))
    later = [p for p in cuts if p > start]
    if not later:
        return
    end = data.draw(st.sampled_from(later))
    cleaned = clean_text(raw)
    whole = reference_clean(raw)
    # (The cut rule is sound: cleaning the pieces gives the cleaned whole.)
    assert reference_clean(raw[:start]) + reference_clean(raw[start:]) == whole
    assert reference_clean(raw[:end]) + reference_clean(raw[end:]) == whole
    s, e = cleaned.offsets.map_span(start, end)
    assert (s, e) == (len(reference_clean(raw[:start])), len(reference_clean(raw[:end])))
    assert cleaned.text[s:e] == clean_text(raw[start:end]).text


@settings(max_examples=200, deadline=None)
@given(raw_texts, st.data())
def test_any_span_maps_inside_the_text_and_covers_its_kept_letters(raw: str, data) -> None:
    if not raw:
        return
    start = data.draw(st.integers(0, len(raw) - 1))
    end = data.draw(st.integers(start + 1, len(raw)))
    cleaned = clean_text(raw)
    s, e = cleaned.offsets.map_span(start, end)
    assert 0 <= s <= e <= len(cleaned.text)
    # Letters never vanish from a span: every letter of the raw span that NFC
    # leaves alone is in the mapped text. Rounding out to a whole cluster at
    # either edge may add at most that cluster's base letter.
    inside = Counter(ch for ch in raw[start:end] if ch in "بتثجحلمنسكع")
    mapped = Counter(ch for ch in cleaned.text[s:e] if ch in "بتثجحلمنسكع")
    assert inside <= mapped
    assert mapped.total() <= inside.total() + 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NO_NFC_CHANGES), max_size=40).map("".join))
def test_offsets_round_trip_where_nfc_changes_nothing(raw: str) -> None:
    offsets = clean_text(raw).offsets
    to_clean = [offsets.to_clean(i) for i in range(len(raw) + 1)]
    to_raw = [offsets.to_raw(j) for j in range(offsets.clean_length + 1)]
    assert to_clean == sorted(to_clean) and to_raw == sorted(to_raw)
    assert to_clean[0] == 0 and to_clean[-1] == offsets.clean_length
    assert to_raw[-1] == len(raw)
    assert [offsets.to_clean(r) for r in to_raw] == list(range(offsets.clean_length + 1))


# =============================================================================
# Normalisation for matching
# =============================================================================


def spans_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("في البوكمَال اليوم", "البوكمال", ["البوكمَال"]),
        ("في البوكـــمال اليوم", "البوكمال", ["البوكـــمال"]),
        ("زار إسرائيل وأمريكا", "اسرائيل", ["إسرائيل"]),
        ("زار اسرائيل", "إسرائيل", ["اسرائيل"]),
        ("قرأ القرآن", "القران", ["القرآن"]),
        ("قال محمدٌ كلمته", "محمد", ["محمدٌ"]),  # the tanween comes along
        ("مؤتمر المؤتمر", "موتمر", ["مؤتمر", "مؤتمر"]),
        ("رئيس الرئيس", "رييس", ["رئيس", "رئيس"]),
        ("ر\u064a\u0654يس", "رئيس", ["ر\u064a\u0654يس"]),  # decomposed hamza
        ("على بعد ١ كم", "1 كم", ["١ كم"]),
        ("على بعد 1 كم", "١ كم", ["1 كم"]),
        ("دير\u00a0الزور ودير  الزور", "دير الزور", ["دير\u00a0الزور", "دير  الزور"]),
        ("وﻻ شيء", "ولا", ["وﻻ"]),  # presentation-form ligature
        ("اﻻسلام", "اسلام", ["ﻻسلام"]),  # a match inside a ligature covers all of it
        ("ﷲ أكبر", "الله", ["ﷲ"]),
        ("نقلت CNN الخبر", "cnn", ["CNN"]),
        ("جاءت عبر لـ”داعش”", "داعش", ["داعش"]),
        ("  ", "   ", []),
        ("نص", "\u064e\u0640", []),  # a query of marks only folds to nothing
    ],
)
def test_find_all(text: str, query: str, found: list[str]) -> None:
    assert spans_text(text, find_all(text, query)) == found


def test_alef_maksura_stays_distinct() -> None:
    assert normalize_for_matching("على").text == "على"
    assert find_all("مستشفى", "مستشفا") == []
    assert find_all("مستشفى", "مستشفي") == []


def test_alef_madda_folds_to_one_character() -> None:
    # pyarabic's normalize_hamza would turn آ into two characters.
    assert normalize_for_matching("القرآن").text == "القران"


def test_hamza_on_ligature_is_kept_then_folded() -> None:
    # pyarabic's normalize_ligature drops the hamza of ﻷ; NFKC keeps it as لأ.
    assert normalize_for_matching("\ufef7").text == "لا"
    assert find_all("\ufef7", "لأ") == [(0, 1)]


def test_a_match_never_splits_a_latin_letter_from_its_mark() -> None:
    assert find_all("cafe\u0301", "cafe") == []
    assert find_all("cafe\u0301 cafe", "cafe") == [(6, 10)]


def test_seed_search_agrees_with_plain_counting(seed_text: str) -> None:
    # These words carry no tashkeel in the seed, so plain str.count is an oracle.
    for word in ("داعش", "البوكمال", "العراقي"):
        spans = find_all(seed_text, word)
        assert len(spans) == seed_text.count(word) > 0
        assert set(spans_text(seed_text, spans)) == {word}


def test_to_original_rejects_bad_spans() -> None:
    normalized = normalize_for_matching("نص")
    with pytest.raises(InvalidSpan):
        normalized.to_original(1, 0)
    with pytest.raises(InvalidSpan):
        normalized.to_original(0, 3)


MATCH_PIECES = [
    *"ابتلمنويىةهسرع",
    "أ", "إ", "آ", "ٱ", "ؤ", "ئ", "ء",
    "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u064c", "\u0670",
    "\u0640", "\u0654", "١", "2", " ", "  ", "\u00a0", "\n",
]  # fmt: skip
ATTACHED = set("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MATCH_PIECES), min_size=1, max_size=40).map("".join), st.data())
def test_matches_slice_back_to_the_query(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    wanted = normalize_for_matching(query).text.strip(" \n")
    spans = find_all(text, query)
    if not wanted:
        assert spans == []
        return
    assert spans, "the query was cut from the text; it must be found"
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e
        previous_end = e
        assert normalize_for_matching(text[s:e]).text == wanted
        # Whole characters: no leading mark, and the last letter's marks included.
        assert text[s] not in ATTACHED
        assert e == len(text) or text[e] not in ATTACHED


def test_fold_tables_equal_folding_every_character_of_the_bmp() -> None:
    """The tables fold only what NFKC or casefold can change: the same as folding all."""
    from annotator.core import text

    tables = text._match_tables()
    one_to_one = {ord(k): v for k, v in text._LETTER_FOLDS.items()}
    one_to_one.update({ord(ch): " " for ch in text._HSPACE if ch != " "})
    expansions: dict[str, str] = {}
    skipped = text._ATTACHED | text._INVISIBLE_FORMAT | {" "}
    for cp in range(0x10000):
        ch = chr(cp)
        if cp in one_to_one or ch in skipped or 0xD800 <= cp <= 0xDFFF:
            continue
        folded = text._fold_chars(unicodedata.normalize("NFKC", ch).casefold())
        if folded == ch:
            continue
        if len(folded) == 1:
            one_to_one[cp] = folded
        else:
            expansions[ch] = folded
    assert tables.one_to_one == one_to_one
    assert tables.expansions == expansions
    assert normalize_for_matching("ﻻ ﷲ Straße").text == "لا الله strasse"
