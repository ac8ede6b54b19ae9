"""Refusing a hostile ``.xlsx`` before openpyxl reads it: a zip bomb, or a workbook whose rows,
cells or texts would take unbounded memory or time.

An ``.xlsx`` is a zip of XML files. Python's zipfile never inflates a member past the size its
directory declares (it stops there and reports the file damaged), so checking the declared sizes
bounds what can come out; the worksheets and the shared strings are then streamed once, a
megabyte at a time, counting rows, cells per row, shared strings and the longest text between two
tags. Only a workbook within every limit is handed to openpyxl (which keeps the shared strings in
memory and builds one row at a time).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from aitown.errors import ValidationError

MB = 1 << 20
MAX_MEMBERS = 2_000
MAX_TOTAL_BYTES = 400 * MB  # everything in the zip, inflated
MAX_SHEET_BYTES = 320 * MB  # one worksheet's XML (streamed, so memory stays small)
MAX_SHARED_STRINGS_BYTES = 64 * MB  # held in memory by openpyxl
MAX_OTHER_BYTES = 16 * MB  # styles, workbook.xml, relations, themes…
MAX_ROWS = 1_048_576  # Excel's own limits
MAX_CELLS_PER_ROW = 16_384
MAX_SHARED_STRINGS = 2_000_000
MAX_TEXT_RUN = 1 * MB  # Excel holds at most 32,767 characters in a cell
_CHUNK = MB
_LONG_TEXT = re.compile(rb"[^<]{%d,}" % MAX_TEXT_RUN)
_CELL = re.compile(rb"<c[\s/>]")
_ROW = re.compile(rb"<row[\s/>]")
_STRING = re.compile(rb"<si[\s/>]")


def _refuse(name: str, why_en: str, why_zh: str) -> ValidationError:
    return ValidationError(
        f"{name} is not a workbook this desk will read: {why_en}. Nothing was imported; open it "
        "in Excel or WPS and save it again as .xlsx or CSV UTF-8, or ask who sent it.",
        f"{name} 不是可以导入的工作簿：{why_zh}。未导入任何数据；请用 Excel 或 WPS 打开后重新另存为 "
        ".xlsx 或 CSV UTF-8，或询问文件的提供者。",
    )


def _damaged(name: str) -> ValidationError:
    # The same sentence as any other unreadable workbook (aitown.importing.reading).
    return ValidationError(
        f"{name} is not a readable Excel workbook (it may be damaged or another kind of file "
        "renamed .xlsx): open it in Excel or WPS and save it again as .xlsx or CSV UTF-8.",
        f"{name} 不是可读取的 Excel 工作簿（可能已损坏，或是改了扩展名的其他文件）："
        "请用 Excel 或 WPS 打开后重新另存为 .xlsx 或 CSV UTF-8。",
    )


def check_workbook_archive(path: Path) -> None:
    """Refuse ``path`` unless it unpacks within the limits above. Reads it once, streaming."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _refuse(name, f"it holds {len(infos)} parts", f"其中包含 {len(infos)} 个部件")
            total = sum(i.file_size for i in infos)
            if total > MAX_TOTAL_BYTES:
                raise _refuse(
                    name,
                    f"it would unpack to {total // MB:,} MB (at most {MAX_TOTAL_BYTES // MB} MB)",
                    f"解压后将达 {total // MB:,} MB（上限 {MAX_TOTAL_BYTES // MB} MB）",
                )
            for info in infos:
                member = info.filename.lower()
                sheet = member.startswith("xl/worksheets/") and member.endswith(".xml")
                shared = member == "xl/sharedstrings.xml"
                limit = (
                    MAX_SHEET_BYTES
                    if sheet
                    else MAX_SHARED_STRINGS_BYTES
                    if shared
                    else MAX_OTHER_BYTES
                    if member.endswith((".xml", ".rels"))
                    else MAX_TOTAL_BYTES
                )
                if info.file_size > limit:
                    raise _refuse(
                        name,
                        f"its part {info.filename} would unpack to {info.file_size // MB:,} MB "
                        f"(at most {limit // MB} MB)",
                        f"其中 {info.filename} 解压后将达 {info.file_size // MB:,} MB"
                        f"（上限 {limit // MB} MB）",
                    )
                if sheet or shared:
                    _scan(zf, info, name, sheet=sheet)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError):
        raise _damaged(name) from None


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, *, sheet: bool) -> None:
    """Stream one part: rows, cells per row, shared strings, the longest text between tags."""
    rows = strings = cells_in_row = 0
    run = 0  # bytes since the last "<", carried across chunks
    carry = b""  # a tag cut in two at the end of a chunk, counted with the next one
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            first_lt, last_lt = chunk.find(b"<"), chunk.rfind(b"<")
            if first_lt < 0:
                run += len(chunk)
            elif run + first_lt >= MAX_TEXT_RUN or _LONG_TEXT.search(chunk):
                run = MAX_TEXT_RUN
            else:
                run = len(chunk) - last_lt - 1
            if run >= MAX_TEXT_RUN:
                raise _refuse(
                    name,
                    f"{info.filename} holds a text of more than {MAX_TEXT_RUN // MB} MB",
                    f"{info.filename} 中有超过 {MAX_TEXT_RUN // MB} MB 的文本",
                )
            data = carry + chunk
            lt = data.rfind(b"<")
            if lt >= 0 and len(data) - lt < 5:
                data, carry = data[:lt], data[lt:]
            else:
                carry = b""
            if not sheet:
                strings += len(_STRING.findall(data))
                if strings > MAX_SHARED_STRINGS:
                    raise _refuse(
                        name,
                        f"it holds more than {MAX_SHARED_STRINGS:,} texts",
                        f"其中文本超过 {MAX_SHARED_STRINGS:,} 条",
                    )
                continue
            for i, part in enumerate(_ROW.split(data)):
                if i > 0:
                    rows += 1
                    cells_in_row = 0
                cells_in_row += len(_CELL.findall(part))
                if cells_in_row > MAX_CELLS_PER_ROW:
                    raise _refuse(
                        name,
                        f"row {rows} has more than {MAX_CELLS_PER_ROW:,} cells",
                        f"第 {rows} 行超过 {MAX_CELLS_PER_ROW:,} 个单元格",
                    )
            if rows > MAX_ROWS:
                raise _refuse(name, f"it has more than {MAX_ROWS:,} rows", f"行数超过 {MAX_ROWS:,}")
