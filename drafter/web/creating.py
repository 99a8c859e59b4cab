"""New drafts (from the scaffold with the office's profile), imported letters, downloads."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from drafter.api import Workspace
from drafter.web.folder import free_name

KINDS = ("npc", "cppcc")
LAYOUTS = ("file", "letter", "plain")
HANDLINGS = ("独办", "主办", "协办", "会办", "分办")


def _schema_ref(path: Path) -> str:
    from drafter.resources import schema_path

    target = schema_path()
    try:
        return Path(os.path.relpath(target, path.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_uri()


def _choice(value: Any, allowed: tuple[str, ...], default: str | None) -> str | None:
    return value if isinstance(value, str) and value in allowed else default


def _opt(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def scaffold_text(ws: Workspace, path: Path, form: dict[str, Any]) -> str:
    """The same scaffold as `drafter new`, filled from the form and the office's drafter.toml."""
    from drafter.scaffold import ScaffoldOptions, render_scaffold

    organ = ws.profile.organ
    kind = _choice(form.get("kind"), KINDS, organ.get("kind", "npc"))
    layout = _choice(form.get("layout"), LAYOUTS, organ.get("layout") or "file")
    deputies = [d for d in re.split(r"[、，,；;\s]+", str(form.get("deputies") or "")) if d]
    options = ScaffoldOptions(
        kind=kind, layout=layout, session=_opt(form.get("session")), number=_opt(form.get("number")),
        handling=_choice(form.get("handling"), HANDLINGS, "独办"), deputies=deputies,
        schema=_schema_ref(path))
    options.apply_profile(organ)
    text = render_scaffold(options)
    if path.suffix.lower() == ".json":
        import json

        from drafter.drafts import loads_draft

        draft, _ = loads_draft(text, "yaml", path.name)
        data = {"$schema": options.schema, **draft.data}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text


class ImportRefused(Exception):
    pass


def import_letter(ws: Workspace, root: Path, name: str, raw: bytes) -> tuple[Path, list[dict[str, Any]]]:
    """An uploaded letter → a new draft beside the others (never replacing one)."""
    from drafter.api import import_letter as read_letter
    from drafter.drafts import write_atomic
    from drafter.serialize import draft_text
    from drafter.web.editing import finding_json

    with tempfile.TemporaryDirectory(prefix="drafter-import-") as tmp:
        source = Path(tmp) / ("upload" + Path(name).suffix.lower())
        source.write_bytes(raw)
        result = read_letter(source, name=name)
    if result.data is None:
        reason = result.findings[0].message if result.findings else "无法读取"
        raise ImportRefused(f"未导入：{reason}")
    target = free_name(root, Path(name).stem)
    text = draft_text(result.data, "yaml", _schema_ref(target), source=name)
    write_atomic(target, text.encode("utf-8"), force=False)
    return target, [finding_json(f) for f in result.findings]


class RenderProblem(Exception):
    pass


MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render_file(ws: Workspace, path: Path, kind: str) -> tuple[bytes, str, str]:
    """The saved draft rendered: (.docx or PDF bytes, file name, media type)."""
    if kind not in MEDIA:
        raise RenderProblem("不支持的下载格式")
    doc = ws.open(path)
    if not doc.ok:
        first = doc.errors[0]
        raise RenderProblem(f"草稿有 {len(doc.errors)} 个错误，不能生成（第一个：{first.code} {first.message}）；改正并保存后再下载")
    try:
        data = doc.docx() if kind == "docx" else doc.pdf()
    except Exception as exc:  # noqa: BLE001 - the API's own refusals carry a Chinese message
        raise RenderProblem(f"无法生成：{exc}") from None
    return data, path.stem + "." + kind, MEDIA[kind]
