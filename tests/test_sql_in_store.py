"""Only the store writes SQL: no query, pragma or connection outside `core/store*.py`."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "annotator"
ALLOWED = {"core/schema.py"}
SQL = re.compile(
    r"""\b(SELECT\s+\S|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA\s+\w"""
    r"""|CREATE\s+(TABLE|INDEX|VIEW)|ATTACH\s+DATABASE|BEGIN\b|COMMIT\b)"""
    r"""|\.execute(many|script)?\(|sqlite3\.connect\(|\.conn\b|\.db\b|\._conn\b|\._db\b"""
)


def _outside_the_store() -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in ALLOWED or re.fullmatch(r"core/store\w*\.py", rel):
            continue
        files.append(path)
    return files


def test_no_sql_outside_the_store() -> None:
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in _outside_the_store()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert offences == [], "SQL outside the store:\n" + "\n".join(offences)


def test_the_check_sees_sql() -> None:
    # The pattern must catch what it is there to catch (a check that cannot fail is no check).
    for line in (
        'copy.db.execute("INSERT INTO project_meta(key, value) VALUES (?, ?)")',
        'project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")',
        'rows = conn.execute("SELECT id FROM documents")',
        "sqlite3.connect(path)",
    ):
        assert SQL.search(line), line
    assert _outside_the_store(), "no files scanned"
