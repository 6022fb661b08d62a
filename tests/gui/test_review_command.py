"""`annotator review --screenshot`: the review window renders from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_review_command_renders_the_sample_agreement(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ANNOTATOR_HOME=str(tmp_path / "home"),
        ANNOTATOR_CONFIG_HOME=str(tmp_path / "config"),
    )
    out = tmp_path / "review.png"
    result = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "review", "--screenshot", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    # The heat map's cells are coloured: some pixel is clearly green.
    greens = sum(
        1
        for x in range(0, 1400, 7)
        for y in range(0, 900, 7)
        if (c := image.pixelColor(x, y)).green() > 150 and c.red() < 150
    )
    assert greens > 50
