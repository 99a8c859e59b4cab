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

    [calendar] / [caseload] / [intake]     # the caseload's tables: see drafter/caseload/settings.py
"""

from __future__ import annotations

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
    # The caseload's tables, validated (drafter/caseload/settings.py gives their defaults).
    calendar: dict[str, Any] = field(default_factory=lambda: {"years": set(), "holidays": set(), "workdays": set()})
    caseload: dict[str, Any] = field(default_factory=lambda: _caseload_defaults())
    intake: dict[str, Any] = field(default_factory=lambda: {"columns": {}, "number_width": 0})

    def work_calendar(self):
        """Working days: chinesecalendar plus this profile's [calendar] table."""
        from drafter.caseload.calendar import from_settings

        return from_settings(self.calendar)


def _caseload_defaults() -> dict[str, Any]:
    from drafter.caseload.settings import CASELOAD_DEFAULTS

    return dict(CASELOAD_DEFAULTS)


class ProfileError(Exception):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


_ORGAN_KEYS = {"name", "mark", "doc_prefix", "signer", "leader", "kind", "layout", "printing_organ", "copy_to", "contacts"}
_CHECK_KEYS = {
    "select", "ignore", "categories", "deadline_months", "extended_deadline_months",
    "deadline_warning_days", "deputy_offices", "proposal_offices",
}


def load_profile(explicit: Path | None = None, cwd: Path | None = None) -> Profile:
    """The profile given with --profile, else drafter.toml in the working folder, else defaults."""
    path = explicit
    if path is None:
        candidate = (cwd or Path.cwd()) / PROFILE_NAME
        if not candidate.is_file():
            return Profile()
        path = candidate
    name = str(path)
    if not path.is_file():
        raise ProfileError(Finding(name, None, None, "", "CF001", FATAL, "配置文件不存在，请检查 --profile 路径"))
    try:
        raw = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProfileError(Finding(name, None, None, "", "CF002", FATAL, "配置文件须为 UTF-8 编码")) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ProfileError(Finding(name, line, None, "", "CF002", FATAL, f"配置文件格式错误（{exc}）")) from None
    return _from_toml(raw, path)


def _from_toml(raw: dict[str, Any], path: Path) -> Profile:
    def bad(where: str, message: str) -> ProfileError:
        return ProfileError(Finding(str(path), None, None, where, "CF003", FATAL, message))

    unknown = set(raw) - {"organ", "check", "templates", "calendar", "caseload", "intake"}
    if unknown:
        raise bad(", ".join(sorted(unknown)), "未知的配置段，可用：[organ] [check] [templates] [calendar] [caseload] [intake]")
    organ = raw.get("organ", {})
    check = raw.get("check", {})
    for section, allowed, table in (("organ", _ORGAN_KEYS, organ), ("check", _CHECK_KEYS, check)):
        if not isinstance(table, dict):
            raise bad(section, f"[{section}] 应为配置段")
        extra = set(table) - allowed
        if extra:
            raise bad(f"{section}.{sorted(extra)[0]}", f"未知的配置项，可用：{'、'.join(sorted(allowed))}")
    profile = Profile(path=path, organ=dict(organ))
    for key in _CHECK_KEYS:
        if key in check:
            value = check[key]
            default = getattr(profile, key)
            if isinstance(default, list) and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise bad(f"check.{key}", "应为文字列表，如 [\"A\", \"B\"]")
            if isinstance(default, int) and (not isinstance(value, int) or value < 0):
                raise bad(f"check.{key}", "应为非负整数")
            setattr(profile, key, value)
    templates = raw.get("templates", {})
    if isinstance(templates, dict) and templates.get("dir"):
        tdir = (path.parent / templates["dir"]).resolve()
        if not tdir.is_dir():
            raise bad("templates.dir", f"模板文件夹不存在：{tdir}")
        profile.templates_dir = tdir
    from drafter.caseload import settings

    if "calendar" in raw:
        profile.calendar = settings.calendar_table(raw["calendar"], bad)
    if "caseload" in raw:
        profile.caseload = settings.caseload_table(raw["caseload"], bad)
    if "intake" in raw:
        profile.intake = settings.intake_table(raw["intake"], bad)
    return profile
