"""Regenerates project_schema_0001.sqlite: a project as schema 0001 wrote it.

Kept for the record; the stored file is what the migration test opens, so the
test stays honest even after this script would change.
"""

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotator.core import schema
from annotator.core.model import document_uid

out = Path(__file__).with_name("project_schema_0001.sqlite")
out.unlink(missing_ok=True)
conn = sqlite3.connect(out, isolation_level=None)
db = Database(conn)
schema.migrations.apply(db, stop_before="0002_gold")
now = "2026-11-24T21:00:00.000000Z"
db.execute("INSERT INTO project_meta VALUES ('app', 'annotator'), ('created', ?)", [now])
db.execute("INSERT INTO labels(name, kind, ord) VALUES ('GPE', 'place', 0), ('CLAIM', 'claim', 1)")
text = "البوكمال.. معركة دولية"
db.execute(
    "INSERT INTO documents VALUES (1, ?, 'البوكمال', 'seed', ?, '{}', ?, 3, 0, ?)",
    [document_uid(text), text, len(text), now],
)
db.execute(
    "INSERT INTO spans VALUES ('00000000-0000-4000-8000-000000000001', 1, 'sara', 1, 0, 8,"
    " '{}', ?, ?, NULL)",
    [now, now],
)
conn.close()
