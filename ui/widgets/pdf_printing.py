"""Printing a finished PDF (an issued notice, a list) as the PDF it is.

Qt can only print a PDF by painting page images (QPdfDocument renders raster): the result is a
heavy image-only file that ``notices verify`` cannot recognise, and soft text on paper. So, after
the system print dialog:

- "Print to file (PDF)" writes the PDF's own bytes unchanged: the saved notice verifies;
- a real printer gets the file itself through the system's print command (``lp`` or ``lpr``,
  CUPS on Linux and macOS), which prints its pages as vectors, with the copies, pages and sides
  chosen in the dialog;
- only where there is no such command (Windows) are the pages painted as images.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from aitown.errors import ValidationError

PRINT_TIMEOUT_S = 60


def print_command() -> tuple[str, str] | None:
    """(kind, path) of the system print command: ``lp`` first, then ``lpr``; None if neither."""
    for name in ("lp", "lpr"):
        found = shutil.which(name)
        if found:
            return name, found
    return None


def _options(printer: QPrinter) -> list[str]:
    options = []
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        options += [
            "-o",
            f"page-ranges={printer.fromPage()}-{max(printer.toPage(), printer.fromPage())}",
        ]
    duplex = printer.duplex()
    if duplex == QPrinter.DuplexMode.DuplexLongSide or duplex == QPrinter.DuplexMode.DuplexAuto:
        options += ["-o", "sides=two-sided-long-edge"]
    elif duplex == QPrinter.DuplexMode.DuplexShortSide:
        options += ["-o", "sides=two-sided-short-edge"]
    return options


def command_line(kind: str, program: str, printer: QPrinter, title: str, file: Path) -> list[str]:
    """The print command for ``file`` on the printer chosen in the dialog."""
    copies = max(printer.copyCount(), 1)
    name = printer.printerName()
    if kind == "lp":
        args = [program, "-n", str(copies), "-t", title]
        if name:
            args += ["-d", name]
    else:
        args = [program, f"-#{copies}", "-T", title]
        if name:
            args += ["-P", name]
    return [*args, *_options(printer), str(file)]


def send_to_printer(printer: QPrinter, data: bytes, title: str, program: tuple[str, str]) -> None:
    """Hand the PDF file to the system print command; a refusal is a sentence."""
    kind, path = program
    fd, name = tempfile.mkstemp(prefix="aitown-print-", suffix=".pdf")
    file = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        try:
            done = subprocess.run(
                command_line(kind, path, printer, title, file),
                capture_output=True,
                text=True,
                timeout=PRINT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ValidationError(
                f"The printer did not take the document ({exc}); check that it is set up and "
                "switched on, then try again.",
                f"打印机未接收文档（{exc}）：请检查打印机已设置并开启后重试。",
            ) from None
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            why = said[-1] if said else f"exit code {done.returncode}"
            raise ValidationError(
                f"The printer did not take the document ({why}); check that it is set up and "
                "switched on, then try again.",
                f"打印机未接收文档（{why}）：请检查打印机已设置并开启后重试。",
            )
    finally:
        file.unlink(missing_ok=True)


def write_to_pdf_file(printer: QPrinter, data: bytes) -> Path:
    """ "Print to file": the PDF's own bytes, unchanged, where the dialog said."""
    target = Path(printer.outputFileName()).expanduser()
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise ValidationError(
            f"{target} could not be written ({exc.strerror}); choose another folder.",
            f"无法写入 {target}（{exc.strerror}），请选择其他文件夹。",
        ) from None
    return target


def print_pdf(
    printer: QPrinter,
    data: bytes,
    title: str,
    document: QPdfDocument,
    paint: Callable[[QPdfDocument, QPrinter], int],
) -> str:
    """Print ``data`` (the PDF ``document`` shows) on the printer the dialog set up. Returns how:
    "file" (the bytes written), "system" (sent to lp/lpr), or "painted" (page images)."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        write_to_pdf_file(printer, data)
        return "file"
    program = print_command()
    if program is not None and data:
        send_to_printer(printer, data, title, program)
        return "system"
    paint(document, printer)
    return "painted"
