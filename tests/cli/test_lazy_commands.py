"""A run builds only its own command, and `--help` still lists every command as it is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from annotator.cli import lazy
from annotator.cli.main import COMMANDS, app

runner = CliRunner()


def _first_paragraph(text: str | None) -> str:
    return (text or "").split("\n\n")[0].strip()


def test_the_table_matches_every_real_command() -> None:
    root = typer.main.get_command(app)
    for name, entry in COMMANDS.items():
        command = root.commands[name]  # type: ignore[attr-defined]
        assert command.name == name
        assert _first_paragraph(command.short_help or command.help) == entry.help, name


def test_help_lists_what_the_built_commands_would_list(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"COLUMNS": "120"}
    listed = runner.invoke(app, ["--help"], env=env)
    assert listed.exit_code == 0
    for name, entry in COMMANDS.items():
        assert name in listed.output and entry.help[:40] in listed.output

    def built(name: str, entry: lazy.LazyCommand) -> object:
        return lazy.build_command(name, entry, rich_markup_mode=app.rich_markup_mode)

    monkeypatch.setattr(lazy, "listed_command", built)
    real = runner.invoke(app, ["--help"], env=env)
    assert real.exit_code == 0
    assert listed.output == real.output


def _modules_after(*argv: str) -> set[str]:
    code = (
        "import sys, json, atexit\n"
        "atexit.register(lambda: sys.__stderr__.write("
        "'MODULES' + json.dumps(sorted(sys.modules)) + '\\n'))\n"
        "from annotator.cli.main import main\n"
        f"sys.argv = ['annotator', *{list(argv)!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES"))
    return set(json.loads(line.removeprefix("MODULES")))


COMMAND_MODULES = {entry.module for entry in COMMANDS.values()}


def test_help_imports_no_command_module() -> None:
    assert _modules_after("--help") & COMMAND_MODULES == set()


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    from annotator.core.samples import create_sample_project

    project = tmp_path / "p.sqlite"
    create_sample_project(project)
    loaded = _modules_after("stats", "-p", str(project), "--json")
    assert loaded & COMMAND_MODULES == {"annotator.cli.project_cmd"}
    # A script's `stats --json` needs no Rich console, no sqlite-utils, no TOML parser.
    assert not {"rich.console", "sqlite_utils", "tomllib"} & loaded


def test_no_command_opens_the_editor_on_the_default_project(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import annotator.gui.app

    calls: list[tuple[object, dict[str, object]]] = []

    def run(project: object, **options: object) -> int:
        calls.append((project, options))
        return 0

    monkeypatch.setattr(annotator.gui.app, "run", run)
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert calls == [(None, {"annotator": None, "doc": None, "screenshot": None, "language": None})]
