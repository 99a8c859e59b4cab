"""One line per finding; what was written and the summary on stderr.

The reporting commands (check, render, import, pdf) print findings on stdout, for grep and
editors; `new`, `schema` and `text`, whose output is the file or the text, say everything on stderr. With
`check --diff` the diff is the output: stdout carries only the diff, and findings that stopped a
file (missing, unreadable, a fix that could not be written) go to stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from drafter.findings import FATAL, Finding
from drafter.reporters.base import Reporter


class TextReporter(Reporter):
    def emit(self, findings: list[Finding]) -> None:
        if self.command == "diff":
            findings = [f for f in findings if f.severity == FATAL]
        # Commands whose output is the product itself keep stdout for it.
        stream = sys.stderr if self.command in ("new", "schema", "diff", "text", "due") else sys.stdout
        for f in findings:
            print(f.to_line(), file=stream)

    def emit_fields(self, file: str, candidates: list) -> None:
        for c in candidates:
            print(field_line(file, c), file=sys.stdout)

    def diff(self, name: str, text: str) -> None:
        super().diff(name, text)
        sys.stdout.write(text)

    def wrote(self, path: Path | str, source: str | None = None, kind: str | None = None,
              message: str | None = None) -> None:
        super().wrote(path, source, kind)
        print(message or f"已生成 {path}", file=sys.stderr)

    def finish(self, files: int, status: int) -> None:
        if self.command != "check" or files is None:
            return
        c = self.counts()
        parts = [f"检查了 {files} 个文件", f"{c['errors']} 个错误", f"{c['warnings']} 个警告"]
        if c["fatal"]:
            parts.append(f"{c['fatal']} 个文件无法处理")
        text = "，".join(parts)
        if c["fixable"]:
            text += f"；其中 {c['fixable']} 处可用 --fix 自动修正（标有 [*]）"
        print(text + "。", file=sys.stderr)


def field_value(value) -> str:
    if isinstance(value, list):
        return "、".join(field_value(v) for v in value)
    if isinstance(value, dict):  # a contact
        return " ".join(x for x in [value.get("name") or "（无姓名）", *value.get("phones", [])] if x)
    return str(value)


def field_line(file: str, c) -> str:
    """`letter.html proposal.number: 识别 “0185” ← 标题编号（第3段“关于…第0185号建议的答复”，把握 77%）`"""
    where = f"第{c.para + 1}段“{c.evidence}”" if c.para is not None else "分段所得"
    broken = "，原文此处残缺" if not c.intact else ""
    text = f"{file} {c.field}: 识别 “{field_value(c.value)}” ← {c.recogniser}（{where}，把握 {c.confidence:.0%}{broken}）"
    return " ".join(text.split())
