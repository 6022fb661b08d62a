"""One writer per project *file*, whatever path names it.

The lock is taken on the database file itself (its inode), so a hard link, a
symlink or a relative path all meet the same lock; the operating system drops
it when the process dies. Readers take no lock (SQLite's WAL lets them read
while the writer writes).

Why a process-wide table of open files: SQLite locks the database with POSIX
record locks, and POSIX drops *all* of a process's record locks on a file as
soon as the process closes *any* descriptor of that file. So the descriptor we
lock (and read the header through) stays open until the last project of this
process on that file is closed, and nothing here opens and closes the
database file behind SQLite's back while a connection is open on it.
"""

from __future__ import annotations

import errno
import os
import struct
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from annotator.core.errors import ProjectLocked, ProjectReadOnly

# Linux "open file description" locks: per descriptor (so a second open in the
# same process conflicts too) and byte-range (so on NFS they do not cover the
# bytes SQLite locks). The byte is past SQLite's lock bytes (0x40000000 + 512).
_LOCK_OFFSET = 0x40000000 + 4096

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


FileKey = tuple[int, int]


def uri(path: Path, *, readonly: bool) -> str:
    """A SQLite URI for ``path``: any character in the name (``?``, ``#``, ``%``) is safe."""
    text = "file:" + quote(str(path.absolute()))
    return text + "?mode=ro" if readonly else text


@dataclass(slots=True)
class _OpenFile:
    fds: list[int] = field(default_factory=list)
    users: int = 0
    writer: bool = False


_table: dict[FileKey, _OpenFile] = {}
_table_lock = threading.Lock()


def _forget_inherited_files() -> None:
    """In a forked child: close the descriptors inherited from the parent, unlocked.

    A descriptor lock belongs to the open file description, which a fork shares:
    the child's copy kept a killed parent's writer lock alive until the child
    ended too (a killed import's reading worker, up to a second later), and a new
    Annotator could not open the project meanwhile. Unlocking here would release
    the parent's lock as well, so the copies are only closed; the child holds no
    SQLite lock of its own yet (record locks are not inherited).
    """
    global _table_lock
    _table_lock = threading.Lock()  # another thread of the parent may have held it
    for entry in _table.values():
        for fd in entry.fds:
            try:
                os.close(fd)
            except OSError:
                pass
    _table.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_files)


def _locked_message(path: Path) -> str:
    return (
        f"{path}: another Annotator process has this project open for writing "
        "(under this name or another name for the same file). "
        "Close it there first (or open this one read-only)."
    )


def _try_lock(fd: int) -> bool:
    """Take the writer lock on ``fd``; ``False`` if someone holds it."""
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    ofd = getattr(fcntl, "F_OFD_SETLK", None)
    try:
        if ofd is not None:
            # struct flock: l_type, l_whence, l_start, l_len, l_pid (0 for OFD locks).
            arg = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _LOCK_OFFSET, 1, 0)
            fcntl.fcntl(fd, ofd, arg)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    ofd = getattr(fcntl, "F_OFD_SETLK", None)
    if ofd is not None:
        arg = struct.pack("hhqqi4x", fcntl.F_UNLCK, os.SEEK_SET, _LOCK_OFFSET, 1, 0)
        fcntl.fcntl(fd, ofd, arg)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FileHandle:
    """This process's hold on one project file: read access, and the writer lock if asked.

    :param create: create the file if missing (for :meth:`Project.create`).
    :raises ProjectLocked: ``write`` and another writer (any process, any path) holds it.
    :raises OSError: the file cannot be opened (missing, permissions).
    """

    def __init__(self, path: Path, *, write: bool, create: bool = False) -> None:
        self.path = path
        self.write = write
        flags = os.O_RDWR if write else os.O_RDONLY
        if create:
            flags |= os.O_CREAT
        flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as exc:
            if not write or not (isinstance(exc, PermissionError) or exc.errno == errno.EROFS):
                raise
            raise ProjectReadOnly(
                f"{path}: this project (or its folder) is read-only here ({exc.strerror}). "
                "Open it read-only, or copy it somewhere you can write."
            ) from None
        st = os.fstat(fd)
        self.key: FileKey = (st.st_dev, st.st_ino)
        with _table_lock:
            entry = _table.setdefault(self.key, _OpenFile())
            entry.fds.append(fd)  # closed only when the last user of the file goes
            entry.users += 1
            self._fd = fd
            if write:
                if entry.writer or not _try_lock(fd):
                    self._release_locked(entry)
                    raise ProjectLocked(_locked_message(path))
                entry.writer = True
        self._closed = False

    def still_named_by(self, path: Path) -> bool:
        """Whether ``path`` still names the file held (not deleted, moved or replaced)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self.key

    def read_header(self, size: int) -> bytes:
        """The file's first bytes, read through the held descriptor (nothing is closed)."""
        return os.pread(self._fd, size, 0)

    def size(self) -> int:
        return os.fstat(self._fd).st_size

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with _table_lock:
            entry = _table.get(self.key)
            if entry is None or self._fd not in entry.fds:
                return  # inherited by a forked child: its parent holds the file
            if self.write and entry.writer:
                _unlock(self._fd)
                entry.writer = False
            self._release_locked(entry)

    def _release_locked(self, entry: _OpenFile) -> None:
        entry.users -= 1
        if entry.users == 0:
            # Our SQLite connections on this file are closed: closing now drops no lock.
            for fd in entry.fds:
                os.close(fd)
            del _table[self.key]
