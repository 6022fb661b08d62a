#!/bin/sh
# Install the built Annotator (dist/annotator/) for the current user, without root:
# the app folder, a command, the menu entry, icons and the project file type, all
# under ~/.local (XDG paths). Run it again to update; `install.sh --uninstall` removes
# everything it put there (your projects stay where they are).
#
#   packaging/linux/install.sh [--app DIR] [--uninstall]
#
# DIR defaults to dist/annotator at the top of the repository (build it first with
# `.venv/bin/python packaging/build.py`).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_SRC="$ROOT/dist/annotator"
UNINSTALL=0
while [ $# -gt 0 ]; do
    case "$1" in
        --app) APP_SRC=$2; shift 2 ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin
LIBDIR=$DATA/annotator          # the app folder and its launcher
APPS=$DATA/applications
ICONS=$DATA/icons/hicolor
MIME=$DATA/mime
META=$DATA/metainfo
DESKTOP_ID=annotator.desktop
METAINFO=io.github.annotator.Annotator.metainfo.xml

refresh() {
    # Each cache tool is optional: without it the desktop rescans on its own, later.
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$MIME" >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" >/dev/null 2>&1 || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" >/dev/null 2>&1 || true
}

if [ "$UNINSTALL" = 1 ]; then
    rm -rf "$LIBDIR"
    rm -f "$BIN/annotator" "$APPS/$DESKTOP_ID" "$META/$METAINFO" \
          "$MIME/packages/annotator-mime.xml" "$ICONS/scalable/apps/annotator.svg"
    for size in 16 32 48 64 128 256; do
        rm -f "$ICONS/${size}x${size}/apps/annotator.png" \
              "$ICONS/${size}x${size}/mimetypes/application-x-annotator-project.png"
    done
    refresh
    echo "Annotator removed. Your projects were not touched."
    exit 0
fi

if [ ! -x "$APP_SRC/annotator" ]; then
    echo "install.sh: no built app in $APP_SRC." >&2
    echo "Build it first: .venv/bin/python packaging/build.py (see packaging/README.md)." >&2
    exit 1
fi

mkdir -p "$LIBDIR" "$BIN" "$APPS" "$META" "$MIME/packages" "$ICONS/scalable/apps"
# Replace the app folder as a whole, so files of an older version do not linger.
rm -rf "$LIBDIR/annotator.new"
cp -a "$APP_SRC" "$LIBDIR/annotator.new"
rm -rf "$LIBDIR/annotator"
mv "$LIBDIR/annotator.new" "$LIBDIR/annotator"
install -m 755 "$HERE/annotator-open" "$LIBDIR/annotator-open"
ln -sf "$LIBDIR/annotator/annotator" "$BIN/annotator"

# The menu entry, pointing at the launcher by its full path (~/.local/bin is not on
# every desktop session's PATH).
sed -e "s|^Exec=annotator-open|Exec=$LIBDIR/annotator-open|" \
    -e "s|^TryExec=annotator-open|TryExec=$LIBDIR/annotator-open|" \
    "$HERE/annotator.desktop" > "$APPS/$DESKTOP_ID"
chmod 644 "$APPS/$DESKTOP_ID"
install -m 644 "$HERE/$METAINFO" "$META/$METAINFO"
install -m 644 "$HERE/annotator-mime.xml" "$MIME/packages/annotator-mime.xml"
install -m 644 "$HERE/icons/annotator.svg" "$ICONS/scalable/apps/annotator.svg"
for size in 16 32 48 64 128 256; do
    mkdir -p "$ICONS/${size}x${size}/apps" "$ICONS/${size}x${size}/mimetypes"
    install -m 644 "$HERE/icons/${size}x${size}/annotator.png" "$ICONS/${size}x${size}/apps/annotator.png"
    install -m 644 "$HERE/icons/${size}x${size}/annotator.png" \
        "$ICONS/${size}x${size}/mimetypes/application-x-annotator-project.png"
done
refresh

echo "Annotator installed: $LIBDIR/annotator"
echo "Start it from your applications menu (Office > Annotator), or run: $BIN/annotator"
case ":$PATH:" in
    *":$BIN:"*) ;;
    *) echo "(Add $BIN to your PATH to run 'annotator' from a terminal.)" ;;
esac
