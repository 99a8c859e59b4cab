"""Write draft data (from `drafter import`) as a YAML or JSON draft a person can edit."""

from __future__ import annotations

import io
import json
from typing import Any

from drafter.text import parse_iso_date

# A short Chinese label per top-level key, written as a comment above it.
SECTION_COMMENTS = {
    "kind": "npc：人大代表建议；cppcc：政协委员提案",
    "layout": "file：文件式；letter：信函式；plain：无版头",
    "organ": "发文机关",
    "doc_number": "发文字号",
    "signer": "签发人",
    "category": "类别标记",
    "title": "标题（与模板生成的不同，故保留）",
    "proposal": "所答复的建议/提案",
    "addressee": "主送",
    "acknowledgement": "开头语（与模板生成的不同，故保留）",
    "background": "办理背景",
    "measures": "措施与成效（序号由程序编排）",
    "problems": "存在问题",
    "next_steps": "下一步工作",
    "closing": "结束语",
    "signature": "落款",
    "contacts": "联系人",
    "copy_to": "抄送",
    "printing": "印发",
    "notes": "附注",
    "attachments": "附件",
}


def draft_text(data: dict[str, Any], fmt: str, schema_ref: str, source: str | None = None) -> str:
    if fmt == "json":
        out = {"$schema": schema_ref}
        out.update(data)
        return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    def convert(node: Any) -> Any:
        if isinstance(node, dict):
            m = CommentedMap()
            for k, v in node.items():
                # dates written bare (2019-07-01), not as quoted strings
                m[k] = parse_iso_date(v) or v if k in ("assigned", "date") and isinstance(v, str) else convert(v)
            return m
        if isinstance(node, list):
            return CommentedSeq(convert(v) for v in node)
        if isinstance(node, str) and "\n" in node:
            return LiteralScalarString(node)  # a two-paragraph closing reads as two lines
        return node

    doc = convert(data)
    for key in doc:
        if key in SECTION_COMMENTS:
            doc.yaml_set_comment_before_after_key(key, before="\n" + SECTION_COMMENTS[key] if key != next(iter(doc)) else SECTION_COMMENTS[key])
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    header = [f"# yaml-language-server: $schema={schema_ref}"]
    if source:
        header.append(f"# 由 drafter import 从 {source} 导入；请核对后运行 drafter check")
    return "\n".join(header) + "\n" + buf.getvalue()
