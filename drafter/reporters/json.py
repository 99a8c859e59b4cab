"""One JSON document on stdout at the end of the run, for editors, web pages and scripts:

    {"command": "check", "files": 3, "exit_code": 1,
     "summary": {"errors": 1, "warnings": 0, "fatal": 0, "fixable": 1},
     "findings": [{"file", "line", "column", "field", "path", "code", "severity", "message",
                   "fixable", "fix_safe", "fix": {"description", "safe", "edits": [{"path", "value"}]}}],
     "outputs": [{"path", "source", "kind"}],
     "fields": [{"file", "field", "value", "recogniser", "evidence", "paragraph", "confidence", "intact"}],  (import)
     "notes": ["…"],
     "diffs": [{"file", "diff"}]}          # only with check --diff
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from drafter.findings import Finding
from drafter.reporters.base import Reporter


class JsonReporter(Reporter):
    def __init__(self, command: str):
        super().__init__(command)
        self.notes: list[str] = []
        self.command = "check" if command == "diff" else command  # `check --diff`: same document, plus "diffs"
        self.with_diffs = command == "diff"

    def emit(self, findings: list[Finding]) -> None:
        pass  # all at the end: one document

    def note(self, text: str) -> None:
        self.notes.append(text)

    def finish(self, files: int, status: int) -> None:
        doc = {
            "command": self.command,
            "files": files,
            "exit_code": status,
            "summary": self.counts(),
            "findings": [f.to_json() for f in self.seen],
            "outputs": self.outputs,
            **({"fields": [_field(f, c) for f, c in self.fields_read]} if self.command == "import" else {}),
            **({"diffs": self.diffs} if self.with_diffs else {}),
            "notes": self.notes,
        }
        if self.results:
            doc["results"] = self.results
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=_plain) + "\n")


def _field(file: str, c) -> dict:
    return {"file": file, "field": c.field, "value": c.value, "recogniser": c.recogniser, "evidence": c.evidence,
            "paragraph": None if c.para is None else c.para + 1, "confidence": round(c.confidence, 2),
            "intact": c.intact}


def _plain(value):
    if isinstance(value, Path):
        return str(value)
    return str(value)
