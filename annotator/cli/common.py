"""What every command shares: the project option, the default project, error exits."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from rich.console import Console

    from annotator.core.store import Project

APP_NAME = "annotator"


class LazyConsole:
    """A Rich console made on first use: ``--json`` and quiet runs never import Rich.

    Everything else is the console's own (``console.print(...)``); :attr:`rich` is
    the console itself, for Rich objects that take one (a progress bar).
    """

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    @property
    def rich(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


console = LazyConsole()
err_console = LazyConsole(stderr=True)

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="Project file (.sqlite). Default: your own project in the platform's data folder,"
        " created on first use with the sample article.",
        dir_okay=False,
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no chatter.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def default_project_path() -> Path:
    """The user's own project; ``ANNOTATOR_HOME`` overrides the folder (tests, portable use)."""
    import platformdirs

    home = os.environ.get("ANNOTATOR_HOME")
    base = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return base / "default.sqlite"


def resolve_project(path: Path | None) -> Path:
    """The given project, or the default one (created with the samples on first use)."""
    if path is not None:
        return path
    default = default_project_path()
    if not default.exists():
        from annotator.core.samples import create_sample_project

        create_sample_project(default)
    return default


def group_project(ctx: typer.Context, given: Path | None) -> Path | None:
    """A sub-command's ``-p``, else the one given to its group (``gazetteer -p P import``)."""
    if given is not None:
        return given
    return ctx.obj if isinstance(ctx.obj, Path) else None


def fail(message: str, *, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn a core error into one clear line and a non-zero exit."""
    try:
        yield
    except AnnotatorError as exc:
        raise fail(str(exc)) from None
    except FileExistsError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        # Core code names the file; this is the last resort, never ": No space left".
        where = f"{exc.filename}: " if exc.filename else ""
        raise fail(f"{where}{exc.strerror or exc}; nothing was changed.") from None
    except sqlite3.Error as exc:
        raise fail(
            f"[E090] the project could not be read or written ({exc}); the disk may be full, "
            "read-only or gone. Nothing was changed."
        ) from None


@contextmanager
def open_project(path: Path | None, *, readonly: bool = False) -> Iterator[Project]:
    from annotator.core.store import Project

    with handle_errors():
        project = Project.open(resolve_project(path), readonly=readonly)
    try:
        with handle_errors():
            yield project
    finally:
        project.close()


@contextmanager
def progress_bar(
    description: str, *, enabled: bool
) -> Iterator[Callable[[int, int, str], None] | None]:
    """A progress bar on stderr (gone when done) and its ``(done, total, item)`` callback.

    :param enabled: ``False`` for ``--quiet``/``--json``: no bar, the callback is ``None``.
    """
    if not enabled:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=err_console.rich, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int, item: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(item).name[:40])

        yield update


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
