"""The change-bundle file: a zip with ``records.jsonl``, ``manifest.json`` and ``signature.txt``.

docs/sync.md describes the format for people. The manifest names the sending and receiving
offices, the bundle's sequence number, what the sender has imported of the receiver's bundles
(``ack``), and the SHA-256, size and count of the records; the signature is Ed25519 over the
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
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records.jsonl"
SIGNATURE = "signature.txt"
NAMES = frozenset({MANIFEST, RECORDS, SIGNATURE})

MAX_MANIFEST_BYTES = 1 << 20
MAX_SIGNATURE_BYTES = 1 << 10
MAX_RECORDS_BYTES = 4 << 30
MAX_LINE_BYTES = 8 << 20
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
) -> Written:
    """Write the bundle to ``path`` (a temporary file renamed into place when complete).

    ``manifest`` gets ``format``, ``format_version`` and ``records`` added; each record is a dict
    ``{"entity", "uid", "data"}``.
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
            full = dict(manifest)
            full["format"] = FORMAT
            full["format_version"] = FORMAT_VERSION
            full["records"] = {
                "file": RECORDS,
                "count": count,
                "bytes": size,
                "sha256": sha.hexdigest(),
            }
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

    def __init__(self, path: Path, manifest: dict[str, Any], manifest_bytes: bytes, sig: str):
        self.path = path
        self.manifest = manifest
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
        if sorted(names) != sorted(NAMES):
            raise _not_a_bundle(p, f"it holds {', '.join(names) or 'nothing'}")
        limits = {
            MANIFEST: MAX_MANIFEST_BYTES,
            SIGNATURE: MAX_SIGNATURE_BYTES,
            RECORDS: MAX_RECORDS_BYTES,
        }
        for info in infos:
            if info.file_size > limits[info.filename] or info.file_size > max(
                info.compress_size, 1
            ) * MAX_COMPRESSION_RATIO + (1 << 16):
                raise _not_a_bundle(p, f"{info.filename} declares an implausible size")
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
    return Bundle(p, manifest, manifest_bytes, sig)
