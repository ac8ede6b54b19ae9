"""Opening a team list: a ``.csv`` in UTF-8 (with or without BOM) or GBK, or an ``.xlsx`` workbook.

Files are streamed row by row, so a list of 100,000 teams never sits in memory at once. Every
reason a file cannot be read at all (wrong type, wrong encoding, binary junk, damaged workbook)
becomes one :class:`~aitown.errors.ValidationError` naming the file and what to do.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from aitown.errors import NotFound, ValidationError
from aitown.importing.xlsx_guard import check_workbook_archive

if TYPE_CHECKING:
    from openpyxl import Workbook

CHUNK_BYTES = 1 << 20
# A cell larger than this is not a team field; the row check reports anything past a few hundred
# characters, this only keeps the csv module from refusing the whole file over one long cell.
MAX_FIELD_BYTES = 16 * 1024 * 1024
# One physical line of a team list is a few hundred characters; a longer one is refused as read.
MAX_LINE_CHARS = 4 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx saved with a password
UTF8_BOM = codecs.BOM_UTF8

ENCODING_LABELS = {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "gb18030": "GBK"}


@dataclass(frozen=True)
class SourceFile:
    """A team list that can be read: its kind, encoding, fingerprint and rough size."""

    path: Path
    kind: str  # "csv" or "xlsx"
    sha256: str
    size: int
    estimated_lines: int  # for progress only; the real count is known after reading
    encoding: str | None = None  # csv only: utf-8-sig, utf-8 or gb18030
    delimiter: str = ","
    sheet: str | None = None  # xlsx only: the sheet that is read (the first)

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        """“CSV, GBK” or “XLSX, sheet “Teams””, for the summary a person reads."""
        if self.kind == "csv":
            return f"CSV, {ENCODING_LABELS.get(self.encoding or '', self.encoding)}"
        return f"XLSX, sheet “{self.sheet}”"


def open_source(path: str | os.PathLike[str]) -> SourceFile:
    """Check that ``path`` is a team list this desk can read, and fingerprint it (SHA-256)."""
    p = Path(path)
    name = p.name
    if not p.exists():
        raise NotFound(
            f"There is no file {p}: check the name and the folder.",
            f"文件 {p} 不存在：请检查文件名和文件夹。",
        )
    if not p.is_file():
        raise ValidationError(
            f"{p} is a folder, not a file: choose the .csv or .xlsx file of the team list.",
            f"{p} 是文件夹而不是文件：请选择团队名单的 .csv 或 .xlsx 文件。",
        )
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return _open_csv(p)
    if suffix == ".xlsx":
        return _open_xlsx(p)
    if suffix in (".xls", ".et", ".xlsm", ".xlsb", ".ods", ".numbers"):
        raise ValidationError(
            f"{name} is a {suffix} spreadsheet, which cannot be imported: open it in Excel or WPS and "
            "save it as .xlsx (Excel workbook) or .csv (CSV UTF-8).",
            f"{name} 是 {suffix} 格式，无法导入：请用 Excel 或 WPS 打开，另存为 .xlsx（Excel 工作簿）"
            "或 .csv（CSV UTF-8）。",
        )
    raise ValidationError(
        f"{name} is not a team list this desk can read: save it as .xlsx (Excel workbook) or "
        ".csv (CSV UTF-8) and import that file.",
        f"无法读取 {name}：请将团队名单另存为 .xlsx（Excel 工作簿）或 .csv（CSV UTF-8）后再导入。",
    )


def _read_error(p: Path, exc: OSError) -> ValidationError:
    reason = exc.strerror or str(exc)
    return ValidationError(
        f"Cannot read {p}: {reason}. Check that the file is not open elsewhere and that you may read it.",
        f"无法读取 {p}：{reason}。请确认文件未被其他程序占用且有读取权限。",
    )


def _not_text(name: str) -> ValidationError:
    return ValidationError(
        f"{name} is not a text CSV file in UTF-8 or GBK; save it again as CSV UTF-8 "
        "(in Excel: Save As → “CSV UTF-8 (Comma delimited)”).",
        f"{name} 不是 UTF-8 或 GBK 编码的文本 CSV 文件；请重新另存为 CSV UTF-8"
        "（Excel 中：另存为 →“CSV UTF-8（逗号分隔）”）。",
    )


def _open_csv(p: Path) -> SourceFile:
    """One pass over the bytes: fingerprint, refuse binary, and find the encoding.

    The whole file is decoded (incrementally) because a GBK character may first appear on the
    last line; guessing from the first kilobytes would misread such a file.
    """
    digest = hashlib.sha256()
    size = newlines = 0
    head = b""
    utf8 = codecs.getincrementaldecoder("utf-8")("strict")
    gbk = codecs.getincrementaldecoder("gb18030")("strict")
    utf8_ok = gbk_ok = True
    last = b""
    try:
        with p.open("rb") as f:
            while chunk := f.read(CHUNK_BYTES):
                if not size:
                    head = chunk[:8]
                    _refuse_known_binary(p.name, head, kind="csv")
                if b"\0" in chunk:
                    raise _not_text(p.name)
                size += len(chunk)
                digest.update(chunk)
                newlines += chunk.count(b"\n")
                last = chunk[-1:]
                if utf8_ok:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError:
                        utf8_ok = False
                if gbk_ok:
                    try:
                        gbk.decode(chunk)
                    except UnicodeDecodeError:
                        gbk_ok = False
                if not (utf8_ok or gbk_ok):
                    raise _not_text(p.name)
    except OSError as exc:
        raise _read_error(p, exc) from None
    for ok, decoder in ((utf8_ok, utf8), (gbk_ok, gbk)):
        if ok:
            try:
                decoder.decode(b"", final=True)  # a file cut in the middle of a character
            except UnicodeDecodeError:
                if decoder is utf8:
                    utf8_ok = False
                else:
                    gbk_ok = False
    if head.startswith(UTF8_BOM):
        if not utf8_ok:
            raise _not_text(p.name)  # a BOM that promises UTF-8, then bytes that are not
        encoding = "utf-8-sig"
    elif utf8_ok:
        encoding = "utf-8"
    elif gbk_ok:
        encoding = "gb18030"  # GB18030 reads every GBK file and the few characters GBK lacks
    else:
        raise _not_text(p.name)
    lines = newlines + (1 if last not in (b"", b"\n") else 0)
    return SourceFile(
        path=p,
        kind="csv",
        sha256=digest.hexdigest(),
        size=size,
        estimated_lines=lines,
        encoding=encoding,
        delimiter=_sniff_delimiter(p, encoding),
    )


def _refuse_known_binary(name: str, head: bytes, *, kind: str) -> None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValidationError(
            f"{name} was saved as “Unicode text” (UTF-16), which cannot be imported; save it again "
            "as CSV UTF-8 (in Excel: Save As → “CSV UTF-8 (Comma delimited)”).",
            f"{name} 保存为“Unicode 文本”（UTF-16），无法导入；请重新另存为 CSV UTF-8。",
        )
    if kind == "csv" and head.startswith(ZIP_MAGIC):
        raise ValidationError(
            f"{name} is an Excel workbook named .csv: rename it to .xlsx, or save it as CSV UTF-8.",
            f"{name} 实际是 Excel 工作簿：请将扩展名改为 .xlsx，或另存为 CSV UTF-8。",
        )
    if head.startswith(OLE_MAGIC):
        raise ValidationError(
            f"{name} is an old-format Excel 97–2003 workbook or a password-protected one: open it in "
            "Excel or WPS and save it as .xlsx without a password, or as CSV UTF-8.",
            f"{name} 是 Excel 97–2003 旧格式或带密码的工作簿：请用 Excel 或 WPS 打开，"
            "另存为不带密码的 .xlsx 或 CSV UTF-8。",
        )


def _sniff_delimiter(p: Path, encoding: str) -> str:
    # Excel writes ";" where the decimal separator is a comma; tabs come from copy-paste. The header
    # row decides: whichever of the three it holds most (a tie means the usual comma).
    with p.open("r", encoding=encoding, newline="") as f:
        first = f.readline(64 * 1024)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _open_xlsx(p: Path) -> SourceFile:
    try:
        with p.open("rb") as f:
            head = f.read(8)
        _refuse_known_binary(p.name, head, kind="xlsx")
        if not head.startswith(ZIP_MAGIC):
            raise _not_workbook(p.name)
        digest = hashlib.sha256()
        size = 0
        with p.open("rb") as f:
            while chunk := f.read(CHUNK_BYTES):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise _read_error(p, exc) from None
    try:
        check_workbook_archive(p)  # a zip bomb is refused before openpyxl inflates anything
    except OSError as exc:
        raise _read_error(p, exc) from None
    wb = _load_workbook(p)
    try:
        if not wb.worksheets:
            raise _not_workbook(p.name)
        ws = wb.worksheets[0]
        title = ws.title
        estimated = ws.max_row or 0
    finally:
        wb.close()
    return SourceFile(
        path=p,
        kind="xlsx",
        sha256=digest.hexdigest(),
        size=size,
        estimated_lines=estimated,
        sheet=title,
    )


def _not_workbook(name: str) -> ValidationError:
    return ValidationError(
        f"{name} is not a readable Excel workbook (it may be damaged or another kind of file "
        "renamed .xlsx): open it in Excel or WPS and save it again as .xlsx or CSV UTF-8.",
        f"{name} 不是可读取的 Excel 工作簿（可能已损坏，或是改了扩展名的其他文件）："
        "请用 Excel 或 WPS 打开后重新另存为 .xlsx 或 CSV UTF-8。",
    )


def _load_workbook(p: Path) -> Workbook:
    import openpyxl  # only when a workbook is actually read

    try:
        # data_only=False: a formula arrives as its text ("=A1&B1") and the row check refuses it
        # by name, instead of importing whatever value the saving program cached (or None).
        with warnings.catch_warnings():
            # "Data Validation extension is not supported" and the like: nothing the person can
            # act on, and on the command line they would break the one-line error contract.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(p, read_only=True, data_only=False)
    except OSError as exc:
        raise _read_error(p, exc) from None
    except Exception:  # openpyxl raises many kinds (zip, XML, KeyError) for a damaged file
        raise _not_workbook(p.name) from None


def iter_lines(source: SourceFile) -> Iterator[tuple[int, list[object]]]:
    """Every row as (line, cells): line 1 is the first row a spreadsheet shows, blank rows included."""
    if source.kind == "csv":
        return _iter_csv(source)
    return _iter_xlsx(source)


def _iter_csv(source: SourceFile) -> Iterator[tuple[int, list[object]]]:
    # The limit is process-wide; raising it only lets long cells reach the row check.
    if csv.field_size_limit() < MAX_FIELD_BYTES:
        csv.field_size_limit(MAX_FIELD_BYTES)
    line = 0
    try:
        with source.path.open("r", encoding=source.encoding, newline="") as f:
            reader = csv.reader(_bounded_lines(f, source.name), delimiter=source.delimiter)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise ValidationError(
                        f"{source.name}: line {line + 1} cannot be read as CSV ({exc}); open the file "
                        "in Excel or WPS and save it again as CSV UTF-8.",
                        f"{source.name}：第 {line + 1} 行无法按 CSV 读取（{exc}）；请用 Excel 或 WPS "
                        "打开后重新另存为 CSV UTF-8。",
                    ) from None
                line += 1
                yield line, cast("list[object]", row)  # cells of text, read only
    except UnicodeDecodeError:
        raise _changed(source.name) from None
    except OSError as exc:
        raise _read_error(source.path, exc) from None


def _bounded_lines(f: TextIO, name: str) -> Iterator[str]:
    """The file's lines, refusing one longer than MAX_LINE_CHARS before it is read into memory
    whole (a file of one endless line would otherwise be held at once, several times over)."""
    number = 0
    while line := f.readline(MAX_LINE_CHARS):
        number += 1
        if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            raise ValidationError(
                f"{name}: line {number} is longer than {MAX_LINE_CHARS:,} characters, which no "
                "team list has; nothing was imported. Check that this is the right file.",
                f"{name}：第 {number} 行超过 {MAX_LINE_CHARS:,} 个字符，不是团队名单应有的内容；"
                "未导入任何数据。请确认文件是否正确。",
            )
        yield line


def _changed(name: str) -> ValidationError:
    return ValidationError(
        f"{name} changed while it was being read; nothing was imported. Close it in other "
        "programs and import it again.",
        f"{name} 在读取过程中被修改，未导入任何数据。请在其他程序中关闭该文件后重新导入。",
    )


def _iter_xlsx(source: SourceFile) -> Iterator[tuple[int, list[object]]]:
    wb = _load_workbook(source.path)
    try:
        ws = wb.worksheets[0]
        # Some programs write a wrong <dimension>; read_only mode would trust it and cut rows off.
        ws.reset_dimensions()
        rows = ws.iter_rows(values_only=True)
        line = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception:  # damaged XML inside the zip surfaces as parser-specific errors
                raise ValidationError(
                    f"{source.name}: row {line + 1} of the workbook cannot be read; it may be "
                    "damaged. Open it in Excel or WPS and save it again as .xlsx.",
                    f"{source.name}：工作簿第 {line + 1} 行无法读取，文件可能已损坏；"
                    "请用 Excel 或 WPS 打开后重新另存为 .xlsx。",
                ) from None
            line += 1
            yield line, list(row)
    finally:
        wb.close()


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
