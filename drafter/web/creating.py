"""New drafts (from the scaffold with the office's profile), imported letters, downloads."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from drafter.api import Workspace
from drafter.web.folder import free_name

KINDS = ("npc", "cppcc")
LAYOUTS = ("file", "letter", "plain")
HANDLINGS = ("独办", "主办", "协办", "会办", "分办")
DOC_TYPES = ("reply", "opinion", "return", "extension")


def _schema_ref(path: Path) -> str:
    """As `drafter new` does: the schema's bare file name, with the folder's copy kept beside the
    draft (drafter.resources.schema_beside; never overwriting the folder's copy)."""
    from drafter.resources import SCHEMA_NAME, schema_beside

    try:
        schema_beside(path)
    except OSError:
        pass  # a read-only folder: the draft is still written or refused on its own
    return SCHEMA_NAME


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
    if hasattr(options, "doc_type"):  # 答复函, 协办意见, 退办函, 延期说明 (the document-types issue)
        options.doc_type = _choice(form.get("type"), DOC_TYPES, "reply")
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


DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# format → (label shown on the button, Document method, file name suffix, media type). The
# other documents of a case come with the document-types issue; only those this drafter has
# are offered.
FORMATS = {
    "docx": ("下载 Word", "docx", ".docx", DOCX_MEDIA),
    "pdf": ("下载 PDF", "pdf", ".pdf", "application/pdf"),
    "public": ("公开版", "public_docx", "-公开版.docx", DOCX_MEDIA),
    "form": ("征求意见表", "form_docx", "-征求意见表.docx", DOCX_MEDIA),
    "text": ("平台正文", "platform_text", "-正文.txt", "text/plain; charset=utf-8"),
}


def other_documents() -> list[dict[str, str]]:
    from drafter.api import Document

    return [{"format": key, "label": label} for key, (label, method, _, _) in FORMATS.items()
            if key not in ("docx", "pdf") and hasattr(Document, method)]


def render_file(ws: Workspace, path: Path, kind: str) -> tuple[bytes, str, str]:
    """The saved draft as one of its documents: (bytes, file name, media type)."""
    from drafter.api import Document, RenderRefused

    if kind not in FORMATS or not hasattr(Document, FORMATS[kind][1]):
        raise RenderProblem("不支持的下载格式")
    label, method, suffix, media = FORMATS[kind]
    doc = ws.open(path)
    if not doc.ok:
        first = doc.errors[0]
        raise RenderProblem(f"草稿有 {len(doc.errors)} 个错误，不能生成（第一个：{first.code} {first.message}）；改正并保存后再下载")
    try:
        result = getattr(doc, method)()
    except RenderRefused as exc:
        first = exc.findings[0] if exc.findings else None
        raise RenderProblem(f"未生成{label}：" + (f"{first.code} {first.message}" if first else str(exc))) from None
    except Exception as exc:  # noqa: BLE001 - LibreOffice missing or failing: its Chinese message
        raise RenderProblem(f"未生成{label}：{exc}") from None
    if kind == "text":
        result = result.encode(ws.profile.text)
    return result, path.stem + suffix, media


class IntakeRefused(Exception):
    pass


def intake_list(ws: Workspace, root: Path, name: str, raw: bytes) -> dict[str, Any]:
    """An uploaded 交办清单 → one new draft per row (drafter intake: existing drafts untouched)."""
    from drafter.web.editing import finding_json

    with tempfile.TemporaryDirectory(prefix="drafter-intake-") as tmp:
        source = Path(tmp) / (Path(name).stem + Path(name).suffix.lower())
        source.write_bytes(raw)
        try:
            result = ws.caseload(root).intake(source, _schema_ref(root / "x.yaml"))
        except Exception as exc:  # noqa: BLE001 - SheetError / ValueError carry one Chinese line
            raise IntakeRefused(f"未导入：{exc}") from None
    fatal = next((f for f in result.findings if f.severity == "fatal"), None)
    if fatal is not None and not result.created:
        raise IntakeRefused(f"未导入：{fatal.message}")
    created = [p.relative_to(root).as_posix() for p in result.created]
    prefix = str(root) + "/"
    result.differences = [line.replace(prefix, "") for line in result.differences]
    message = f"导入交办清单 {name}：新建 {len(created)} 份草稿，已有 {len(result.existing)} 份未改动"
    if result.findings:
        message += f"，{len(result.findings)} 处问题（见下）"
    return {"message": message, "created": created, "differences": list(result.differences),
            "findings": [finding_json(f) for f in result.findings]}
