"""Which column of a 交办清单 holds which field, and how each cell's value is read.

Header names differ between platforms (人大 建议系统: 建议编号/建议标题/领衔代表/主办单位/交办日期;
政协 提案系统: 案号/案由/提案人/牵头单位/交办时间, …): HEADERS lists the names seen, a profile's
[intake.columns] adds its own. A header may span two rows (a merged "交办情况" over "交办日期" and
"要求办结日期"): the lower row names the field, the upper row is context.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from drafter.caseload.sheets import Cell, Sheet, excel_date

HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "建议编号", "建议号", "提案编号", "提案号", "案号", "议案号", "建议案号", "登记号"),
    "title": ("标题", "建议标题", "提案标题", "案由", "题目", "建议名称", "提案名称", "建议内容", "主题"),
    "session": ("届次会次", "届次", "会议", "届次会议", "会次", "届别"),
    "kind": ("类别", "类型", "建议类型", "件别"),
    "deputies": ("领衔代表", "领衔人", "提案人", "第一提案人", "提出人", "代表姓名", "领衔委员", "代表", "委员"),
    "cosigners": ("附议代表", "附议人", "联名代表", "联名人", "联名委员", "附议"),
    "count": ("联名人数", "附议人数", "人数", "代表人数"),
    "group": ("代表团", "界别", "代表团界别", "所属代表团", "所属界别", "专委会"),
    "key_item": ("重点督办", "是否重点", "重点件", "重点", "是否重点督办"),
    "handling": ("办理方式", "承办方式", "办理类型"),
    "lead_unit": ("主办单位", "牵头单位", "主办", "承办单位"),
    "co_handlers": ("协办单位", "会办单位", "协办", "会办"),
    "assigned": ("交办日期", "交办时间", "交办日"),
    "due": ("要求办结日期", "办结时限", "要求办结时间", "答复期限", "办理时限", "办结期限"),
    "public": ("可否公开", "是否公开", "公开属性", "公开"),
    "division": ("承办科室", "承办处室", "承办部门"),
    "handler": ("经办人", "承办人"),
    "leader": ("分管领导", "牵头领导", "领导"),
}
REQUIRED = ("number", "title")
HANDLINGS = ("独办", "主办", "协办", "会办", "分办")
_NOISE = re.compile(r"[\s*＊:：]|[（(](必填|选填|可选)[)）]")
_SPLIT = re.compile(r"[、，,；;／/\s]+")


def normal(text: Any) -> str:
    return _NOISE.sub("", str(text or ""))


@dataclass
class Header:
    sheet: Sheet
    row: int  # 0-based index of the header's last row; data starts after it
    columns: dict[str, int]  # field → 0-based column
    labels: dict[int, str]  # column → header text as written
    caption: str = ""  # text above the header (the list's title row)

    def label(self, col: int) -> str:
        return self.labels.get(col, "")


def _names(profile_columns: dict[str, list[str]]) -> dict[str, list[str]]:
    """Header names per field: the profile's first (they win), then the usual ones."""
    out = {f: [normal(n) for n in profile_columns.get(f, [])] for f in HEADERS}
    for f, names in HEADERS.items():
        out[f] += [normal(n) for n in names]
    return out


def _match(labels: dict[int, str], names: dict[str, list[str]]) -> dict[str, int]:
    """field → column, taking for each field the column whose header is its earliest name."""
    found: dict[str, tuple[int, int]] = {}
    taken: set[int] = set()
    # profile names and exact names first, so "主办单位" is not claimed by "承办单位"'s alias
    pairs = []
    for f, options in names.items():
        for rank, name in enumerate(options):
            for col, label in labels.items():
                if normal(label) == name:
                    pairs.append((rank, f, col))
    for rank, f, col in sorted(pairs):
        if f in found or col in taken:
            continue
        found[f] = (col, rank)
        taken.add(col)
    return {f: col for f, (col, _) in found.items()}


def find_header(sheet: Sheet, profile_columns: dict[str, list[str]], scan: int = 15) -> Header | None:
    """The header row (or two rows) that names the number and title columns, else None."""
    names = _names(profile_columns)
    best: Header | None = None
    best_score = (0, False)
    for r in range(min(scan, len(sheet.rows))):
        candidates = [(r, {c: str(cell.value) for c, cell in enumerate(sheet.rows[r]) if not cell.blank})]
        if r + 1 < len(sheet.rows):
            # two header rows: the lower row's label where it has one, else the upper (merged) one
            upper, lower = sheet.rows[r], sheet.rows[r + 1]
            merged = {}
            for c in range(max(len(upper), len(lower))):
                low = lower[c] if c < len(lower) else Cell(None)
                up = upper[c] if c < len(upper) else Cell(None)
                if not low.blank:
                    merged[c] = str(low.value)
                elif not up.blank:
                    merged[c] = str(up.value)
            candidates.append((r + 1, merged))
        for last, labels in candidates:
            columns = _match(labels, names)
            if not all(f in columns for f in REQUIRED):
                continue
            score = (len(columns), last == r)  # on a tie, one header row rather than two
            if best is None or score > best_score:
                best_score = score
                caption = " ".join(str(c.value) for row in sheet.rows[:r] for c in row if not c.blank)
                best = Header(sheet, last, columns, labels, caption)
    return best


# -- values ------------------------------------------------------------------------------


class CellProblem(Exception):
    """A cell that cannot be read; the message says why in Chinese."""


_DATE_TEXT = [
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def read_date(cell: Cell, date_mode: int = 0) -> dt.date | None:
    v = cell.value
    if cell.blank:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 20000101 <= v <= 21001231 and float(v).is_integer():  # 20250310 typed as a number
            return read_date(Cell(str(int(v))))
        day = excel_date(float(v), date_mode)
        if day is None or not 1990 <= day.year <= 2100:
            raise CellProblem(f"数字 {v:g} 不像日期")
        return day
    text = str(v).strip().split(" ")[0].split("T")[0]
    for pattern in _DATE_TEXT:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
    raise CellProblem(f"日期“{v}”无法识别，请写作 YYYY-MM-DD")


def format_width(fmt: str) -> int:
    """Digits an Excel number format pads to: "0000" → 4, "General" → 0."""
    m = re.fullmatch(r'"?[^0#"]*"?(0+)', (fmt or "").strip())
    return len(m.group(1)) if m else 0


def read_number(cell: Cell, width: int) -> str:
    """The item's number as text; a number Excel stored as a number gets its zeros back."""
    v = cell.value
    if isinstance(v, bool):
        raise CellProblem("编号不应是真假值")
    if isinstance(v, (int, float)):
        if not float(v).is_integer():
            raise CellProblem(f"编号“{v}”不是整数")
        digits = str(int(v))
        return digits.zfill(max(width, format_width(cell.fmt)))
    text = re.sub(r"\s+", "", str(v))
    m = re.fullmatch(r"第?([0-9A-Za-z\-]+)号?", text)
    if not m:
        raise CellProblem(f"编号“{v}”含有编号以外的文字")
    return m.group(1)


def text_width(cells: list[Cell]) -> int:
    """Width of the numbers the column stores as zero-padded text ("0185" → 4), else 0."""
    widths = [len(str(c.value).strip()) for c in cells
              if isinstance(c.value, str) and re.fullmatch(r"0\d+", str(c.value).strip())]
    return max(widths, default=0)


def read_text(cell: Cell) -> str | None:
    if cell.blank:
        return None
    v = cell.value
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (dt.date, dt.datetime)):
        v = v.strftime("%Y-%m-%d")
    return re.sub(r"\s+", " ", str(v)).strip()


def read_names(cell: Cell) -> tuple[list[str], int | None]:
    """Names in one cell: "王贤理、李明" or "王贤理等6名代表" (names, count or None)."""
    text = read_text(cell)
    if not text:
        return [], None
    count = None
    m = re.search(r"等\s*(\d+)\s*[名位人]?(?:代表|委员)?$", text)
    if m:
        count = int(m.group(1))
        text = text[: m.start()]
    return [n for n in _SPLIT.split(text) if n], count


def read_units(cell: Cell) -> list[str]:
    text = read_text(cell)
    return [u for u in re.split(r"[、，,；;／/\n]+", text) if u.strip()] if text else []


def read_count(cell: Cell) -> int | None:
    if cell.blank:
        return None
    v = cell.value
    if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and v >= 1:
        return int(v)
    m = re.fullmatch(r"\s*(\d+)\s*[名位人]?\s*", str(v))
    if m and int(m.group(1)) >= 1:
        return int(m.group(1))
    raise CellProblem(f"人数“{v}”不是正整数")


_YES = ("是", "√", "✓", "Y", "y", "yes", "Yes", "YES", "1", "可", "可以", "可公开", "公开", "主动公开", "重点", "重点督办", "TRUE", "True", "true")
_NO = ("否", "×", "N", "n", "no", "No", "NO", "0", "不", "不可", "不予公开", "不公开", "依申请公开", "FALSE", "False", "false")


def read_flag(cell: Cell) -> bool | None:
    if cell.blank:
        return None
    if isinstance(cell.value, bool):
        return cell.value
    text = read_text(cell) or ""
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellProblem(f"“{text}”应为 是 或 否")


def read_handling(cell: Cell) -> str | None:
    text = read_text(cell)
    if not text:
        return None
    for h in HANDLINGS:
        if h in text:
            return h
    if "单独" in text:
        return "独办"
    if "分别" in text:
        return "分办"
    raise CellProblem(f"办理方式“{text}”应为 独办、主办、协办、会办 或 分办")
