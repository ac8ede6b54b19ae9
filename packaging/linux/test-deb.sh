#!/usr/bin/env bash
# Install the .deb into a fresh minimal Debian 12 root that has no Python, use it, uninstall it.
# Called by `./dev package-test` (after `./dev package`); needs root, debootstrap, Xvfb, pdffonts.
#
#   packaging/linux/test-deb.sh DEB [OUT_DIR]
#
#   1. debootstrap --variant=minbase bookworm, from the Debian mirror this machine's apt uses
#      (read from /etc/apt/sources.list*; DEBIAN_MIRROR=URL overrides); check: no python3 at all
#   2. apt-get install ./the.deb inside it (apt takes the Depends from the same mirror); check
#      again that no Python came in, and that every library of the bundle resolves (ldd)
#   3. aitown-cli init, demo, applications list, notices issue --out: as a person would, with the
#      data in the default per-user folder; then pdffonts (on this machine) on the PDF: every font
#      embedded
#   4. aitown under Xvfb (a display of this machine, reached through its socket): logs in and
#      saves screenshots (English and Chinese) to OUT_DIR, then quits by itself
#   5. apt-get purge: the program, the commands and the menu entry are gone, the user's data is
#      still there; installing again finds the same database
# The root lives under /tmp and is removed at the end (KEEP_ROOT=1 keeps it for a look).
set -euo pipefail

DEB="$(realpath "${1:?usage: test-deb.sh DEB [OUT_DIR]}")"
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$(realpath -m "${2:-$ROOT_DIR/build/package-test}")"
APP_ID=cn.aitown.desk
SUITE=bookworm
PASSWORD=admin-pass-1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() {
    printf 'package-test: FAILED: %s\n' "$*" >&2
    exit 1
}

[[ $EUID -eq 0 ]] || die "needs root (debootstrap and chroot)"
[[ -f "$DEB" ]] || die "no such package: $DEB (run ./dev package first)"
for tool in debootstrap chroot Xvfb pdffonts; do
    command -v "$tool" >/dev/null || die "$tool is missing (./dev package-test installs it)"
done

# The Debian mirror of this machine's apt sources: the first "deb" entry for the suite (or any
# Debian suite) with the main component, one-line or deb822 format. Never a fixed host.
debian_mirror() {
    local file
    {
        for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [[ -f "$file" ]] || continue
            sed -n -E 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([a-z]+:[^[:space:]]+)[[:space:]]+([a-z-]+)[[:space:]]+(.*)$/\3 \2 \4/p' "$file"
        done
        for file in /etc/apt/sources.list.d/*.sources; do
            [[ -f "$file" ]] || continue
            awk '
                function flush() {
                    if (types ~ /(^| )deb( |$)/ && enabled != "no" && comps ~ /(^| )main( |$)/)
                        for (i = 1; i <= nsuites; i++) for (j = 1; j <= nuris; j++)
                            print suites[i], uris[j], comps
                    types = ""; enabled = ""; comps = ""; nsuites = 0; nuris = 0
                }
                /^[[:space:]]*$/ { flush(); next }
                /^#/ { next }
                tolower($1) == "types:" { $1 = ""; types = $0 }
                tolower($1) == "enabled:" { enabled = tolower($2) }
                tolower($1) == "components:" { $1 = ""; comps = $0 }
                tolower($1) == "suites:" { for (i = 2; i <= NF; i++) suites[++nsuites] = $i }
                tolower($1) == "uris:" { for (i = 2; i <= NF; i++) uris[++nuris] = $i }
                END { flush() }
            ' "$file"
        done
    } | awk -v suite="$SUITE" '
        $1 == suite && !exact { exact = $2 }
        $1 ~ /^(bookworm|trixie|bullseye|stable|testing|sid|unstable)$/ && !any { any = $2 }
        END { if (exact) print exact; else if (any) print any }
    '
}

MIRROR="${DEBIAN_MIRROR:-$(debian_mirror)}"
[[ -n "$MIRROR" ]] || die "no Debian 'main' entry in /etc/apt/sources.list*: set DEBIAN_MIRROR=URL of a Debian mirror"

WORK=$(mktemp -d /tmp/aitown-deb-test.XXXXXX)
ROOTFS="$WORK/root"
XVFB_PID=""
MOUNTS=()
cleanup() {
    local m
    [[ -n "$XVFB_PID" ]] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
    for ((m = ${#MOUNTS[@]} - 1; m >= 0; m--)); do
        umount -l "${MOUNTS[m]}" 2>/dev/null || true
    done
    # debootstrap may leave its own /proc or /sys mounts behind when it fails half-way.
    for m in "$ROOTFS/proc" "$ROOTFS/sys" "$ROOTFS/dev/pts"; do
        mountpoint -q "$m" 2>/dev/null && umount -l "$m"
    done
    if [[ "${KEEP_ROOT:-0}" == 1 ]]; then
        echo "kept the test root in $ROOTFS (remove it with: rm -rf --one-file-system $WORK)" >&2
    else
        rm -rf --one-file-system "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 "$@"; }
as_user() { in_root AITOWN_PASSWORD="$PASSWORD" "$@"; }

no_python() {
    local found
    found=$(in_root sh -c 'ls /usr/bin/python* /usr/local/bin/python* 2>/dev/null; dpkg-query -W -f "\${Package}\n" | grep -E "^(lib)?python" || true')
    [[ -z "$found" ]] || die "the test root has Python $1: $found"
    echo "no Python in the root $1"
}

t0=$SECONDS
say "debootstrap --variant=minbase $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
    tail -n 30 "$WORK/debootstrap.log" >&2
    die "debootstrap failed (log above)"
}
echo "minimal root in $((SECONDS - t0))s"
no_python "before the installation"

mount -t proc proc "$ROOTFS/proc" && MOUNTS+=("$ROOTFS/proc")
cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
cp "$DEB" "$ROOTFS/tmp/"
deb_in_root="/tmp/$(basename "$DEB")"

say "apt-get install $(basename "$DEB") in the root"
t1=$SECONDS
in_root DEBIAN_FRONTEND=noninteractive apt-get update -q >"$WORK/apt.log" 2>&1 || {
    cat "$WORK/apt.log" >&2
    die "apt-get update in the root failed"
}
in_root DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb_in_root" \
    >>"$WORK/apt.log" 2>&1 || {
    tail -n 30 "$WORK/apt.log" >&2
    die "apt-get install of the .deb failed (log above)"
}
echo "installed with $(grep -c '^Setting up' "$WORK/apt.log") packages in $((SECONDS - t1))s"
no_python "after the installation"
# Looked at inside the root: the links point to absolute paths there.
missing=$(in_root sh -c 'for p; do [ -e "$p" ] || echo "$p"; done' sh \
    /opt/apps/$APP_ID/files/aitown /opt/apps/$APP_ID/files/aitown-cli /opt/apps/$APP_ID/info \
    /opt/apps/$APP_ID/entries/applications/$APP_ID.desktop \
    /opt/apps/$APP_ID/entries/icons/hicolor/scalable/apps/$APP_ID.svg \
    /opt/apps/$APP_ID/entries/icons/hicolor/48x48/apps/$APP_ID.png \
    /usr/bin/aitown /usr/bin/aitown-cli /usr/share/applications/$APP_ID.desktop \
    /usr/share/icons/hicolor/scalable/apps/$APP_ID.svg)
[[ -z "$missing" ]] || die "missing (or dangling links) after the installation: $missing"
[[ -L "$ROOTFS/usr/bin/aitown" && -L "$ROOTFS/usr/bin/aitown-cli" ]] || die "/usr/bin/aitown* are not symbolic links"
# Every library of the bundle resolves inside the root (the bundle's own ones or the Depends').
unresolved=$(in_root sh -c '
    cd /opt/apps/'"$APP_ID"'/files
    export LD_LIBRARY_PATH="$PWD/_internal:$PWD/_internal/PySide6/Qt/lib"
    find . -type f \( -name "*.so*" -o -name aitown -o -name aitown-cli \) | while read -r f; do
        ldd "$f" 2>/dev/null | sed -n "s|^[[:space:]]*\([^ ]*\) => not found|$f: \1|p"
    done')
[[ -z "$unresolved" ]] || die "libraries not found in the root:
$unresolved"
echo "every library of the bundle resolves in the root"

say "aitown-cli in the root: init, demo, notices issue"
as_user aitown-cli --help >/dev/null || die "aitown-cli --help failed"
as_user aitown-cli init --office XH01 --office-name 徐汇区人工智能孵化中心 \
    --office-name-en "Xuhui AI Town Incubation Office" --admin admin || die "aitown-cli init failed"
as_user aitown-cli demo --user admin --teams 12 || die "aitown-cli demo failed"
APP=$(as_user aitown-cli applications list --status approved | awk 'NR == 1 {print $1}')
[[ "$APP" =~ ^[0-9]+$ ]] || die "the demo data has no approved application to write a notice for"
as_user aitown-cli notices issue "$APP" --user admin --out /root/notice.pdf || die "aitown-cli notices issue failed"
as_user aitown-cli notices verify /root/notice.pdf || die "aitown-cli notices verify failed"
[[ -f "$ROOTFS/root/.local/share/aitown-desk/aitown.sqlite" ]] || die "the database is not in the default data folder ~/.local/share/aitown-desk"
mkdir -p "$OUT"
cp "$ROOTFS/root/notice.pdf" "$OUT/notice.pdf"
pdffonts "$OUT/notice.pdf" | tee "$OUT/pdffonts.txt"
fonts=$(tail -n +3 "$OUT/pdffonts.txt")
[[ -n "$fonts" ]] || die "the notice has no fonts at all"
# Columns: name type encoding emb sub uni object ID; "emb" is the fourth from the right.
not_embedded=$(awk '{ if ($(NF-4) != "yes") print $1 }' <<<"$fonts")
[[ -z "$not_embedded" ]] || die "fonts not embedded in the notice: $not_embedded"
echo "every font of the notice is embedded"

say "aitown (the desktop application) in the root under Xvfb"
display=""
for n in $(seq 90 120); do
    if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then
        display=$n
        break
    fi
done
[[ -n "$display" ]] || die "no free X display number between :90 and :120"
Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do
    [[ -S /tmp/.X11-unix/X$display ]] && break
    sleep 0.2
done
[[ -S /tmp/.X11-unix/X$display ]] || die "Xvfb did not start (log: $(cat "$WORK/xvfb.log"))"
mkdir -p "$ROOTFS/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$ROOTFS/tmp/.X11-unix" && MOUNTS+=("$ROOTFS/tmp/.X11-unix")
for lang in en zh_CN; do
    rm -f "$ROOTFS/root/shot-$lang.png"
    timeout 180 chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
        DISPLAY=":$display" AITOWN_PASSWORD="$PASSWORD" \
        aitown --user admin --lang "$lang" --screenshot "/root/shot-$lang.png" --screenshot-delay 4000 \
        >"$WORK/gui-$lang.log" 2>&1 || {
        cat "$WORK/gui-$lang.log" >&2
        die "aitown --lang $lang did not start and quit cleanly (log above)"
    }
    [[ -s "$ROOTFS/root/shot-$lang.png" ]] || {
        cat "$WORK/gui-$lang.log" >&2
        die "aitown --lang $lang saved no screenshot"
    }
    cp "$ROOTFS/root/shot-$lang.png" "$OUT/screenshot-$lang.png"
    echo "screenshot: $OUT/screenshot-$lang.png"
done
grep -l -i -E 'could not load the qt platform plugin|Traceback' "$WORK"/gui-*.log && die "the application logged errors"

say "apt-get purge $APP_ID: the program goes, the user's data stays"
in_root DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$APP_ID" >>"$WORK/apt.log" 2>&1 || die "apt-get purge failed"
for path in /opt/apps/$APP_ID /usr/bin/aitown /usr/bin/aitown-cli /usr/share/applications/$APP_ID.desktop \
    /usr/share/icons/hicolor/scalable/apps/$APP_ID.svg /usr/share/doc/$APP_ID; do
    [[ ! -e "$ROOTFS$path" && ! -L "$ROOTFS$path" ]] || die "$path is still there after the removal"
done
[[ -f "$ROOTFS/root/.local/share/aitown-desk/aitown.sqlite" ]] || die "the removal took the user's database with it"
echo "removed cleanly; the user's data (~/.local/share/aitown-desk) is kept"
in_root dpkg -i "$deb_in_root" >>"$WORK/apt.log" 2>&1 || die "installing the package again failed"
as_user aitown-cli applications list --status approved | grep -q . || die "after reinstalling, the data is not found"
echo "installed again: the same database with its applications"
in_root dpkg -r "$APP_ID" >>"$WORK/apt.log" 2>&1 || die "the second removal failed"

say "package test passed in $((SECONDS - t0))s (screenshots and the notice in $OUT)"
