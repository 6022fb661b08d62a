"""The installable app: desktop files (fast) and a real PyInstaller build (slow).

The slow test builds dist/annotator/ into a temporary folder with the single build
command (packaging/build.py) and runs the frozen program the way a user would:
``--version``, a screenshot of the seed article, import + stats, agreement (which
needs spaCy and our tokenizer inside the bundle), and a first start with no network.
It takes about a minute on two cores (packaging/README.md).
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
DESKTOP = LINUX / "annotator.desktop"
METAINFO = LINUX / "io.github.annotator.Annotator.metainfo.xml"
MIME_XML = LINUX / "annotator-mime.xml"
MIME_TYPE = "application/x-annotator-project"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load_build_module():  # packaging/ is not a package: load build.py by path
    name = "annotator_packaging_build"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


# --- Desktop integration files (fast) ----------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive: Name[ar], MimeType
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_names_the_app_in_english_and_arabic():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Annotator"
    assert entry["Name[ar]"] and any("\u0600" <= c <= "\u06ff" for c in entry["Name[ar]"])
    assert any("\u0600" <= c <= "\u06ff" for c in entry["Comment[ar]"])
    assert entry["Comment"]
    assert entry["Icon"] == "annotator"
    assert entry["Terminal"] == "false"
    # Opens a project file (%f) and lists its type.
    assert entry["Exec"].split()[-1] == "%f"
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";") and entry["Categories"].endswith(";")
    assert "Office" in entry["Categories"].split(";")


def test_desktop_file_passes_desktop_file_validate_if_available():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_is_well_formed_and_matches_the_desktop_file():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.find("launchable[@type='desktop-id']").text == DESKTOP.name
    names = {el.get(XML_LANG): el.text for el in root.findall("name")}
    assert names[None] == desktop_entry()["Name"]
    assert names["ar"] == desktop_entry()["Name[ar]"]
    assert {el.get(XML_LANG) for el in root.findall("summary")} == {None, "ar"}
    assert root.find("provides/mediatype").text == MIME_TYPE
    assert root.findtext("metadata_license") and root.findtext("project_license") == "MIT"


def test_metainfo_passes_appstreamcli_if_available():
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli not installed (apt-get install appstream)")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_type_declares_sqlite_projects():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(MIME_XML).getroot()
    (mime,) = root.findall("m:mime-type", ns)
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.sqlite"]
    # A sub-class of SQLite, so the SQLite header magic agrees with the glob.
    assert mime.find("m:sub-class-of", ns).get("type") == "application/vnd.sqlite3"
    match = mime.find("m:magic/m:match", ns)
    assert match.get("value") == "SQLite format 3" and match.get("offset") == "0"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_stated_size(size):
    assert png_size(LINUX / "icons" / f"{size}x{size}" / "annotator.png") == (size, size)


def test_icon_svg_is_well_formed_and_square():
    root = ET.parse(LINUX / "icons" / "annotator.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"


# --- Build prerequisites (fast) ----------------------------------------------------


def test_build_names_missing_qt_libraries_and_how_to_get_them(capsys):
    build = load_build_module()
    known = set(build.LINUX_LIBS) - {"libxcb-cursor.so.0"}
    missing = build.check_prerequisites(
        platform="linux", known_libs=known, allow_missing_libs=False
    )
    assert build.report_missing(missing) is True
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and "apt-get install libxcb-cursor0" in err
    assert "Cannot build" in err


def test_build_names_missing_pyinstaller(monkeypatch, capsys):
    build = load_build_module()
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        build.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "PyInstaller" else real_find_spec(name, *a),
    )
    missing = build.check_prerequisites(
        platform="linux", known_libs=set(build.LINUX_LIBS), allow_missing_libs=False
    )
    assert [m.what for m in missing] == ["PyInstaller"]
    build.report_missing(missing)
    assert "pip install pyinstaller" in capsys.readouterr().err


def test_missing_libs_only_warn_when_allowed():
    build = load_build_module()
    missing = build.check_prerequisites(platform="linux", known_libs=set(), allow_missing_libs=True)
    assert missing and not any(m.fatal for m in missing if "system libraries" in m.what)


def test_python_dash_m_annotator_prints_the_version():
    from annotator import __version__

    out = subprocess.run(
        [sys.executable, "-m", "annotator", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"annotator {__version__}"


# --- The frozen app (slow) ---------------------------------------------------------


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory) -> Path:
    """Build the app once for this module; returns the executable."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is not installed: pip install pyinstaller (a test extra)")
    build = load_build_module()
    out = tmp_path_factory.mktemp("pyinstaller")
    # Missing X11 libraries only matter on an X11 desktop; the checks below run
    # offscreen, so a CI machine without them still tests the build.
    result = subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "build.py"),
            "--allow-missing-libs",
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "build"),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return build.app_executable(out / "dist")


def app_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ANNOTATOR_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "share"),
        HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def run_app(exe: Path, *args: str, home: Path, prefix: tuple[str, ...] = ()):
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [*prefix, str(exe), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=app_env(home),
        cwd=home,
    )


def grey_levels(path: Path) -> tuple[int, int, list[int]]:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), path
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    raw = bytes(grey.constBits())
    return width, height, [raw[y * stride + x] for y in range(height) for x in range(width)]


@pytest.mark.slow
def test_frozen_app_prints_its_version(frozen_app, tmp_path):
    from annotator import __version__

    out = run_app(frozen_app, "--version", home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"annotator {__version__}"


@pytest.mark.slow
def test_frozen_app_renders_the_seed_article(frozen_app, tmp_path):
    frozen = run_app(frozen_app, "gui", "--screenshot", "frozen.png", "--doc", "1", home=tmp_path)
    assert frozen.returncode == 0, frozen.stderr
    shot = tmp_path / "frozen.png"
    assert shot.stat().st_size > 20_000
    width, height, pixels = grey_levels(shot)
    assert (width, height) == (1400, 900)
    mean = sum(pixels) / len(pixels)
    variance = sum((p - mean) ** 2 for p in pixels) / len(pixels)
    assert variance > 100, f"screenshot looks blank (grey variance {variance:.1f})"
    # The same window from the installed package: same article, same highlights.
    other = tmp_path / "venv"
    other.mkdir()
    venv = run_app(
        Path(sys.executable),
        "-m",
        "annotator",
        "gui",
        "--screenshot",
        "venv.png",
        "--doc",
        "1",
        home=other,
    )
    assert venv.returncode == 0, venv.stderr
    _, _, reference = grey_levels(other / "venv.png")
    differing = sum(1 for a, b in zip(pixels, reference, strict=True) if abs(a - b) > 16)
    assert differing / len(pixels) < 0.01, f"{differing} pixels differ from the venv's window"


@pytest.mark.slow
def test_frozen_app_imports_and_counts_with_its_own_resources(frozen_app, tmp_path):
    project = tmp_path / "p.sqlite"
    article = tmp_path / "article.txt"
    article.write_text("البوكمال.. معركة دولية\n\nقال مصدر لـ”داعش”. إن ١ كم\n", "utf-8")
    created = run_app(frozen_app, "init", "-p", str(project), "--json", home=tmp_path)
    assert created.returncode == 0, created.stderr
    # The default labels come from annotator.resources inside the bundle.
    assert json.loads(created.stdout)["labels"][:2] == ["PER", "ORG"]
    imported = run_app(
        frozen_app, "import", "-p", str(project), str(article), "--json", home=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["documents_new"] == 1
    stats = run_app(frozen_app, "stats", "-p", str(project), "--json", home=tmp_path)
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["documents"] == 1 and data["words"] > 5
    assert set(data["labels"]) >= {"PER", "ORG", "GPE", "CLAIM"}


@pytest.mark.slow
def test_frozen_app_exports_the_sample_like_the_installed_package(frozen_app, tmp_path):
    # spaCy's config templates and our tokenizer must be in the bundle: the
    # frozen export of the sample project equals the installed package's.
    outputs = {}
    for name, exe, prefix in (("frozen", frozen_app, ()), ("venv", Path(sys.executable), ())):
        args = ("-m", "annotator") if name == "venv" else ()
        out = tmp_path / name / "out"
        result = run_app(
            exe,
            *args,
            "export",
            "--format",
            "conll",
            "--annotator",
            "sample-sara",
            "--out",
            str(out),
            "--split",
            "1,0",
            home=tmp_path / name,
            prefix=prefix,
        )
        assert result.returncode == 0, result.stderr
        outputs[name] = (out / "train.conll").read_text("utf-8")
        spacy_out = tmp_path / name / "spacy"
        result = run_app(
            exe,
            *args,
            "export",
            "--format",
            "spacy",
            "--annotator",
            "sample-sara",
            "--out",
            str(spacy_out),
            home=tmp_path / name,
        )
        assert result.returncode == 0, result.stderr
        assert "annotator.arabic_tokenizer.v1" in (spacy_out / "config.cfg").read_text("utf-8")
    assert outputs["frozen"] == outputs["venv"]
    assert "B-GPE" in outputs["frozen"]


@pytest.mark.slow
def test_frozen_app_tokenizes_like_the_installed_package(frozen_app, tmp_path):
    # Agreement counts tokens with spaCy's blank "ar" and our registered tokenizer;
    # on the sample project (created on first start from the bundled samples) the
    # frozen app must give exactly the numbers the installed package gives.
    frozen = run_app(frozen_app, "agreement", "--json", home=tmp_path / "frozen")
    assert frozen.returncode == 0, frozen.stderr
    venv = run_app(
        Path(sys.executable), "-m", "annotator", "agreement", "--json", home=tmp_path / "venv"
    )
    assert venv.returncode == 0, venv.stderr
    frozen_data, venv_data = json.loads(frozen.stdout), json.loads(venv.stdout)
    assert frozen_data["entities"]["tokens"] > 100
    assert frozen_data == venv_data


def offline_prefix() -> tuple[str, ...] | None:
    """``unshare -n``: run in a network namespace with no network (needs root)."""
    tool = shutil.which("unshare")
    if tool is None:
        return None
    probe = subprocess.run([tool, "-n", "true"], capture_output=True)
    return (tool, "-n") if probe.returncode == 0 else None


@pytest.mark.slow
def test_frozen_app_first_start_works_without_network(frozen_app, tmp_path):
    prefix = offline_prefix()
    if prefix is None:
        pytest.skip("cannot cut the network here (unshare -n needs root)")
    out = run_app(frozen_app, "gui", "--screenshot", "offline.png", home=tmp_path, prefix=prefix)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "offline.png").stat().st_size > 20_000
    assert (tmp_path / "data" / "default.sqlite").exists()  # first start made the project
