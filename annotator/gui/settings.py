"""What the application remembers between runs, in one small JSON file.

The file lives in ``platformdirs.user_config_dir("annotator")``; the environment
variable ``ANNOTATOR_CONFIG_HOME`` points it elsewhere (tests, portable use).
Nothing here is project data: losing this file loses only conveniences.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "annotator"
SETTINGS_FILE = "settings.json"
MAX_RECENT = 10
LANGUAGES = ("en", "ar")


def config_dir() -> Path:
    """The folder of ``settings.json``; ``ANNOTATOR_CONFIG_HOME`` overrides it."""
    override = os.environ.get("ANNOTATOR_CONFIG_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    """The user's own project; ``ANNOTATOR_HOME`` overrides the data folder.

    The same rule as the CLI's (``annotator.cli.common``), repeated here because
    the GUI must not import the CLI (import-linter contract).
    """
    home = os.environ.get("ANNOTATOR_HOME")
    base = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return base / "default.sqlite"


@dataclass
class Settings:
    """Remembered choices. ``load()`` never fails: a broken file gives defaults.

    :param font_zoom: zoom steps (Ctrl+= / Ctrl+-) applied to the editor's font.
    """

    annotator: str = ""
    language: str = ""
    last_project: str = ""
    recent_projects: list[str] = field(default_factory=list)
    font_zoom: int = 0
    # QMainWindow.saveGeometry() in base64: size, position, maximised.
    window_geometry: str = ""
    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / SETTINGS_FILE
        data: dict[str, Any] = {}
        try:
            loaded = json.loads(path.read_text("utf-8"))
            if isinstance(loaded, dict):
                data = loaded
        except (OSError, ValueError):
            pass
        settings = cls(path=path)
        settings.annotator = _str(data.get("annotator"))
        language = _str(data.get("language"))
        settings.language = language if language in LANGUAGES else ""
        settings.last_project = _str(data.get("last_project"))
        recent = data.get("recent_projects")
        if isinstance(recent, list):
            settings.recent_projects = [str(p) for p in recent if isinstance(p, str)][:MAX_RECENT]
        zoom = data.get("font_zoom")
        if isinstance(zoom, int) and not isinstance(zoom, bool) and -20 <= zoom <= 40:
            settings.font_zoom = zoom
        settings.window_geometry = _str(data.get("window_geometry"))
        return settings

    def save(self) -> None:
        """Write the file atomically (a crash leaves the old file or the new one)."""
        path = self.path or config_dir() / SETTINGS_FILE
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "path"}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=2)
            os.replace(tmp, path)
        except OSError:
            # A read-only home must not stop annotating: settings are a convenience.
            pass

    def remember_project(self, project: str | Path) -> None:
        resolved = str(Path(project).resolve())
        self.last_project = resolved
        self.recent_projects = [resolved] + [p for p in self.recent_projects if p != resolved]
        del self.recent_projects[MAX_RECENT:]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("path", None)
        return data


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
