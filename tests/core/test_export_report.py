"""The export's report keeps only its first entries in memory and writes the same
``report.json`` as before (``json.dumps(report.to_json(), indent=2)``)."""

from __future__ import annotations

import json
from enum import IntEnum
from pathlib import Path

import pytest

from annotator.core.export import export, report
from annotator.core.export.align import Adjustment
from annotator.core.export.report import adjustments, edges, json_text
from annotator.core.store import Project
from tests.core.test_export import ALL_IN_TRAIN, annotated  # noqa: F401


class Level(IntEnum):
    TWO = 2


@pytest.mark.parametrize(
    "value",
    [
        "",
        "داعش “قال” \n\t\x00\x1f\\ \u2028 🔴 \ud800",
        0,
        -7,
        Level.TWO,
        True,
        False,
        None,
        1.5,
        float("inf"),
        [],
        {},
        [[], {}, [1, [2, {"a": []}]]],
        {"a": {"b": {"c": [1, "x", None]}}, "": 0},
        {1: "not a string key", "b": 2},
        ("a", 1),
    ],
)
def test_json_text_is_json_dumps(value):
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert json_text(value) == expected
    nested = json.dumps({"k": [value]}, ensure_ascii=False, indent=2)
    assert "{\n  " + '"k": [\n    ' + json_text(value, "    ") + "\n  ]\n}" == nested


def _adjustment(n: int) -> Adjustment:
    before = {"start": n, "end": n + 3, "text": f"لداعش {n}"}
    after = {"start": n + 1, "end": n + 3, "text": "داعش"}
    cuts = (n + 1,) if n % 2 else ()
    return Adjustment("uid", "عنوان", f"id-{n}", "ORG", "split", before, after, "why", cuts)


def test_a_spooled_list_reads_like_the_list_it_was_given(monkeypatch):
    monkeypatch.setattr(report, "IN_MEMORY", 3)
    items = [_adjustment(n) for n in range(10)]
    spooled = adjustments(items[:4])
    spooled.extend(items[4:])
    assert len(spooled) == 10 and len(spooled._head) == 3  # the rest are on disk
    assert list(spooled) == items and spooled == items and spooled != items[:9]
    assert spooled[0] == items[0] and spooled[5] == items[5] and spooled[-1] == items[-1]
    assert spooled[:2] == items[:2] and spooled[2:7] == items[2:7] and spooled[::-3] == items[::-3]
    spooled.append(items[0])  # appending after reading goes to the end
    assert list(spooled) == [*items, items[0]]
    with pytest.raises(IndexError):
        spooled[11]
    assert [json.loads(t) for t in spooled.json_texts()] == [a.to_json() for a in spooled]
    assert edges() == [] and not edges()


@pytest.mark.parametrize("policy", ["expand", "skip"])
def test_report_json_is_the_same_bytes_with_its_lists_on_disk(
    annotated,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
    policy,
):
    with Project.open(annotated.path, readonly=True) as project:
        in_memory = export(
            project, tmp_path / "memory", fmt="spacy", split=ALL_IN_TRAIN, misaligned=policy
        )
        monkeypatch.setattr(report, "IN_MEMORY", 1)
        on_disk = export(
            project, tmp_path / "disk", fmt="spacy", split=ALL_IN_TRAIN, misaligned=policy
        )
    written = (tmp_path / "disk" / "report.json").read_text(encoding="utf-8")
    assert written == (tmp_path / "memory" / "report.json").read_text(encoding="utf-8")
    assert written == json.dumps(on_disk.to_json(), ensure_ascii=False, indent=2) + "\n"
    lists = on_disk.adjusted if policy == "expand" else on_disk.refused
    assert len(lists) > 1 and len(lists._head) == 1
    assert on_disk.summary_lines()[1:] == in_memory.summary_lines()[1:]  # [0]: the folder
    assert (on_disk.adjusted, on_disk.refused) == (in_memory.adjusted, in_memory.refused)
