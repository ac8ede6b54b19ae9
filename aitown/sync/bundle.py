"""The change-bundle file: a zip with ``records.jsonl``, ``manifest.json``, ``signature.txt`` and
(format 2) the stored files the records name, as ``files/<sha256>``.

docs/sync.md describes the format for people. The manifest names the sending and receiving
offices, the bundle's sequence number, what the sender has imported of the receiver's bundles
(``ack``), the SHA-256, size and count of the records, and the SHA-256, size and media type of
every file (so the signature covers the files too); the signature is Ed25519 over the
exact bytes of manifest.json. Reading is bounded: declared sizes and compression ratios are
checked before anything is decompressed, and lines are read one at a time with a length limit.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aitown.errors import ValidationError
from aitown.sync import keys

FORMAT = "aitown-bundle"
# 2: the application's paper trail travels, with its scans as ``files/<sha256>`` entries.
# A version-1 bundle (no files) is still read.
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
RECORDS = "records.jsonl"
SIGNATURE = "signature.txt"
FILES_DIR = "files/"
NAMES = frozenset({MANIFEST, RECORDS, SIGNATURE})

MAX_MANIFEST_BYTES = 1 << 20
MAX_SIGNATURE_BYTES = 1 << 10
MAX_RECORDS_BYTES = 4 << 30
MAX_LINE_BYTES = 8 << 20
MAX_FILE_BYTES = 256 << 20  # one scan (the materials limit is 20 MB unless set higher)
MAX_FILES_BYTES = 16 << 30  # all the files of one bundle
MAX_FILES = 200_000
# JSON lines deflate 5–20 times; far more than this is a zip bomb, not a bundle.
MAX_COMPRESSION_RATIO = 200

Progress = Callable[[int, int], None]


class BundleError(ValidationError):
    """A file that is not a bundle this office can accept; nothing was changed."""


def canonical(obj: Any) -> str:
    """One line of JSON with sorted keys: the same record always gives the same text."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(obj: Any) -> str:
    return hashlib.sha256(canonical(obj).encode()).hexdigest()


@dataclass(frozen=True)
class FileEntry:
    """A stored file a bundle carries: its name is ``files/<sha256>``."""

    sha256: str
    size: int
    media_type: str

    @property
    def name(self) -> str:
        return FILES_DIR + self.sha256


# The files to put into the bundle, asked for once the records are written (they name them):
# each entry with a function giving its bytes.
FileSource = Callable[[], Iterable[tuple[FileEntry, Callable[[], bytes]]]]


@dataclass(frozen=True)
class Written:
    path: Path
    manifest: dict[str, Any]
    sha256: str
    count: int


def write_bundle(
    path: Path,
    manifest: dict[str, Any],
    records: Iterable[dict[str, Any]],
    private_key_hex: str,
    *,
    total: int = 0,
    progress: Progress | None = None,
    files: FileSource | None = None,
) -> Written:
    """Write the bundle to ``path`` (a temporary file renamed into place when complete).

    ``manifest`` gets ``format``, ``format_version``, ``records`` and ``files`` added; each record
    is a dict ``{"entity", "uid", "data"}``. ``files`` is asked, after the records, for the stored
    files they name; each file's bytes are checked against its SHA-256 before they go in.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BundleError(
            f"The folder {folder} does not exist: choose a folder that does, e.g. a USB stick.",
            f"文件夹 {folder} 不存在：请选择已存在的文件夹，例如U盘。",
        )
    fd, tmp_name = tempfile.mkstemp(prefix=".bundle-", suffix=".part", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        sha = hashlib.sha256()
        size = count = 0
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            info = zipfile.ZipInfo(RECORDS, date_time=time.localtime()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as out:
                for record in records:
                    line = (canonical(record) + "\n").encode()
                    sha.update(line)
                    out.write(line)
                    size += len(line)
                    count += 1
                    if progress is not None and count % 1000 == 0:
                        progress(count, total)
            listed: list[dict[str, Any]] = []
            for entry, read in files() if files is not None else ():
                data = read()
                if hashlib.sha256(data).hexdigest() != entry.sha256 or len(data) != entry.size:
                    raise BundleError(
                        f"The stored file {entry.sha256[:12]}… is damaged (its content changed); "
                        "no bundle was written: restore it from a backup first.",
                        f"已保存的文件 {entry.sha256[:12]}… 已损坏（内容被改动），未写出变更包："
                        "请先从备份中恢复。",
                    )
                # Scans are compressed already; storing them saves time and keeps ratios honest.
                zf.writestr(entry.name, data, compress_type=zipfile.ZIP_STORED)
                listed.append(
                    {"sha256": entry.sha256, "bytes": entry.size, "media_type": entry.media_type}
                )
            full = dict(manifest)
            full["format"] = FORMAT
            full["format_version"] = FORMAT_VERSION
            full["records"] = {
                "file": RECORDS,
                "count": count,
                "bytes": size,
                "sha256": sha.hexdigest(),
            }
            full["files"] = listed
            data = json.dumps(full, sort_keys=True, indent=2, ensure_ascii=False).encode()
            zf.writestr(MANIFEST, data)
            zf.writestr(SIGNATURE, keys.sign(private_key_hex, data) + "\n")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(count, total or count)
    return Written(path, full, hashlib.sha256(data).hexdigest(), count)


class Bundle:
    """A bundle file opened and checked for shape; signature and records are checked on demand."""

    def __init__(
        self,
        path: Path,
        manifest: dict[str, Any],
        manifest_bytes: bytes,
        sig: str,
        files: tuple[FileEntry, ...] = (),
    ):
        self.path = path
        self.manifest = manifest
        self.files = files
        self.manifest_bytes = manifest_bytes
        self.signature = sig
        self.sha256 = hashlib.sha256(manifest_bytes).hexdigest()

    @property
    def sender(self) -> str:
        return str(self.manifest.get("from", ""))

    @property
    def recipient(self) -> str:
        return str(self.manifest.get("to", ""))

    @property
    def seq(self) -> int:
        return int(self.manifest["seq"])

    @property
    def ack(self) -> int:
        return int(self.manifest.get("ack", 0))

    @property
    def count(self) -> int:
        return int(self.manifest["records"]["count"])

    def signed_by(self, public_key_hex: str) -> bool:
        return keys.verify(public_key_hex, self.manifest_bytes, self.signature)

    def records(self) -> Iterator[dict[str, Any]]:
        """The records, one at a time; a line that is too long or not a record is refused."""
        for record, _line in self.records_with_text():
            yield record

    def records_with_text(self) -> Iterator[tuple[dict[str, Any], str]]:
        """Each record with its line as it stands in the file (canonical JSON, no newline)."""
        with zipfile.ZipFile(self.path) as zf, zf.open(RECORDS) as raw:
            fh = io.BufferedReader(raw, 1 << 20)  # type: ignore[type-var]
            n = 0
            while True:
                line = fh.readline(MAX_LINE_BYTES + 1)
                if not line:
                    return
                n += 1
                if len(line) > MAX_LINE_BYTES or not line.endswith(b"\n"):
                    raise _altered(self.path, f"record {n} is cut off or too long")
                try:
                    record = json.loads(line)
                except ValueError:
                    raise _altered(self.path, f"record {n} is not JSON") from None
                if (
                    not isinstance(record, dict)
                    or not isinstance(record.get("entity"), str)
                    or not isinstance(record.get("uid"), str)
                    or not isinstance(record.get("data"), dict)
                ):
                    raise _altered(self.path, f"record {n} is not an entity with a uid and data")
                yield record, line[:-1].decode()

    def check_records(self) -> None:
        """Read the records once and compare count, size and SHA-256 with the signed manifest."""
        declared = self.manifest["records"]
        sha = hashlib.sha256()
        size = count = 0
        try:
            with zipfile.ZipFile(self.path) as zf, zf.open(RECORDS) as fh:
                while chunk := fh.read(1 << 20):
                    sha.update(chunk)
                    size += len(chunk)
                    count += chunk.count(b"\n")
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise _altered(self.path, f"the records cannot be read ({exc})") from None
        if (sha.hexdigest(), size, count) != (
            declared.get("sha256"),
            declared.get("bytes"),
            declared.get("count"),
        ):
            raise _altered(self.path, "its records do not match its signed manifest")

    def read_file(self, entry: FileEntry) -> bytes:
        """The bytes of one of the bundle's files, checked against the signed manifest."""
        try:
            with zipfile.ZipFile(self.path) as zf, zf.open(entry.name) as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except KeyError:
            raise _altered(self.path, f"the file {entry.name} is missing") from None
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise _altered(self.path, f"the file {entry.name} cannot be read ({exc})") from None
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise _altered(self.path, f"the file {entry.name} does not match its signed manifest")
        return data

    def check_files(self) -> None:
        """Read every file once and compare its SHA-256 and size with the signed manifest."""
        for entry in self.files:
            self.read_file(entry)


def _altered(path: Path, what: str) -> BundleError:
    return BundleError(
        f"The bundle {path.name} was altered or damaged ({what}); nothing was imported: ask the "
        "sending office for a new copy.",
        f"变更包 {path.name} 已被改动或损坏（{what}），未导入任何内容：请向发送方办公室索取新的副本。",
    )


def _not_a_bundle(path: Path, why: str) -> BundleError:
    return BundleError(
        f"{path} is not a change bundle of AI Town Desk ({why}); nothing was imported.",
        f"{path} 不是AI孵化服务台的变更包（{why}），未导入任何内容。",
    )


def open_bundle(path: str | os.PathLike[str]) -> Bundle:
    """Open a bundle file and check its shape, its sizes and its format version (not yet the
    signature, which needs the sender's key)."""
    p = Path(path)
    if not p.is_file():
        raise BundleError(
            f"There is no file {p}: check the name and the USB stick or share.",
            f"没有文件 {p}：请检查文件名以及U盘或共享文件夹。",
        )
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError):
        raise _not_a_bundle(p, "not a zip file") from None
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        main = [n for n in names if not n.startswith(FILES_DIR)]
        if sorted(main) != sorted(NAMES) or len(names) > len(NAMES) + MAX_FILES:
            shown = ", ".join(names[:10]) + (
                f" and {len(names) - 10} more" if len(names) > 10 else ""
            )
            raise _not_a_bundle(p, f"it holds {shown or 'nothing'}")
        limits = {
            MANIFEST: MAX_MANIFEST_BYTES,
            SIGNATURE: MAX_SIGNATURE_BYTES,
            RECORDS: MAX_RECORDS_BYTES,
        }
        total_files = 0
        for info in infos:
            limit = limits.get(info.filename, MAX_FILE_BYTES)
            if info.filename.startswith(FILES_DIR):
                total_files += info.file_size
            if info.file_size > limit or info.file_size > max(
                info.compress_size, 1
            ) * MAX_COMPRESSION_RATIO + (1 << 16):
                raise _not_a_bundle(p, f"{info.filename} declares an implausible size")
        if total_files > MAX_FILES_BYTES:
            raise _not_a_bundle(p, "its files declare an implausible total size")
        sizes = {i.filename: i.file_size for i in infos if i.filename.startswith(FILES_DIR)}
        try:
            manifest_bytes = zf.read(MANIFEST)
            sig = zf.read(SIGNATURE).decode("ascii").strip()
        except (zipfile.BadZipFile, UnicodeDecodeError, OSError):
            raise _altered(p, "its manifest or signature cannot be read") from None
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise _altered(p, "its manifest is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_a_bundle(p, "its manifest is not a bundle manifest")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise _altered(p, "its format version is missing")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"The bundle {p.name} has format version {version}, newer than this program reads "
            f"(version {FORMAT_VERSION}); nothing was imported: update AI Town Desk on this computer "
            "first.",
            f"变更包 {p.name} 的格式版本为 {version}，高于本程序可读取的版本 {FORMAT_VERSION}，"
            "未导入任何内容：请先升级本机的AI孵化服务台。",
        )
    records = manifest.get("records")
    if (
        not isinstance(records, dict)
        or not isinstance(manifest.get("seq"), int)
        or manifest["seq"] < 1
        or not isinstance(manifest.get("ack", 0), int)
        or not isinstance(records.get("count"), int)
        or not isinstance(manifest.get("from"), str)
        or not isinstance(manifest.get("to"), str)
    ):
        raise _altered(p, "its manifest lacks the sender, recipient, sequence or records")
    return Bundle(p, manifest, manifest_bytes, sig, _file_entries(p, manifest, sizes))


def _file_entries(
    p: Path, manifest: dict[str, Any], sizes: dict[str, int]
) -> tuple[FileEntry, ...]:
    """The files the manifest lists, each present in the zip with the size the manifest says;
    a version-1 bundle has none. An entry the manifest does not list is refused too."""
    listed = manifest.get("files", [])
    if manifest["format_version"] < 2:
        listed = []
    if not isinstance(listed, list):
        raise _altered(p, "its list of files is not a list")
    out: list[FileEntry] = []
    for item in listed:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("sha256"), str)
            or len(item["sha256"]) != 64
            or any(c not in "0123456789abcdef" for c in item["sha256"])
            or not isinstance(item.get("bytes"), int)
            or not isinstance(item.get("media_type"), str)
        ):
            raise _altered(p, "an entry of its list of files is not a file's SHA-256 and size")
        out.append(FileEntry(item["sha256"], item["bytes"], item["media_type"][:40]))
    names = {e.name for e in out}
    for e in out:
        if e.name not in sizes:
            raise _altered(p, f"the file {e.name} its manifest lists is missing")
        if sizes[e.name] != e.size:
            raise _altered(p, f"the file {e.name} does not have the size its manifest says")
    extra = sorted(set(sizes) - names)
    if extra or len(names) != len(out):
        raise _altered(p, f"it holds files its manifest does not list ({', '.join(extra[:3])})")
    return tuple(out)
