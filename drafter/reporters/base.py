"""What every reporter keeps: the findings seen, for the summary and the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from drafter.findings import ERROR, FATAL, WARNING, Finding


class Reporter:
    def __init__(self, command: str):
        self.command = command
        self.seen: list[Finding] = []
        self.outputs: list[dict] = []
        self.fields_read: list[tuple[str, object]] = []
        self.diffs: list[dict] = []
        self.results: list[dict] = []

    def findings(self, findings: Iterable[Finding]) -> None:
        findings = list(findings)
        self.seen.extend(findings)
        self.emit(findings)

    def emit(self, findings: list[Finding]) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def wrote(self, path: Path | str, source: str | None = None, kind: str | None = None,
              message: str | None = None) -> None:
        kind = kind or Path(path).suffix.lower().lstrip(".")
        self.outputs.append({"path": str(path), "source": source, "kind": kind})

    def fields(self, file: str, candidates: list) -> None:
        """What `drafter import` read for each key field, with the text it read it from."""
        self.fields_read.extend((file, c) for c in candidates)
        self.emit_fields(file, candidates)

    def emit_fields(self, file: str, candidates: list) -> None:
        pass

    def result(self, data: dict) -> None:
        """What a command made when it is not a file (the platform text printed by `drafter text`)."""
        self.results.append(data)

    def diff(self, name: str, text: str) -> None:
        """What --diff shows for one file (a unified diff)."""
        self.diffs.append({"file": name, "diff": text})

    def note(self, text: str) -> None:
        """A message for a person, without a code (progress, what to do next)."""
        print(text, file=sys.stderr)

    def counts(self) -> dict[str, int]:
        return {
            "errors": sum(1 for f in self.seen if f.severity == ERROR),
            "warnings": sum(1 for f in self.seen if f.severity == WARNING),
            "fatal": sum(1 for f in self.seen if f.severity == FATAL),
            "fixable": sum(1 for f in self.seen if f.fix is not None and f.fix.safe),
        }

    def finish(self, files: int, status: int) -> None:  # pragma: no cover - interface
        raise NotImplementedError
