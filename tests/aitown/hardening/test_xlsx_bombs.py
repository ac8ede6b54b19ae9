"""Hostile workbooks: a zip bomb named .xlsx, a workbook that lies about its sizes, one row of
millions of cells, one enormous text. Each is refused with one sentence, nothing is imported, and
the import stays within 256 MB of memory (measured in a separate process)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from aitown.db import Database
from tests.aitown.dbfiles import count
from tests.aitown.hardening.cli_process import run_cli_measured
from tests.conftest import STAFF_PASSWORD, Staff

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)"
)
PEAK_LIMIT_MB = 256
MB = 1 << 20


def _small_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["name_zh", "uscc", "founded_on"])
    ws.append(["上海好好科技有限公司", "91310104MA1F000019", "2023-01-01"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


SHARED = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def _with_sheet(
    path: Path, sheet: Iterator[bytes], *, member: str = "xl/worksheets/sheet1.xml"
) -> Path:
    """The small workbook with one part replaced (or added) by what ``sheet`` yields, streamed."""
    replaced = zipfile.ZipInfo(member)
    replaced.compress_type = zipfile.ZIP_DEFLATED
    with (
        zipfile.ZipFile(io.BytesIO(_small_workbook())) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename == member:
                continue
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml" and member == "xl/sharedStrings.xml":
                data = data.replace(b"</Types>", SHARED)
            dst.writestr(info, data)
        with dst.open(replaced, "w", force_zip64=True) as fh:
            for piece in sheet:
                fh.write(piece)
    return path


HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
FOOT = b"</sheetData></worksheet>"


def _repeat(piece: bytes, total: int) -> Iterator[bytes]:
    block = piece * (MB // len(piece))
    yield HEAD
    for _ in range(total // len(block)):
        yield block
    yield FOOT


def bomb(path: Path) -> Path:
    """1.5 GB of cells inflated from a few MB."""
    return _with_sheet(path, _repeat(b'<row r="1"><c r="A1"><v>0</v></c></row>', 1536 * MB))


def wide_row(path: Path) -> Path:
    """One row of 30 million empty cells, inside every size limit."""

    def parts() -> Iterator[bytes]:
        yield HEAD + b'<row r="1">'
        block = b"<c/>" * (MB // 4)
        for _ in range(120):
            yield block
        yield b"</row>" + FOOT

    return _with_sheet(path, parts())


def long_text(path: Path) -> Path:
    """One cell whose inline text is 200 MB long."""

    def parts() -> Iterator[bytes]:
        yield HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
        block = b"x" * MB
        for _ in range(200):
            yield block
        yield b"</t></is></c></row>" + FOOT

    return _with_sheet(path, parts())


def many_strings(path: Path) -> Path:
    """Shared strings: 50 MB of tiny texts (millions of them, each a Python object)."""

    def parts() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        block = b"<si><t>a</t></si>" * (MB // 17)
        for _ in range(50):
            yield block
        yield b"</sst>"

    return _with_sheet(path, parts(), member="xl/sharedStrings.xml")


def lying_sizes(path: Path) -> Path:
    """A bomb whose zip directory says its sheet is 1 kB (it inflates to 300 MB)."""
    _with_sheet(path, _repeat(b'<row r="1"><c r="A1"><v>0</v></c></row>', 300 * MB))
    data = bytearray(path.read_bytes())
    for sig, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (at := data.find(sig, start)) >= 0:
            start = at + 4
            name_len = struct.unpack_from("<H", data, at + (28 if sig == b"PK\x01\x02" else 26))[0]
            name_at = at + (46 if sig == b"PK\x01\x02" else 30)
            if bytes(data[name_at : name_at + name_len]) != b"xl/worksheets/sheet1.xml":
                continue
            # zip64: the real sizes sit in the extra field; put the small size there as well.
            struct.pack_into("<I", data, at + size_at, 1024)
            extra_len = struct.unpack_from("<H", data, at + (30 if sig == b"PK\x01\x02" else 28))[0]
            extra_at = name_at + name_len
            extra = data[extra_at : extra_at + extra_len]
            if extra[:2] == b"\x01\x00":
                struct.pack_into("<Q", data, extra_at + 4, 1024)
    path.write_bytes(bytes(data))
    return path


HOSTILE = {
    "bomb": (bomb, "would unpack to"),
    "wide row": (wide_row, "has more than 16,384 cells"),
    "long text": (long_text, "holds a text of more than 1 MB"),
    "many strings": (many_strings, "texts"),
    "lying sizes": (lying_sizes, "is not a readable Excel workbook"),
}


def _import_in_a_process(db_path: Path, file: Path) -> tuple[int, str, float]:
    """Run ``aitown-cli teams import`` in a fresh process; its exit code, stderr and peak MB."""
    args = ["teams", "import", str(file), "--db", str(db_path), "--user", "desk1"]
    return run_cli_measured(args, STAFF_PASSWORD)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_workbook_is_refused_in_bounded_memory(
    db: Database, staff: Staff, tmp_path: Path, kind: str
) -> None:
    make, fragment = HOSTILE[kind]
    file = make(tmp_path / "teams.xlsx")
    assert file.stat().st_size < 40 * MB  # small on disk: the danger is in what it inflates to
    code, err, peak_mb = _import_in_a_process(db.sqlite_path, file)  # type: ignore[arg-type]
    assert code == 1
    assert err.startswith("aitown-cli: teams.xlsx is not a ")
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err
    assert peak_mb < PEAK_LIMIT_MB, f"{kind}: {peak_mb:.0f} MB"
    assert count(db, "team") == 0  # nothing imported (the log-in itself is audited)


def test_an_honest_workbook_still_imports(db: Database, staff: Staff, tmp_path: Path) -> None:
    from aitown.services.team_import import import_teams
    from tests.aitown.makers import uscc_for

    wb = Workbook()
    ws = wb.active
    ws.append(["name_zh", "uscc", "founded_on"])
    for i in range(1, 201):
        ws.append([f"上海测试{i}科技有限公司", uscc_for(i), "2023-01-01"])
    path = tmp_path / "ok.xlsx"
    wb.save(path)
    assert import_teams(db, staff.desk, path).imported == 200
