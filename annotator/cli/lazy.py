"""A command group that builds only the command it runs.

Typer turns every command's signature into click parameters when the group is
built: for this CLI's commands that was 26 ms on every run, before any command
started, plus importing every command's module. :class:`LazyGroup` keeps a table
instead (name, module, attribute, the one line ``--help`` lists) and imports and
builds a command the first time it is looked up. ``--help`` lists the table's
lines without building anything; ``tests/cli/test_lazy_commands.py`` checks the
table against the real commands, so the listing cannot drift from them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, ClassVar, NamedTuple

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup


class LazyCommand(NamedTuple):
    module: str
    """The module defining it, imported only when the command is needed."""
    attribute: str
    """A command function, or a :class:`typer.Typer` for a group of sub-commands."""
    help: str
    """The first paragraph of its help: the line ``annotator --help`` shows."""


def build_command(
    name: str, entry: LazyCommand, *, rich_markup_mode: Any
) -> TyperCommand | TyperGroup:
    """The click command Typer would have built for ``entry`` in the whole app."""
    target = getattr(importlib.import_module(entry.module), entry.attribute)
    # A one-command app with the root's defaults: the same call Typer makes for
    # each command of a group (get_command_from_info), through its public API.
    holder = typer.Typer(add_completion=False, rich_markup_mode=rich_markup_mode)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
        group = typer.main.get_command(holder)
        assert isinstance(group, TyperGroup)
        return group.commands[name]
    holder.command(name)(target)
    command = typer.main.get_command(holder)
    assert isinstance(command, TyperCommand)
    return command


class LazyCommands(MutableMapping[str, Any]):
    """Commands by name, in the table's order; each built on first access."""

    def __init__(self, table: Mapping[str, LazyCommand], *, rich_markup_mode: Any) -> None:
        self._table = table
        self._rich_markup_mode = rich_markup_mode
        self._names = list(table)
        self._built: dict[str, Any] = {}

    def is_built(self, name: str) -> bool:
        return name in self._built

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._table:
                raise KeyError(name)
            self._built[name] = build_command(
                name, self._table[name], rich_markup_mode=self._rich_markup_mode
            )
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


class LazyGroup(TyperGroup):
    """A Typer group whose commands come from :attr:`table`, built when looked up.

    Subclass it with a ``table`` and pass it as ``typer.Typer(cls=...)``; commands
    registered on the app the usual way are kept too (built eagerly, as Typer does).
    """

    table: ClassVar[Mapping[str, LazyCommand]] = {}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        commands = LazyCommands(self.table, rich_markup_mode=self.rich_markup_mode)
        for name, command in self.commands.items():
            commands[name] = command
        self.commands = commands
        self._listing = False

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # Listing the commands needs only their names and first lines.
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names only: TyperGroup's own reads every command

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        commands = self.commands
        if self._listing and isinstance(commands, LazyCommands):
            if cmd_name in self.table and not commands.is_built(cmd_name):
                return listed_command(cmd_name, self.table[cmd_name])
        return super().get_command(ctx, cmd_name)


def listed_command(name: str, entry: LazyCommand) -> TyperCommand:
    """What a group's help lists of a command: its name and first line, nothing to run."""
    return TyperCommand(name=name, help=entry.help)
