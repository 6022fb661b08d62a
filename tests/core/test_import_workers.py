"""Files read in a worker process import exactly as when read in the importer's own.

A large import reads, decodes and cleans its files in a worker (``import_read``);
here workers are forced on small inputs. The project file (every column but the
clock's), the report and the find index must be the same either way; every fault
of ``test_import_faults`` must be reported the same; a worker that fails names the
file and leaves the project as it was.
"""

from __future__ import annotations

import inspect
import json
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core import import_read, store_search
from annotator.core.errors import ImportFailed
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.store import Project
from tests.core import test_import_faults as faults

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_173f9dae85055ffa.txt"
WOJOOD = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "wojood-sample"
# The clock's columns: the only ones two imports of the same files may differ in.
CLOCK = {"created", "updated"}


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Read every import in a worker, however few its files; lists each start method used."""
    started: list[str] = []
    real = import_read.ProcessPoolExecutor

    def pool(*args, mp_context, **kwargs):  # type: ignore[no-untyped-def]
        started.append(mp_context.get_start_method())
        return real(*args, mp_context=mp_context, **kwargs)

    monkeypatch.setattr(import_read, "MIN_FILES", {"fork": 1, "spawn": 1})
    monkeypatch.setattr(import_read, "ProcessPoolExecutor", pool)
    monkeypatch.setattr(import_read, "CHUNK", 3)  # many chunks, even on a few files
    return started


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of the project file, rows in order, without the clock's columns."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'find_index%'"
            " AND name NOT LIKE '%sqlite_%' ORDER BY name"
        )
    ]
    found = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        if table == "spans":
            columns.remove("id")  # a new uuid for each span of each import
        kept = ", ".join(f'"{c}"' for c in columns if c not in CLOCK)
        rows = conn.execute(f"SELECT {kept} FROM {table}").fetchall()  # noqa: S608
        found[table] = sorted(row for row in rows if row[0] != "created")  # project_meta's
    conn.close()
    return found


def mixed_folder(folder: Path) -> Path:
    """Articles as a real import meets them: good ones, ones cleaning changes, bad ones."""
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    (folder / "000_seed.txt").write_text(seed, encoding="utf-8")
    (folder / "001_seed_again.txt").write_text(seed, encoding="utf-8")  # one document
    sentences = []
    for line in (WOJOOD / "val.txt").read_text(encoding="utf-8").splitlines()[:4000]:
        sentences.append(line.split()[0] if line.strip() else "\n")
    words = " ".join(sentences).split("\n")
    for i in range(0, 24):
        text = f"مقال {i}\n\n" + "\n\n".join(w.strip() for w in words[i * 5 : i * 5 + 5]) + "\n"
        (folder / f"{i + 10:03d}_wojood.txt").write_text(text, encoding="utf-8")
    # CR LF, an RLM, a word NFC reorders (Wojood's سُجِّلت), a kept ZWNJ.
    decomposed = "\u0633\u064f\u062c\u0651\u0650\u0644\u062a"
    (folder / "040_cleaned.txt").write_bytes(
        f"عنوان\r\nخبر \u200f{decomposed} هنا می\u200cخواهم\r\n".encode()
    )
    (folder / "041_cp1256.txt").write_bytes("زار الوفد دمشق وحلب.\n".encode("cp1256"))
    (folder / "042_utf16.txt").write_text("\ufeffزار الوفد حمص.\n", encoding="utf-16")
    (folder / "043_empty.txt").write_bytes(b"")
    (folder / "044_png.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "045_bell.txt").write_text("سطر أول\nسطر\x07 ثان\n", encoding="utf-8")
    (folder / "046_conll.txt").write_text(
        "زار O\nأحمد B-PERS\nدمشق B-LOC\n. O\n\nفي O\nحلب B-LOC\n", encoding="utf-8"
    )
    lines = [
        {"text": "زار أحمد دمشق", "spans": [{"start": 4, "end": 8, "label": "PERS"}]},
        {"text": "قال\u200f سامي", "meta": {"annotator_note": "راجع", "annotator_flag": "unsure"}},
    ]
    (folder / "047_spans.jsonl").write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    return folder


def _import(path: Path, folder: Path, **options: object) -> tuple[dict[str, object], Project]:
    project = Project.create(path)
    report = import_paths(project, [folder], options=ImportOptions(**options))  # type: ignore[arg-type]
    return report.to_json(), project


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_folder_read_in_a_worker_is_the_same_project_and_report(
    tmp_path: Path, workers: list[str], monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    folder = mixed_folder(tmp_path / "in")
    forced = import_read.MIN_FILES
    monkeypatch.setattr(import_read, "MIN_FILES", {"fork": 10**9, "spawn": 10**9})
    here, here_project = _import(tmp_path / "here.sqlite", folder, add_labels=True)
    assert workers == []  # read in this process
    monkeypatch.setattr(import_read, "MIN_FILES", forced)
    monkeypatch.setattr(import_read, "start_method", lambda: method)
    there, there_project = _import(tmp_path / "there.sqlite", folder, add_labels=True)
    assert workers == [method]
    assert there == here
    failed = sorted(Path(f["path"]).name for f in here["files"] if f["error"])  # type: ignore[index, union-attr]
    assert failed == ["043_empty.txt", "044_png.txt", "045_bell.txt"]
    assert here["documents_new"] == 31 and here["documents_existing"] == 1
    assert contents(tmp_path / "there.sqlite") == contents(tmp_path / "here.sqlite")
    # The find index: same documents for the same needles (tashkeel, hamza, RLM).
    for needle in ("دمشق", "سجلت", "زار الوفد", "احمد", "البوكمال", "مي\u200cخواهم"):
        folded = store_search.fold(needle)
        assert store_search.candidates(there_project, folded) == store_search.candidates(
            here_project, folded
        )
    assert store_search.candidates(there_project, "سجلت")  # found at all
    assert store_search.unindexed(there_project) == []
    here_project.close()
    there_project.close()


FAULTS = [case for name, case in vars(faults).items() if name.startswith("test_")]


@pytest.mark.parametrize("case", FAULTS, ids=lambda case: case.__name__)
def test_every_import_fault_reads_the_same_in_a_worker(  # type: ignore[no-untyped-def]
    case, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: list[str]
) -> None:
    given = {"project": project, "tmp_path": tmp_path, "monkeypatch": monkeypatch}
    case(**{name: given[name] for name in inspect.signature(case).parameters})
    assert workers  # the case's imports did read in a worker


def _folder_of(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:02d}.txt").write_text(f"مقال رقم {i}\n\nزار الوفد دمشق.\n", encoding="utf-8")
    return folder


def _failing_on(name: str, failure) -> Callable[..., import_read.ReadFile]:  # type: ignore[no-untyped-def]
    """``read_file`` that calls ``failure()`` on the file ``name`` (a forked worker
    inherits the patched module)."""
    real = import_read.read_file

    def read_file(path, fmt, options):  # type: ignore[no-untyped-def]
        if path.name == name:
            failure()
        return real(path, fmt, options)

    return read_file


def _bug() -> None:
    raise RuntimeError("a bug in a reader")


def _killed() -> None:
    os._exit(9)  # as the kernel's OOM killer would end it


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (_bug, r"07\.txt: reading this file failed unexpectedly \(RuntimeError: a bug"),
        (_killed, r"\d\d\.txt: the process reading the files stopped"),
    ],
    ids=["a bug", "killed"],
)
def test_a_worker_failing_names_a_file_and_the_project_is_as_it_was(  # type: ignore[no-untyped-def]
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    workers: list[str],
    failure,
    message: str,
) -> None:
    folder = _folder_of(tmp_path, 12)
    before = contents(project.path)
    monkeypatch.setattr(import_read, "read_file", _failing_on("07.txt", failure))
    with pytest.raises(ImportFailed, match=message):
        import_paths(project, [folder])
    assert workers == ["fork"]
    assert contents(project.path) == before


def test_cancelling_a_worker_import_keeps_what_was_stored_and_stops_the_worker(
    project: Project, tmp_path: Path, workers: list[str]
) -> None:
    folder = _folder_of(tmp_path, 30)
    cancel = threading.Event()

    def progress(done: int, total: int, path: str) -> None:
        if done == 8:
            cancel.set()

    report = import_paths(project, [folder], progress=progress, cancel=cancel, batch_documents=5)
    assert report.cancelled and workers == ["fork"]
    assert len(report.files) == 8
    assert project.documents.count() == 8  # two batches of 5 and 3, nothing more
    assert [t.name for t in threading.enumerate() if "QueueManager" in t.name] == []


def test_the_find_index_text_is_the_search_fold_of_each_document() -> None:
    """``fold_text`` (made in the worker, no map back) folds as ``normalize_for_matching``:
    on the seed, Wojood's sentences, and random text rich in what folds (tashkeel,
    tatweel, hamza forms, ligatures, spaces of every kind, marks between spaces)."""
    import random

    from annotator.core.text import fold_text, normalize_for_matching

    texts = [SEED.read_text(encoding="utf-8"), (WOJOOD / "test.txt").read_text(encoding="utf-8")]
    rng = random.Random(14)
    bmp = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    folding = "  \u00a0\u2003\t\u064e\u0651\u0640أإآؤئﻻﷲﷺ\u200f\u200c١Ab\n"
    for _ in range(2000):
        length = rng.randint(0, 60)
        texts.append(
            "".join(rng.choice(bmp if rng.random() < 0.4 else folding) for _ in range(length))
        )
    assert [fold_text(t) for t in texts] == [normalize_for_matching(t).text for t in texts]
