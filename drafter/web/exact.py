"""The exact preview: the .docx the clerk would download, through LibreOffice, as page images."""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

RESOLUTION_DPI = 60   # an A4 page about 500 px wide: readable, and small enough to send inline
TIMEOUT_S = 120


def exact_pages(ws, data: Any, name: str) -> dict[str, Any]:
    from drafter.render.pdf import find_soffice
    from drafter.web.editing import open_in_memory

    if not find_soffice() or not shutil.which("pdftoppm"):
        return {"unavailable": "本机没有安装 LibreOffice 和 poppler（pdftoppm），无法生成精确预览；可下载 Word 文档查看"}
    doc = open_in_memory(ws, data, name)
    if not doc.ok:
        return {"blocked": f"草稿有 {len(doc.errors)} 个错误，改正后才能生成精确预览"}
    try:
        pdf = doc.pdf()
    except Exception as exc:  # noqa: BLE001 - the API's refusal carries its Chinese reason
        return {"blocked": f"无法生成 PDF：{exc}"}
    with tempfile.TemporaryDirectory(prefix="drafter-exact-") as tmp:
        source = Path(tmp) / "letter.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION_DPI), str(source), str(Path(tmp) / "page")],
                           check=True, capture_output=True, timeout=TIMEOUT_S)
        except (subprocess.SubprocessError, OSError) as exc:
            return {"blocked": f"页面图像生成失败（{exc}）"}
        images = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        pages = ["data:image/png;base64," + base64.b64encode(p.read_bytes()).decode("ascii") for p in images]
    return {"pages": pages}
