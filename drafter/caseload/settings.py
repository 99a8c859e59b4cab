"""The caseload's tables in drafter.toml, checked when the profile is read.

    [calendar]                      # years the chinesecalendar package lacks, and local changes
    years = [2027]                  # years described here in full (other days: Monday–Friday)
    holidays = ["2027-01-01", "2027-02-06..2027-02-12"]   # days off (ranges with ..)
    workdays = ["2027-02-14"]       # weekend days that are working days (调休)

    [caseload]                      # deadlines: "N个工作日", "N天", "N个月", "MM-DD" or a date
    return = "5个工作日"             # 退办: after 交办, while the item is not yet accepted
    meeting = "15个工作日"           # first 见面/沟通: after 交办
    co_opinion = "1个月"             # 会办/协办意见 to the lead unit: after 交办
    feedback = "15个工作日"          # deputy feedback collected: after the reply
    publish = "20个工作日"           # publication: after the reply (when 可否公开 allows it)
    require_meeting = true          # a reply needs a 见面/沟通 record dated on or before it
    due_within = 15                 # `drafter due` shows what falls due within this many days

    [intake]
    number_width = 4                # pad numbers Excel stored as numbers (185 → "0185")
    [intake.columns]                # a field → the header used by your platform
    number = "建议号"
    title = "案由"

The reply itself keeps the [check] settings (deadline_months, extended_deadline_months) and a
case's own 要求办结日期 (case.due), so there is one home for each number.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

DEFAULT_TERMS = {
    "return": "5个工作日",
    "meeting": "15个工作日",
    "co_opinion": "1个月",
    "feedback": "15个工作日",
    "publish": "20个工作日",
}
CASELOAD_DEFAULTS: dict[str, Any] = {**DEFAULT_TERMS, "require_meeting": True, "due_within": 15}

TERM = re.compile(r"^\s*(\d{1,3})\s*(个工作日|工作日|天|日|个月|月)\s*$")
MONTH_DAY = re.compile(r"^\s*(\d{1,2})-(\d{1,2})\s*$")

# Every field intake can fill, and the Chinese name shown in messages and the README.
INTAKE_FIELDS = {
    "number": "编号", "title": "标题/案由", "session": "届次会次", "kind": "类别（建议/提案）",
    "deputies": "领衔代表/提案人", "cosigners": "附议/联名人", "count": "联名人数",
    "group": "代表团/界别", "key": "重点督办", "handling": "办理方式", "lead_unit": "主办单位",
    "co_handlers": "协办单位", "assigned": "交办日期", "due": "要求办结日期", "public": "可否公开",
    "division": "承办科室", "handler": "经办人", "leader": "分管领导",
}


def parse_term(text: str) -> tuple[str, Any] | None:
    """("workdays", n) / ("days", n) / ("months", n) / ("monthday", (m, d)) / ("date", date)."""
    m = TERM.match(text or "")
    if m:
        unit = {"个工作日": "workdays", "工作日": "workdays", "天": "days", "日": "days",
                "个月": "months", "月": "months"}[m.group(2)]
        return unit, int(m.group(1))
    m = MONTH_DAY.match(text or "")
    if m:
        try:
            dt.date(2024, int(m.group(1)), int(m.group(2)))  # a leap year accepts 02-29
        except ValueError:
            return None
        return "monthday", (int(m.group(1)), int(m.group(2)))
    try:
        return "date", dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _dates(values: Any, where: str, bad: Callable[[str, str], Exception]) -> list[dt.date]:
    if not isinstance(values, list) or not all(isinstance(v, (str, dt.date)) for v in values):
        raise bad(where, "应为日期列表，如 [\"2027-01-01\", \"2027-02-06..2027-02-12\"]")
    out: list[dt.date] = []
    for v in values:
        if isinstance(v, dt.date):
            out.append(v)
            continue
        first, _, last = v.partition("..")
        try:
            a = dt.date.fromisoformat(first.strip())
            b = dt.date.fromisoformat(last.strip()) if last else a
        except ValueError:
            raise bad(where, f"“{v}”不是 YYYY-MM-DD 日期或 起..止 范围") from None
        if b < a or (b - a).days > 366:
            raise bad(where, f"范围“{v}”的起止日期有误")
        out.extend(a + dt.timedelta(days=i) for i in range((b - a).days + 1))
    return out


def calendar_table(raw: Any, bad: Callable[[str, str], Exception]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise bad("calendar", "[calendar] 应为配置段")
    extra = set(raw) - {"years", "holidays", "workdays"}
    if extra:
        raise bad(f"calendar.{sorted(extra)[0]}", "未知的配置项，可用：years、holidays、workdays")
    years = raw.get("years", [])
    if not isinstance(years, list) or not all(isinstance(y, int) and 1990 < y < 2200 for y in years):
        raise bad("calendar.years", "应为年份列表，如 [2027]")
    return {"years": set(years), "holidays": set(_dates(raw.get("holidays", []), "calendar.holidays", bad)),
            "workdays": set(_dates(raw.get("workdays", []), "calendar.workdays", bad))}


def caseload_table(raw: Any, bad: Callable[[str, str], Exception]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise bad("caseload", "[caseload] 应为配置段")
    extra = set(raw) - set(CASELOAD_DEFAULTS)
    if extra:
        raise bad(f"caseload.{sorted(extra)[0]}", f"未知的配置项，可用：{'、'.join(CASELOAD_DEFAULTS)}")
    out = dict(CASELOAD_DEFAULTS)
    for key, value in raw.items():
        if key in DEFAULT_TERMS:
            if not isinstance(value, str) or parse_term(value) is None:
                raise bad(f"caseload.{key}", "期限应写作“15个工作日”“20天”“1个月”“05-31”或“2025-05-31”")
        elif key == "require_meeting" and not isinstance(value, bool):
            raise bad("caseload.require_meeting", "应为 true 或 false")
        elif key == "due_within" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise bad("caseload.due_within", "应为非负整数（天数）")
        out[key] = value
    return out


def intake_table(raw: Any, bad: Callable[[str, str], Exception]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise bad("intake", "[intake] 应为配置段")
    extra = set(raw) - {"columns", "number_width"}
    if extra:
        raise bad(f"intake.{sorted(extra)[0]}", "未知的配置项，可用：columns、number_width")
    columns = raw.get("columns", {})
    if not isinstance(columns, dict):
        raise bad("intake.columns", "[intake.columns] 应为配置段，如 number = \"建议号\"")
    for key, value in columns.items():
        if key not in INTAKE_FIELDS:
            raise bad(f"intake.columns.{key}", f"未知的字段，可用：{'、'.join(INTAKE_FIELDS)}")
        if not (isinstance(value, str) and value.strip()) and not (
                isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)):
            raise bad(f"intake.columns.{key}", "应为表头文字，或几个表头的列表")
    width = raw.get("number_width", 0)
    if not isinstance(width, int) or isinstance(width, bool) or not 0 <= width <= 12:
        raise bad("intake.number_width", "应为 0–12 的整数（0 表示按该列其他编号的位数）")
    return {"columns": {k: [v] if isinstance(v, str) else list(v) for k, v in columns.items()}, "number_width": width}
