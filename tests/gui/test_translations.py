"""The Arabic interface is complete: every string the GUI marks has a translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "annotator_ar.ts"


def unfinished(ts: Path) -> list[str]:
    missing = []
    for context in ET.parse(ts).getroot():
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = translation.findall("numerusform")
            texts = [f.text for f in forms] if forms else [translation.text]
            if translation.get("type") == "unfinished" or not all((t or "").strip() for t in texts):
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return missing


def test_every_string_of_the_gui_is_translated_to_arabic(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    fresh = tmp_path / "annotator_ar.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (REPO / "annotator" / "gui").rglob("*.py"))
    result = subprocess.run(
        [str(lupdate), *sources, "-ts", str(fresh), "-no-obsolete"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert unfinished(fresh) == [], "run pyside6-lupdate and translate (see annotator/gui/i18n.py)"


def test_the_compiled_translation_is_up_to_date() -> None:
    qm = TS.with_suffix(".qm")
    assert qm.exists()
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("Review", "Exact span F1") == "F1 المطابقة التامة للمقاطع"
    assert translator.translate("MainWindow", "&Review") == "&مراجعة"
    # Counts are "Spans: %1", not Qt's "%n span(s)": pyside6-lupdate never
    # extracted that plural, so the Arabic window showed it in English.
    assert translator.translate("SpanListWidget", "Spans: %1") == "المقاطع: %1"
