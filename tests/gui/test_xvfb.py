"""The window under a real X server with a window manager, driven by real key presses.

Offscreen tests never see what a window manager does (openbox takes Alt+drag
to move windows) nor how real key events arrive. Here Xvfb runs openbox, the
application runs as its own process on Qt's xcb platform, and xdotool types
and drags as a user would; the result is read from the project FILE.
Skipped, with the reason, when Xvfb, openbox or xdotool is missing
(Debian: ``apt-get install xvfb openbox xdotool``; ``.ci/run`` does it as root).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.store import Project

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "resources" / "samples" / "000_173f9dae85055ffa.txt"
TOOLS = ("Xvfb", "openbox", "xdotool")

pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS),
    reason="needs Xvfb, openbox and xdotool (apt-get install xvfb openbox xdotool)",
)


def _wait(predicate, timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh X server with openbox on it; the environment to reach it."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x950x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    env = dict(os.environ, DISPLAY=f":{number.decode().strip()}", QT_QPA_PLATFORM="xcb")
    env.pop("WAYLAND_DISPLAY", None)
    wm = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _layout(env, "us,ara")
    time.sleep(0.5)
    try:
        yield env
    finally:
        for proc in (wm, xvfb):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


def _layout(env: dict[str, str], layouts: str) -> None:
    """The keyboard layouts of the X server (first one active), when setxkbmap is there."""
    if shutil.which("setxkbmap"):
        subprocess.run(["setxkbmap", "-layout", layouts], env=env, timeout=10, check=False)
        time.sleep(0.3)


def _try(env: dict[str, str], *args: str) -> bool:
    result = subprocess.run(["xdotool", *args], env=env, capture_output=True, timeout=30)
    return result.returncode == 0


def _activate_main_window(env: dict[str, str]):
    def activate() -> bool:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "Annotator"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.split()
        # windowactivate asks openbox; a busy openbox may not answer yet, and then
        # the X server gives the focus itself (openbox still owns Alt+drag).
        return any(
            _try(env, "windowactivate", "--sync", window)
            or _try(env, "windowfocus", "--sync", window)
            for window in found
        )

    return activate


def xdo(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_find_escape_label_key_and_a_sloppy_drag(display, tmp_path: Path) -> None:
    env = display
    path = tmp_path / "x.sqlite"
    text = SEED.read_text("utf-8")
    with Project.create(path) as project:
        doc_id, _ = project.documents.add(text, title="البوكمال")
    state_file = tmp_path / "state.json"
    app = subprocess.Popen(
        [sys.executable, str(HERE / "xvfb_app.py"), str(path), str(state_file)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def state() -> dict:
        try:
            return json.loads(state_file.read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def until(what: str, predicate) -> None:
        """Wait for the window to show ``what``; a step that did not land says where it was."""
        try:
            _wait(lambda: predicate(state()), what=what)
        except AssertionError:
            raise AssertionError(f"timed out waiting for {what}; the window: {state()}") from None

    try:
        until("the window", lambda s: bool(s))
        # openbox may still be starting on a busy machine: activate once it answers
        # (the window found again each time: the first one mapped may not be it).
        _wait(_activate_main_window(env), what="openbox to activate the window")
        until("the window to be active", lambda s: s.get("active"))

        # Find a word, Enter, Escape, then the label key: the match is labelled.
        xdo(env, "key", "--clearmodifiers", "ctrl+f")
        until("the find field", lambda s: s.get("focus") == "QLineEdit")
        # Typed on the Arabic layout, as an Arabic annotator types: every letter is
        # on a key of the active group (no remapping race in xdotool), then back.
        _layout(env, "ara,us")
        xdo(env, "type", "--delay", "80", "داعش")
        until("the word in the find field", lambda s: s.get("find") == "داعش")
        _layout(env, "us,ara")
        xdo(env, "key", "Return")
        until("the match selected", lambda s: s.get("selection") == "داعش")
        xdo(env, "key", "Escape")
        until("the focus back in the text", lambda s: s.get("focus") == "ArticleView")
        xdo(env, "key", "o")
        first = text.index("داعش")
        until("the ORG span", lambda _s: _spans(path, doc_id) == [("ORG", first, first + 4)])

        # A sloppy drag from before the comma to past the end of the word: the
        # comma and the spaces stay out. Where the phrase is now, as shown.
        where = state()
        (ax, ay), (bx, by) = where["start"], where["end"]
        step = 1 if bx > ax else -1  # right to left: the end lies to the left
        xdo(env, "mousemove", "--sync", str(ax - 4 * step), str(ay))
        xdo(env, "mousedown", "1")
        for fraction in (0.3, 0.6, 0.9):
            xdo(env, "mousemove", "--sync", str(int(ax + (bx - ax) * fraction)), str(by))
        xdo(env, "mousemove", "--sync", str(bx + 4 * step), str(by))
        xdo(env, "mouseup", "1")
        start, end = where["phrase"]
        assert text[start + 2 : end] == "مدينة البوكمال"
        until("the drag snapped", lambda s: s.get("selection") == "مدينة البوكمال")
        xdo(env, "key", "g")
        until(
            "the GPE span without the comma",
            lambda _s: ("GPE", start + 2, end) in _spans(path, doc_id),
        )
        assert sorted(_spans(path, doc_id)) == [("GPE", start + 2, end), ("ORG", first, first + 4)]
        xdo(env, "key", "ctrl+q")
        output = app.communicate(timeout=20)[0]
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, output


def _spans(path: Path, doc_id: int) -> list[tuple[str, int, int]]:
    with Project.open(path, readonly=True) as p:
        return [(s.label, s.start, s.end) for s in p.spans.for_document(doc_id)]
