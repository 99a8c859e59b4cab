"""The Finding record: the one currency between loading, schema, rules, import and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"
# A finding that stops a file from being checked at all (unreadable, not YAML...). It is
# printed like an error but makes the CLI exit with 2.
FATAL = "fatal"

SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", FATAL: "无法处理"}

# A path into the draft data: keys and list indexes, e.g. ("proposal", "number")
# or ("measures", 0, "body", 1).
Path = tuple[Any, ...]


@dataclass(frozen=True)
class Edit:
    """Set the value at `path` to `value` (the only kind of change a fix makes)."""

    path: Path
    value: Any


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    column: int | None
    field: str
    code: str
    severity: str
    message: str
    fix: Fix | None = None
    path: Path = field(default=(), compare=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": list(self.path),
            "fixable": self.fixable,
            "fix_safe": self.fix.safe if self.fix else None,
            "fix": None if self.fix is None else {
                "description": self.fix.description,
                "safe": self.fix.safe,
                "edits": [{"path": list(e.path), "field": field_name(e.path), "value": e.value} for e in self.fix.edits],
            },
        }

    def to_line(self) -> str:
        """One line: `reply.yaml:12 proposal.number: 错误 SCH006 建议编号不能为空 [*]`."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        head = f"{where} {self.field}:" if self.field else f"{where}:"
        tail = " [*]" if self.fix is not None and self.fix.safe else ""
        text = f"{head} {SEVERITY_LABEL[self.severity]} {self.code} {self.message}{tail}"
        return " ".join(text.split())  # never more than one line


def field_name(path: Path) -> str:
    """("measures", 0, "heading") -> "measures[0].heading"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def sort_key(f: Finding) -> tuple:
    return (f.file, f.line if f.line is not None else 0, f.column or 0, f.code)
