#!/usr/bin/env bash
# Build the Linux packages of AI Town Desk from this checkout: called by `./dev package`, which
# first sets up .venv (Python 3.11, PySide6 6.11.x) with packaging/requirements.txt in it.
#
#   packaging/linux/build.sh VENV
#
# Writes into build/ (never committed):
#   build/dist/aitown/                         the PyInstaller one-folder bundle (aitown, aitown-cli)
#   build/packages/cn.aitown.desk_V_amd64.deb  the .deb, UOS layout under /opt/apps/cn.aitown.desk
#   build/packages/aitown-desk-V-linux-x86_64.tar.gz  the same folder as a portable archive
#   build/packages/SHA256SUMS
# REUSE_BUNDLE=1 skips PyInstaller when build/dist/aitown exists (for work on the .deb alone).
# Time stamps inside the .deb and the .tar.gz are the last commit's (SOURCE_DATE_EPOCH), file
# order and owners are fixed, so that two builds of one commit differ only where PyInstaller's
# own output does.
set -euo pipefail

VENV="${1:?usage: build.sh VENV}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APP_ID=cn.aitown.desk
BUILD="$ROOT/build"
BUNDLE="$BUILD/dist/aitown"
OUT="$BUILD/packages"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() {
    printf 'package: error: %s\n' "$*" >&2
    exit 1
}

cd "$ROOT"
VERSION=$("$VENV/bin/python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "version '$VERSION' in pyproject.toml is not MAJOR.MINOR.PATCH"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export PYTHONHASHSEED=0
[[ "$(dpkg --print-architecture 2>/dev/null || echo unknown)" == amd64 ]] || die "the .deb is built for amd64 on an amd64 machine"

# --- 1. the PyInstaller bundle -----------------------------------------------------------------
say "Icons"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/make_icons.py "$BUILD/icons"
if [[ "${REUSE_BUNDLE:-0}" == 1 && -x "$BUNDLE/aitown" ]]; then
    say "Reusing the bundle in $BUNDLE (REUSE_BUNDLE=1)"
else
    say "PyInstaller bundle (packaging/aitown.spec)"
    rm -rf "$BUNDLE"
    "$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
        --workpath "$BUILD/pyinstaller" --distpath "$BUILD/dist" packaging/aitown.spec
fi
[[ -x "$BUNDLE/aitown" && -x "$BUNDLE/aitown-cli" ]] || die "PyInstaller did not produce both executables"
for wanted in aitown/resources/fonts/wqy-microhei.ttc aitown/resources/i18n/aitown_zh_CN.qm \
    aitown/resources/policies aitown/migrations/env.py aitown/migrations/versions; do
    [[ -e "$BUNDLE/_internal/$wanted" ]] || die "the bundle lacks _internal/$wanted"
done
# Every library that a file of the bundle needs (ELF NEEDED) and the bundle does not carry must
# come from a package the .deb depends on, or an installation on a fresh system would miss it.
depends=$(sed -n '/^Depends:/,/^[A-Z]/p' packaging/linux/control | sed '$d' | sed 's/^Depends://' |
    tr ',' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^$' | sort -u)
carried=$(find "$BUNDLE" -type f -name '*.so*' -printf '%f\n' | sort -u)
needed=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name aitown -o -name aitown-cli \) -print0 |
    xargs -0 -n 50 readelf -d 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
from_system=$(comm -23 <(echo "$needed") <(echo "$carried"))
# One dpkg -S for all of them (each call reads the whole package database).
mapfile -t patterns < <(sed 's|^|*/|' <<<"$from_system")
owners=$(dpkg -S "${patterns[@]}" 2>/dev/null | grep -v '^diversion' || true)
missing=()
for soname in $from_system; do
    owner=$(awk -v s="/$soname" 'substr($NF, length($NF) - length(s) + 1) == s { print $1; exit }' \
        <<<"$owners" | cut -d: -f1)
    [[ -n "$owner" ]] || die "the bundle needs $soname, which neither it nor an installed Debian package has"
    owner=${owner%t64}
    grep -qx "$owner" <<<"$depends" || missing+=("$owner ($soname)")
done
[[ ${#missing[@]} -eq 0 ]] || die "packaging/linux/control does not depend on: ${missing[*]}"
echo "the bundle takes $(wc -l <<<"$from_system") libraries from the system, all from Depends packages" >&2
# The newest glibc symbol any file of the bundle uses is what the control file promises.
glibc_needed=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name aitown -o -name aitown-cli \) -print0 |
    xargs -0 -n 50 objdump -T 2>/dev/null | grep -o 'GLIBC_2\.[0-9]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
glibc_declared=$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' packaging/linux/control)
[[ "$(printf '%s\n' "$glibc_needed" "$glibc_declared" | sort -V | tail -n 1)" == "$glibc_declared" ]] ||
    die "the bundle needs glibc $glibc_needed but packaging/linux/control says libc6 (>= $glibc_declared)"
echo "the bundle needs glibc $glibc_needed (control: >= $glibc_declared)" >&2
# The command line works before anything is installed (no display needed: no Qt in it).
"$BUNDLE/aitown-cli" --help >/dev/null || die "the bundled aitown-cli --help failed"

# --- 2. the .deb (UOS layout) ------------------------------------------------------------------
say "Debian package $APP_ID $VERSION"
STAGE="$BUILD/deb-root"
rm -rf "$STAGE"
APP="$STAGE/opt/apps/$APP_ID"
mkdir -p "$APP/files" "$APP/entries/applications" "$STAGE/DEBIAN" "$STAGE/usr/bin" \
    "$STAGE/usr/share/applications" "$STAGE/usr/share/doc/$APP_ID"
cp -a "$BUNDLE/." "$APP/files/"
install -m 644 packaging/linux/$APP_ID.desktop "$APP/entries/applications/$APP_ID.desktop"
for png in "$BUILD"/icons/aitown-*.png; do
    size=$(basename "$png" .png)
    size=${size#aitown-}
    install -D -m 644 "$png" "$APP/entries/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -D -m 644 resources/icons/app.svg "$APP/entries/icons/hicolor/scalable/apps/$APP_ID.svg"
sed "s/@VERSION@/$VERSION.0/" packaging/linux/info.json >"$APP/info"
chmod 644 "$APP/info"
# The commands and the menu entry for systems without the UOS launcher (Debian, Ubuntu,
# openKylin) are symbolic links in the package itself: dpkg adds and removes them, and no
# maintainer script touches the system. (UOS/deepin reads entries/ directly; the desktop file id
# is the same, so a menu shows one entry.)
ln -s "/opt/apps/$APP_ID/files/aitown" "$STAGE/usr/bin/aitown"
ln -s "/opt/apps/$APP_ID/files/aitown-cli" "$STAGE/usr/bin/aitown-cli"
ln -s "/opt/apps/$APP_ID/entries/applications/$APP_ID.desktop" "$STAGE/usr/share/applications/$APP_ID.desktop"
for dir in "$APP"/entries/icons/hicolor/*/apps; do
    rel=${dir#"$APP/entries/icons/"}
    mkdir -p "$STAGE/usr/share/icons/$rel"
    for icon in "$dir"/*; do
        ln -s "/opt/apps/$APP_ID/entries/icons/$rel/$(basename "$icon")" "$STAGE/usr/share/icons/$rel/$(basename "$icon")"
    done
done
install -m 644 packaging/linux/copyright "$STAGE/usr/share/doc/$APP_ID/copyright"
# Everything readable by all, nothing writable but by root; the executables stay executable.
chmod -R u+rwX,go+rX,go-w "$STAGE"
installed_kb=$(du -sk --apparent-size "$STAGE/opt" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$installed_kb/" packaging/linux/control >"$STAGE/DEBIAN/control"
# Reproducible member times: everything gets the commit's time (dpkg-deb uses SOURCE_DATE_EPOCH
# for the archive members' headers, not for the file times it packs).
find "$STAGE" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$OUT"
DEB="$OUT/${APP_ID}_${VERSION}_amd64.deb"
rm -f "$DEB"
# --root-owner-group: every file root:root without fakeroot; xz keeps the download small.
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
dpkg-deb --info "$DEB" | sed -n '/Package:/,$p' >&2

# --- 3. the portable archive -------------------------------------------------------------------
TARBALL="$OUT/aitown-desk-$VERSION-linux-x86_64.tar.gz"
say "Portable archive $(basename "$TARBALL")"
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    -C "$BUILD/dist" --transform "s,^aitown,aitown-desk-$VERSION," -cf - aitown | gzip -n -9 >"$TARBALL"

(cd "$OUT" && sha256sum "$(basename "$DEB")" "$(basename "$TARBALL")" >SHA256SUMS)
say "Bundle $(du -sh "$BUNDLE" | cut -f1), .deb $(du -h "$DEB" | cut -f1), .tar.gz $(du -h "$TARBALL" | cut -f1) in $OUT"
