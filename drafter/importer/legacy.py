""".doc (Word 97–2003) and .wps (WPS Office) letters: LibreOffice turns them into .docx, which
the .docx reader then reads. Without LibreOffice the clerk gets a one-line hint instead."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from drafter.drafts import LoadError, fatal, os_reason

TIMEOUT_S = 120


def convert_to_docx(raw: bytes, suffix: str, name: str) -> bytes:
    from drafter.render.pdf import find_soffice

    exe = find_soffice()
    if not exe:
        raise LoadError(fatal(name, "IM040", f"导入 {suffix} 文件需要 LibreOffice（未找到 soffice）；"
                                             "请安装 LibreOffice，或在 Word/WPS 中另存为 .docx 后导入"))
    with tempfile.TemporaryDirectory(prefix="drafter-import-") as tmp:
        src = Path(tmp) / ("letter" + suffix)
        src.write_bytes(raw)
        out = Path(tmp) / "out"
        cmd = [exe, f"-env:UserInstallation={(Path(tmp) / 'user').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL,
                                  env=dict(os.environ, HOME=tmp))
        except subprocess.TimeoutExpired:
            raise LoadError(fatal(name, "IM041", f"LibreOffice 转换 {suffix} 超时，请在 Word/WPS 中另存为 .docx 后导入")) from None
        except OSError as exc:
            raise LoadError(fatal(name, "IM041", f"无法启动 LibreOffice（{os_reason(exc)}）")) from None
        target = out / "letter.docx"
        if proc.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            raise LoadError(fatal(name, "IM042", f"LibreOffice 无法读取这个 {suffix} 文件，文件可能已损坏；"
                                                 "请在 Word/WPS 中打开并另存为 .docx 后导入"))
        return target.read_bytes()
