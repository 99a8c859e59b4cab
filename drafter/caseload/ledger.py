"""`drafter ledger 文件夹/ -o 台账.xlsx` and `--update 台账.xlsx`: the 台账 as a real workbook.

Export: one row a case, frozen header, filters, drop-downs for the columns with fixed values,
overdue rows filled red, and two hidden columns (the draft and a fingerprint of its bytes).
Update: the columns a clerk may edit go back into the drafts through the comment-keeping round
trip; a row whose draft changed since the export, a value that is not allowed, or an edit that
leaves the case impossible (feedback before the reply) is refused with sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from drafter.caseload.cases import CaseRecord
from drafter.caseload.deadlines import reply_due, steps
from drafter.caseload.sheets import column_letter
from drafter.findings import ERROR, FATAL, WARNING, Finding
from drafter.model import RESULTS, STATUSES

SHEET = "台账"
FINGERPRINT = "指纹"
DRAFT = "草稿"
YES_NO = ("是", "否")
POLICY_CODES = {"CS903", "CS904"}  # 见面 before the reply, deadlines met: reported, not refused


@dataclass
class Column:
    header: str
    read: Callable[[CaseRecord, Any], Any]  # (case, context) → cell value
    path: tuple | None = None  # where an edit goes; None: read-only
    kind: str = "text"  # text, date, choice, flag, int
    choices: tuple[str, ...] = ()
    width: int = 12
    compare: bool = True  # False: computed from today, so it differs on every update


def _first_meeting(c: CaseRecord, _ctx) -> dt.date | None:
    return min((m.date for m in c.case.communications if m.date), default=None)


def _lead_feedback(c: CaseRecord):
    for f in c.case.feedback:
        if f.deputy == c.lead_deputy or not c.lead_deputy:
            return f
    return None


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("是" if value else "否")


def _next_step(c: CaseRecord, ctx) -> str | None:
    open_steps = [s for s in ctx["steps"] if s.state(ctx["today"]) in ("open", "overdue")]
    if not open_steps:
        return None
    s = min(open_steps, key=lambda s: s.due)
    days = (s.due - ctx["today"]).days
    return f"{s.step} {s.due.isoformat()}（{'已超期' + str(-days) + '天' if days < 0 else '还有' + str(days) + '天'}）"


def columns(profile) -> list[Column]:
    cats = tuple(profile.categories)
    return [
        Column("编号", lambda c, _: c.number, width=8),
        Column("类型", lambda c, _: c.word, width=6),
        Column("届次会次", lambda c, _: c.session, width=18),
        Column("标题", lambda c, _: c.title, width=36),
        Column("领衔代表", lambda c, _: c.lead_deputy or None, width=10),
        Column("联名人数", lambda c, _: c.count, kind="int", width=8),
        Column("办理方式", lambda c, _: c.handling, width=8),
        Column("主办单位", lambda c, _: c.lead_unit, width=16),
        Column("协办单位", lambda c, _: "、".join(c.co_handlers) or None, width=16),
        Column("重点督办", lambda c, _: "是" if c.case.key_item else "否", ("case", "key_item"), "flag", YES_NO, 8),
        Column("交办日期", lambda c, _: c.assigned, kind="date"),
        Column("答复期限", lambda c, ctx: reply_due(c, ctx["profile"])[0], kind="date"),
        Column("承办科室", lambda c, _: c.case.division, ("case", "division"), width=14),
        Column("经办人", lambda c, _: c.case.handler, ("case", "handler"), width=8),
        Column("分管领导", lambda c, _: c.case.leader, ("case", "leader"), width=8),
        Column("状态", lambda c, _: c.status, ("case", "status"), "choice", STATUSES, 8),
        Column("首次沟通", _first_meeting, kind="date"),
        Column("沟通次数", lambda c, _: len(c.case.communications), kind="int", width=8),
        Column("成文日期", lambda c, _: c.signed, kind="date"),
        Column("答复日期", lambda c, _: c.case.replied, ("case", "replied"), "date"),
        Column("发文字号", lambda c, _: c.doc_number, ("doc_number",), width=20),
        Column("类别", lambda c, _: c.category, ("category",), "choice", cats, 6),
        Column("延期批准日期", lambda c, _: c.case.extension.approved if c.case.extension else None,
               ("case", "extension", "approved"), "date"),
        Column("延期后期限", lambda c, _: c.case.extension.until if c.case.extension else None,
               ("case", "extension", "until"), "date"),
        Column("反馈意见", lambda c, _: (_lead_feedback(c) or _NoFeedback).result, ("feedback", "result"), "choice", RESULTS, 10),
        Column("反馈日期", lambda c, _: (_lead_feedback(c) or _NoFeedback).date, ("feedback", "date"), "date"),
        Column("可否公开", lambda c, _: _flag(c.case.publish.allowed) if c.case.publish else None,
               ("case", "publish", "allowed"), "flag", YES_NO, 8),
        Column("公开日期", lambda c, _: c.case.publish.date if c.case.publish else None, ("case", "publish", "date"), "date"),
        Column("逾期说明", lambda c, _: c.case.late_reason, ("case", "late_reason"), width=24),
        Column("下一环节", _next_step, width=28, compare=False),
        Column(DRAFT, lambda c, ctx: ctx["rel"], width=20),
        Column(FINGERPRINT, lambda c, ctx: ctx["fingerprint"], width=10),
    ]


class _NoFeedback:
    result = None
    date = None


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _context(case: CaseRecord, folder: Path, profile, today: dt.date, cal) -> dict:
    raw = case.path.read_bytes()
    return {"profile": profile, "today": today, "steps": steps(case, profile, cal),
            "rel": case.path.relative_to(folder).as_posix(), "fingerprint": fingerprint(raw)}


# -- export ----------------------------------------------------------------------------------


def export(cases: list[CaseRecord], folder: Path, profile, today: dt.date) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = columns(profile)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([c.header for c in cols])
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    ro_fill = PatternFill("solid", fgColor="F2F2F2")
    for i, c in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = head_fill if c.path else ro_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[column_letter(i - 1)].width = c.width
    overdue_fill = PatternFill("solid", fgColor="FFC7CE")
    cal = profile.work_calendar()
    for r, case in enumerate(cases, start=2):
        ctx = _context(case, folder, profile, today, cal)
        late = any(s.state(today) == "overdue" for s in ctx["steps"])
        for i, c in enumerate(cols, start=1):
            value = c.read(case, ctx)
            cell = ws.cell(row=r, column=i, value=value)
            if c.kind == "date":
                cell.number_format = "yyyy-mm-dd"
            elif c.header == "编号":
                cell.number_format = "@"  # text: "0185" keeps its zero when edited in Excel
            if late:
                cell.fill = overdue_fill
    last = max(len(cases) + 1, 2)
    for i, c in enumerate(cols):
        if c.kind in ("choice", "flag") and c.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(c.choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="取值不对",
                                error=f"{c.header}只能是：{'、'.join(c.choices)}")
            dv.add(f"{column_letter(i)}2:{column_letter(i)}{last + 500}")
            ws.add_data_validation(dv)
        if c.kind == "date" and c.path:
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                showErrorMessage=True, errorTitle="日期不对", error=f"{c.header}应为日期，如 2025-05-12")
            dv.add(f"{column_letter(i)}2:{column_letter(i)}{last + 500}")
            ws.add_data_validation(dv)
    for header in (DRAFT, FINGERPRINT):
        idx = [c.header for c in cols].index(header)
        ws.column_dimensions[column_letter(idx)].hidden = True
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{column_letter(len(cols) - 1)}{last}"
    notes = wb.create_sheet("说明")
    notes.append(["蓝色表头的列可以修改，改后运行 drafter ledger 文件夹/ --update 台账.xlsx 写回草稿；灰色表头的列只读。"])
    notes.append(["红色行：有办理环节已超过期限（按导出当天计算）。隐藏的“草稿”“指纹”两列用于核对草稿是否在导出后被改过，请勿修改。"])
    notes.append([f"导出日期：{today.isoformat()}"])
    notes.column_dimensions["A"].width = 120
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- update ------------------------------------------------------------------------------------


@dataclass
class Change:
    file: str
    field: str
    old: Any
    new: Any

    def line(self) -> str:
        return f"{self.file} {self.field}: {_show(self.old)} → {_show(self.new)}"


@dataclass
class UpdateResult:
    changes: list[Change] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    refused_rows: int = 0

    @property
    def exit_code(self) -> int:
        if any(f.severity == FATAL for f in self.findings):
            return 2
        return 1 if self.refused_rows or any(f.severity == ERROR for f in self.findings) else 0


def _show(v: Any) -> str:
    if v is None or v == "":
        return "（空）"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    return str(v)


def _norm(v: Any, kind: str) -> Any:
    """A cell value as comparable: dates as dates, blanks as None, text stripped."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if kind == "int" and isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        return v.strip()
    return v


class _Bad(Exception):
    pass


def _parse(c: Column, value: Any, profile) -> Any:
    from drafter.caseload.columns import CellProblem, read_date
    from drafter.caseload.sheets import Cell

    if value is None:
        return None
    if c.kind == "date":
        try:
            return read_date(Cell(value))
        except CellProblem as exc:
            raise _Bad(str(exc)) from None
    if c.kind in ("choice", "flag"):
        text = str(value).strip()
        if text not in c.choices:
            raise _Bad(f"“{text}”不是可选的{c.header}（{'、'.join(c.choices)}）")
        return (text == "是") if c.kind == "flag" else text
    return str(value).strip()


def update(workbook: Path, folder: Path, profile, today: dt.date, ws_factory) -> UpdateResult:
    """Write the edited columns back. `ws_factory()` gives the API Workspace that checks drafts."""
    from drafter.caseload.edits import edit_draft
    from drafter.drafts import encode_text, load_draft, write_atomic

    result = UpdateResult()
    name = workbook.name
    try:
        import openpyxl

        wb = openpyxl.load_workbook(workbook, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is one line
        from drafter.caseload.sheets import SheetError, read_sheets

        try:
            read_sheets(workbook)
            reason = "无法读取台账"
        except SheetError as exc:
            reason = str(exc)
        result.findings.append(Finding(str(workbook), None, None, "", "LG001", FATAL, reason))
        return result
    if SHEET not in wb.sheetnames:
        result.findings.append(Finding(str(workbook), None, None, "", "LG001", FATAL,
                                       f"没有“{SHEET}”工作表：请用 drafter ledger 导出的台账"))
        return result
    sh = wb[SHEET]
    cols = columns(profile)
    by_header = {c.header: c for c in cols}
    header_row = [cell.value for cell in sh[1]]
    where_col = {h: i for i, h in enumerate(header_row) if h in by_header}
    if DRAFT not in where_col or FINGERPRINT not in where_col:
        result.findings.append(Finding(str(workbook), None, None, "", "LG001", FATAL,
                                       "台账缺少隐藏的“草稿”“指纹”列：请重新导出台账"))
        return result
    cal = profile.work_calendar()
    sheet_name = f"{name} 工作表“{SHEET}”"

    def refuse(row: int, header: str | None, code: str, message: str, severity: str = ERROR) -> None:
        col = f"{header}（{column_letter(where_col[header])}列）" if header in where_col else ""
        result.findings.append(Finding(sheet_name, row, None, col, code, severity, message))

    for r, cells in enumerate(sh.iter_rows(min_row=2, values_only=True), start=2):
        values = {h: cells[i] if i < len(cells) else None for h, i in where_col.items()}
        if all(v is None for v in values.values()):
            continue
        rel = values.get(DRAFT)
        path = folder / str(rel or "")
        if not rel or not path.is_file():
            refuse(r, DRAFT, "LG002", f"找不到草稿“{rel}”：该行未写回")
            result.refused_rows += 1
            continue
        raw = path.read_bytes()
        if fingerprint(raw) != str(values.get(FINGERPRINT) or ""):
            refuse(r, None, "LG003", f"草稿 {rel} 在导出台账之后被改过，该行未写回：请重新导出台账，再把这一行的修改填上")
            result.refused_rows += 1
            continue
        draft, problems = load_draft(path, str(path))
        if draft is None:
            result.findings.extend(problems)
            result.refused_rows += 1
            continue
        case = CaseRecord.from_data(draft.data, str(path), path)
        ctx = _context(case, folder, profile, today, cal)
        wanted: dict[str, Any] = {}
        bad = False
        for header, c in by_header.items():
            if header not in values or header in (DRAFT, FINGERPRINT) or not c.compare:
                continue
            now, was = _norm(values[header], c.kind), _norm(c.read(case, ctx), c.kind)
            if isinstance(was, dt.date) and isinstance(now, (int, float)):
                was = (was - dt.date(1899, 12, 30)).days  # a date typed as a bare serial
            if now == was:
                continue
            if c.path is None:
                refuse(r, header, "LG005", f"“{header}”是只读列，修改未写回（请改草稿本身）", WARNING)
                continue
            try:
                wanted[header] = _parse(c, now, profile)
            except _Bad as exc:
                refuse(r, header, "LG004", f"{exc}；该行未写回")
                bad = True
        if bad:
            result.refused_rows += 1
            continue
        if not wanted:
            continue
        edits = _edits(case, wanted, by_header)
        new_text = edit_draft(draft, edits)
        ws = ws_factory()
        before = {(f.code, f.field) for f in ws.open_text(draft.text, str(path), draft.fmt).errors}
        after = [f for f in ws.open_text(new_text, str(path), draft.fmt).errors if (f.code, f.field) not in before]
        # An impossible state (the schema, or a CS rule on the record's consistency) is refused;
        # a policy the profile sets (见面 before the reply, deadlines) is written and said.
        blocking = [f for f in after if f.code.startswith(("SCH", "CS")) and f.code not in POLICY_CODES]
        if blocking:
            for f in blocking:
                refuse(r, _header_for(f.field, by_header, wanted), "LG006", f"{f.message}（{f.code}）；该行未写回")
            result.refused_rows += 1
            continue
        for f in after:
            if f.code in POLICY_CODES:
                refuse(r, _header_for(f.field, by_header, wanted), "LG007", f"已写回，但{f.message}（{f.code}）", WARNING)
        try:
            write_atomic(path, encode_text(draft, new_text), force=True)
        except OSError as exc:
            from drafter.drafts import os_reason

            result.findings.append(Finding(str(path), None, None, "", "IO004", FATAL, f"无法写入（{os_reason(exc)}）"))
            return result
        result.written.append(path)
        for header, value in wanted.items():
            c = by_header[header]
            result.changes.append(Change(str(path), header, c.read(case, ctx), value))
    return result


def _edits(case: CaseRecord, wanted: dict[str, Any], by_header: dict[str, Column]) -> list[tuple[tuple, Any]]:
    edits: list[tuple[tuple, Any]] = []
    feedback_change = {}
    for header, value in wanted.items():
        path = by_header[header].path
        if path[0] == "feedback":
            feedback_change[path[1]] = value
        else:
            edits.append((path, value))
        if path == ("case", "extension", "approved") and value is not None and not case.extended:
            edits.append((("proposal", "extended"), True))  # CS906: the flag follows the record
    if feedback_change:
        items = [{"deputy": f.deputy, "result": f.result, "date": f.date, **({"note": f.note} if f.note else {})}
                 for f in case.case.feedback]
        lead = case.lead_deputy
        mine = next((i for i in items if i["deputy"] == lead or not lead), None)
        if mine is None:
            mine = {"deputy": lead or "", "result": None, "date": None}
            items.insert(0, mine)
        mine.update(feedback_change)
        items = [{k: v for k, v in i.items() if v is not None} for i in items]
        items = [i for i in items if set(i) - {"deputy"}]
        edits.append((("case", "feedback"), items or None))
    return edits


def _header_for(field_name: str, by_header: dict[str, Column], wanted: dict[str, Any]) -> str | None:
    """The ledger column a finding's field belongs to (feedback[0].date → 反馈日期)."""
    import re

    plain = tuple(p for p in re.split(r"[.\[\]]+", field_name) if p and not p.isdigit())
    best = None
    for header, c in by_header.items():
        if not c.path:
            continue
        path = ("case",) + c.path if c.path[0] == "feedback" else c.path
        if plain[: len(path)] == path or path[: len(plain)] == plain:
            if best is None or header in wanted:
                best = header
    return best
