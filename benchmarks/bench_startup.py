"""Command start-up: `annotator --help`, `stats`, `labels`, `find` beside their floors.

    .venv/bin/python benchmarks/bench_startup.py [--repeats 15]

Whole processes, medians, in one run: the floors are ``python -c pass`` (the
interpreter) and a two-command Typer app that runs one command (the CLI
framework: Typer imports Click, Rich and Pydantic whatever the app does). The
project is the bundled sample (one article, two annotators). Target (issue 14):
under 0.2 s for the commands that need no heavy library.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import PYTHON, median_process, table

TYPER_APP = """
import typer
app = typer.Typer()
@app.command()
def a(x: int = 1): print(x)
@app.command()
def b(y: str = ""): print(y)
app()
"""


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
        results = [(what, *median_process(argv, args.repeats)) for what, argv in jobs]
    typer_floor = results[1][1]
    rows = [["command", "median s", "× Typer app", "peak MB", "target < 0.2 s"]]
    for what, seconds, peak in results:
        target = "" if not what.startswith("annotator") else ("met" if seconds < 0.2 else "missed")
        rows.append([what, f"{seconds:.3f}", f"{seconds / typer_floor:.2f}", f"{peak:.0f}", target])
    print(f"median of {args.repeats} runs each\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
