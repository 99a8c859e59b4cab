"""Read a spreadsheet (.xlsx, .xls, .csv) as plain rows of cells, whatever wrote it.

Every way a workbook can be unreadable (corrupt, password-protected, not a spreadsheet, an
unknown extension) is a SheetError with one Chinese line; merged cells are filled with their
top-left value so a merged header (or a lead unit merged down several rows) reads in each cell.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and Office's encrypted .xlsx container
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


class SheetError(Exception):
    """The whole file cannot be read; the message is one Chinese line."""


@dataclass
class Cell:
    value: Any  # str, int, float, bool, dt.datetime, dt.date or None
    fmt: str = "General"  # Excel number format ("0000", "yyyy-mm-dd", "@", ...)

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]] = field(default_factory=list)
    date_mode: int = 0  # 1 for .xls files using the 1904 date system


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def read_sheets(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError("不是表格文件：扩展名应为 .xlsx、.xls 或 .csv")
    from drafter import limits

    try:
        size = path.stat().st_size
        if size > limits.SOURCE_BYTES:  # refused before reading: a 交办清单 is well under 1 MB
            raise SheetError(f"文件过大（{size // (1024 * 1024)} MB，上限 {limits.SOURCE_BYTES // (1024 * 1024)} MB），不像交办清单")
        head = path.read_bytes()[:8]
        raw = path.read_bytes() if suffix == ".csv" or head == OLE_MAGIC else None
    except OSError as exc:
        from drafter.drafts import os_reason

        raise SheetError(f"无法读取文件（{os_reason(exc)}）") from None
    if suffix == ".csv":
        return [_read_csv(raw, path)]
    if head == OLE_MAGIC:
        if ENCRYPTED_MARK in raw:
            raise SheetError("工作簿有密码保护（已加密）：请在 Excel/WPS 中打开、去掉密码后另存，再导入")
        return _read_xls(path)
    if suffix == ".xls":
        if head.startswith(b"PK"):
            return _read_xlsx(path)  # an .xlsx saved with the old extension
        raise SheetError("文件已损坏，或不是 Excel 工作簿：请在 Excel/WPS 中打开后另存为 .xlsx")
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    from drafter import limits

    try:
        with limits.open_zip(path):  # parts and inflated size within budget before openpyxl reads them
            pass
        wb = openpyxl.load_workbook(path, data_only=True)
    except limits.BudgetExceeded as exc:
        raise SheetError(f"工作簿{exc.message}") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError, IndexError):
        raise SheetError("文件已损坏，或不是 Excel 工作簿：请在 Excel/WPS 中打开后另存为 .xlsx") from None
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            if len(rows) >= limits.SHEET_ROWS:
                raise SheetError(f"工作表“{ws.title}”超过 {limits.SHEET_ROWS} 行，不像交办清单")
            rows.append([Cell(c.value, c.number_format or "General") for c in row])
        for rng in ws.merged_cells.ranges:
            top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(rows) else None
            if top is None:
                continue
            for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
                for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):
                    rows[r][c] = Cell(top.value, top.fmt)
        sheets.append(Sheet(ws.title, rows))
    return sheets


def _read_xls(path: Path) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise SheetError("工作簿有密码保护（已加密）：请在 Excel/WPS 中打开、去掉密码后另存，再导入") from None
        raise SheetError("文件已损坏，或不是 Excel 工作簿：请在 Excel/WPS 中打开后另存为 .xlsx") from None
    except Exception:  # noqa: BLE001 - xlrd raises assorted errors on damaged files
        raise SheetError("文件已损坏，或不是 Excel 工作簿：请在 Excel/WPS 中打开后另存为 .xlsx") from None
    sheets = []
    for sh in book.sheets():
        rows = []
        for r in range(sh.nrows):
            row = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                fmt = "General"
                try:
                    fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                except (KeyError, IndexError, TypeError):
                    pass
                value: Any = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                    except (ValueError, OverflowError):
                        value = cell.value
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(cell.value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    value = None
                row.append(Cell(value, fmt))
            rows.append(row)
        for rlo, rhi, clo, chi in sh.merged_cells:
            top = rows[rlo][clo]
            for r in range(rlo, rhi):
                for c in range(clo, chi):
                    rows[r][c] = Cell(top.value, top.fmt)
        sheets.append(Sheet(sh.name, rows, book.datemode))
    return sheets


def _read_csv(raw: bytes, path: Path) -> Sheet:
    import csv
    import io

    from drafter.drafts import LoadError, decode_bytes

    try:
        text, _, _ = decode_bytes(raw, str(path))
    except LoadError as exc:
        raise SheetError(exc.finding.message) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [[Cell(v if v.strip() else None, "@") for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    return Sheet(path.stem, rows)


def excel_date(serial: float, date_mode: int = 0) -> dt.date | None:
    """An Excel serial day number as a date (1900 system, or 1904 for old Mac files)."""
    if not 1 <= serial < 2958466:
        return None
    base = dt.date(1904, 1, 1) if date_mode else dt.date(1899, 12, 30)
    return base + dt.timedelta(days=int(serial))
