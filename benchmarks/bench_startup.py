"""Command start-up: `annotator --help`, `stats`, `labels`, `find` beside their floors.

    .venv/bin/python benchmarks/bench_startup.py [--repeats 15]

Whole processes, medians of rounds (each command once a round), wall and CPU
time (user + system: far steadier than wall time on a loaded machine), in one
run: the floors are ``python -c pass`` (the
interpreter) and a two-command Typer app that runs one command (the CLI
framework: Typer imports Click, Rich and Pydantic whatever the app does). The
project is the bundled sample (one article, two annotators). Target (issue 14):
under 0.2 s for the commands that need no heavy library.

Every process runs with Python's bytecode cache (``.pyc`` files kept in a
temporary ``PYTHONPYCACHEPREFIX``, warmed by one run), as an installed package
has it: with ``PYTHONDONTWRITEBYTECODE`` set (as in this team's sandbox) every run
compiles the project's own modules from source again, which is not start-up a
user sees. One row shows that case for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import PYTHON, TIME, table

TYPER_APP = """
import typer
app = typer.Typer()
@app.command()
def a(x: int = 1): print(x)
@app.command()
def b(y: str = ""): print(y)
app()
"""


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """One whole process: wall seconds, CPU seconds (user + system), peak MB."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run(
            [TIME, "-f", "%U %S %M", "-o", out.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **env},
            check=True,
        )
        wall = time.perf_counter() - start
        user, system, peak_kb = out.read().split()[-3:]
    return wall, float(user) + float(system), int(peak_kb) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    annotator = str(Path(sys.executable).parent / "annotator")
    with tempfile.TemporaryDirectory() as tmp:
        from annotator.core.samples import create_sample_project

        project = Path(tmp) / "sample.sqlite"
        create_sample_project(project)
        typer_app = Path(tmp) / "typer_app.py"
        typer_app.write_text(TYPER_APP, encoding="utf-8")
        jobs = [
            ("python -c pass (floor: the interpreter)", [PYTHON, "-c", "pass"]),
            ("a two-command Typer app (floor: the CLI framework)", [PYTHON, str(typer_app), "a"]),
            ("annotator --help", [annotator, "--help"]),
            ("annotator stats -p P", [annotator, "stats", "-p", str(project)]),
            ("annotator labels -p P", [annotator, "labels", "-p", str(project)]),
            ("annotator find -p P داعش", [annotator, "find", "-p", str(project), "داعش"]),
        ]
        cached = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pyc")}
        for _what, argv in jobs:
            _run(argv, cached)  # writes the .pyc files
        uncached = {"PYTHONDONTWRITEBYTECODE": "1"}
        jobs.append(
            ("annotator stats -p P, no bytecode cache (compiles its modules each run)", jobs[3][1])
        )
        # Rounds: every command once per round, so a change of load touches them all.
        runs: list[list[tuple[float, float, float]]] = [[] for _ in jobs]
        for _round in range(args.repeats):
            for k, (_what, argv) in enumerate(jobs):
                runs[k].append(_run(argv, uncached if k == len(jobs) - 1 else cached))
    medians = [
        (
            what,
            statistics.median(r[0] for r in rs),
            statistics.median(r[1] for r in rs),
            max(r[2] for r in rs),
        )
        for (what, _argv), rs in zip(jobs, runs, strict=True)
    ]
    typer_wall, typer_cpu = medians[1][1], medians[1][2]
    rows = [["command", "wall s", "× Typer app", "CPU s", "× Typer app", "peak MB", "< 0.2 s"]]
    for what, wall, cpu, peak in medians:
        target = "" if not what.startswith("annotator") else ("met" if wall < 0.2 else "missed")
        rows.append(
            [
                what,
                f"{wall:.3f}",
                f"{wall / typer_wall:.2f}",
                f"{cpu:.3f}",
                f"{cpu / typer_cpu:.2f}",
                f"{peak:.0f}",
                target,
            ]
        )
    print(f"median of {args.repeats} rounds; load average {os.getloadavg()[0]:.1f} at the end\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
