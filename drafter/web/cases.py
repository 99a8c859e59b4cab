"""The case list: one row per draft in the served folder, cached by file size and time."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from drafter.api import Workspace
from drafter.web.folder import inside, relative

KIND_LABEL = {"npc": "建议", "cppcc": "提案"}
TYPE_LABEL = {"reply": "答复函", "opinion": "协办意见", "return": "退办函", "extension": "延期说明"}


class CaseList:
    def __init__(self, ws: Workspace, root: Path):
        self.ws = ws
        self.root = root
        self._cache: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def rows(self) -> list[dict[str, Any]]:
        with self._lock:  # two tabs refreshing the list at once share one cache
            return self._rows()

    def _rows(self) -> list[dict[str, Any]]:
        out = []
        for path in self.ws.find_drafts(self.root):
            if not inside(self.root, path):  # a link that points out of the folder is not listed
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            cached = self._cache.get(path)
            if cached is None or cached[0] != stamp:
                cached = (stamp, self._row(path))
                self._cache[path] = cached
            out.append(cached[1])
        return out

    def forget(self, path: Path) -> None:
        with self._lock:
            self._cache.pop(path, None)

    def _row(self, path: Path) -> dict[str, Any]:
        rel = relative(self.root, path)
        doc = self.ws.open(path)
        data = doc.data if isinstance(doc.data, dict) else {}
        proposal = _dict(data.get("proposal"))
        addressee = _dict(data.get("addressee"))
        deputies = addressee.get("deputies")
        names = "、".join(str(d) for d in deputies) if isinstance(deputies, list) else str(addressee.get("unit") or "")
        fatal = next((f.message for f in doc.findings if f.severity == "fatal"), None)
        if fatal is not None:
            # nothing in it can be read: no type, status or deadline to claim, only why
            return {"file": rel, "number": "", "title": "", "deputies": "", "kind": "", "type": "",
                    "status": "无法读取", "due": "", "due_step": "", "overdue": False,
                    "errors": sum(1 for f in doc.findings if f.severity in ("error", "fatal")),
                    "warnings": sum(1 for f in doc.findings if f.severity == "warning"), "unreadable": fatal}
        return {
            "file": rel,
            "number": _text(proposal.get("number")),
            "title": _text(proposal.get("title")),
            "deputies": names,
            "kind": KIND_LABEL.get(data.get("kind"), _text(data.get("kind"))),
            "type": TYPE_LABEL.get(data.get("type") or "reply", _text(data.get("type"))),
            **_case_columns(self.ws, data, rel, path),
            "errors": sum(1 for f in doc.findings if f.severity in ("error", "fatal")),
            "warnings": sum(1 for f in doc.findings if f.severity == "warning"),
            "unreadable": fatal,
        }


def _case_columns(ws: Workspace, data: dict[str, Any], rel: str, path: Path) -> dict[str, str]:
    """Status and the next open deadline, from the caseload's own reading of the draft."""
    from drafter.caseload.cases import CaseRecord
    from drafter.caseload.deadlines import steps

    case = CaseRecord.from_data(data, rel, path)
    open_steps = [s for s in steps(case, ws.profile) if s.due is not None and s.done is None]
    nearest = min(open_steps, key=lambda s: s.due, default=None)
    return {
        "status": case.status,
        "due": nearest.due.isoformat() if nearest else "",
        "due_step": nearest.step if nearest else "",
        "overdue": bool(nearest and nearest.due < ws.today),
    }


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return "" if value is None else str(value)
