"""Shared text normalisation: punctuation width, stray spaces, 文号 brackets, loose dates.

Pure functions; the importer and the text rules' safe fixes both use them.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from drafter.grammar import canonical_doc_number, parse_loose_date
from drafter.text import is_cjk

# Full-width punctuation that counts as "Chinese context" next to a half-width mark.
_CJK_PUNCT = set("。，、；：？！“”‘’《》（）〔〕【】［］—…·「」『』")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_MARK = re.compile(r"[,:;?!().]")  # visit only these positions, not every character
_PARENS = re.compile(r"[()]")


def _chinese(ch: str | None) -> bool:
    return bool(ch) and (is_cjk(ch) or ch in _CJK_PUNCT)


def _neighbour(s: str, i: int, step: int) -> str | None:
    """The nearest non-space character from position i going in `step` direction."""
    j = i + step
    while 0 <= j < len(s) and s[j] in " \t":
        j += step
    return s[j] if 0 <= j < len(s) else None


def fullwidth_punctuation(s: str) -> str:
    """Half-width , : ; ? ! ( ) → full-width where a Chinese character is adjacent, and a
    "." that ends a Chinese sentence → "。".

    A () pair turns full-width when its content holds Chinese or the character just outside
    it is Chinese; "(ISO)" between Latin text, "12:30", "0577-1, 2" and URLs stay as they are.
    """
    if _HALF_MARK.search(s) is None:
        return s  # most prose: nothing to convert
    chars = list(s)
    # Pair parentheses first (no nesting in practice; innermost pairs win).
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _PARENS.finditer(s):
        i = m.start()
        if s[i] == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            pairs[j] = i
            pairs[i] = j
    for m in _HALF_MARK.finditer(s):
        i, ch = m.start(), m.group()
        if ch == ".":
            if _sentence_full_stop(s, i):
                chars[i] = "。"
            continue
        if ch in "()":
            if i in pairs:
                open_, close = min(i, pairs[i]), max(i, pairs[i])
                inner = s[open_ + 1 : close]
                convert = any(_chinese(c) for c in inner) or _chinese(_neighbour(s, open_, -1)) or _chinese(
                    _neighbour(s, close, 1)
                )
            else:
                convert = _chinese(_neighbour(s, i, -1)) or _chinese(_neighbour(s, i, 1))
        else:
            if _in_url(s, i):
                continue
            before, after = (s[i - 1] if i else None), (s[i + 1] if i + 1 < len(s) else None)
            convert = _chinese(before) or _chinese(after)
        if convert:
            chars[i] = _HALF_TO_FULL[ch]
    return "".join(chars)


# Around a half-width "." that ends a Chinese sentence ("收悉.该提案", "（第128号）.", "18.8%.").
_STOP_BEFORE = set("）)”’》」』】〕%‰")
_STOP_AFTER = set("（(“‘《「『【〔")
_NUMERAL = set("0123456789一二三四五六七八九十")
# What may stand before a list number "1." / "一." (start, 附件：, a previous item).
_NUMBERING_LEAD = set(" \t\u3000：:；;，,、（(")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _sentence_full_stop(s: str, i: int) -> bool:
    """Whether the "." at s[i] ends a Chinese sentence (and so should be "。").

    Never between digits ("4.26", "2.5亿"), in URLs, e-mail addresses, file names ("a.docx"),
    Latin abbreviations ("e.g."), or as the "1." / "一." numbering of a list item."""
    before = s[i - 1] if i else None
    after = s[i + 1] if i + 1 < len(s) else None
    if before is None or not (is_cjk(before) or before in _STOP_BEFORE or before.isdigit()):
        return False
    if not (after is None or after.isspace() or is_cjk(after) or after in _STOP_AFTER):
        return False
    if _in_url(s, i) or _inside(_EMAIL, s, i):
        return False
    if before in _NUMERAL:
        j = i - 1
        while j >= 0 and s[j] in _NUMERAL:
            j -= 1
        if i - 1 - j <= 3 and (j < 0 or s[j] in _NUMBERING_LEAD):
            return False  # "1.加强宣传", "附件：1.甲表 2.乙名录", "一.总体情况"
    return True


# Case folding only on the scheme: re.I over the CJK class costs ~8 ms of every start.
_URL = re.compile(r"(?i:https?|ftp)://[^\s\u4e00-\u9fff，。]+|(?i:www)\.[^\s\u4e00-\u9fff，。]+")


@lru_cache(maxsize=16)
def _spans(pattern: re.Pattern, s: str) -> tuple[tuple[int, int], ...]:
    """Where `pattern` matches in `s`, found once per text: asked once per punctuation mark, a
    fresh search each time made a long paragraph with many marks quadratic (a minute and more)."""
    return tuple(m.span() for m in pattern.finditer(s))


def _inside(pattern: re.Pattern, s: str, i: int) -> bool:
    spans = _spans(pattern, s)
    k = bisect.bisect_right(spans, (i, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _in_url(s: str, i: int) -> bool:
    return _inside(_URL, s, i)


_CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff"
_GAP = r"[ \t\u00a0\u3000]+"


def _gap_patterns(latin: str) -> tuple[re.Pattern, re.Pattern]:
    return (
        re.compile(rf"(?<=[{_CJK_CLASS}]){_GAP}(?=[{latin}])"),
        re.compile(rf"(?<=[{latin}]){_GAP}(?=[{_CJK_CLASS}])"),
    )


_GAPS_ALL = _gap_patterns(r"0-9A-Za-z%‰")
_GAPS_DIGITS = _gap_patterns(r"0-9%‰")


def remove_cjk_digit_spaces(s: str, letters: bool = True) -> str:
    """"于 2017 年 10 月" → "于2017年10月"; spaces between Latin words stay.

    With letters=False only spaces next to digits go ("PCT 授权" stays), which is what an
    importer wants: a space before a Latin word is often the author's own.
    """
    after, before = _GAPS_ALL if letters else _GAPS_DIGITS
    return before.sub("", after.sub("", s))


# Between two Chinese characters (or a Chinese mark and a character) a half-width space or a Tab
# is never wanted: it comes with text copied from PDF, Word or Excel and prints as a gap.
_CJK_WIDE = _CJK_CLASS + r"\u3001-\u303f\uff01-\uff0f\uff1a-\uff1f\u201c\u201d\u2018\u2019\u2014\u2026"
_CJK_GAP = re.compile(rf"(?<=[{_CJK_WIDE}])[ \t]+(?=[{_CJK_WIDE}])")


_BOOK_TITLE = re.compile(r"《[^《》]*》")


def remove_cjk_gaps(s: str) -> str:
    """"温州市市场 监督管理局" / "收悉。\t现答复如下" → no gap. Kept: the ideographic space (U+3000)
    some offices type on purpose, and a space inside 《》, where a standard's title has one
    (《企业知识产权合规管理体系 要求》)."""
    if " " not in s and "\t" not in s:
        return s
    titles = [m.span() for m in _BOOK_TITLE.finditer(s)]
    return _CJK_GAP.sub(lambda m: m.group() if any(a < m.start() < b for a, b in titles) else "", s)


def normalize_doc_number(s: str) -> str:
    """温市监提[2019]99号 / （2019） / ﹝2019﹞ → 温市监提〔2019〕99号, spaces removed."""
    return canonical_doc_number(s)


__all__ = ["fullwidth_punctuation", "normalize_doc_number", "parse_loose_date", "remove_cjk_digit_spaces",
           "remove_cjk_gaps"]
