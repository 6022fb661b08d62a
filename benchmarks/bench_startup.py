"""Command start-up: `annotator --help`, `stats`, `labels`, `find`, `note` beside their floors.

    .venv/bin/python benchmarks/bench_startup.py [--repeats 11] [--baseline main] [--gui]

Whole processes, medians of rounds (each command once a round, so a change of
load touches them all), wall and CPU time (user + system of the process: far
steadier than wall time on a loaded machine), in one run. The floors:

- ``python -c pass``: the interpreter;
- a two-command Typer app running one command: the CLI framework. Typer 0.29
  imports its own copy of Click, and Pydantic the moment a command has an
  option that is not a flag (every value is checked by a Pydantic
  ``TypeAdapter``); its ``--help`` (no Pydantic, but Rich and its Markdown);
- the same Typer app with ``TYPER_USE_RICH=0`` (plain Click help and errors);
- the same app on plain Click (already installed: spaCy and sqlite-utils
  depend on it), and ``stats --json``'s own work (open the project, count,
  print JSON) under plain Click: what this CLI would cost without Typer.

With ``--baseline REV`` every ``annotator`` command also runs from that
commit's code (``git archive`` into a temporary folder, first on
``PYTHONPATH``), in the same rounds: before and after, side by side. The
project is the bundled sample (one article, two annotators). Target (issue 14):
under 0.2 s for the commands that need no heavy library. ``--gui`` adds the
editor's start (``gui --screenshot``, offscreen): a window, not under the target,
but it must not be slowed.

Every process runs with Python's bytecode cache (``.pyc`` files kept in a
temporary ``PYTHONPYCACHEPREFIX``, warmed by one run), as an installed package
has it: with ``PYTHONDONTWRITEBYTECODE`` set (as in this team's sandbox) every run
compiles the project's own modules from source again, which is not start-up a
user sees. One row shows that case for comparison.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from _common import PYTHON, REPO, TIME, table

TYPER_APP = """
import typer
app = typer.Typer()
@app.command()
def a(x: int = 1): print(x)
@app.command()
def b(y: str = ""): print(y)
app()
"""

CLICK_APP = """
import click
@click.group()
def cli(): pass
@cli.command()
@click.option("--x", type=int, default=1)
def a(x): print(x)
@cli.command()
@click.option("--y", default="")
def b(y): print(y)
cli()
"""

# `annotator stats -p P --json` without Typer: the same core calls and output.
CLICK_STATS = """
import json, sys
from pathlib import Path
import click
@click.group()
def cli(): pass
@cli.command()
@click.option("--project", "-p", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def stats(project, as_json):
    from annotator.core.stats import project_stats
    from annotator.core.store import Project
    with Project.open(project, readonly=True) as proj:
        data = project_stats(proj)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\\n")
cli()
"""

Run = tuple[float, float, float]


def _run(argv: list[str], env: dict[str, str]) -> Run:
    """One whole process: wall seconds, CPU seconds (user + system), peak MB."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        # GNU time reports the command's own peak memory; wait4 gives CPU time to the
        # microsecond, of GNU time (about a millisecond) and of the command it waited for.
        child = subprocess.Popen(
            [TIME, "-f", "%M", "-o", peak.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env={**os.environ, **env},
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} exited {child.returncode}: {errors.read()!r}")
        peak_kb = int(peak.read().split()[-1])
    return wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024


def _checkout(rev: str, into: Path) -> Path:
    """``rev``'s ``annotator`` package (with its resources) under ``into``, for PYTHONPATH."""
    archive = subprocess.run(
        ["git", "archive", rev, "annotator", "resources"], cwd=REPO, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    # Installed, resources/ is the package annotator.resources (pyproject.toml).
    (into / "resources").rename(into / "annotator" / "resources")
    return into


def _typer_version(env: dict[str, str]) -> str:
    code = "import importlib.metadata as m; print(m.version('typer'))"
    found = subprocess.run(
        [PYTHON, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


HEAVY = ("gui",)  # needs Qt: not under the 0.2 s target


def _shown(arg: str, tmp: Path) -> str:
    if arg.startswith(str(tmp)):
        return "P" if arg.endswith(".sqlite") else Path(arg).name
    return arg


def _medians(runs: list[Run]) -> tuple[float, float, float]:
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--baseline", metavar="REV", help="also run REV's code (e.g. main)")
    parser.add_argument(
        "--gui", action="store_true", help="also open the editor (offscreen, a screenshot)"
    )
    parser.add_argument(
        "--typer",
        metavar="DIR",
        type=Path,
        help="another Typer, e.g. `pip install --no-deps --target DIR typer==0.28.0`: the "
        "Typer app and every command also run with it first on PYTHONPATH",
    )
    args = parser.parse_args()
    annotator = str(Path(sys.executable).parent / "annotator")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        from annotator.core.samples import create_sample_project

        project = str(tmp / "sample.sqlite")
        create_sample_project(Path(project))
        scripts = {}
        for name, source in (("typer", TYPER_APP), ("click", CLICK_APP), ("stats", CLICK_STATS)):
            scripts[name] = tmp / f"{name}_app.py"
            scripts[name].write_text(source, encoding="utf-8")
        cached = {
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(tmp / "pyc"),
            "QT_QPA_PLATFORM": "offscreen",
            "ANNOTATOR_HOME": str(tmp / "home"),
        }
        floors: list[tuple[str, list[str], dict[str, str]]] = [
            ("`python -c pass` (the interpreter)", [PYTHON, "-c", "pass"], cached),
            ("two-command Typer app", [PYTHON, str(scripts["typer"]), "a", "--x", "2"], cached),
            ("the Typer app's `--help`", [PYTHON, str(scripts["typer"]), "--help"], cached),
            (
                "the Typer app, `TYPER_USE_RICH=0`",
                [PYTHON, str(scripts["typer"]), "a", "--x", "2"],
                {**cached, "TYPER_USE_RICH": "0"},
            ),
            (
                "the Typer app's `--help`, `TYPER_USE_RICH=0`",
                [PYTHON, str(scripts["typer"]), "--help"],
                {**cached, "TYPER_USE_RICH": "0"},
            ),
            (
                "the same app on plain Click",
                [PYTHON, str(scripts["click"]), "a", "--x", "2"],
                cached,
            ),
            (
                "`stats -p P --json`'s work on plain Click",
                [PYTHON, str(scripts["stats"]), "stats", "-p", project, "--json"],
                cached,
            ),
        ]
        commands = [
            ["--help"],
            ["stats", "-p", project],
            ["stats", "-p", project, "--json"],
            ["labels", "-p", project],
            ["find", "-p", project, "داعش"],
            ["note", "-p", project],
            ["export", "--help"],
        ]
        if args.gui:
            shot = str(tmp / "window.png")
            commands.append(["gui", "-p", project, "--screenshot", shot])
        versions = [("after", cached)]
        if args.baseline:
            base = _checkout(args.baseline, tmp / "baseline")
            versions.insert(0, ("before", {**cached, "PYTHONPATH": str(base)}))
        if args.typer:
            other = {**cached, "PYTHONPATH": str(args.typer.resolve())}
            version = _typer_version(other)
            versions.append((f"after, Typer {version}", other))
            floors.insert(
                2,
                (
                    f"the Typer app on Typer {version}",
                    [PYTHON, str(scripts["typer"]), "a", "--x", "2"],
                    other,
                ),
            )
        jobs = list(floors)
        for argv in commands:
            for version, env in versions:
                jobs.append((f"{version}: {' '.join(argv)}", [annotator, *argv], env))
        uncached = {"PYTHONDONTWRITEBYTECODE": "1"}
        jobs.append(("no bytecode cache", [annotator, *commands[1]], uncached))
        for _what, argv, env in jobs:
            _run(argv, env)  # writes the .pyc files (and fails loudly if a command fails)
        runs: list[list[Run]] = [[] for _ in jobs]
        loads = [os.getloadavg()[0]]
        for _round in range(args.repeats):
            for k, (_what, argv, env) in enumerate(jobs):
                runs[k].append(_run(argv, env))
            loads.append(os.getloadavg()[0])
    by_job = {what: _medians(rs) for (what, _argv, _env), rs in zip(jobs, runs, strict=True)}
    typer_wall, typer_cpu, _peak = by_job[floors[1][0]]

    def cells(wall: float, cpu: float) -> list[str]:
        return [f"{wall:.3f}", f"{cpu:.3f}", f"{cpu / typer_cpu:.2f}"]

    header = ["command", "wall s", "CPU s", "CPU × Typer app", "peak MB", "< 0.2 s wall"]
    rows = [header]
    for what, _argv, _env in floors:
        wall, cpu, peak = by_job[what]
        rows.append([what, *cells(wall, cpu), f"{peak:.0f}", ""])
    for argv in [*commands, None]:
        for version, _env in versions if argv else [("no bytecode cache", None)]:
            what = f"{version}: {' '.join(argv)}" if argv else version
            wall, cpu, peak = by_job[what]
            shown = " ".join(_shown(a, tmp) for a in argv or commands[1])
            target = "" if argv and argv[0] in HEAVY else "met" if wall < 0.2 else "missed"
            rows.append(
                [f"{version}: `annotator {shown}`", *cells(wall, cpu), f"{peak:.0f}", target]
            )
    print(
        f"median of {args.repeats} rounds; load average {min(loads):.1f}–{max(loads):.1f}"
        f" (1 min, sampled each round); Typer app {typer_wall:.3f} s wall, {typer_cpu:.3f} s CPU\n"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
