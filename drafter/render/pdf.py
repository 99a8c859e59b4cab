"""PDF through LibreOffice (`soffice --headless --convert-to pdf`).

Each call runs with a private, throw-away user profile so parallel conversions do not
fight over one profile lock, and with a timeout so a hung office process cannot hang us.

LibreOffice reads `w:overflowPunct` inverted: its DOCX import sets "hanging punctuation"
to `val == 0` (checked on 7.4; its own DOCX export writes the value the right way round).
The .docx we write is correct for Word and WPS (`val="0"`: no mark past the margin); the
copy handed to LibreOffice gets every overflowPunct value flipped, otherwise it hangs
full-width marks at line ends and drops them from the PDF.

LibreOffice also breaks lines after a `w:noBreakHyphen` (and after U+2011) in Chinese text,
splitting phone numbers such as 0577-89600223; in its copy the hyphen is held between word
joiners (U+2060), which it does honour.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Sequence

from drafter.drafts import os_reason, write_atomic
from drafter.limits import BudgetExceeded

TIMEOUT_S = 120  # one start
PER_FILE_S = 10  # and each file of a batch
_CANDIDATES = ("soffice", "libreoffice")


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed."""


class PdfError(RuntimeError):
    """LibreOffice ran but produced no PDF."""


# Where the installers put it when it is not on PATH (Windows, macOS).
_INSTALL_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def find_soffice() -> str | None:
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return next((p for p in _INSTALL_PLACES if os.path.isfile(p)), None)


_OVERFLOW_PUNCT = re.compile(rb'<(\w+):overflowPunct(?:\s+\1:val="([^"]*)")?\s*/>')
_FALSE = {b"0", b"false", b"off"}
_NO_BREAK_HYPHEN = re.compile(rb"<w:noBreakHyphen\s*/>")


def _flip_overflow_punct(xml: bytes) -> bytes:
    def flip(m: re.Match) -> bytes:
        on = m.group(2) is None or m.group(2) not in _FALSE
        prefix = m.group(1)
        return b'<%s:overflowPunct %s:val="%s"/>' % (prefix, prefix, b"0" if on else b"1")

    return _OVERFLOW_PUNCT.sub(flip, xml)


def libreoffice_copy(src: Path, dst: Path) -> None:
    """Copy a .docx for LibreOffice: w:overflowPunct inverted, no-break hyphens made to hold."""
    from drafter.limits import check_zip, read_member

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        check_zip(zin)
        for info in zin.infolist():
            data = read_member(zin, info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                if b"overflowPunct" in data:
                    data = _flip_overflow_punct(data)
                data = _NO_BREAK_HYPHEN.sub("<w:t>\u2060-\u2060</w:t>".encode("utf-8"), data)
            zout.writestr(info, data)


def convert_batch(docx_paths: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path | None]:
    """Convert many .docx in ONE LibreOffice start (a start costs 1–2 s). The PDF for each input,
    in order, or None for an input LibreOffice could not convert. Raises PdfUnavailable when
    LibreOffice is missing and PdfError when it cannot run at all (launch failure, timeout)."""
    exe = find_soffice()
    if not exe:
        raise PdfUnavailable("未安装 LibreOffice（找不到 soffice 或 libreoffice 命令），无法生成 PDF；"
                             "请先安装 LibreOffice，或只生成 .docx")
    if timeout is None:
        timeout = TIMEOUT_S + PER_FILE_S * len(docx_paths)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:
        sources: list[Path | None] = []
        for k, p in enumerate(docx_paths):
            # One name per input (LibreOffice names its output after it), so equal names never clash.
            src = Path(profile) / "in" / f"{k:05d}.docx"
            src.parent.mkdir(parents=True, exist_ok=True)
            try:
                libreoffice_copy(Path(p), src)
            except (OSError, zipfile.BadZipFile, KeyError, ValueError, BudgetExceeded):
                sources.append(None)  # not a readable .docx: reported as not converted
                continue
            sources.append(src)
        todo = [str(s) for s in sources if s is not None]
        proc = None
        if todo:
            cmd = [exe, f"-env:UserInstallation={(Path(profile) / 'user').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir), *todo]
            env = dict(os.environ, HOME=profile)   # LibreOffice writes caches under $HOME too
            try:
                proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                raise PdfError(f"LibreOffice 转换超时（超过 {timeout:.0f} 秒），请稍后重试") from None
            except OSError as exc:
                raise PdfError(f"无法启动 LibreOffice（{os_reason(exc)}）") from None
    results: list[Path | None] = []
    for src in sources:
        out = out_dir / (src.stem + ".pdf") if src is not None else None
        results.append(out if out is not None and out.is_file() and out.stat().st_size > 0 else None)
    if proc is not None and not any(results):
        detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
        hint = f"：{detail[-1]}" if detail else ""
        raise PdfError(f"LibreOffice 未能生成 PDF（退出码 {proc.returncode}）{hint}")
    return results


def convert_many(docx_paths: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
    """Like convert_batch, but every input must convert (PdfError names the first that did not)."""
    results = convert_batch(docx_paths, out_dir, timeout)
    for p, out in zip(docx_paths, results):
        if out is None:
            raise PdfError(f"LibreOffice 未能把 {Path(p).name} 转成 PDF，请确认它是有效的 .docx 文件")
    return results  # type: ignore[return-value]


def convert_to_pdf(docx_path: Path, pdf_path: Path, timeout: float = TIMEOUT_S) -> None:
    """Write `pdf_path` from `docx_path`; raises PdfUnavailable or PdfError (Chinese messages)."""
    docx_path, pdf_path = Path(docx_path), Path(pdf_path)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        # Convert a copy with the target's name: LibreOffice names its output after the input.
        src = Path(tmp) / (pdf_path.stem + ".docx")
        shutil.copyfile(docx_path, src)
        (out,) = convert_many([src], Path(tmp) / "out", timeout)
        # The caller decided about overwriting; the write itself is atomic like every other.
        write_atomic(pdf_path, out.read_bytes(), force=True)


# The four families a 公文 prints in (小标宋 titles and mark, 仿宋 text, 楷体 and 黑体 headings).
CHECKED_FAMILIES = ("fangsong", "kaiti", "heiti", "xiaobiaosong")


def installed_families() -> list[str] | None:
    """Font family names fontconfig knows (`fc-list : family`), or None without fontconfig
    (Windows, macOS without it): then nothing is said about fonts."""
    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        with subprocess.Popen([exe, ":", "family"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              stdin=subprocess.DEVNULL) as proc:
            out, _ = proc.communicate(timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    names = []
    for line in out.decode("utf-8", "replace").splitlines():
        names += [n.strip() for n in line.split(",") if n.strip()]
    return names


def missing_families(names: list[str] | None = None) -> list[str]:
    """Labels (仿宋, 楷体, 黑体, 小标宋) of the families no installed font provides: LibreOffice
    would substitute them silently (line breaks stay, since every CJK glyph is one em wide)."""
    from drafter.render.layout import FAMILY_LABEL, FONT_FAMILIES

    names = installed_families() if names is None else names
    if names is None:
        return []
    keys = [re.sub(r"[\s_\-]", "", n).lower() for n in names]
    return [FAMILY_LABEL[f] for f in CHECKED_FAMILIES
            if not any(frag in k for k in keys for frag in FONT_FAMILIES[f])]


def missing_fonts_line(names: list[str] | None = None) -> str | None:
    """One Chinese line naming the missing families, or None when all are there."""
    missing = missing_families(names)
    if not missing:
        return None
    return (f"提示：本机未安装{'、'.join(missing)}字体，PDF 中由 LibreOffice 以其他字体代替（分行不变，字形不同）；"
            "正式印发前请在装有这些字体的电脑上用 Word 或 WPS 核对")
