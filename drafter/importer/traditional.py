"""Letters in traditional characters, read as the simplified letters every recogniser expects.

A Big5 file, or a web page passed through a simplified→traditional converter, is still a
mainland reply (the draft it becomes is written in 规范汉字). Rather than teach every pattern
both scripts, the whole letter is converted to simplified characters with OpenCC (t2s) before
it is read, and the import says so in one warning. Some converter sites also insert the pinyin
of a character after it ("關(guān)于"); that annotation is no part of the letter and goes first.

A simplified letter is left alone: it is converted only when a clear share of its characters
are traditional, so a stray 著 or 乾 in a simplified text changes nothing.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u9fff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# "關(guān)" "鎮（zhèn）": lower-case pinyin with a tone mark, in brackets, right after a character
_PINYIN = re.compile(rf"(?<=[{_CJK}])[(（](?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}[)）]")
_HAN = re.compile(rf"[{_CJK}]")
# share of characters t2s changes above which the text is taken as written in traditional
_TRADITIONAL_SHARE = 0.04
_MIN_CHANGED = 3

# characters no simplified reply does without a traditional neighbour: a cheap first look
_COMMON_TRADITIONAL = re.compile("[們這個會說對關於時為區縣與來國經發現議辦廳號聯電話復處員應當讓請謝]")

_converter = None


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc  # loaded only for a letter that has traditional characters at all

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


def strip_pinyin(paragraphs: list[str]) -> list[str]:
    """Pinyin a converter site put after characters; two or more make it the site's habit,
    one could be the letter's own gloss."""
    if sum(len(_PINYIN.findall(p)) for p in paragraphs) < 2:
        return paragraphs
    return [_PINYIN.sub("", p) for p in paragraphs]


def to_simplified(paragraphs: list[str]) -> tuple[list[str], bool]:
    """(paragraphs, converted): the letter in simplified characters if it was in traditional."""
    text = "".join(paragraphs)
    han = len(_HAN.findall(text))
    if not han or not _COMMON_TRADITIONAL.search(text):
        return paragraphs, False  # the usual case: OpenCC is not even loaded
    out = [_t2s(p) for p in paragraphs]
    changed = sum(sum(a != b for a, b in zip(p, q)) + abs(len(p) - len(q)) for p, q in zip(paragraphs, out))
    if changed < _MIN_CHANGED or changed / han < _TRADITIONAL_SHARE:
        return paragraphs, False
    return out, True
