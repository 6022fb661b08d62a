"""Build Annotator as a one-folder application: the single build command.

    .venv/bin/python packaging/build.py            # -> dist/annotator/

Run it with the Python of the environment Annotator is installed in (the app is
frozen from that environment). It checks the prerequisites first and stops with a
message that names what is missing and how to get it; then runs PyInstaller on
packaging/annotator.spec, checks that the built program starts, and prints the
folder's size and the time the build took.

Options: ``--dist DIR`` / ``--work DIR`` (default: dist/ and build/ at the top of
the repository), ``--allow-missing-libs`` (build even when Qt's X11 libraries are
missing: the app then runs on Wayland and offscreen, and on X11 only where they are
installed), ``--baseline`` (no exclusions: to measure what they save),
``--check`` (check the prerequisites only).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "annotator.spec"
MIN_PYINSTALLER = (6, 0)

# Shared libraries Qt's xcb platform plugin (X11 desktops) loads, with the Debian/Ubuntu
# package that provides each. PyInstaller copies them from the build machine into the
# app; one missing here is missing in the app, and Qt aborts on X11 without it
# ("could not load the Qt platform plugin xcb").
LINUX_LIBS: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


@dataclass(frozen=True)
class Missing:
    """One missing prerequisite and the command that provides it."""

    what: str
    fix: str
    fatal: bool = True


def shared_libraries() -> set[str] | None:
    """Sonames the dynamic linker knows (``ldconfig -p``), or None if it cannot say."""
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            out = subprocess.run(
                [ldconfig, "-p"], capture_output=True, text=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        return {line.split()[0] for line in out.splitlines()[1:] if line.strip()}
    return None


def missing_linux_libs(known: set[str] | None) -> list[str]:
    """Debian package names for the Qt X11 libraries that ``known`` lacks."""
    if known is None:
        return []  # no ldconfig (not glibc?): nothing reliable to say
    return sorted({pkg for lib, pkg in LINUX_LIBS.items() if lib not in known})


def check_prerequisites(
    *, platform: str = sys.platform, known_libs: set[str] | None = None, allow_missing_libs: bool
) -> list[Missing]:
    """Everything the build needs that is not there (empty: ready to build)."""
    missing: list[Missing] = []
    pip = f"{Path(sys.executable).name} -m pip"
    spec = importlib.util.find_spec("PyInstaller")
    if spec is None:
        missing.append(Missing("PyInstaller", f"{pip} install pyinstaller"))
    else:
        from importlib.metadata import version

        found = tuple(int(p) for p in version("pyinstaller").split(".")[:2] if p.isdigit())
        if found < MIN_PYINSTALLER:
            missing.append(
                Missing(
                    f"PyInstaller >= 6 (found {version('pyinstaller')})",
                    f"{pip} install -U pyinstaller",
                )
            )
    for module, dist in (("annotator", "-e ."), ("PySide6", "-e ."), ("spacy", "-e .")):
        if importlib.util.find_spec(module) is None:
            missing.append(
                Missing(
                    f"the Python package {module!r} in {sys.executable}",
                    f"{pip} install {dist}  (from {ROOT})",
                )
            )
    if platform.startswith("linux"):
        libs = missing_linux_libs(known_libs if known_libs is not None else shared_libraries())
        if libs:
            missing.append(
                Missing(
                    "system libraries for Qt (X11, OpenGL, fonts): " + ", ".join(libs),
                    f"sudo apt-get install {' '.join(libs)}  (Debian/Ubuntu; Fedora: "
                    "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms)",
                    fatal=not allow_missing_libs,
                )
            )
    return missing


def report_missing(missing: list[Missing]) -> bool:
    """Print what is missing; True if the build must stop."""
    for item in missing:
        label = "missing" if item.fatal else "warning: missing"
        print(f"{label}: {item.what}\n    get it with: {item.fix}", file=sys.stderr)
    fatal = [m for m in missing if m.fatal]
    if fatal:
        print(f"\nCannot build: {len(fatal)} prerequisite(s) missing (see above).", file=sys.stderr)
    elif missing:
        print(
            "Building anyway (--allow-missing-libs): the app will not start on X11 "
            "desktops that lack these libraries.",
            file=sys.stderr,
        )
    return bool(fatal)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def app_executable(dist: Path) -> Path:
    name = "annotator.exe" if sys.platform == "win32" else "annotator"
    return dist / "annotator" / name


def build(*, dist: Path, work: Path, baseline: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the app folder."""
    env = dict(os.environ)
    if baseline:
        env["ANNOTATOR_PYI_BASELINE"] = "1"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    print("$ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    return dist / "annotator"


def smoke_test(exe: Path) -> str:
    """The built program's ``--version`` line (raises if it does not start)."""
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"{exe} --version failed ({out.returncode}):\n{out.stderr}")
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--allow-missing-libs", action="store_true")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--check", action="store_true", help="check prerequisites only")
    args = parser.parse_args(argv)

    if report_missing(check_prerequisites(allow_missing_libs=args.allow_missing_libs)):
        return 1
    if args.check:
        print("All prerequisites are there.")
        return 0
    started = time.monotonic()
    try:
        folder = build(dist=args.dist.resolve(), work=args.work.resolve(), baseline=args.baseline)
    except subprocess.CalledProcessError as exc:
        print(
            f"\nPyInstaller failed (exit {exc.returncode}); see its messages above.",
            file=sys.stderr,
        )
        return 1
    elapsed = time.monotonic() - started
    exe = app_executable(args.dist.resolve())
    version = smoke_test(exe)
    size = folder_size(folder) / 1e6
    print(f"\nBuilt {folder} ({size:.0f} MB) in {elapsed / 60:.1f} min: {version}")
    print(f"Start it: {exe}")
    if sys.platform.startswith("linux"):
        print("Install it into your desktop menu: packaging/linux/install.sh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
