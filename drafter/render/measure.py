"""Text widths and line breaking with the metric the page uses.

Every CJK character and full-width mark is one em of its size; Latin letters and digits are
set in Times New Roman (Liberation Serif has the same advance widths), so their widths come from
its metrics. Each character also carries the run's character spacing. The line breaker follows
the rules LibreOffice (ICU) and Word apply to Chinese text: a break may fall between any two
ideographs, never inside a Latin word or a number, never before a closing mark or after an
opening one, never on either side of a quotation mark, never around a word joiner (U+2060).

These are plain functions so that an HTML preview can break lines the way the page does.
"""

from __future__ import annotations

from functools import lru_cache

WORD_JOINER = "\u2060"

# Times New Roman advance widths (1/1000 em) for printable ASCII 32..126.
_TIMES = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,   # ' ' .. '/'
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,   # '0' .. '?'
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,   # '@' .. 'O'
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,   # 'P' .. '_'
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,   # '`' .. 'o'
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,        # 'p' .. '~'
]

# Never at the start of a line (closing marks, 。，、 and friends, ASCII closers). In Chinese
# text ” and ’ close and “ and ‘ open (ICU's Chinese tailoring, as LibreOffice breaks).
NO_LINE_START = set("，。、；：？！）》」』〕】〗〉…‰％”’·" "!),.:;?]}%")
# Never at the end of a line (opening marks).
NO_LINE_END = set("（《「『〔【〖〈“‘" "([{")
_CLOSERS = set("、，。）》」』〕】〗〉”’")
# ASCII quotation marks: no break on either side (ICU's QU class).
_QUOTES = set("\"'")


def em(ch: str) -> float:
    """Advance of one character in em (without character spacing)."""
    if ch == WORD_JOINER:
        return 0.0
    o = ord(ch)
    if 32 <= o <= 126:
        return _TIMES[o - 32] / 1000
    if o < 0x2000 and ch != "·":
        return 0.5
    return 1.0


# Word and LibreOffice put extra space between a Chinese character and a digit or Latin letter
# next to it ("2019年" is wider than 4 digits and a character). LibreOffice always does so in
# DOCX; measured: a fifth of an em. Where the font changes (Chinese font to Times New Roman or
# back), the last character before the change does not get the run's character spacing.
AUTOSPACE_EM = 0.2


# Curly quotation marks have no script of their own: they take the font of the character before
# them (Times New Roman after a digit or at the start of a paragraph, where they are narrow).
_WEAK = {"“": 0.444, "”": 0.444, "‘": 0.333, "’": 0.333}


def _is_ideograph(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F or 0xF900 <= o <= 0xFAFF


def _autospace(a: str, b: str) -> bool:
    return (_is_ideograph(a) and b.isascii() and b.isalnum()) or (a.isascii() and a.isalnum() and _is_ideograph(b))


def advances(text: str, size: float, spacing: float = 0.0, after: str = "") -> list[float]:
    """Advance of every character of `text` in pt: glyph, character spacing, and at a change of
    script the extra space (`after` is the character that follows the text, if any).
    A space or a curly quote takes the font of the character before it (a space is half an em
    in a Chinese font)."""
    chars = text + after[:1]
    latin = []
    for k, ch in enumerate(chars):
        if ch == " " or ch in _WEAK:
            latin.append(latin[-1] if k else ch == " " or ch in _WEAK)
        else:
            latin.append(ch.isascii())
    out = []
    for i, ch in enumerate(text):
        if ch == " " and not latin[i]:
            a = 0.5 * size
        elif ch in _WEAK and latin[i]:
            a = _WEAK[ch] * size
        else:
            a = em(ch) * size
        if i + 1 < len(chars) and latin[i] != latin[i + 1]:
            if _autospace(ch, chars[i + 1]):
                a += AUTOSPACE_EM * size
        elif i + 1 < len(chars) or not after:
            a += spacing
        out.append(a)
    return out


def width_pt(text: str, size: float, spacing: float = 0.0) -> float:
    """Printed width of `text` at `size` pt with `spacing` pt added after every character."""
    return sum(advances(_visible(text), size, spacing))


def _visible(text: str) -> str:
    return text.replace(WORD_JOINER, "")


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def can_break(a: str, b: str) -> bool:
    """May a line end after character a when b follows?"""
    if a == WORD_JOINER or b == WORD_JOINER:
        return False
    if b.isspace():
        return False                          # spaces hang at the end of the line
    if a.isspace():
        return True
    if _ascii_word(a) and _ascii_word(b):
        return False
    if b in NO_LINE_START or a in NO_LINE_END or a in _QUOTES or b in _QUOTES:
        return False
    if a == b and a in "—…":
        return False
    # ICU (measured in LibreOffice): a closing mark stays with a following number or word
    # ("、36名", "。2024年"), and a number or word with a following opening mark ("5（").
    if a in _CLOSERS and b.isascii() and b.isalnum():
        return False
    if a.isascii() and a.isalnum() and b in NO_LINE_END:
        return False
    return True


def _spaced_hold(before: str, ch: str) -> bool:
    """No break after spaces when an opening mark precedes them or a closing one follows."""
    if not before[-1:].isspace():
        return False
    head = before.rstrip()
    return ch in NO_LINE_START or (bool(head) and head[-1] in NO_LINE_END)


def clusters(text: str) -> list[str]:
    """`text` cut into pieces that never break inside."""
    out: list[str] = []
    cur = ""
    for ch in text:
        if cur and can_break(cur[-1], ch) and not _spaced_hold(cur, ch):
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def wrap(text: str, first_pt: float, rest_pt: float, size: float, spacing: float = 0.0) -> list[str]:
    """Lines of a paragraph whose first line is `first_pt` wide and the others `rest_pt`."""
    return list(_wrap(text, round(first_pt, 3), round(rest_pt, 3), size, spacing))


@lru_cache(maxsize=4096)
def _wrap(text: str, first_pt: float, rest_pt: float, size: float, spacing: float) -> tuple[str, ...]:
    lines: list[str] = []
    cur, cur_w = "", 0.0
    room = first_pt
    eps = -0.3                                # LibreOffice rounds glyph widths: keep a little slack
    # Advances in context (the space between scripts depends on the neighbour), joiners skipped.
    vis = _visible(text)
    adv = advances(vis, size, spacing)
    end_extra = [max(0.0, a - (em(c) * size + spacing)) if c != " " else 0.0 for c, a in zip(vis, adv)]
    pos = 0
    for piece in clusters(text):
        n = len(_visible(piece))
        piece_adv = adv[pos:pos + n]
        pos += n
        stripped = len(_visible(piece.rstrip()))
        # At the end of a line the space between scripts is not added.
        w = sum(piece_adv[:stripped]) - (end_extra[pos - n + stripped - 1] if stripped else 0.0)
        if cur and cur_w + w > room + eps:
            lines.append(cur)
            cur, cur_w, room = "", 0.0, rest_pt
        if not cur and w > room + eps:          # a piece wider than a line: by characters
            vis_chars = [c for c in piece if c != WORD_JOINER]
            for ch, cw in zip(vis_chars, piece_adv):
                if cur and cur_w + cw > room + eps:
                    lines.append(cur)
                    cur, cur_w, room = "", 0.0, rest_pt
                cur += ch
                cur_w += cw
            continue
        cur += piece
        cur_w += sum(piece_adv)
    if cur or not lines:
        lines.append(cur)
    return tuple(lines)


def join_names(text: str, names) -> str:
    """`text` with a word joiner between the characters of every name in `names`, so that no
    renderer breaks a line inside a name (主送 and 抄送)."""
    for name in sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True):
        joined = WORD_JOINER.join(name)
        start = 0
        while True:
            k = text.find(name, start)
            if k < 0:
                break
            text = text[:k] + joined + text[k + len(name):]
            start = k + len(joined)
    return text
