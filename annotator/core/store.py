"""The one front door to a project file.

:class:`Project` opens a SQLite file and hands out small managers
(``documents``, ``labels``, ``spans``, ``gold``, ``statuses``). Nobody else
writes SQL. Every write is one transaction: when a method returns, the change
is in the file (WAL, ``synchronous=FULL``), so a killed process loses nothing
that was reported as done.
"""

from __future__ import annotations

import builtins
import functools
import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.core import names, schema, store_search
from annotator.core.attributes import (
    AttributeDef,
    attributes_from_json,
    attributes_to_json,
    parse_attributes,
)
from annotator.core.errors import (
    FileProblem,
    InvalidCliticPolicy,
    InvalidLabel,
    InvalidSpan,
    InvalidStatus,
    LabelConflict,
    NestedEntitiesPresent,
    NewerSchema,
    NotAProject,
    ProjectReadOnly,
    SpanOverlapsEntity,
    UnknownDocument,
    UnknownLabel,
    UnknownSpan,
    WriteFailed,
)
from annotator.core.links import LinkType, check_link_types, default_link_types
from annotator.core.model import (
    DocId,
    Document,
    DocumentInfo,
    Label,
    LabelKind,
    SourceTokens,
    Span,
    SpanId,
    Status,
    StatusRecord,
    document_uid,
    nests,
    utc_now,
)
from annotator.core.store_links import LinkTable, LinkTypes
from annotator.core.store_lock import FileHandle, uri
from annotator.core.store_notes import DocumentNotes
from annotator.core.store_suggestions import Suggestions

if TYPE_CHECKING:
    from sqlite_utils import Database

    from annotator.core.change import Change, Edit

SQLITE_HEADER = b"SQLite format 3\x00"
FLAT_ENTITIES_KEY = "flat_entities"
CLITICS_KEY = "clitics"
APPLICATION_ID = 0x414E4E4F  # "ANNO"


def default_labels() -> list[Label]:
    """The label set shipped in ``resources/labels.toml``."""
    data = resources.files("annotator.resources").joinpath("labels.toml").read_text("utf-8")
    return labels_from_toml(data, source="resources/labels.toml")


def labels_from_toml(data: str, *, source: str) -> list[Label]:
    """Parse a label file (``[[label]]`` tables with name, kind, colour, ...).

    :param source: the file name, for error messages.
    """
    import tomllib  # only label files need it: not imported at every command's start

    try:
        parsed = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidLabel(f"{source}: not valid TOML ({exc}).") from exc
    rows = parsed.get("label")
    if not isinstance(rows, list) or not rows:
        raise InvalidLabel(f"{source}: no [[label]] tables found; see resources/labels.toml.")
    labels: list[Label] = []
    seen: set[str] = set()
    for order, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InvalidLabel(f"{source}: label number {order + 1} is not a [[label]] table.")
        name = str(row.get("name", "")).strip()
        if not name:
            raise InvalidLabel(f"{source}: label number {order + 1} has no name.")
        if name in seen:
            raise InvalidLabel(f"{source}: label {name!r} appears twice.")
        seen.add(name)
        label = Label(
            name=name,
            kind=parse_kind(row.get("kind", ""), where=f"{source}: label {name!r}"),
            color=str(row.get("color", "#cccccc")),
            shortcut=str(row.get("shortcut", "")),
            description=str(row.get("description", "")),
            description_ar=str(row.get("description_ar", "")),
            order=order,
            attributes=parse_attributes(row.get("attribute"), where=f"{source}: label {name!r}"),
        )
        names.check_label(label, where=source)
        names.check_shortcut_free(label.shortcut, labels, for_label=name, where=source)
        labels.append(label)
    return labels


def parse_kind(value: object, *, where: str) -> LabelKind:
    try:
        return LabelKind(str(value))
    except ValueError:
        kinds = ", ".join(k.value for k in LabelKind)
        raise InvalidLabel(f"{where}: kind {value!r} is not one of {kinds}.") from None


def check_project_header(path: Path, header: bytes) -> None:
    """Refuse, before SQLite touches it, a file that is not a SQLite database."""
    if header != SQLITE_HEADER:
        raise NotAProject(
            f"{path}: not an Annotator project (not a SQLite file). "
            "Create one with `annotator init -p FILE`."
        )


def _identify(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"project_meta", "_sqlite_migrations"} <= tables:
        raise NotAProject(
            f"{path}: a SQLite file, but not an Annotator project. "
            "Create one with `annotator init -p FILE`."
        )


def _remove_project_files(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def _nearly_full(path: Path) -> bool:
    # SQLite reports some writes to a full disk as "disk I/O error": look.
    try:
        return shutil.disk_usage(path.absolute().parent).free < 1 << 20
    except OSError:
        return False


# SQLite's own names for "the disk or the file refused the write" (not a bug in a query).
_WRITE_FAILURES = (
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_IOERR",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
)
_WRITE_FAILURE_WORDS = ("full", "readonly", "read-only", "i/o", "locked", "unable to open")


def is_write_failure(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused to write for a reason outside the program (disk, file, lock)."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return str(name).startswith(_WRITE_FAILURES)
    return any(word in str(exc).lower() for word in _WRITE_FAILURE_WORDS)


def write_failed(path: Path, exc: sqlite3.OperationalError) -> WriteFailed:
    """The error a user sees when SQLite could not write ``path``: what happened, what to do."""
    reason = str(exc)
    lowered = reason.lower()
    if "full" in lowered or ("i/o" in lowered and _nearly_full(path)):
        what = "the disk is full. Free some space on it, then do it again"
    elif "readonly" in lowered or "read-only" in lowered:
        what = (
            "the file or its folder is read-only. Make it writable (or copy the "
            "project somewhere writable and open the copy), then do it again"
        )
    elif "locked" in lowered or "busy" in lowered:
        what = "another program is holding the file. Close it there, then do it again"
    else:
        what = (
            f"SQLite could not write it ({reason}); the disk may be full, read-only or "
            "gone. Free some space or check the drive, then do it again"
        )
    return WriteFailed(f"{path}: not saved: {what}.", reason=reason)


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A cleaned document ready to be stored (see :meth:`Documents.add_many`)."""

    text: str
    title: str = ""
    source: str = ""
    meta: dict[str, Any] | None = None
    # The input's own tokens (CoNLL, .spacy), kept for exports.
    source_tokens: SourceTokens | None = None
    # Computed from ``text`` where the caller has them already (the import's
    # reading worker), else by :meth:`Documents.add_many`: the content uid
    # (:func:`document_uid`), the word count, and the find index's folded text.
    uid: str = ""
    n_words: int | None = None
    folded: str | None = None


class Project:
    """An open project file. Use :meth:`create` or :meth:`open`; close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, handle: FileHandle):
        self.path = path
        # Private: SQL stays in the store; everyone else goes through the managers.
        self._conn = conn
        self._handle = handle
        self.readonly = not handle.write
        self.documents = Documents(self)
        self.labels = Labels(self)
        self.spans = SpanTable(self, "spans")
        self.gold = SpanTable(self, "gold_spans")
        self.statuses = Statuses(self)
        self.meta = Meta(self)
        self.assignments = Assignments(self)
        self.adjudications = Adjudications(self)
        self.suggestions = Suggestions(self)
        self.links = LinkTable(self, "links", "spans")
        self.gold_links = LinkTable(self, "gold_links", "gold_spans")
        self.link_types = LinkTypes(self)
        self.document_notes = DocumentNotes(self)

    @functools.cached_property
    def _db(self) -> Database:
        """The sqlite-utils view of the file, built on first use (migrations): no
        command pays for importing sqlite-utils (0.2–0.6 s) unless it needs it."""
        from sqlite_utils import Database

        return Database(self._conn)

    # --- opening and closing ------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path,
        *,
        labels: Sequence[Label] | None = None,
        link_types: Sequence[LinkType] | None = None,
    ) -> Project:
        """Create a new project file with the given (or default) labels and link types.

        :raises FileExistsError: if ``path`` exists and is not empty.
        """
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise FileExistsError(f"{path}: already exists; open it instead, or choose a new name.")
        made_here = not path.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = FileHandle(path, write=True, create=True)
        except OSError as exc:
            raise FileProblem(
                f"{path}: cannot create the project there ({exc.strerror or exc}). "
                "Choose another folder."
            ) from exc
        if handle.size() > 0:  # written by someone else since the check above
            handle.close()
            raise FileExistsError(f"{path}: already exists; open it instead, or choose a new name.")
        try:
            project = cls._connect(path, handle, creating=True)
            try:
                # "ANNO" in the header: file managers recognise a project under any name
                # (packaging/linux/annotator-mime.xml).
                project._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                with project.transaction():
                    project.meta.update(
                        {
                            "app": schema.APP_ID,
                            "created": utc_now(),
                            "created_by_version": __version__,
                        }
                    )
                    chosen = list(labels) if labels is not None else default_labels()
                    for label in chosen:
                        project.labels._insert(label)
                    types = list(link_types) if link_types is not None else default_link_types()
                    check_link_types(types, chosen, source=str(path))
                    for link_type in types:
                        project.link_types.add(link_type)
            except BaseException:
                project.close()
                raise
        except BaseException as exc:
            if made_here:  # a half-made project (disk full, say) is no project
                _remove_project_files(path)
            if isinstance(exc, sqlite3.OperationalError):
                raise write_failed(path, exc) from exc
            raise
        return project

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, migrate: bool = True) -> Project:
        """Open an existing project, migrating an older schema (after a backup, unless
        its missing migrations only add tables or indexes: ``schema.ADDS_ONLY``).

        :param migrate: ``False`` with ``readonly``: open an older schema as it is,
            only to copy it (:meth:`backup`); its tables are not what this version reads.
        :raises NotAProject: the file is missing or not a project.
        :raises NewerSchema: the file was written by a newer Annotator.
        :raises ProjectLocked: another process has it open for writing.
        """
        path = Path(path)
        if not path.exists():
            raise NotAProject(
                f"{path}: no such project. Create it with `annotator init -p {path}`."
            )
        # The lock is taken on the file itself, before SQLite opens it: a hard
        # link or symlink to an open project meets the same lock.
        try:
            handle = FileHandle(path, write=not readonly)
        except OSError as exc:  # a folder, no permission, gone since the check above
            raise NotAProject(f"{path}: cannot be opened ({exc.strerror or exc}).") from None
        try:
            check_project_header(path, handle.read_header(len(SQLITE_HEADER)))
        except BaseException as exc:
            handle.close()
            if isinstance(exc, OSError):
                raise NotAProject(f"{path}: cannot be read ({exc.strerror or exc}).") from None
            raise
        return cls._connect(path, handle, creating=False, migrate=migrate)

    @classmethod
    def _connect(
        cls, path: Path, handle: FileHandle, *, creating: bool, migrate: bool = True
    ) -> Project:
        readonly = not handle.write
        conn: sqlite3.Connection | None = None
        try:
            # A URI also for writing: ATTACH then takes `?mode=ro` (a merged file stays as it is).
            conn = sqlite3.connect(
                uri(path, readonly=readonly),
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            if not creating:
                # Before any pragma that writes (WAL changes the header): a file we
                # refuse must stay byte-for-byte as it was.
                _identify(conn, path)
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                # FULL: a transaction that returned survives a power cut, not only a crash.
                conn.execute("PRAGMA synchronous = FULL")
            project = cls(path, conn, handle)
            project._check_and_migrate(creating=creating, migrate=migrate)
            return project
        except BaseException as exc:
            if conn is not None:
                conn.close()
            handle.close()
            if isinstance(exc, sqlite3.OperationalError) and is_write_failure(exc):
                raise write_failed(path, exc) from exc  # disk full, read-only: not a bad file
            if isinstance(exc, sqlite3.DatabaseError):
                raise NotAProject(f"{path}: not a readable project file ({exc}).") from exc
            raise

    def _check_and_migrate(self, *, creating: bool, migrate: bool = True) -> None:
        known = schema.known_migration_names()
        applied = [m.name for m in schema.migrations.applied(self._conn)]
        unknown = [name for name in applied if name not in known]
        if unknown:
            self.close()
            raise NewerSchema(
                f"{self.path}: written by a newer version of Annotator (schema {unknown[-1]}); "
                f"this is version {__version__}. Upgrade Annotator to open it."
            )
        pending = [m.name for m in schema.migrations.pending(self._conn)]
        if not pending:
            return
        if self.readonly:
            if not migrate:
                return
            self.close()
            raise ProjectReadOnly(
                f"{self.path}: uses an older schema; open it once for writing to upgrade it."
            )
        if applied and not set(pending) <= schema.ADDS_ONLY:
            self.backup(self.path.with_name(f"{self.path.name}.before-{pending[0]}.bak"))
        schema.migrations.apply(self._db)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file, so it can be copied or renamed alone."""
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as exc:
            raise write_failed(self.path, exc) from exc

    @classmethod
    @contextmanager
    def creating(
        cls,
        path: str | Path,
        *,
        labels: Sequence[Label] | None = None,
        link_types: Sequence[LinkType] | None = None,
    ) -> Iterator[Project]:
        """Create a project file whole or not at all.

        The body fills the project; it is built as ``PATH.part``, checkpointed and
        renamed to ``PATH`` only when the body returns, so a crash or an error
        leaves no half-made project under the real name (and no ``.part`` behind
        after an error). The project is closed when the block ends.

        :raises FileExistsError: ``path`` exists.
        """
        path = Path(path)
        if path.exists():
            raise FileExistsError(f"{path}: already exists; choose a new file name.")
        part = path.with_name(path.name + ".part")
        _remove_project_files(part)
        project = cls.create(part, labels=labels, link_types=link_types)
        try:
            yield project
            project.checkpoint()
        except BaseException:
            project.close()
            _remove_project_files(part)
            raise
        project.close()
        part.replace(path)

    def backup(self, target: Path) -> Path:
        """Copy the project, consistently, to ``target`` (SQLite's online backup)."""
        tmp = target.with_name(target.name + ".part")
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                self._conn.backup(dest)
            finally:
                dest.close()
            shutil.move(str(tmp), str(target))
        except (sqlite3.OperationalError, OSError) as exc:
            tmp.unlink(missing_ok=True)  # a half-written copy would only keep the disk full
            if isinstance(exc, sqlite3.OperationalError):
                raise write_failed(target, exc) from exc
            raise FileProblem(
                f"{target}: the backup could not be written ({exc.strerror or exc}); "
                "free some space or check the folder, then do it again. Nothing was changed."
            ) from exc
        return target

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            self._handle.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (nested calls become savepoints).

        :raises WriteFailed: SQLite could not write (disk full, read-only file,
            I/O error); the transaction was rolled back, nothing of it is stored.
        """
        if self.readonly:
            raise ProjectReadOnly(f"{self.path}: opened read-only.")
        if not self._conn.in_transaction and not self._handle.still_named_by(self.path):
            # Deleted or moved away while open: SQLite would go on writing into a file
            # nobody can find again. Refuse the edit instead of losing it.
            raise WriteFailed(
                f"{self.path}: not saved: the project file was moved, renamed or deleted "
                "while it was open. Put it back (or open it where it is now), then do it "
                "again.",
                reason="file vanished",
            )
        # sqlite-utils' Database.atomic(), without importing sqlite-utils (and
        # pandas with it) for every write: the import costs more than an import
        # of 1,000 articles.
        try:
            with self._atomic():
                yield
        except sqlite3.OperationalError as exc:
            if not is_write_failure(exc):
                raise  # a bug, not the disk: keep SQLite's own error
            raise write_failed(self.path, exc) from exc

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        conn = self._conn
        if conn.in_transaction:
            savepoint = f"sp_{uuid.uuid4().hex}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                # A failure may have ended the whole transaction, savepoint included.
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def apply(self, edit: Edit) -> Change:
        """Apply a user edit (:mod:`annotator.core.edits`, :mod:`~annotator.core.adjudication`).

        One transaction: the edit is in the file when this returns, or, if it
        raises, nothing of it is.
        """
        with self.transaction():
            return edit.apply(self)

    def revert(self, edit: Edit) -> Change:
        """Undo an applied edit, in one transaction."""
        with self.transaction():
            return edit.revert(self)

    @property
    def flat_entities(self) -> bool:
        """``True``: entities form one flat layer (no entity inside another).

        The default is nested: an entity may lie wholly inside another one
        (``نابلس`` a GPE inside the ORG ``بلدية نابلس``), never cross it.
        """
        return self.meta.get(FLAT_ENTITIES_KEY) == "1"

    def set_flat_entities(self, flat: bool) -> None:
        """Switch the project to flat (or nested) entities.

        :raises NestedEntitiesPresent: ``flat`` while some annotator or gold has an
            entity inside another (it names how many; remove them first).
        """
        with self.transaction():
            if flat:
                nested = self.spans.count_nested() + self.gold.count_nested()
                if nested:
                    raise NestedEntitiesPresent(
                        f"{self.path}: {nested} entities lie inside another entity; remove "
                        "them (or keep the project nested) before making entities flat."
                    )
            self.meta.set(FLAT_ENTITIES_KEY, "1" if flat else "0")

    @property
    def clitics(self) -> str:
        """Where proclitics go: ``"inside"`` entities (the default: ``بالبوكمال`` is
        one token, as ANERcorp and Wojood annotate) or ``"outside"`` (the project
        tokenizer splits ``ب`` + ``البوكمال``; see ``core.tokenizer``)."""
        return self.meta.get(CLITICS_KEY) or "inside"

    def set_clitics(self, clitics: str) -> int:
        """Set the clitic policy; existing spans are kept as they are.

        :returns: how many spans (annotators' and gold) the project holds: under the
            new tokens some may no longer fall on token boundaries, and exports
            report those (``report.json``, ``misaligned``).
        :raises InvalidCliticPolicy: not ``inside`` or ``outside``.
        """
        if clitics not in ("inside", "outside"):
            raise InvalidCliticPolicy(
                f"unknown clitic policy {clitics!r}; choose inside or outside."
            )
        with self.transaction():
            self.meta.set(CLITICS_KEY, clitics)
            return self.spans.count() + self.gold.count()

    def data_version(self) -> str:
        """A key that changes whenever anything agreement or review reads changes.

        Equal keys mean the same documents, labels, spans, gold, statuses,
        adjudications and clitic policy: cache what was computed from them under
        this key. Cheap (a few index lookups, no scan): inserts show in each
        table's largest rowid (``INSERT OR REPLACE`` takes a new one), updates and
        deletes bump a counter kept by triggers (migration ``0005``).
        """
        conn = self._conn
        parts = [
            str(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
            for table in (*schema.CHANGE_COUNTED_TABLES, *schema.LINK_TABLES)
        ]
        row = conn.execute("SELECT value FROM project_meta WHERE key = 'changes'").fetchone()
        parts.append(str(row[0]) if row else "0")
        parts.append(self.clitics)  # agreement's tokens follow the clitic policy
        return ".".join(parts)

    def schema_version(self) -> str:
        applied = schema.migrations.applied(self._conn)
        return applied[-1].name if applied else ""


class Documents:
    def __init__(self, project: Project) -> None:
        self._p = project

    _INFO_COLUMNS = "id, uid, title, source, n_chars, n_words, ord"

    def count(self) -> int:
        return int(self._p._conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def list(
        self, offset: int = 0, limit: int | None = None, *, search: str | None = None
    ) -> builtins.list[DocumentInfo]:
        """Documents without their texts, in project order.

        :param search: keep titles containing this text (case-insensitive for Latin).
        """
        where, params = _title_search(search)
        sql = f"SELECT {self._INFO_COLUMNS} FROM documents{where} ORDER BY ord LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        return [DocumentInfo(*row) for row in self._p._conn.execute(sql, params)]

    def ids(self, *, search: str | None = None) -> builtins.list[DocId]:
        """Every document's id in project order: one query on the order's index.

        :param search: keep titles containing this text, as :meth:`list` does.
        """
        where, params = _title_search(search)
        sql = f"SELECT id FROM documents{where} ORDER BY ord"
        return [DocId(r[0]) for r in self._p._conn.execute(sql, params)]

    def infos(self, doc_ids: Sequence[int]) -> builtins.list[DocumentInfo]:
        """These documents without their texts, in the order given (a few hundred at
        a time; an unknown id is left out): one query, the document list's page."""
        marks = ",".join("?" * len(doc_ids))
        sql = f"SELECT {self._INFO_COLUMNS} FROM documents WHERE id IN ({marks})"
        found = {r[0]: DocumentInfo(*r) for r in self._p._conn.execute(sql, list(doc_ids))}
        return [found[doc_id] for doc_id in doc_ids if doc_id in found]

    def info(self, doc_id: int) -> DocumentInfo:
        row = self._p._conn.execute(
            f"SELECT {self._INFO_COLUMNS} FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            raise UnknownDocument(f"No document with id {doc_id} in {self._p.path}.")
        return DocumentInfo(*row)

    def get(self, doc_id: int) -> Document:
        row = self._p._conn.execute(
            "SELECT id, uid, title, text, source, meta, ord FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            raise UnknownDocument(f"No document with id {doc_id} in {self._p.path}.")
        return _document(row)

    def by_uid(self, uid: str) -> Document | None:
        row = self._p._conn.execute(
            "SELECT id, uid, title, text, source, meta, ord FROM documents WHERE uid = ?", [uid]
        ).fetchone()
        return _document(row) if row else None

    def id_for_uid(self, uid: str) -> DocId | None:
        row = self._p._conn.execute("SELECT id FROM documents WHERE uid = ?", [uid]).fetchone()
        return DocId(row[0]) if row else None

    def iter(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        """Stream documents (with texts) without holding the corpus in memory."""
        if ids is None:
            cursor = self._p._conn.execute(
                "SELECT id, uid, title, text, source, meta, ord FROM documents ORDER BY ord"
            )
            for row in cursor:
                yield _document(row)
        else:
            for doc_id in ids:
                yield self.get(doc_id)

    def many(self, doc_ids: Sequence[int]) -> builtins.list[Document]:
        """These documents in the order given (a few hundred ids at a time): one query."""
        marks = ",".join("?" * len(doc_ids))
        sql = f"SELECT id, uid, title, text, source, meta, ord FROM documents WHERE id IN ({marks})"
        found = {r[0]: _document(r) for r in self._p._conn.execute(sql, list(doc_ids))}
        return [found[doc_id] for doc_id in doc_ids if doc_id in found]

    def first_to_open(self, annotator: str) -> DocId | None:
        """The first document (project order) ``annotator`` has not finished or
        skipped, else the first document; ``None`` in an empty project.

        One indexed query that stops at the first hit: the window opens at once
        whatever the number of documents.
        """
        conn = self._p._conn
        row = conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN statuses s"
            " ON s.doc_id = d.id AND s.annotator = ?"
            " WHERE s.status IS NULL OR s.status IN ('new', 'in_progress')"
            " ORDER BY d.ord LIMIT 1",
            [annotator],
        ).fetchone()
        if row is None:
            row = conn.execute("SELECT id FROM documents ORDER BY ord LIMIT 1").fetchone()
        return DocId(row[0]) if row else None

    def texts(self, doc_ids: Sequence[int]) -> builtins.list[tuple[DocId, str]]:
        """``(id, text)`` of these documents (call with a few hundred at a time), by id.

        The bulk readers' view (agreement): one query, no :class:`Document` objects.
        """
        marks = ",".join("?" * len(doc_ids))
        sql = f"SELECT id, text FROM documents WHERE id IN ({marks}) ORDER BY id"
        return [(DocId(r[0]), r[1]) for r in self._p._conn.execute(sql, list(doc_ids))]

    def add(
        self, text: str, *, title: str = "", source: str = "", meta: dict[str, Any] | None = None
    ) -> tuple[DocId, bool]:
        """Store a cleaned text; the same text twice is one document.

        :returns: the document id and whether it was new.
        """
        with self._p.transaction():
            return self.add_many([NewDocument(text, title, source, meta)])[0]

    def add_many(self, docs: Sequence[NewDocument]) -> builtins.list[tuple[DocId, bool]]:
        """Store several cleaned documents; call inside :meth:`Project.transaction`.

        Duplicates (by content uid), within the batch or with the project, are
        stored once; the result says, for each input, its id and whether it was new.
        """
        conn = self._p._conn
        uids = [d.uid or document_uid(d.text) for d in docs]
        existing: dict[str, DocId] = {}
        for chunk_start in range(0, len(uids), 900):
            chunk = uids[chunk_start : chunk_start + 900]
            marks = ",".join("?" * len(chunk))
            for uid, doc_id in conn.execute(
                f"SELECT uid, id FROM documents WHERE uid IN ({marks})", chunk
            ):
                existing[uid] = DocId(doc_id)
        next_ord = int(
            conn.execute("SELECT coalesce(max(ord), -1) + 1 FROM documents").fetchone()[0]
        )
        next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0])
        now = utc_now()
        rows: builtins.list[tuple[Any, ...]] = []
        # (id, folded text or None: folded by the index) of each new document.
        index_rows: builtins.list[tuple[int, str | None]] = []
        result: builtins.list[tuple[DocId, bool]] = []
        for doc, uid in zip(docs, uids, strict=True):
            if uid in existing:
                result.append((existing[uid], False))
                continue
            doc_id = DocId(next_id)
            next_id += 1
            existing[uid] = doc_id
            rows.append(
                (
                    doc_id,
                    uid,
                    doc.title,
                    doc.source,
                    doc.text,
                    json.dumps(doc.meta or {}, ensure_ascii=False),
                    len(doc.text),
                    len(doc.text.split()) if doc.n_words is None else doc.n_words,
                    next_ord,
                    now,
                )
            )
            index_rows.append((doc_id, doc.folded))
            next_ord += 1
            result.append((doc_id, True))
        conn.executemany(
            "INSERT INTO documents(id, uid, title, source, text, meta, n_chars, n_words, ord,"
            " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        # Source tokens of a document already there are added if it had none
        # (the same article imported as text first, then from a CoNLL file).
        conn.executemany(
            "INSERT OR IGNORE INTO source_tokens(doc_id, tokens, sentences) VALUES (?, ?, ?)",
            (
                (
                    doc_id,
                    json.dumps([o for pair in doc.source_tokens.tokens for o in pair]),
                    json.dumps(doc.source_tokens.sentence_starts),
                )
                for doc, (doc_id, _new) in zip(docs, result, strict=True)
                if doc.source_tokens is not None
            ),
        )
        # Find across the corpus.
        store_search.add_folded(
            conn,
            (
                (doc_id, store_search.fold(row[4]) if folded is None else folded)
                for (doc_id, folded), row in zip(index_rows, rows, strict=True)
            ),
        )
        return result

    def source_tokens(self, doc_id: int) -> SourceTokens | None:
        """The document's own tokens and sentences, when it came tokenized."""
        row = self._p._conn.execute(
            "SELECT tokens, sentences FROM source_tokens WHERE doc_id = ?", [doc_id]
        ).fetchone()
        if row is None:
            return None
        flat = json.loads(row[0])
        return SourceTokens(list(zip(flat[::2], flat[1::2], strict=True)), json.loads(row[1]))

    def source_tokens_many(self, doc_ids: Sequence[int]) -> dict[DocId, SourceTokens]:
        """:meth:`source_tokens` of those of these documents that came tokenized."""
        marks = ",".join("?" * len(doc_ids))
        sql = f"SELECT doc_id, tokens, sentences FROM source_tokens WHERE doc_id IN ({marks})"
        found = {}
        for doc_id, tokens, sentences in self._p._conn.execute(sql, list(doc_ids)):
            flat = json.loads(tokens)
            found[DocId(doc_id)] = SourceTokens(
                list(zip(flat[::2], flat[1::2], strict=True)), json.loads(sentences)
            )
        return found

    def total_words(self) -> int:
        return int(
            self._p._conn.execute("SELECT coalesce(sum(n_words), 0) FROM documents").fetchone()[0]
        )


def _title_search(search: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause keeping titles that contain ``search`` (none without it)."""
    if not search:
        return "", []
    return " WHERE instr(lower(title), lower(?)) > 0", [search]


def _document(row: Sequence[Any]) -> Document:
    return Document(
        id=DocId(row[0]),
        uid=row[1],
        title=row[2],
        text=row[3],
        source=row[4],
        meta=json.loads(row[5]),
        order=row[6],
    )


class Labels:
    def __init__(self, project: Project) -> None:
        self._p = project
        self._cache: dict[str, tuple[int, Label]] | None = None

    def _load(self) -> dict[str, tuple[int, Label]]:
        if self._cache is None:
            rows = self._p._conn.execute(
                "SELECT id, name, kind, color, shortcut, description, description_ar, ord,"
                " attributes FROM labels ORDER BY ord, id"
            ).fetchall()
            self._cache = {
                r[1]: (
                    r[0],
                    Label(
                        r[1],
                        LabelKind(r[2]),
                        r[3],
                        r[4],
                        r[5],
                        r[6],
                        r[7],
                        attributes_from_json(json.loads(r[8])),
                    ),
                )
                for r in rows
            }
        return self._cache

    def refresh(self) -> None:
        """Read the labels from the file again (after a rolled-back savepoint)."""
        self._cache = None

    def list(self) -> builtins.list[Label]:
        return [label for _, label in self._load().values()]

    def names(self) -> builtins.list[str]:
        return list(self._load())

    def get(self, name: str) -> Label:
        try:
            return self._load()[name][1]
        except KeyError:
            raise UnknownLabel(
                f"No label {name!r} in {self._p.path}; known: {', '.join(self._load()) or 'none'}."
            ) from None

    def id_of(self, name: str) -> int:
        self.get(name)
        return self._load()[name][0]

    def name_of(self, label_id: int) -> str:
        for lid, label in self._load().values():
            if lid == label_id:
                return label.name
        raise UnknownLabel(f"No label with id {label_id} in {self._p.path}.")

    def _insert(self, label: Label) -> None:
        if label.name in self._load():
            raise LabelConflict(f"A label named {label.name!r} already exists.")
        names.check_label(label)
        names.check_shortcut_free(label.shortcut, self.list(), for_label=label.name)
        self._p._conn.execute(
            "INSERT INTO labels(name, kind, color, shortcut, description, description_ar, ord,"
            " attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                label.name,
                label.kind.value,
                label.color,
                label.shortcut,
                label.description,
                label.description_ar,
                label.order,
                json.dumps(attributes_to_json(label.attributes), ensure_ascii=False),
            ],
        )
        self._cache = None

    def add(self, label: Label) -> Label:
        """Add a label at the end of the palette (its ``order`` is ignored)."""
        with self._p.transaction():
            order = len(self._load())
            self._insert(
                Label(
                    label.name,
                    label.kind,
                    label.color,
                    label.shortcut,
                    label.description,
                    label.description_ar,
                    order,
                    label.attributes,
                )
            )
        return self.get(label.name)

    def remove(self, name: str) -> None:
        """Remove a label no span (live, deleted or gold) uses: the undo of an add.

        :raises LabelConflict: a span uses it.
        """
        label_id = self.id_of(name)
        with self._p.transaction():
            conn = self._p._conn
            used = conn.execute(
                "SELECT (SELECT count(*) FROM spans WHERE label_id = ?)"
                " + (SELECT count(*) FROM gold_spans WHERE label_id = ?)",
                [label_id, label_id],
            ).fetchone()[0]
            if used:
                raise LabelConflict(f"Label {name!r} is used by {used} spans; it stays.")
            conn.execute("DELETE FROM labels WHERE id = ?", [label_id])
            self._cache = None

    def update(self, name: str, /, **changes: Any) -> Label:
        """Rename, recolour, or change shortcut/description/order of a label.

        Changing a label's kind is refused when spans use it: entities and
        claims live in different layers with different overlap rules.
        """
        allowed = {
            "name",
            "color",
            "shortcut",
            "description",
            "description_ar",
            "order",
            "kind",
            "attributes",
        }
        bad = set(changes) - allowed
        if bad:
            raise InvalidLabel(f"Cannot change {', '.join(sorted(bad))} of a label.")
        label_id = self.id_of(name)
        with self._p.transaction():
            if "name" in changes and changes["name"] != name:
                new = str(changes["name"])
                if new in self._load():
                    raise LabelConflict(f"A label named {new!r} already exists.")
                names.check_label_name(new)
            if "color" in changes:
                names.check_colour(changes["color"], where=f"label {name!r}")
            if "shortcut" in changes:
                names.check_shortcut(changes["shortcut"], where=f"label {name!r}")
                names.check_shortcut_free(changes["shortcut"], self.list(), for_label=name)
            for key in ("description", "description_ar"):
                if key in changes:
                    names.check_description(changes[key], where=f"label {name!r}")
            if "kind" in changes:
                changes["kind"] = parse_kind(changes["kind"], where=f"label {name!r}").value
                used = self._p._conn.execute(
                    "SELECT count(*) FROM spans WHERE label_id = ? AND deleted IS NULL", [label_id]
                ).fetchone()[0]
                if used and changes["kind"] != self.get(name).kind.value:
                    raise LabelConflict(
                        f"Label {name!r} is used by {used} spans; its kind cannot change."
                    )
            if "attributes" in changes:
                # Definitions (AttributeDef or rows as in labels.toml), checked.
                defs = list(changes["attributes"])
                if not all(isinstance(d, AttributeDef) for d in defs):
                    defs = list(parse_attributes(defs, where=f"label {name!r}"))
                changes["attributes"] = json.dumps(attributes_to_json(defs), ensure_ascii=False)
            columns = {("ord" if k == "order" else k): v for k, v in changes.items()}
            sets = ", ".join(f"{col} = ?" for col in columns)
            self._p._conn.execute(
                f"UPDATE labels SET {sets} WHERE id = ?", [*columns.values(), label_id]
            )
            self._cache = None
        return self.get(str(changes.get("name", name)))


class SpanTable:
    """Spans of annotators (``spans``) or adjudicated gold (``gold_spans``)."""

    _COLUMNS = (
        's.id, s.doc_id, s.annotator, l.name, s.start, s."end", s.attrs, s.created,'
        " s.updated, s.deleted"
    )

    def __init__(self, project: Project, table: str) -> None:
        self._p = project
        self._table = table

    def _select(self, where: str, params: Sequence[Any]) -> list[Span]:
        sql = (
            f"SELECT {self._COLUMNS} FROM {self._table} s JOIN labels l ON l.id = s.label_id"
            f' WHERE {where} ORDER BY s.start, s."end", s.id'
        )
        # Most spans carry no attributes: skip json.loads for them (opening a
        # document with 10,000 spans is this loop).
        return [
            Span(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                json.loads(r[6]) if r[6] != "{}" else {},
                r[7],
                r[8],
                r[9],
            )
            for r in self._p._conn.execute(sql, params)
        ]

    def for_document(
        self, doc_id: int, *, annotator: str | None = None, include_deleted: bool = False
    ) -> list[Span]:
        where = "s.doc_id = ?"
        params: list[Any] = [doc_id]
        if annotator is not None:
            where += " AND s.annotator = ?"
            params.append(annotator)
        if not include_deleted:
            where += " AND s.deleted IS NULL"
        return self._select(where, params)

    def for_documents(
        self, doc_ids: Sequence[int], *, annotator: str | None = None
    ) -> dict[DocId, list[Span]]:
        """:meth:`for_document` of several documents (a few hundred at a time), one query."""
        where = f"s.doc_id IN ({','.join('?' * len(doc_ids))}) AND s.deleted IS NULL"
        params: list[Any] = list(doc_ids)
        if annotator is not None:
            where += " AND s.annotator = ?"
            params.append(annotator)
        found: dict[DocId, list[Span]] = {}
        for span in self._select(where, params):
            found.setdefault(span.doc_id, []).append(span)
        return found

    def rows_for_documents(self, doc_ids: Sequence[int]) -> list[tuple[DocId, str, int, int, int]]:
        """``(doc_id, annotator, label id, start, end)`` of the live spans of these documents.

        Ordered by document, annotator and start; a few hundred documents at a
        time. The bulk readers' view (agreement): one query, no :class:`Span`
        objects, label ids (:meth:`Labels.id_of`) rather than a name string per row.
        """
        marks = ",".join("?" * len(doc_ids))
        sql = (
            f'SELECT s.doc_id, s.annotator, s.label_id, s.start, s."end" FROM {self._table} s'
            f" WHERE s.deleted IS NULL AND s.doc_id IN ({marks})"
            f" ORDER BY s.doc_id, s.annotator, s.start"
        )
        return self._p._conn.execute(sql, list(doc_ids)).fetchall()

    def labelled_for_documents(
        self, doc_ids: Sequence[int], labels: Sequence[str]
    ) -> dict[DocId, list[Span]]:
        """:meth:`for_documents` keeping only spans of ``labels`` (claims' agreement:
        a few claims among many entities, no :class:`Span` for the rest)."""
        if not labels:
            return {}
        where = (
            f"s.doc_id IN ({','.join('?' * len(doc_ids))}) AND s.deleted IS NULL"
            f" AND l.name IN ({','.join('?' * len(labels))})"
        )
        found: dict[DocId, list[Span]] = {}
        for span in self._select(where, [*doc_ids, *labels]):
            found.setdefault(span.doc_id, []).append(span)
        return found

    def with_ids(self, span_ids: Sequence[str]) -> dict[str, Span]:
        """The live spans among ``span_ids``, by id (a query per 500 ids)."""
        found: dict[str, Span] = {}
        for first in range(0, len(span_ids), 500):
            part = list(span_ids[first : first + 500])
            where = f"s.id IN ({','.join('?' * len(part))}) AND s.deleted IS NULL"
            found.update((span.id, span) for span in self._select(where, part))
        return found

    def get(self, span_id: str) -> Span:
        spans = self._select("s.id = ?", [span_id])
        if not spans:
            raise UnknownSpan(f"No span {span_id} in {self._p.path}.")
        return spans[0]

    def all(self, *, include_deleted: bool = False) -> Iterator[Span]:
        where = "1" if include_deleted else "s.deleted IS NULL"
        yield from self._select(where, [])

    def annotators(self) -> list[str]:
        return [
            r[0]
            for r in self._p._conn.execute(
                f"SELECT DISTINCT annotator FROM {self._table} ORDER BY annotator"
            )
        ]

    def count(self, *, annotator: str | None = None) -> int:
        sql = f"SELECT count(*) FROM {self._table} WHERE deleted IS NULL"
        params: list[Any] = []
        if annotator is not None:
            sql += " AND annotator = ?"
            params.append(annotator)
        return int(self._p._conn.execute(sql, params).fetchone()[0])

    def counts_by(self) -> list[tuple[str, str, int]]:
        """(annotator, label, live spans) rows."""
        return [
            (r[0], r[1], r[2])
            for r in self._p._conn.execute(
                f"SELECT s.annotator, l.name, count(*) FROM {self._table} s"
                " JOIN labels l ON l.id = s.label_id WHERE s.deleted IS NULL"
                " GROUP BY s.annotator, l.name ORDER BY s.annotator, l.ord"
            )
        ]

    # --- validation ---------------------------------------------------------

    def check(
        self,
        doc_id: int,
        annotator: str,
        label: str,
        start: int,
        end: int,
        *,
        ignore: Iterable[str] = (),
        text_length: int | None = None,
    ) -> Span | None:
        """Check a would-be span; return an existing entity it should replace, if any.

        :raises InvalidSpan: empty, reversed or outside the text.
        :raises UnknownLabel: no such label.
        :raises SpanOverlapsEntity: overlaps another entity/place of the same annotator.
        """
        kind = self._p.labels.get(label).kind
        if text_length is None:
            text_length = self._p.documents.info(doc_id).n_chars
        if not (0 <= start < end <= text_length):
            raise InvalidSpan(
                f"Span {start}–{end} ({label}) is empty or outside the text of document "
                f"{doc_id} (length {text_length})."
            )
        if kind.layer != "ents":
            return None
        skip = set(ignore)
        flat = self._p.flat_entities
        identical: Span | None = None
        for other in self._overlapping(doc_id, annotator, start, end):
            if other.id in skip or self._p.labels.get(other.label).kind.layer != "ents":
                continue
            if other.start == start and other.end == end:
                identical = other
                continue
            if not flat and nests(start, end, other.start, other.end):
                continue  # one lies wholly inside the other: a nested entity
            how = (
                "; this project keeps entities flat (one layer, no nesting)"
                if flat
                else " without lying inside it (an entity may nest in another, never cross it)"
            )
            raise SpanOverlapsEntity(
                f"{label} {start}–{end} overlaps {other.label} {other.start}–{other.end}{how}; "
                "remove that span first or mark the same characters to replace it.",
                existing_id=other.id,
            )
        return identical

    def documents_of(self, span_ids: Sequence[str]) -> dict[str, DocId]:
        """The document of each of ``span_ids`` that exists (tombstones included)."""
        found: dict[str, DocId] = {}
        ids = list(span_ids)
        for chunk_start in range(0, len(ids), 900):
            chunk = ids[chunk_start : chunk_start + 900]
            marks = ",".join("?" * len(chunk))
            for span_id, doc_id in self._p._conn.execute(
                f"SELECT id, doc_id FROM {self._table} WHERE id IN ({marks})", chunk
            ):
                found[span_id] = DocId(doc_id)
        return found

    def count_nested(self) -> int:
        """Live entities lying inside (or on the same characters as) another entity
        of the same annotator and document."""
        return int(
            self._p._conn.execute(
                f"SELECT count(DISTINCT s.id) FROM {self._table} s"
                " JOIN labels ls ON ls.id = s.label_id"
                f" JOIN {self._table} o ON o.doc_id = s.doc_id AND o.annotator = s.annotator"
                ' AND o.id != s.id AND o.start <= s.start AND s."end" <= o."end"'
                " JOIN labels lo ON lo.id = o.label_id"
                " WHERE s.deleted IS NULL AND o.deleted IS NULL"
                " AND ls.kind NOT IN ('claim', 'cue') AND lo.kind NOT IN ('claim', 'cue')"
            ).fetchone()[0]
        )

    def _overlapping(self, doc_id: int, annotator: str, start: int, end: int) -> list[Span]:
        return self._select(
            "s.doc_id = ? AND s.annotator = ? AND s.deleted IS NULL"
            ' AND s.start < ? AND s."end" > ?',
            [doc_id, annotator, end, start],
        )

    # --- raw writes (used by edits and importers inside a transaction) ------

    def write_many(self, spans: Iterable[Span], *, replace: bool = False) -> None:
        """Write spans with their ids as given.

        :param replace: overwrite a span with the same id (merges and undo restore
            exact rows); otherwise an existing id is an error.
        """
        label_ids = {name: self._p.labels.id_of(name) for name in self._p.labels.names()}
        spans = builtins.list(spans)
        for annotator in {s.annotator for s in spans}:
            names.check_annotator_name(annotator)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self._p._conn.executemany(
            f'{verb} INTO {self._table}(id, doc_id, annotator, label_id, start, "end", attrs,'
            " created, updated, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    s.id,
                    s.doc_id,
                    s.annotator,
                    label_ids[s.label],
                    s.start,
                    s.end,
                    json.dumps(s.attrs, ensure_ascii=False),
                    s.created,
                    s.updated,
                    s.deleted,
                )
                for s in spans
            ),
        )

    def insert(self, span: Span) -> None:
        self.write_many([span])

    def insert_many(self, spans: Iterable[Span]) -> None:
        self.write_many(spans)

    def upsert(self, span: Span) -> None:
        self.write_many([span], replace=True)

    def upsert_many(self, spans: Iterable[Span]) -> None:
        self.write_many(spans, replace=True)

    def updated_by_id(self) -> dict[str, str]:
        """Every span id (tombstones included) with its last update time."""
        return dict(self._p._conn.execute(f"SELECT id, updated FROM {self._table}").fetchall())

    def set_deleted(self, span_id: str, deleted: str | None, *, updated: str) -> None:
        cur = self._p._conn.execute(
            f"UPDATE {self._table} SET deleted = ?, updated = ? WHERE id = ?",
            [deleted, updated, span_id],
        )
        if cur.rowcount == 0:
            raise UnknownSpan(f"No span {span_id} in {self._p.path}.")

    def set_attrs(self, span_id: str, attrs: dict[str, Any], *, updated: str) -> None:
        cur = self._p._conn.execute(
            f"UPDATE {self._table} SET attrs = ?, updated = ? WHERE id = ?",
            [json.dumps(attrs, ensure_ascii=False), updated, span_id],
        )
        if cur.rowcount == 0:
            raise UnknownSpan(f"No span {span_id} in {self._p.path}.")

    def set_label(self, span_id: str, label: str, *, updated: str) -> None:
        cur = self._p._conn.execute(
            f"UPDATE {self._table} SET label_id = ?, updated = ? WHERE id = ?",
            [self._p.labels.id_of(label), updated, span_id],
        )
        if cur.rowcount == 0:
            raise UnknownSpan(f"No span {span_id} in {self._p.path}.")

    @staticmethod
    def new_id() -> SpanId:
        return SpanId(str(uuid.uuid4()))


class Statuses:
    def __init__(self, project: Project) -> None:
        self._p = project

    def get(self, doc_id: int, annotator: str) -> StatusRecord | None:
        row = self._p._conn.execute(
            "SELECT doc_id, annotator, status, seconds, updated FROM statuses"
            " WHERE doc_id = ? AND annotator = ?",
            [doc_id, annotator],
        ).fetchone()
        return _status(row) if row else None

    def many(self, doc_ids: Sequence[int], annotator: str) -> dict[DocId, StatusRecord]:
        """:meth:`get` of several documents (a few hundred at a time), one query."""
        marks = ",".join("?" * len(doc_ids))
        return {
            DocId(r[0]): _status(r)
            for r in self._p._conn.execute(
                "SELECT doc_id, annotator, status, seconds, updated FROM statuses"
                f" WHERE annotator = ? AND doc_id IN ({marks})",
                [annotator, *doc_ids],
            )
        }

    def for_annotator(self, annotator: str) -> dict[DocId, StatusRecord]:
        return {
            DocId(r[0]): _status(r)
            for r in self._p._conn.execute(
                "SELECT doc_id, annotator, status, seconds, updated FROM statuses"
                " WHERE annotator = ?",
                [annotator],
            )
        }

    def of_annotator(self, annotator: str) -> dict[DocId, Status]:
        """Each document's status for ``annotator``, where there is a record (the
        rest are new): one query and no records, for lists of every document."""
        by_value = {s.value: s for s in Status}
        rows = self._p._conn.execute(
            "SELECT doc_id, status FROM statuses WHERE annotator = ?", [annotator]
        )
        # An unknown value fails in Status() as the records' reader does.
        return {DocId(d): by_value.get(v) or Status(v) for d, v in rows}

    def with_status(self, status: Status) -> list[tuple[DocId, str]]:
        """``(doc_id, annotator)`` of every record with ``status``: one query, no records."""
        sql = "SELECT doc_id, annotator FROM statuses WHERE status = ? ORDER BY doc_id, annotator"
        return self._p._conn.execute(sql, [status.value]).fetchall()

    def for_document(self, doc_id: int) -> list[StatusRecord]:
        return [
            _status(r)
            for r in self._p._conn.execute(
                "SELECT doc_id, annotator, status, seconds, updated FROM statuses"
                " WHERE doc_id = ? ORDER BY annotator",
                [doc_id],
            )
        ]

    def all(self) -> list[StatusRecord]:
        return [
            _status(r)
            for r in self._p._conn.execute(
                "SELECT doc_id, annotator, status, seconds, updated FROM statuses"
                " ORDER BY doc_id, annotator"
            )
        ]

    def counts(self, annotator: str | None = None) -> dict[Status, int]:
        """Documents per status; documents without a record count as ``new``.

        With no annotator, counts (document, annotator) pairs that have a record.
        """
        counts = {s: 0 for s in Status}
        if annotator is None:
            rows = self._p._conn.execute("SELECT status, count(*) FROM statuses GROUP BY status")
            for status, n in rows:
                counts[Status(status)] += n
            return counts
        rows = self._p._conn.execute(
            "SELECT status, count(*) FROM statuses WHERE annotator = ? GROUP BY status", [annotator]
        )
        for status, n in rows:
            counts[Status(status)] += n
        counts[Status.NEW] += self._p.documents.count() - sum(counts.values())
        return counts

    def total_seconds(self) -> dict[str, float]:
        return {
            r[0]: r[1]
            for r in self._p._conn.execute(
                "SELECT annotator, sum(seconds) FROM statuses GROUP BY annotator ORDER BY annotator"
            )
        }

    def put(self, record: StatusRecord | None, *, doc_id: int, annotator: str) -> None:
        """Write (or, with ``None``, delete) the record of (document, annotator)."""
        if record is None:
            self._p._conn.execute(
                "DELETE FROM statuses WHERE doc_id = ? AND annotator = ?", [doc_id, annotator]
            )
            return
        names.check_annotator_name(annotator)
        self._p._conn.execute(
            "INSERT OR REPLACE INTO statuses(doc_id, annotator, status, seconds, updated)"
            " VALUES (?, ?, ?, ?, ?)",
            [doc_id, annotator, record.status.value, record.seconds, record.updated],
        )


class Meta:
    """The project's own facts (``app``, ``created``, ``handout_for``, ``sample``, ...)."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def all(self) -> dict[str, str]:
        return {
            row[0]: row[1]
            for row in self._p._conn.execute("SELECT key, value FROM project_meta ORDER BY key")
        }

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._p._conn.execute(
            "SELECT value FROM project_meta WHERE key = ?", [key]
        ).fetchone()
        return str(row[0]) if row else default

    def update(self, values: dict[str, str]) -> None:
        """Set several keys at once (one transaction)."""
        with self._p.transaction():
            self._p._conn.executemany(
                "INSERT OR REPLACE INTO project_meta(key, value) VALUES (?, ?)",
                list(values.items()),
            )

    def set(self, key: str, value: str) -> None:
        self.update({key: value})


@dataclass(frozen=True, slots=True)
class AdjudicationRecord:
    doc_id: DocId
    adjudicator: str
    updated: str


class Adjudications:
    """Documents the lead has settled into gold (possibly with no gold span at all)."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def get(self, doc_id: int) -> AdjudicationRecord | None:
        row = self._p._conn.execute(
            "SELECT doc_id, adjudicator, updated FROM adjudications WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return AdjudicationRecord(DocId(row[0]), row[1], row[2]) if row else None

    def put(self, record: AdjudicationRecord | None, *, doc_id: int) -> None:
        """Write (or, with ``None``, delete) the adjudication record of a document."""
        with self._p.transaction():
            if record is None:
                self._p._conn.execute("DELETE FROM adjudications WHERE doc_id = ?", [doc_id])
            else:
                self._p._conn.execute(
                    "INSERT OR REPLACE INTO adjudications(doc_id, adjudicator, updated)"
                    " VALUES (?, ?, ?)",
                    [doc_id, record.adjudicator, record.updated],
                )

    def mark(self, doc_id: int, *, adjudicator: str) -> None:
        with self._p.transaction():
            self._p._conn.execute(
                "INSERT OR REPLACE INTO adjudications(doc_id, adjudicator, updated)"
                " VALUES (?, ?, ?)",
                [doc_id, adjudicator, utc_now()],
            )

    def unmark(self, doc_id: int) -> None:
        with self._p.transaction():
            self._p._conn.execute("DELETE FROM adjudications WHERE doc_id = ?", [doc_id])

    def documents(self) -> list[DocId]:
        return [
            DocId(r[0])
            for r in self._p._conn.execute("SELECT doc_id FROM adjudications ORDER BY doc_id")
        ]

    def with_gold(self) -> list[DocId]:
        """Adjudicated documents and documents that have live gold spans, in project order."""
        return [
            DocId(r[0])
            for r in self._p._conn.execute(
                "SELECT id FROM documents WHERE id IN (SELECT doc_id FROM adjudications)"
                " OR id IN (SELECT doc_id FROM gold_spans WHERE deleted IS NULL) ORDER BY ord"
            )
        ]


class Assignments:
    """Which annotator is to do which document."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def replace_all(self, pairs: Iterable[tuple[int, str]]) -> None:
        """Replace every assignment; call inside :meth:`Project.transaction`."""
        now = utc_now()
        self._p._conn.execute("DELETE FROM assignments")
        self._p._conn.executemany(
            "INSERT INTO assignments(doc_id, annotator, assigned) VALUES (?, ?, ?)",
            ((doc_id, annotator, now) for doc_id, annotator in pairs),
        )

    def for_annotator(self, annotator: str) -> list[DocId]:
        return [
            DocId(r[0])
            for r in self._p._conn.execute(
                "SELECT a.doc_id FROM assignments a JOIN documents d ON d.id = a.doc_id"
                " WHERE a.annotator = ? ORDER BY d.ord",
                [annotator],
            )
        ]

    def all(self) -> dict[DocId, list[str]]:
        result: dict[DocId, list[str]] = {}
        for doc_id, annotator in self._p._conn.execute(
            "SELECT doc_id, annotator FROM assignments ORDER BY doc_id, annotator"
        ):
            result.setdefault(DocId(doc_id), []).append(annotator)
        return result


def parse_status(value: object) -> Status:
    try:
        return Status(str(value))
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise InvalidStatus(f"Status {value!r} is not one of {choices}.") from None


def _status(row: Sequence[Any]) -> StatusRecord:
    return StatusRecord(DocId(row[0]), row[1], Status(row[2]), float(row[3]), row[4])
