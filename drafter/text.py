"""Small text helpers shared by the model, the rules, the renderer and the importer."""

from __future__ import annotations

import datetime as dt
import re

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 99 -> 九十九, 101 -> 一百零一, 1010 -> 一千零一十 (up to 9999:
    a letter with more headings than that is refused long before by drafter.limits)."""
    if not 0 < n < 10000:
        raise ValueError(f"heading number out of range: {n}")
    if n < 100:
        tens, ones = divmod(n, 10)
        if tens == 0:
            return _DIGITS[ones]
        head = "十" if tens == 1 else _DIGITS[tens] + "十"
        return head + (_DIGITS[ones] if ones else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + unit
            zero = False
        else:
            zero = bool(out)
    return out


def parse_chinese_numeral(s: str) -> int | None:
    """Inverse of chinese_numeral; None if `s` is not one."""
    if not s or any(c not in _DIGITS + "十" for c in s):
        return None
    if "十" not in s:
        return _DIGITS.index(s) if len(s) == 1 and s != "零" else None
    tens_s, _, ones_s = s.partition("十")
    if len(tens_s) > 1 or len(ones_s) > 1:
        return None
    tens = 1 if not tens_s else _DIGITS.index(tens_s)
    ones = 0 if not ones_s else _DIGITS.index(ones_s)
    return tens * 10 + ones if tens else None


def chinese_date(d: dt.date) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, four-digit year, no leading zeros: 2025年5月7日."""
    return f"{d.year}年{d.month}月{d.day}日"


def parse_iso_date(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s or "") else None
    except ValueError:
        return None


_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
# Text a draft marks as not for publication: [[…]]. Printed without the brackets in the
# signed letter, masked in the public copy.
PRIVATE = re.compile(r"\[\[(.+?)\]\]", re.S)


def unmark_private(text: str) -> str:
    return PRIVATE.sub(lambda m: m.group(1), text)


def bold_spans(paragraph: str) -> list[tuple[str, bool]]:
    """Split a paragraph written with **bold** markup into (text, bold) pieces, as printed:
    [[private]] markers dropped (the public copy masks those spans before it gets here)."""
    paragraph = unmark_private(paragraph)
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _BOLD.finditer(paragraph):
        if m.start() > pos:
            pieces.append((paragraph[pos : m.start()], False))
        pieces.append((m.group(1), True))
        pos = m.end()
    if pos < len(paragraph):
        pieces.append((paragraph[pos:], False))
    return pieces


def plain_text(paragraph: str) -> str:
    """The paragraph as printed: bold markers removed."""
    return "".join(text for text, _ in bold_spans(paragraph))


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F
