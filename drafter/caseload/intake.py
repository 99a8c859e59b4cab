"""`drafter intake 清单 -o 文件夹/`: one prefilled draft per row of a 交办清单.

Drafts are named stably by number (建议0185.yaml, 提案0012.yaml), so running intake again on
an updated list adds the new rows, never touches a draft that exists, and lists what the list
now says differently. A row that cannot be read is one line naming sheet, row and column; the
other rows are still imported. Where this organ is only a co-handler (协办/会办) the draft is a
co-handler's opinion addressed to the lead unit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.caseload import columns as C
from drafter.caseload.sheets import Sheet, SheetError, column_letter, read_sheets
from drafter.findings import ERROR, FATAL, WARNING, Finding


@dataclass
class Row:
    """One item of the list, read."""

    where: str  # "清单.xlsx 工作表“交办清单” 第5行"
    sheet: str
    line: int  # 1-based row in the sheet
    values: dict[str, Any] = field(default_factory=dict)
    number_column: str = "编号"  # "A列（建议编号）", for messages about the number

    @property
    def kind(self) -> str:
        return self.values.get("kind", "npc")

    @property
    def word(self) -> str:
        return "提案" if self.kind == "cppcc" else "建议"

    @property
    def file_name(self) -> str:
        return f"{self.word}{safe_name(self.values['number'])}.yaml"


@dataclass
class IntakeResult:
    created: list[Path] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)  # one line each
    findings: list[Finding] = field(default_factory=list)  # unreadable rows, skipped sheets
    rows: list[Row] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if any(f.severity == FATAL for f in self.findings):
            return 2
        return 1 if any(f.severity == ERROR for f in self.findings) else 0


def safe_name(number: str) -> str:
    return re.sub(r"[^0-9A-Za-z\-\u4e00-\u9fff]", "-", number)


def _finding(source: str, sheet: str, line: int | None, field_: str, code: str, severity: str, message: str) -> Finding:
    name = f"{source} 工作表“{sheet}”" if sheet else source
    return Finding(name, line, None, field_, code, severity, message)


# -- reading the rows -------------------------------------------------------------------------


def read_list(path: Path, profile, defaults: dict[str, Any] | None = None) -> tuple[list[Row], list[Finding]]:
    """The list's rows as field values, and one finding per problem. Raises SheetError when the
    file cannot be read at all and ValueError (one line) when no sheet is a 交办 list."""
    source = path.name
    sheets = read_sheets(path)
    settings = profile.intake
    rows: list[Row] = []
    findings: list[Finding] = []
    headers = []
    for sheet in sheets:
        header = C.find_header(sheet, settings["columns"])
        if header is None:
            if any(not c.blank for r in sheet.rows for c in r) and len(sheets) > 1:
                findings.append(_finding(source, sheet.name, None, "", "IN002", WARNING,
                                         "这个工作表没有编号和标题列，不是交办清单，已跳过"))
            continue
        headers.append(header)
    if not headers:
        names = "、".join(f"“{s.name}”" for s in sheets)
        raise ValueError(f"不像交办清单：工作表 {names} 中都没有找到编号和标题两列（如“建议编号”“案号”和“标题”“案由”）；"
                         "表头不同的，请在 drafter.toml 的 [intake.columns] 中指定，如 number = \"建议号\"")
    for header in headers:
        rows.extend(_rows(source, header, profile, defaults or {}, findings))
    return rows, findings


def _kind(header: C.Header, profile) -> str:
    labels = " ".join(header.labels.values()) + header.caption
    if "提案" in labels or "政协" in labels or "界别" in labels:
        return "cppcc"
    if "建议" in labels or "人大" in labels or "代表" in labels:
        return "npc"
    return profile.organ.get("kind", "npc")


def _session(caption: str) -> str | None:
    """The session from the list's title row: "市十六届人大五次会议代表建议交办清单" → "市十六届人大五次会议"."""
    m = re.search(r"(\S*?届\S*?会议)", caption)
    return m.group(1) if m else None


def _rows(source: str, header: C.Header, profile, defaults: dict[str, Any], findings: list[Finding]) -> list[Row]:
    sheet: Sheet = header.sheet
    cols = header.columns
    data_rows = sheet.rows[header.row + 1:]
    number_col = cols["number"]
    width = profile.intake["number_width"] or C.text_width([r[number_col] for r in data_rows if number_col < len(r)])
    kind = _kind(header, profile)
    session = _session(header.caption)
    organ = profile.organ.get("name")
    header_texts = {C.normal(v) for v in header.labels.values()}
    out: list[Row] = []
    for offset, cells in enumerate(data_rows):
        line = header.row + 2 + offset
        get = (lambda f: cells[cols[f]] if f in cols and cols[f] < len(cells) else C.Cell(None))
        if all(c.blank for c in cells):
            continue  # blank rows between blocks
        if C.normal(get("number").value) in header_texts:
            continue  # the header repeated on every printed page
        row = Row(f"{source} 工作表“{sheet.name}” 第{line}行", sheet.name, line, {"kind": kind},
                  f"{column_letter(number_col)}列（{header.label(number_col)}）")

        def bad(f: str, why: str) -> None:
            label = header.label(cols[f]) if f in cols else ""
            where = f"{column_letter(cols[f])}列（{label}）" if f in cols else ""
            findings.append(_finding(source, sheet.name, line, where, "IN003", ERROR, f"{why}；该行未导入"))

        if get("number").blank:
            if get("title").blank:
                continue  # a note or total line under the table
            bad("number", "编号为空")
            continue
        try:
            v = row.values
            v["number"] = C.read_number(get("number"), width)
            v["title"] = C.read_text(get("title"))
            if not v["title"]:
                bad("title", "标题为空")
                continue
            current = "number"
            for f in ("assigned", "due"):
                current = f
                day = C.read_date(get(f), sheet.date_mode)
                if day:
                    v[f] = day.isoformat()
            current = "deputies"
            names, count = C.read_names(get("deputies"))
            current = "cosigners"
            more, more_count = C.read_names(get("cosigners"))
            v["deputies"] = names + [n for n in more if n not in names]
            current = "count"
            v["count"] = C.read_count(get("count")) or count or (len(v["deputies"]) + (more_count or 0) if more_count else None)
            current = "key_item"
            v["key_item"] = C.read_flag(get("key_item"))
            current = "public"
            v["public"] = C.read_flag(get("public"))
            current = "handling"
            v["handling"] = C.read_handling(get("handling"))
            current = "kind"
            kind_text = C.read_text(get("kind")) or ""
            if "提案" in kind_text:
                v["kind"] = "cppcc"
            elif "建议" in kind_text:
                v["kind"] = "npc"
        except C.CellProblem as exc:
            bad(current, str(exc))
            continue
        for f in ("session", "group", "division", "handler", "leader", "lead_unit"):
            v[f] = C.read_text(get(f))
        v["session"] = v["session"] or defaults.get("session") or session
        v["assigned"] = v.get("assigned") or defaults.get("assigned")
        v["co_handlers"] = C.read_units(get("co_handlers"))
        problem = _settle_handling(v, organ)
        if problem:
            bad(problem[0], problem[1])
            continue
        out.append(row)
    return out


def _settle_handling(v: dict[str, Any], organ: str | None) -> tuple[str, str] | None:
    """This organ's part: the list's 办理方式, else where the organ appears among the units."""
    co = v["co_handlers"]
    mine_in_co = organ is not None and any(organ in u or u in organ for u in co)
    if v["handling"] is None:
        if mine_in_co and v.get("lead_unit") and organ not in v["lead_unit"]:
            v["handling"] = "协办"
        else:
            v["handling"] = "主办" if co else "独办"
    if organ:
        v["co_handlers"] = [u for u in co if not (organ in u or u in organ)]
    if v["handling"] in ("协办", "会办"):
        if not v.get("lead_unit") or (organ and organ in v["lead_unit"]):
            return ("lead_unit", f"{v['handling']}件没有写明主办单位（协办意见要写给主办单位）")
    elif v["handling"] == "主办" and not v["co_handlers"]:
        v["handling"] = "独办"  # a lead unit without co-handlers answers alone
    return None


# -- writing the drafts -----------------------------------------------------------------------


def scaffold_text(row: Row, profile, schema_ref: str, source: str) -> str:
    from drafter.scaffold import ScaffoldOptions, render_scaffold

    v = row.values
    co_handling = v["handling"] in ("协办", "会办")
    case: dict[str, Any] = {"status": "待签收"}
    for key, value in (("group", v.get("group")), ("key_item", True if v.get("key_item") else None),
                       ("due", v.get("due")), ("division", v.get("division")),
                       ("handler", v.get("handler")), ("leader", v.get("leader"))):
        if value is not None:
            case[key] = value
    if v.get("public") is not None:
        case["publish"] = {"allowed": v["public"]}
    layout = profile.organ.get("layout") or "file"
    options = ScaffoldOptions(
        kind=row.kind, doc_type="opinion" if co_handling else "reply", layout=layout,
        session=v.get("session"), number=v["number"],
        proposal_title=v["title"], handling=v["handling"], co_handlers=list(v["co_handlers"]),
        deputies=[] if co_handling else list(v["deputies"]),
        count=None if co_handling else v.get("count"),
        unit=v.get("lead_unit") if co_handling else None,
        assigned=v.get("assigned"), case=case, source=source, schema=schema_ref,
        year=int(v["assigned"][:4]) if v.get("assigned") else dt.date.today().year,
    )
    options.apply_profile(profile.organ)
    return render_scaffold(options)


# What a re-run compares: list field → (path in the draft, how to show it).
COMPARED = {
    "title": ("proposal", "title"), "session": ("proposal", "session"), "assigned": ("proposal", "assigned"),
    "handling": ("proposal", "handling"), "co_handlers": ("proposal", "co_handlers"),
    "deputies": ("addressee", "deputies"), "count": ("addressee", "count"), "lead_unit": ("addressee", "unit"),
    "due": ("case", "due"), "group": ("case", "group"), "public": ("case", "publish", "allowed"),
}


def differences(row: Row, data: Any) -> list[str]:
    """What the list says now that the draft does not (the draft is never changed)."""
    out = []
    for f, path in COMPARED.items():
        new = row.values.get(f)
        if new in (None, [], ""):
            continue
        if f in ("deputies", "count", "lead_unit") and (row.values["handling"] in ("协办", "会办")) != (f == "lead_unit"):
            continue
        old: Any = data
        for part in path:
            old = old.get(part) if isinstance(old, dict) else None
        if isinstance(old, str) and old.startswith("【待填"):
            old = None
        if old != new:
            shown = "、".join(new) if isinstance(new, list) else new
            was = "、".join(old) if isinstance(old, list) else ("（空）" if old is None else old)
            out.append(f"{'.'.join(path)}: 清单为“{_show(shown)}”，草稿中为“{_show(was)}”（草稿未改动，请核对）")
    return out


def _show(value: Any) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def intake(path: Path, folder: Path, profile, schema_ref: str, defaults: dict[str, Any] | None = None) -> IntakeResult:
    """Read the list and write a draft for each new row. Nothing existing is overwritten."""
    from drafter.drafts import ExistsError, load_draft, write_atomic

    result = IntakeResult()
    try:
        rows, result.findings = read_list(path, profile, defaults)
    except SheetError as exc:
        result.findings.append(Finding(str(path), None, None, "", "IN001", FATAL, str(exc)))
        return result
    except ValueError as exc:
        result.findings.append(Finding(str(path), None, None, "", "IN001", FATAL, str(exc)))
        return result
    seen: dict[str, Row] = {}
    for row in rows:
        key = row.file_name
        if key in seen:
            first = seen[key]
            earlier = f"第{first.line}行" if first.sheet == row.sheet else f"工作表“{first.sheet}”第{first.line}行"
            result.findings.append(_finding(path.name, row.sheet, row.line, row.number_column, "IN004", ERROR,
                                            f"编号 {row.values['number']} 与{earlier}重复；该行未导入，请核对清单"))
            continue
        seen[key] = row
        result.rows.append(row)
    for row in result.rows:
        target = folder / row.file_name
        if target.exists():
            result.existing.append(target)
            draft, problems = load_draft(target, str(target))
            if draft is None:
                result.findings.extend(problems)
                continue
            result.differences.extend(f"{target}: {line}" for line in differences(row, draft.data))
            continue
        text = scaffold_text(row, profile, schema_ref, path.name)
        try:
            write_atomic(target, text.encode("utf-8"))
        except ExistsError:
            result.existing.append(target)
            continue
        except OSError as exc:
            from drafter.drafts import os_reason

            result.findings.append(Finding(str(target), None, None, "", "IO004", FATAL, f"无法写入（{os_reason(exc)}）"))
            return result
        result.created.append(target)
    return result
