"""Decoding a letter saved as plain text: UTF-8, GBK/GB18030, UTF-16 (Windows Notepad's
"Unicode"), and Big5 told apart from GBK instead of read as gibberish.

Drafts keep their own stricter decoder (drafter.drafts.decode_bytes): a draft must round-trip,
an imported letter only has to be read.
"""

from __future__ import annotations

from drafter.drafts import LoadError, decode_bytes, fatal


def _utf16_without_bom(raw: bytes) -> str | None:
    """Notepad and some exporters write UTF-16 without a BOM: every other byte of ASCII is NUL."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > half * 0.2:
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _looks_big5(raw: bytes) -> bool:
    """Simplified Chinese in GBK uses almost only GB2312 (both bytes ≥ 0xA1); Big5 puts about half
    of its second bytes in 0x40–0x7E, which GBK would read as rare extension characters."""
    low = high = 0
    i = 0
    n = len(raw)
    while i < n - 1:
        b = raw[i]
        if b < 0x80:
            i += 1
            continue
        t = raw[i + 1]
        if 0xA1 <= b <= 0xF9:
            if 0x40 <= t <= 0x7E:
                low += 1
            elif t >= 0xA1:
                high += 1
        i += 2
    pairs = low + high
    return pairs >= 4 and low / pairs > 0.15


def decode_letter(raw: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name). Raises LoadError (one line, Chinese) when no encoding fits."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise LoadError(fatal(name, "IM020", "文件标为 UTF-16 编码但内容不完整，请另存为 UTF-8")) from None
    text = _utf16_without_bom(raw)
    if text is not None:
        return text, "utf-16"
    try:
        body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_big5(raw):
        try:
            return raw.decode("big5hkscs"), "big5"
        except UnicodeDecodeError:
            pass
    return decode_bytes(raw, name)[0], "gb18030"
