"""The editor's round trips, through the library API: live check, one fix, save.

The browser holds the draft as plain data (the form edits it). A check opens that data as a
JSON draft in memory; a fix is applied by the API to that in-memory draft and the result is
sent back as data; a save merges the data into the file's own round-trip tree (drafter.
rewrite, the writer --fix uses), so the file keeps its comments, and writes it atomically — unless the file
changed on disk since the page was opened.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.api import Workspace
from drafter.drafts import ExistsError, draft_format, encode_text, loads_draft, os_reason, write_atomic
from drafter.findings import Edit
from drafter.rewrite import rewrite


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def finding_json(f) -> dict[str, Any]:
    fix = None
    if f.fix is not None:
        fix = {"description": f.fix.description, "safe": bool(f.fix.safe)}
    return {"code": f.code, "severity": f.severity, "message": f.message, "field": f.field,
            "line": f.line, "fix": fix}


def open_in_memory(ws: Workspace, data: Any, name: str):
    """The form's data as a draft held in memory (JSON: no comments to keep at this stage)."""
    return ws.open_text(json.dumps(data, ensure_ascii=False, indent=2), name=name, fmt="json")


def check(ws: Workspace, data: Any, name: str) -> list[dict[str, Any]]:
    doc = open_in_memory(ws, data, name)
    return [finding_json(f) for f in doc.findings if not _about_the_copy(f)]


def check_and_preview(ws: Workspace, data: Any, name: str) -> dict[str, Any]:
    """One pass for a keystroke: the findings and the preview of the same in-memory draft."""
    from drafter.web.preview import preview_html

    doc = open_in_memory(ws, data, name)
    findings = [finding_json(f) for f in doc.findings if not _about_the_copy(f)]
    return {"findings": findings, "preview": preview_html(ws, data, name, doc)}


def _about_the_copy(f) -> bool:
    """Warnings about the in-memory JSON copy itself (its encoding, its lines) mean nothing here."""
    return f.code.startswith("IO") and f.severity == "warning"


class FixNotFound(Exception):
    pass


def apply_fix(ws: Workspace, data: Any, name: str, code: str, field: str) -> tuple[Any, list[dict[str, Any]]]:
    doc = open_in_memory(ws, data, name)
    finding = next((f for f in doc.findings if f.code == code and f.field == field and f.fix is not None), None)
    if finding is None:
        raise FixNotFound("这个问题已不存在或不能自动修正；请看最新的检查结果")
    result = doc.apply_fix(finding)
    new_data = json.loads(result.text)
    return new_data, check(ws, new_data, name)


@dataclass
class Opened:
    raw: bytes
    hash: str
    data: Any
    findings: list[dict[str, Any]]
    fatal: str | None


# What each page opened, by hash, so a refused save can show what changed on disk since.
_OPENED: "OrderedDict[str, bytes]" = OrderedDict()
_OPENED_KEPT = 64


_OPENED_LOCK = threading.Lock()  # handlers run in a thread pool


def _remember(raw: bytes) -> str:
    key = digest(raw)
    with _OPENED_LOCK:
        _OPENED[key] = raw
        _OPENED.move_to_end(key)
        while len(_OPENED) > _OPENED_KEPT:
            _OPENED.popitem(last=False)
    return key


def open_file(ws: Workspace, path: Path, name: str) -> Opened:
    raw = path.read_bytes()
    _remember(raw)
    doc = ws.open(path)
    findings = [finding_json(f) for f in doc.findings]
    fatal = next((f["message"] for f in findings if f["severity"] == "fatal"), None)
    for f in findings:
        f["file"] = name
    return Opened(raw, digest(raw), doc.data, findings, fatal)


class Conflict(Exception):
    def __init__(self, diff: str, message: str = "文件在打开后被别人（或别的程序）改过，未保存"):
        super().__init__(message)
        self.diff = diff


class SaveFailed(Exception):
    pass


# One save of a file at a time: two tabs (or two colleagues) saving the same draft at the same
# moment would both find the file as they opened it and the second would overwrite the first.
_SAVING: dict[Path, threading.Lock] = {}


def _save_lock(path: Path) -> threading.Lock:
    with _OPENED_LOCK:
        return _SAVING.setdefault(path, threading.Lock())


def save(path: Path, name: str, data: Any, opened_hash: str, force: bool = False) -> str:
    """Write `data` into the draft file keeping its comments; returns the new hash.
    Refuses with Conflict (and the difference) when the file is not what the page opened."""
    with _save_lock(path):
        return _save(path, name, data, opened_hash, force)


def _save(path: Path, name: str, data: Any, opened_hash: str, force: bool) -> str:
    fmt = draft_format(path)
    with _OPENED_LOCK:
        opened = _OPENED.get(opened_hash)
    try:
        raw: bytes | None = path.read_bytes()
    except FileNotFoundError:
        raw = None                      # deleted or moved away since the page opened it
    except OSError as exc:
        raise SaveFailed(f"无法读取文件（{os_reason(exc)}）") from None
    if raw is None or digest(raw) != opened_hash:
        if not force:
            raise _conflict(name, fmt, raw, opened, data)
        # 仍然保存: the clerk's content, written into the file on disk if it can still be read
        # (its comments kept), else into the text the page opened, else as a fresh draft.
        bases = [b for b in (raw, opened) if b is not None]
    else:
        bases = [raw]
    new_raw = _merged(bases, fmt, name, path, data)
    try:
        write_atomic(path, new_raw, force=True)
    except (OSError, ExistsError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "文件已存在"
        raise SaveFailed(f"无法写入（{reason}）；文件是否正在 Word/WPS 中打开？") from None
    return _remember(new_raw)


def _merged(bases: list[bytes], fmt: str, name: str, path: Path, data: Any) -> bytes:
    """`data` written into the first base text that still reads as a draft: the round trip
    `--fix` uses (the whole form as one edit at the root), so the file keeps its comments."""
    from drafter.drafts import LoadError

    problem = None
    for base in bases:
        try:
            draft, _ = loads_draft(base, fmt, name, path)
            return encode_text(draft, rewrite(draft.text, fmt, [Edit((), data)]))
        except LoadError as exc:
            problem = exc.finding.message
    if bases and len(bases) == 1 and problem:
        raise SaveFailed(f"磁盘上的文件已无法读取（{problem}）")
    from drafter.resources import SCHEMA_NAME
    from drafter.serialize import draft_text

    body = {k: v for k, v in data.items() if k != "$schema"}
    return draft_text(body, fmt, str(data.get("$schema") or SCHEMA_NAME)).encode("utf-8")


def _conflict(name: str, fmt: str, raw: bytes | None, opened: bytes | None, data: Any) -> Conflict:
    """What changed on disk since the page opened the file, for the refusal."""
    if raw is None:
        return Conflict("", "磁盘上的文件在打开后被删除或移走了，未保存；点“仍然保存”会按您的内容重新写出这份草稿")
    encoding = _encoding(raw)
    if opened is not None:  # what the other hand changed
        old, new = _text(opened, _encoding(opened)), _text(raw, encoding)
        labels = (f"{name}（您打开时的内容）", f"{name}（磁盘上现在的内容）")
    else:  # the server was restarted since: what saving would change on disk
        old = _text(raw, encoding)
        try:
            new = _text(_merged([raw], fmt, name, Path(name), data), encoding)
        except SaveFailed:
            new = old
        labels = (f"{name}（磁盘上现在的内容）", f"{name}（您要保存的内容）")
    diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), *labels))
    return Conflict(diff)


def _encoding(raw: bytes) -> str:
    """The encoding the draft reader settles on for these bytes (drafts.decode_bytes)."""
    from drafter.drafts import LoadError, decode_bytes

    try:
        return decode_bytes(raw, "x")[1]
    except LoadError:
        return "utf-8"                  # unreadable: shown as UTF-8 with replacement marks


def _text(raw: bytes, encoding: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode(encoding, errors="replace").replace("\r\n", "\n")
