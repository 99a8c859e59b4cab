"""The domain grammar of a reply letter, in one place: phone numbers, 文号, dates (Arabic,
Chinese numerals, and the broken forms text extraction leaves), heading markers.

The rules (what a draft must look like) and the importer (finding those things in a letter
someone else wrote) both read these definitions, so the two can never disagree on what a
phone number or a heading marker is.
"""

from __future__ import annotations

import datetime as dt
import re

from drafter.text import parse_chinese_numeral

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"

# -- 文号 -------------------------------------------------------------------------------

# Every bracket people type around the year of a 文号; the canonical one is 〔〕.
BRACKET_OPEN = r"[\[［【(（﹝〔〖]"
BRACKET_CLOSE = r"[\]］】)）﹞〕〗]"
DOC_NUMBER_YEAR = re.compile(rf"{BRACKET_OPEN}\s*((?:19|20)\d{{2}})\s*{BRACKET_CLOSE}")
# 机关代字 + bracketed year + (第) serial + 号; "第" and leading zeros are kept as written.
DOC_NUMBER = re.compile(
    rf"([{CJK}]{{1,14}}|[A-Z]{{1,3}})\s*{BRACKET_OPEN}\s*((?:19|20)\d{{2}})\s*{BRACKET_CLOSE}\s*第?\s*(\d{{1,5}})\s*号"
)
# The same with a part lost in extraction: the closing bracket or the final 号.
DOC_NUMBER_BROKEN = re.compile(
    rf"([{CJK}]{{1,14}})\s*{BRACKET_OPEN}\s*((?:19|20)\d{{2}})\s*{BRACKET_CLOSE}?\s*第?\s*(\d{{1,5}})\s*号?(?![\d年])"
)


def canonical_doc_number(s: str) -> str:
    """温市监提[2019]99号 / （2019） / ﹝2019﹞ → 温市监提〔2019〕99号, spaces removed."""
    s = re.sub(r"\s+", "", s)
    return DOC_NUMBER_YEAR.sub(lambda m: f"〔{m.group(1)}〕", s)


# -- phone numbers ------------------------------------------------------------------------

# Landline: optional area code 0XX(X) (in brackets, or followed by "-" or a space), 7–8 digits,
# optional extension "-123" or "转123".
_AREA = r"(?:[(（]0\d{2,3}[)）]|0\d{2,3})"
LANDLINE = re.compile(rf"(?:{_AREA}[-－— ]?)?[2-9]\d{{6,7}}(?:-\d{{1,5}}|转\d{{1,6}})?")
MOBILE = re.compile(r"(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}")
SERVICE = re.compile(r"[48]00[- ]?\d{3}[- ]?\d{4}|12\d{3}")  # 400/800 numbers; 12345, 12315 hotlines
# Finding numbers inside running text: the same shapes, not part of a longer digit run (after
# an area code any 7–8 digits are read, so that CT701 can report a mistyped one).
PHONE_IN_TEXT = re.compile(
    rf"(?<![\d\-])(?:{_AREA}[-－—]?\s?\d{{7,8}}(?:(?:-|转)\d{{1,5}})?|1[3-9]\d{{9}}|[2-9]\d{{6,7}}(?:转\d{{1,5}})?)(?![\d\-])"
)

# Phones a public copy removes from prose. A bare 7–8 digit number in running text is as
# likely an amount as a phone, so a landline counts only with its area code or right after a
# phone label; mobiles count anywhere. Digit boundaries ignore CJK (手机13905771234).
_NOT_IN_NUMBER = r"(?<![0-9A-Za-z-])"
PHONE_IN_PROSE = re.compile(
    _NOT_IN_NUMBER + rf"(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{{4}}){{2}}(?![0-9])"
    + rf"|{_NOT_IN_NUMBER}{_AREA}[-－— ]?[2-9]\d{{6,7}}(?:-\d{{1,5}}|转\d{{1,6}})?(?![0-9])"
    + r"|(?<=电话|座机|手机|号码|传真)[:：为是]?\s*[2-9]\d{6,7}(?![0-9])"
)

# -- personal numbers (the public copy) -------------------------------------------------

# Resident ID: 18 characters (6 region digits, birth date, 3 digits, check digit or X), or the old 15.
ID_NUMBER = re.compile(
    _NOT_IN_NUMBER + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])"
    + "|" + _NOT_IN_NUMBER + r"[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])"
)
# The numbered part of a street address: 幸福路12号3栋501室 → "12号3栋501室".
HOUSE_NUMBER = re.compile(
    r"(?<=[路街巷道弄里村组])(?:\d+弄)?\d+号(?:院)?(?:[之-]?\d+(?:号楼|幢|栋|座|楼|单元|层|室|户))*"
)

# A number published with digits masked: "189******6664", "0571-8***1234".
MASKED_PHONE = re.compile(r"(?<![\d*])(?:1[3-9]\d|0\d{2,3}-?)[\d*＊]{4,8}\d{2,4}(?![\d*])")


def phone_ok(phone: str) -> bool:
    p = phone.strip()
    return any(rx.fullmatch(p) for rx in (LANDLINE, MOBILE, SERVICE))


def phone_spans(s: str) -> list[tuple[int, int, str]]:
    """(start, end, phone) of every phone number in `s`, in order; the phone as find_phones gives it."""
    found = [(m.start(), m.end(), m.group(0)) for m in PHONE_IN_TEXT.finditer(s)]
    found += [(m.start(), m.end(), m.group(0)) for m in MASKED_PHONE.finditer(s) if re.search(r"[*＊]", m.group(0))]
    return [(a, b, re.sub(r"\s", "", p).replace("－", "-").replace("—", "-")) for a, b, p in sorted(found)]


def find_phones(s: str) -> list[str]:
    """Every phone number in `s`, as written but with spaces and dash variants made plain."""
    return [p for _, _, p in phone_spans(s)]


# -- dates --------------------------------------------------------------------------------

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT.update({"零": 0, "○": 0, "О": 0, "Ｏ": 0, "0": 0, "o": 0, "O": 0})
CN_YEAR_DIGITS = "〇零○ОＯ0oO一二三四五六七八九"
CN_SMALL = "一二三四五六七八九十"

YMD = re.compile(r"((?:19|20)\d{2})\s*[年\-./／]\s*(\d{1,2})\s*[月\-./／]\s*(\d{1,2})\s*日?")
CN_YMD = re.compile(rf"([{CN_YEAR_DIGITS}]{{4}})\s*年\s*([{CN_SMALL}]{{1,3}})\s*月\s*([{CN_SMALL}]{{1,3}})\s*日")
COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{4,6})(?!\d)")
# Separators lost in extraction: "2024 1018", "2021年826", "2023617日", "2024年10 18日".
BROKEN = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*)?(\d{1,2})\s*(?:月\s*)?(\d{1,2})\s*日"
    r"|(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{2,4})(?!\d)"
    r"|(?<!\d)((?:19|20)\d{2})\s+(\d{3,4})(?!\d)"
)
# A date line anywhere in a paragraph (for a date run into the contact line).
ANY_DATE = re.compile(
    rf"(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{CN_YMD.pattern}|(?:19|20)\d{{2}}[\-./]\d{{1,2}}[\-./]\d{{1,2}}"
)


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d) if 1900 <= y <= 2199 else None
    except ValueError:
        return None


def compact_date(year: int, rest: str) -> dt.date | None:
    """The one valid reading of month+day digits run together ("1018", "826", "617"), or None."""
    readings = set()
    for cut in range(1, len(rest)):
        mo, da = rest[:cut], rest[cut:]
        if len(mo) > 2 or len(da) > 2 or mo.startswith("0") and len(mo) == 1:
            continue
        if len(rest) == 4 and len(mo) != 2:
            continue  # "1018" is 10-18, never 1-018
        d = safe_date(year, int(mo), int(da))
        if d:
            readings.add(d)
    return readings.pop() if len(readings) == 1 else None


def chinese_numeral_date(year: str, month: str, day: str) -> dt.date | None:
    """二〇一九年三月十二日 (〇, 零, ○ or a stray Latin O/0 for zero)."""
    digits = "".join(str(_CN_DIGIT[c]) if c in _CN_DIGIT else str("一二三四五六七八九".index(c) + 1) for c in year)
    mo, da = parse_chinese_numeral(month), parse_chinese_numeral(day)
    return safe_date(int(digits), mo, da) if mo and da else None


def parse_loose_date(s: str) -> dt.date | None:
    """The first date in `s`, in any of the forms letters and web pages use, or None.

    Accepts 2019年7月1日, 2021年 8 月26日, 2023-6-19, 2023.6.19, 2023/06/19, 二〇二三年六月十九日,
    and compact 20230619 / 2023619 when only one reading is a valid date.
    """
    if not s:
        return None
    m = YMD.search(s)
    if m:
        return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = CN_YMD.search(s)
    if m:
        return chinese_numeral_date(m.group(1), m.group(2), m.group(3))
    m = COMPACT.search(s)
    if m:
        return compact_date(int(m.group(1)[:4]), m.group(1)[4:])
    return None


def parse_broken_date(s: str) -> dt.date | None:
    """A date whose separators extraction lost ("2024 1018", "2021年826", "2023617日"), when
    only one reading is a valid date; None otherwise (never a guess between readings)."""
    m = BROKEN.search(s)
    if not m:
        return None
    if m.group(1):
        y, a, b = int(m.group(1)), m.group(2), m.group(3)
        whole = a + b
        d = safe_date(y, int(a), int(b))
        # "2023617日" is read by the regex as 2023-61-7 or 2023-6-17: decide on the digits alone
        other = compact_date(y, whole) if len(whole) <= 4 else None
        if d and other and d != other and not re.search(r"月", m.group(0)):
            return None
        return d or other
    if m.group(4):
        return compact_date(int(m.group(4)), m.group(5))
    return compact_date(int(m.group(6)), m.group(7))


# -- 抄送 lists ---------------------------------------------------------------------------

# Entries of a copy list are split by "，" "；" or, in lists typed with spaces, by a space
# between two Chinese characters; "、" stays inside an entry ("市科技局、市法院" as written).
COPY_SPLIT = re.compile(rf"\s*[，,；;]\s*|(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")


def split_copy_list(body: str, is_organ=None) -> list[str]:
    """The entries of a copy list. "、" splits too when every piece is a whole organ name by
    `is_organ` ("东兰县政协提案法制委员会、东兰县人民政府督查室"), but not two organs sharing one
    office ("市委、市政府督查室": 市委 is no office of its own here)."""
    out: list[str] = []
    for entry in (n.strip() for n in COPY_SPLIT.split(body)):
        if not entry:
            continue
        pieces = [x.strip() for x in entry.split("、")]
        if is_organ and len(pieces) > 1 and all(len(x) >= 4 and is_organ(x) for x in pieces):
            out += pieces
        else:
            out.append(entry)
    return out


# 抄送 to equals or juniors, 抄报 to superiors: both are copy lists.
COPY_LABEL = r"抄\s*[送报]"


# -- heading markers --------------------------------------------------------------------

# (marker type, regex) in the order GB/T 9704 nests them: 一、 （一） 1. （1）
# Numbers run past 九十九 in a long letter (一百零一、 up to 九千九百九十九、, 100. up to 999.): the
# renderer numbers that far (drafter/limits.py bounds every list at LIST_ITEMS entries).
_CN_NUMBER = rf"[{CN_SMALL}]{{1,3}}|[{CN_SMALL}百千零]{{2,7}}"
HEADING_MARKERS = [
    (1, re.compile(rf"^({_CN_NUMBER})\s*[、.．]\s*")),
    (2, re.compile(rf"^[（(]\s*({_CN_NUMBER})\s*[）)]\s*")),
    (3, re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")),
    (4, re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*")),
]


def heading_marker(text: str) -> tuple[int, str, str] | None:
    """(marker type 1..4, the marker as typed, the text after it), or None."""
    for level, rx in HEADING_MARKERS:
        m = rx.match(text)
        if m:
            return level, m.group(0), text[m.end():]
    return None


# Words that open the "next steps" part of a reply, also inside a paragraph.
NEXT_STEP_WORDS = ("下一步", "下步", "接下来", "今后", "下阶段", "下一阶段")
