"""The bundled Arabic font (Noto Naskh Arabic, OFL; see resources/fonts/README.md).

DejaVu Sans covers Arabic but reads poorly, and a user's system may have no
Arabic font at all: the editor always asks for the bundled one.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase

FONT_FILE = "NotoNaskhArabic-Regular.ttf"
DEFAULT_POINT_SIZE = 15


@cache
def bundled_font_family() -> str | None:
    """Register the bundled font with Qt (once) and return its family name.

    Needs a ``QGuiApplication``. Returns ``None`` when the file is missing or Qt
    refuses it; callers then fall back to the system's font.
    """
    data = resources.files("annotator.resources").joinpath("fonts", FONT_FILE)
    try:
        # From bytes, not a path: works from a zip or a frozen bundle too.
        font_id = QFontDatabase.addApplicationFontFromData(data.read_bytes())
    except OSError:
        return None
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def arabic_font(point_size: float = DEFAULT_POINT_SIZE) -> QFont:
    """The editor's font: the bundled family when available, at ``point_size``."""
    family = bundled_font_family()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(point_size)
    return font
