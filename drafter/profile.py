"""drafter.toml: an organ's defaults for `drafter new` and its settings for `drafter check`.

Example (all keys optional):

    [organ]
    name = "温州市市场监督管理局"
    mark = "温州市市场监督管理局文件"
    doc_prefix = "温市监提"
    signer = "张三"
    leader = "李四"
    kind = "npc"
    layout = "file"
    printing_organ = "温州市市场监督管理局办公室"
    copy_to = ["市人大常委会代表工委", "市政府办公室"]
    contacts = [{ name = "王钧", phones = ["0577-89600223"] }]

    [check]
    select = ["ALL"]
    ignore = ["TX104"]
    categories = ["A", "B", "C", "D"]
    deadline_months = 3
    extended_deadline_months = 6
    deadline_warning_days = 15
    deputy_offices = ["选举联络工委"]      # extra names accepted as the deputy-affairs office
    proposal_offices = ["提案工作委员会"]   # extra names accepted as the CPPCC proposals office

    [templates]
    dir = "my-templates"                   # an office's own sentence templates

    [render]
    record_page = "last"                   # or "even": 版记 on an even page (double-sided printing)

    [calendar] / [caseload] / [intake]     # the caseload's tables: see drafter/caseload/settings.py
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.findings import FATAL, Finding

PROFILE_NAME = "drafter.toml"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass
class Profile:
    path: Path | None = None
    organ: dict[str, Any] = field(default_factory=dict)
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=lambda: ["A", "B", "C", "D"])
    deadline_months: int = 3
    extended_deadline_months: int = 6
    deadline_warning_days: int = 15
    deputy_offices: list[str] = field(default_factory=list)
    proposal_offices: list[str] = field(default_factory=list)
    templates_dir: Path | None = None
    # [render] record_page: "last" (版记 at the bottom of the last page) or "even" (double-sided
    # printing: the 版记 on an even page, a blank unnumbered page before it when needed).
    record_page: str = "last"
    # The caseload's tables, validated (drafter/caseload/settings.py gives their defaults).
    calendar: dict[str, Any] = field(default_factory=lambda: {"years": set(), "holidays": set(), "workdays": set()})
    caseload: dict[str, Any] = field(default_factory=lambda: _caseload_defaults())
    intake: dict[str, Any] = field(default_factory=lambda: {"columns": {}, "number_width": 0})
    # The other documents' tables (drafter/export/settings.py gives their defaults).
    public: Any = field(default_factory=lambda: _export_default("PublicPolicy"))
    text: Any = field(default_factory=lambda: _export_default("TextOptions"))
    form: Any = field(default_factory=lambda: _export_default("FormOptions"))

    def work_calendar(self):
        """Working days: chinesecalendar plus this profile's [calendar] table."""
        from drafter.caseload.calendar import from_settings

        return from_settings(self.calendar)


def _caseload_defaults() -> dict[str, Any]:
    from drafter.caseload.settings import CASELOAD_DEFAULTS

    return dict(CASELOAD_DEFAULTS)


def _export_default(name: str) -> Any:
    from drafter.export import settings

    return getattr(settings, name)()


class ProfileError(Exception):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


# Every key with the type its value must have; any other type is one CF003 line, never a crash
# further on. ("text", "texts", "contacts", "int")
_ORGAN_KEYS = {
    "name": "text", "mark": "text", "doc_prefix": "text", "signer": "text", "leader": "text",
    "kind": ("npc", "cppcc"), "layout": ("file", "letter", "plain"), "printing_organ": "text", "copy_to": "texts", "contacts": "contacts",
}
_CHECK_KEYS = {
    "select": "texts", "ignore": "texts", "categories": "texts", "deputy_offices": "texts",
    "proposal_offices": "texts", "deadline_months": "months", "extended_deadline_months": "months",
    "deadline_warning_days": "days",
}
_TEMPLATE_KEYS = {"dir": "folder"}


def _type_problem(kind: str, value: Any) -> str | None:
    """Why `value` is not of `kind`, in Chinese; None when it is. A tuple `kind` is the values
    allowed (as `drafter new --kind` allows)."""
    from drafter.limits import PROFILE_DAYS, PROFILE_MONTHS, STRING_CHARS, LIST_ITEMS

    if isinstance(kind, tuple):
        shown = "、".join(f'"{v}"' for v in kind)
        return None if value in kind else f"只能是 {shown}，收到 {json.dumps(value, ensure_ascii=False, default=str)}"

    def text_ok(v: Any) -> bool:
        return isinstance(v, str) and len(v) <= STRING_CHARS

    if kind == "text":
        return None if text_ok(value) else "应为文字（加英文双引号），如 \"温州市市场监督管理局\""
    if kind == "folder":
        return None if text_ok(value) else "应为文件夹路径（加英文双引号），如 \"我的模板\""
    if kind == "texts":
        if isinstance(value, list) and len(value) <= LIST_ITEMS and all(text_ok(v) for v in value):
            return None
        return "应为文字列表，如 [\"A\", \"B\"]"
    if kind == "contacts":
        ok = isinstance(value, list) and len(value) <= LIST_ITEMS and all(
            isinstance(c, dict) and set(c) <= {"name", "phones"} and text_ok(c.get("name", ""))
            and _type_problem("texts", c.get("phones", [])) is None for c in value)
        return None if ok else "应为联系人列表，如 [{ name = \"王钧\", phones = [\"0577-89600223\"] }]"
    top = PROFILE_MONTHS if kind == "months" else PROFILE_DAYS
    unit = "个月" if kind == "months" else "天"
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
        return f"应为 0 到 {top} 之间的整数（{unit}）"
    return None


def load_profile(explicit: Path | None = None, cwd: Path | None = None) -> Profile:
    """The profile given with --profile, else drafter.toml in the working folder, else defaults."""
    path = explicit
    name = str(path)
    if path is None:
        candidate = (cwd or Path.cwd()) / PROFILE_NAME
        if not candidate.is_file():
            return Profile()
        path = candidate
        name = PROFILE_NAME if cwd is None else str(candidate)  # as the person knows it: the one here
    if path.is_dir():
        raise ProfileError(Finding(name, None, None, "", "CF001", FATAL,
                                   f"这是文件夹，请给出配置文件，如 --profile {Path(name) / PROFILE_NAME}"))
    if not path.is_file():
        raise ProfileError(Finding(name, None, None, "", "CF001", FATAL, "配置文件不存在，请检查 --profile 路径"))
    from drafter.limits import PROFILE_BYTES

    try:
        data = path.read_bytes()
    except OSError as exc:
        from drafter.drafts import os_reason

        raise ProfileError(Finding(name, None, None, "", "CF001", FATAL, f"无法读取配置文件（{os_reason(exc)}）")) from None
    if len(data) > PROFILE_BYTES:
        raise ProfileError(Finding(name, None, None, "", "CF002", FATAL,
                                   f"配置文件过大（{len(data) // 1024} KB，上限 {PROFILE_BYTES // 1024} KB）"))
    try:
        text = data.decode("utf-8-sig")
        raw = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ProfileError(Finding(name, None, None, "", "CF002", FATAL, "配置文件须为 UTF-8 编码：请在记事本中“另存为”，编码选 UTF-8")) from None
    except tomllib.TOMLDecodeError as exc:
        line, col, message = toml_problem(exc, text)
        raise ProfileError(Finding(name, line, col, "", "CF002", FATAL, message)) from None
    profile = _from_toml(raw, path, text, name)
    _check_codes(profile, text, name)
    return profile


# tomllib's messages (Python 3.11–3.13), in Chinese; the position is parsed from "(at line 3, column 9)".
_TOML_PROBLEMS = (
    ("Expected '=' after a key", "键后面缺少“=”（写作 键 = 值）"),
    ("Invalid value", "值无效：文字要加双引号，如 name = \"温州市市场监督管理局\""),
    ("Invalid statement", "无法识别的一行：应为 键 = 值，或 [配置段]"),
    ("Expected newline or end of document after a statement", "一行只能写一个 键 = 值，值后面有多余内容"),
    ("Unterminated string", "引号没有闭合"),
    ("Unclosed array", "方括号没有闭合（列表应写作 [\"A\", \"B\"]）"),
    ("Unclosed inline table", "花括号没有闭合"),
    ("Expected ']' at the end of a table declaration", "配置段名缺少“]”，应写作 [check]"),
    ("Expected ']]' at the end of an array declaration", "缺少“]]”"),
    ("Invalid initial character for a key part", "键名无效：键名只能用字母、数字、下划线和短横线，中文键名要加引号"),
    ("Cannot declare", "同一配置段写了两次"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot mutate immutable namespace", "同一个键写了两次"),
    ("Cannot redefine namespace", "配置段与已有的键重名"),
    ("Duplicate inline table key", "花括号中同一个键写了两次"),
    ("Invalid date or datetime", "日期无效，应写作 YYYY-MM-DD"),
    ("Unescaped '\\' in a string", "双引号文字中的反斜杠（\\）要写两次，或改用单引号"),
    ("Invalid hex value", "转义的十六进制数无效"),
    ("Escaped character is not a Unicode scalar value", "转义的字符无效"),
    ("Illegal character '\\n'", "引号没有闭合（一行文字要在同一行结束）"),
    ("Illegal character", "文字中有不允许的控制字符"),
    ("Found invalid character", "有不允许的字符"),
    ("Expected", "格式错误"),
)
_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def toml_problem(exc: Exception, text: str) -> tuple[int | None, int | None, str]:
    """(line, column, Chinese message) for a tomllib error; never the parser's English."""
    raw = str(exc).splitlines()[0] if str(exc) else ""
    m = _TOML_AT.search(raw)
    line = int(m.group(1)) if m and m.group(1) else getattr(exc, "lineno", None)
    col = int(m.group(2)) if m and m.group(2) else getattr(exc, "colno", None)
    if m and not m.group(1):  # at end of document: the last line that has anything on it
        lines = text.rstrip().splitlines()
        line, col = (len(lines), len(lines[-1]) + 1) if lines else (1, 1)
    what = raw[: m.start()] if m else raw
    detail = next((zh for en, zh in _TOML_PROBLEMS if what.startswith(en)), "格式错误")
    where = f"第{line}行第{col}列：" if line and col else (f"第{line}行：" if line else "")
    return line, col, f"配置文件格式错误，{where}{detail}"


def _check_codes(profile: Profile, text: str, name: str) -> None:
    """select/ignore must name codes that exist, as on the command line."""
    from drafter.catalog import unknown_selectors

    for key in ("select", "ignore"):
        bad = unknown_selectors(getattr(profile, key))
        if bad:
            code = bad[0]
            line = next((k for k, row in enumerate(text.splitlines(), start=1)
                         if re.search(rf"[\"']{re.escape(code)}[\"']", row)), None)
            raise ProfileError(Finding(name, line, None, f"check.{key}", "CF004", FATAL,
                                       f"没有这些代码：{'、'.join(bad)}（drafter rules 列出全部代码）"))


def key_line(text: str, where: str) -> int | None:
    """The line of drafter.toml where `where` ("check.deadline_months", "caseload", "intake.columns.title")
    is written: the key's own line inside its [section], else the [section] line."""
    parts = where.split(".")
    section_line, key_found, current = None, None, ""
    for number, row in enumerate(text.splitlines(), start=1):
        head = re.match(r"\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$", row)
        if head:
            current = head[1].replace('"', "").replace(" ", "")
            if current == parts[0] and section_line is None:
                section_line = number
            if len(parts) > 2 and current == ".".join(parts[:-1]):
                section_line = number
            continue
        m = re.match(r"\s*[\"']?([A-Za-z0-9_\-]+)[\"']?\s*=", row)
        if m and m[1] == parts[-1] and (current == ".".join(parts[:-1]) or (len(parts) == 1 and not current)):
            key_found = key_found or number
    return key_found or section_line


def _from_toml(raw: dict[str, Any], path: Path, text: str = "", name: str | None = None) -> Profile:
    def bad(where: str, message: str) -> ProfileError:
        line = key_line(text, where.split(", ")[0]) if where else None
        return ProfileError(Finding(name or str(path), line, None, where, "CF003", FATAL, message))

    sections = ("organ", "check", "templates", "render", "calendar", "caseload", "intake", "public", "text", "form")
    unknown = set(raw) - set(sections)
    if unknown:
        raise bad(", ".join(sorted(unknown)), "未知的配置段，可用：" + " ".join(f"[{s}]" for s in sections))
    organ = raw.get("organ", {})
    check = raw.get("check", {})
    templates = raw.get("templates", {})
    for section, allowed, table in (("organ", _ORGAN_KEYS, organ), ("check", _CHECK_KEYS, check),
                                    ("templates", _TEMPLATE_KEYS, templates)):
        if not isinstance(table, dict):
            raise bad(section, f"[{section}] 应为配置段")
        extra = set(table) - set(allowed)
        if extra:
            raise bad(f"{section}.{sorted(extra)[0]}", f"未知的配置项，可用：{'、'.join(sorted(allowed))}")
        for key, value in table.items():
            problem = _type_problem(allowed[key], value)
            if problem:
                raise bad(f"{section}.{key}", problem)
    profile = Profile(path=path, organ=dict(organ))
    for key in _CHECK_KEYS:
        if key in check:
            setattr(profile, key, check[key])
    if templates.get("dir"):
        try:
            tdir = (path.parent / templates["dir"]).resolve()
            found = tdir.is_dir()
        except (OSError, RuntimeError, ValueError):  # a link loop, a NUL in the name
            tdir, found = path.parent / templates["dir"], False
        if not found:
            raise bad("templates.dir", f"模板文件夹不存在：{tdir}")
        profile.templates_dir = tdir
    render = raw.get("render", {})
    if not isinstance(render, dict) or set(render) - {"record_page"}:
        raise bad("render", "[render] 只有 record_page 一项（\"last\" 或 \"even\"）")
    if "record_page" in render:
        if render["record_page"] not in ("last", "even"):
            raise bad("render.record_page", "应为 \"last\"（版记在末页）或 \"even\"（版记在偶数页，双面印刷）")
        profile.record_page = render["record_page"]
    from drafter.caseload import settings

    if "calendar" in raw:
        profile.calendar = settings.calendar_table(raw["calendar"], bad)
    if "caseload" in raw:
        profile.caseload = settings.caseload_table(raw["caseload"], bad)
    if "intake" in raw:
        profile.intake = settings.intake_table(raw["intake"], bad)
    from drafter.export import settings as export_settings

    for section in ("public", "text", "form"):
        if section in raw:
            setattr(profile, section, getattr(export_settings, f"{section}_table")(raw[section], bad))
    return profile
