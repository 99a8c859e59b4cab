"""A .docx opened as its zip members, for edits that must leave the rest of the file alone.

Review copies (comments, tracked changes) change document.xml and add or extend a few
parts; every other member is copied byte for byte, so whatever Word, WPS or another
tool put in the original (images, custom XML, fonts, settings) is still there.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from drafter import limits
from drafter.drafts import LoadError, fatal

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

# The budgets and the one safe parser (no DTDs, no entities, no network) are drafter.limits'.
MAX_PART_BYTES = limits.ZIP_MEMBER_BYTES  # inflated; a reply's document.xml is well under 1 MB
MAX_TOTAL_BYTES = limits.ZIP_TOTAL_BYTES
_PARSER = limits.xml_parser()


class WordPackage:
    """Members of a .docx; `xml()` parts are parsed once and written back only if changed."""

    def __init__(self, data: bytes, name: str = "letter.docx"):
        self.name = name
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise LoadError(fatal(name, "IO013", "不是有效的 Word 文档（.docx）：文件已损坏或不是 Word 文件，"
                                                  "请用 Word/WPS 打开后另存为 .docx")) from None
        if len(infos) > limits.ZIP_MEMBERS:
            raise LoadError(fatal(name, "IO013", f"不是有效的 Word 文档（.docx）：压缩包内有 {len(infos)} 个部件，超过上限 {limits.ZIP_MEMBERS} 个"))
        total = 0
        self._infos: list[zipfile.ZipInfo] = []
        self._raw: dict[str, bytes] = {}
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                raise LoadError(fatal(name, "IO013", "不是有效的 Word 文档（.docx）：解压后过大，拒绝处理"))
            try:
                self._raw[info.filename] = limits.read_member(zf, info.filename)  # stops at the cap
            except limits.BudgetExceeded as exc:
                raise LoadError(fatal(name, "IO013", f"不是有效的 Word 文档（.docx）：{exc.message}")) from None
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
                raise LoadError(fatal(name, "IO013", "不是有效的 Word 文档（.docx）：文件已损坏（压缩数据无法读取），"
                                                      "请用 Word/WPS 打开后另存为 .docx")) from None
            self._infos.append(info)
        self._xml: dict[str, etree._Element] = {}
        self._changed: set[str] = set()
        self.main = self._main_part()

    # -- parts -------------------------------------------------------------------------------
    def has(self, part: str) -> bool:
        return part in self._raw or part in self._xml

    def xml(self, part: str) -> etree._Element:
        if part not in self._xml:
            try:
                self._xml[part] = etree.fromstring(self._raw[part], _PARSER)
            except (KeyError, etree.XMLSyntaxError):
                raise LoadError(fatal(self.name, "IO013", f"不是有效的 Word 文档（.docx）：内部结构损坏（{part}），"
                                                          "请用 Word/WPS 打开后另存为 .docx")) from None
        return self._xml[part]

    def changed(self, part: str) -> None:
        """Mark a part returned by xml() as edited, so it is serialised on save."""
        self._changed.add(part)

    def put_xml(self, part: str, root: etree._Element) -> None:
        self._xml[part] = root
        self._changed.add(part)

    @property
    def main_rels(self) -> str:
        folder, base = posixpath.split(self.main)
        return posixpath.join(folder, "_rels", base + ".rels")

    def _main_part(self) -> str:
        if "_rels/.rels" in self._raw:
            for rel in self.xml("_rels/.rels"):
                if rel.get("Type") == OFFICE_DOC:
                    return rel.get("Target", "word/document.xml").lstrip("/")
        if "word/document.xml" in self._raw:
            return "word/document.xml"
        raise LoadError(fatal(self.name, "IO013", "不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文（word/document.xml）"))

    def related(self, rel_type: str) -> str | None:
        """The part the main document relates to with `rel_type`, if any (path in the zip)."""
        if not self.has(self.main_rels):
            return None
        for rel in self.xml(self.main_rels):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                if target.startswith("/"):
                    return target.lstrip("/")
                return posixpath.normpath(posixpath.join(posixpath.dirname(self.main), target))
        return None

    def add_related(self, part: str, root: etree._Element, content_type: str, rel_type: str) -> None:
        """Add a new part with its content-type override and a relationship from the main part."""
        self.put_xml(part, root)
        ct = self.xml("[Content_Types].xml")
        etree.SubElement(ct, f"{{{CT_NS}}}Override", PartName="/" + part, ContentType=content_type)
        self.changed("[Content_Types].xml")
        if self.has(self.main_rels):
            rels = self.xml(self.main_rels)
        else:
            rels = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
        ids = {r.get("Id") for r in rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        target = posixpath.relpath(part, posixpath.dirname(self.main))
        etree.SubElement(rels, f"{{{RELS_NS}}}Relationship", Id=f"rId{n}", Type=rel_type, Target=target)
        self.put_xml(self.main_rels, rels)

    # -- output ------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            written = set()
            for info in self._infos:
                data = self._serialised(info.filename) if info.filename in self._changed else self._raw[info.filename]
                zf.writestr(info, data)
                written.add(info.filename)
            for part in sorted(self._changed - written):
                zf.writestr(zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0)), self._serialised(part),
                            compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()

    def _serialised(self, part: str) -> bytes:
        return etree.tostring(self._xml[part], xml_declaration=True, encoding="UTF-8", standalone=True)
