#!/bin/sh
# Install (or remove) the one-folder build for the current user, without root:
#   packaging/linux/install.sh [BUNDLE]        BUNDLE defaults to dist/pcaet
#   packaging/linux/install.sh --uninstall
# PREFIX (default ~/.local) chooses where: PREFIX=/usr/local as root installs for everyone.
#
#   $PREFIX/lib/pcaet-desktop/            the program (copied from BUNDLE)
#   $PREFIX/bin/pcaet-desktop, pcaet      links to it
#   $PREFIX/share/applications/           the menu entry, opening .pcaet files
#   $PREFIX/share/icons/hicolor/          the icon
#   $PREFIX/share/mime/packages/          the .pcaet file type
#
# Removing keeps the data: stores, backups and logs in ~/.local/share/pcaet-desktop.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PACKAGING=$(dirname "$HERE")
PREFIX=${PREFIX:-$HOME/.local}
LIB="$PREFIX/lib/pcaet-desktop"
SHARE="$PREFIX/share"
SIZES="16 24 32 48 64 128 256 512"

refresh() {
    # Optional tools: the menu and file type work after the next login without them.
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$SHARE/mime" || true
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database "$SHARE/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$LIB"
    rm -f "$PREFIX/bin/pcaet-desktop" "$PREFIX/bin/pcaet"
    rm -f "$SHARE/applications/pcaet-desktop.desktop" "$SHARE/mime/packages/pcaet-desktop.xml"
    for size in $SIZES; do
        rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/pcaet-desktop.png"
    done
    rm -f "$SHARE/icons/hicolor/scalable/apps/pcaet-desktop.svg"
    refresh
    echo "PCAET Desktop removed; your data in ~/.local/share/pcaet-desktop is kept."
    exit 0
fi

BUNDLE=${1:-$(dirname "$PACKAGING")/dist/pcaet}
if [ ! -x "$BUNDLE/pcaet-desktop" ] || [ ! -d "$BUNDLE/_internal" ]; then
    echo "No build in $BUNDLE: run 'make package' first, or give the folder." >&2
    exit 1
fi

# Replace the program whole, so that no module of a previous version lingers.
rm -rf "$LIB.new"
mkdir -p "$PREFIX/lib" "$PREFIX/bin"
cp -R "$BUNDLE" "$LIB.new"
rm -rf "$LIB"
mv "$LIB.new" "$LIB"
ln -sf "$LIB/pcaet-desktop" "$PREFIX/bin/pcaet-desktop"
ln -sf "$LIB/pcaet" "$PREFIX/bin/pcaet"

mkdir -p "$SHARE/applications" "$SHARE/mime/packages" "$SHARE/icons/hicolor/scalable/apps"
# The menu entry runs the installed program by its full path: $PREFIX/bin may not be on PATH.
sed -e "s|^Exec=pcaet-desktop|Exec=$LIB/pcaet-desktop|" \
    -e "s|^TryExec=pcaet-desktop|TryExec=$LIB/pcaet-desktop|" \
    "$HERE/pcaet-desktop.desktop" >"$SHARE/applications/pcaet-desktop.desktop"
cp "$HERE/pcaet-desktop-mime.xml" "$SHARE/mime/packages/pcaet-desktop.xml"
for size in $SIZES; do
    mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
    cp "$PACKAGING/icons/pcaet-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/pcaet-desktop.png"
done
cp "$LIB/_internal/resources/icons/app.svg" "$SHARE/icons/hicolor/scalable/apps/pcaet-desktop.svg"
refresh
echo "PCAET Desktop installed in $LIB; run 'pcaet-desktop' or use the applications menu."
