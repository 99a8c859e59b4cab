"""Hostile input files for every format drafter reads, built on the spot (nothing checked in).

Used by tests/test_hostile_files.py and bench/bench_hostile.py. Each builder writes one file
into `folder` and returns its path; HOSTILE lists them all with what `import` must answer.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wenzhou-2019.yaml"

_CT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       b'<Default Extension="xml" ContentType="application/xml"/>'
       b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
       b'</Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
         b'</Relationships>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(body: bytes, doctype: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + doctype
            + b"<w:document " + _W + b"><w:body>" + body + b"</w:body></w:document>")


def _para(text: bytes) -> bytes:
    return b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"


def _docx(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _minimal_parts(document: bytes) -> dict[str, bytes]:
    return {"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": document}


def zip_bomb(folder: Path, size: int = 1536 * 1024 * 1024) -> Path:
    """document.xml that inflates to 1.5 GB (by default) from a few MB, written as a stream so
    that building it never holds it in memory."""
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(_document(b"")[:-len(b"</w:body></w:document>")])
            block = b"<w:p/>" * (1024 * 1024 // 6)
            written = 0
            while written < size:
                fh.write(block)
                written += len(block)
            fh.write(b"</w:body></w:document>")
    return path


def zip_bomb_lying(folder: Path) -> Path:
    """A bomb whose local header claims a small size: the reader must stop at its cap anyway."""
    path = folder / "bomb-lying.docx"
    big = _document(b"<w:p/>" * (8 * 1024 * 1024))  # 48 MB inflated, over the 32 MB part budget
    _docx(path, _minimal_parts(big))
    raw = bytearray(path.read_bytes())
    # Patch the central directory's uncompressed size of document.xml to 1 KB.
    marker = b"PK\x01\x02"
    pos = 0
    while True:
        pos = raw.find(marker, pos)
        if pos < 0:
            break
        name_len = int.from_bytes(raw[pos + 28:pos + 30], "little")
        name = bytes(raw[pos + 46:pos + 46 + name_len])
        if name == b"word/document.xml":
            raw[pos + 24:pos + 28] = (1024).to_bytes(4, "little")
        pos += 4
    path.write_bytes(bytes(raw))
    return path


def xxe(folder: Path) -> Path:
    """An external entity naming /etc/passwd: its content must never appear anywhere."""
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _docx(folder / "xxe.docx", _minimal_parts(_document(_para(b"&xxe;") * 3, doctype)))


def billion_laughs(folder: Path) -> Path:
    lol = [b'<!ENTITY lol "lol">']
    for k in range(1, 10):
        prev = b"&lol%d;" % (k - 1) if k > 1 else b"&lol;"
        lol.append(b'<!ENTITY lol%d "%s">' % (k, prev * 10))
    doctype = b"<!DOCTYPE w:document [" + b"".join(lol) + b"]>"
    return _docx(folder / "laughs.docx", _minimal_parts(_document(_para(b"&lol9;"), doctype)))


def not_a_zip(folder: Path) -> Path:
    path = folder / "not-zip.docx"
    path.write_bytes(b"This is not a zip file at all.\n" * 100)
    return path


def zip_without_document(folder: Path) -> Path:
    return _docx(folder / "no-document.docx", {"[Content_Types].xml": _CT, "hello.txt": b"hi"})


def missing_header_part(folder: Path) -> Path:
    """A section whose header reference names a relationship that is not there."""
    body = (_para("关于政协提案的答复".encode()) +
            b'<w:sectPr><w:headerReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            b'w:type="default" r:id="rId99"/></w:sectPr>')
    doc = _document(body).replace(b"<w:document " + _W, b"<w:document " + _W +
                                  b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    return _docx(folder / "missing-header.docx", _minimal_parts(doc))


def many_members(folder: Path) -> Path:
    parts = _minimal_parts(_document(_para(b"x")))
    parts.update({f"word/media/p{k}.bin": b"" for k in range(5000)})
    return _docx(folder / "many-parts.docx", parts)


def big_text(folder: Path) -> Path:
    path = folder / "big.txt"
    line = "关于进一步加强食品安全监管的建议，现答复如下。\n".encode()
    with path.open("wb") as fh:
        for _ in range(31 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    return path


def binary_txt(folder: Path) -> Path:
    path = folder / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    return path


def zip_as_txt(folder: Path) -> Path:
    path = folder / "letter.txt"
    path.write_bytes(_docx(folder / "inner.docx", _minimal_parts(_document(_para(b"x")))).read_bytes())
    return path


def deep_html(folder: Path) -> Path:
    path = folder / "deep.html"
    path.write_text("<html><body>" + "<div>" * 1000 + "答复" + "</div>" * 1000 + "</body></html>", encoding="utf-8")
    return path


def deep_html_huge(folder: Path) -> Path:
    path = folder / "deeper.html"
    path.write_text("<html><body>" + "<span>" * 20_000 + "答复" + "</body></html>", encoding="utf-8")
    return path


def utf16_text(folder: Path) -> Path:
    path = folder / "utf16.txt"
    path.write_bytes("关于加强监管的建议的答复\n王代表：\n".encode("utf-16"))
    return path


def big5_text(folder: Path) -> Path:
    path = folder / "big5.txt"
    path.write_bytes("關於加強食品安全監管的建議的答復\n王代表：您好！您提出的建議收悉，現答復如下：一、加強監管。\n".encode("big5"))
    return path


def empty_txt(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def empty_html(folder: Path) -> Path:
    path = folder / "empty.html"
    path.write_bytes(b"")
    return path


def empty_docx(folder: Path) -> Path:
    path = folder / "empty.docx"
    path.write_bytes(b"")
    return path


def control_chars_txt(folder: Path) -> Path:
    path = folder / "control.txt"
    path.write_text("关于\x07加强监管的建议的答复\x1b\n王代表：\x7f\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Hostile:
    build: Callable[[Path], Path]
    code: str | None  # the code `drafter import` must answer with (one line); None: imported
    slow: bool = False  # takes seconds to build: bench and one test only

    @property
    def word(self) -> bool:
        return self.build.__name__ in WORD_BUILDERS


WORD_BUILDERS = {"zip_bomb", "zip_bomb_lying", "xxe", "billion_laughs", "not_a_zip", "zip_without_document",
                 "missing_header_part", "many_members", "empty_docx"}

HOSTILE = [
    Hostile(zip_bomb, "IM005", slow=True),
    Hostile(zip_bomb_lying, "IM007"),
    Hostile(xxe, "IM008"),
    Hostile(billion_laughs, "IM007"),
    Hostile(not_a_zip, "IM007"),
    Hostile(zip_without_document, "IM007"),
    Hostile(missing_header_part, "IM010"),
    Hostile(many_members, "IM005"),
    Hostile(big_text, "IM005", slow=True),
    Hostile(binary_txt, "IM006"),
    Hostile(zip_as_txt, "IM006"),
    Hostile(deep_html, "IM005"),
    Hostile(deep_html_huge, "IM005"),
    Hostile(utf16_text, None),  # read correctly (the importer decodes UTF-16 and Big5)
    Hostile(big5_text, None),
    Hostile(empty_txt, "IM008"),
    Hostile(empty_html, "IM008"),
    Hostile(empty_docx, "IM007"),
    Hostile(control_chars_txt, None),  # imported with the control characters dropped
]
