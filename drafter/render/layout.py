"""Every number of GB/T 9704-2012 the renderer uses, in one place.

Lengths are given in the standard's units (mm, pt, 字号 names) and converted here;
nothing else in drafter.render hard-codes a millimetre or a point size.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- units ------------------------------------------------------------------------
TWIPS_PER_PT = 20
PT_PER_MM = 72 / 25.4
EMU_PER_MM = 36000


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_MM


def mm_to_twips(mm: float) -> int:
    return round(mm * PT_PER_MM * TWIPS_PER_PT)


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def mm_to_emu(mm: float) -> int:
    return round(mm * EMU_PER_MM)


def pt_to_emu(pt: float) -> int:
    return round(pt / PT_PER_MM * EMU_PER_MM)


# 字号 → pt (the usual size-name table).
SIZES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5,
}


def half_points(size_pt: float) -> int:
    """w:sz is in half-points."""
    return round(size_pt * 2)


# -- page and type area (GB/T 9704 5.2.1) -------------------------------
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37      # 天头
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28     # 订口
MARGIN_RIGHT_MM = 26
TYPE_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM      # 156
TYPE_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM    # 225
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# 225 mm / 22 lines, rounded down to twips: exact 28.95 pt leading on a line grid of the
# same pitch (measured: 22 lines per page in LibreOffice).
LINE_PITCH_TWIPS = 579
LINE_PITCH_PT = LINE_PITCH_TWIPS / TWIPS_PER_PT

# -- fonts ----------------------------------------------------------------------------
# Names offices have: Windows ships 仿宋/楷体/黑体/宋体; 方正小标宋简体 is the licensed font
# every office installs for titles. Digits and Latin text in Times New Roman.
FONTS = {
    "fangsong": "仿宋",
    "kaiti": "楷体",
    "heiti": "黑体",
    "songti": "宋体",
    "xiaobiaosong": "方正小标宋简体",
}
LATIN_FONT = "Times New Roman"
RED = "FF0000"

BODY_SIZE = SIZES["三号"]        # 5.2.2: every element 3号仿宋 unless stated
TITLE_SIZE = SIZES["二号"]       # 7.3.1
RECORD_SIZE = SIZES["四号"]      # 7.4.2–7.4.3 版记
PAGE_NUMBER_SIZE = SIZES["四号"]  # 7.5

# −0.25 pt run spacing: 28 three-size characters fit 156 mm (measured: at most 28 per line).
CHAR_SPACING_TWIPS = -5
CHAR_PITCH_PT = BODY_SIZE + CHAR_SPACING_TWIPS / TWIPS_PER_PT   # one 字 of body text
RECORD_CHAR_PT = RECORD_SIZE + CHAR_SPACING_TWIPS / TWIPS_PER_PT


def chars_twips(n: float, pitch_pt: float = CHAR_PITCH_PT) -> int:
    """An indent of n 字 (characters) in twips."""
    return pt_to_twips(n * pitch_pt)


# Heading fonts by level (7.3.3): 一、黑体 （一）楷体 1. and （1）仿宋.
HEADING_FONTS = {1: "heiti", 2: "kaiti", 3: "fangsong", 4: "fangsong"}

# -- 版头, file layout (7.2) --------------------------------------------------
MARK_TOP_BELOW_TYPE_TOP_MM = 35       # 发文机关标志 top edge below the 版心 top
MARK_MAX_SIZE = SIZES["小初"]         # shrunk in half-points until the name fits
MARK_MIN_SIZE = SIZES["三号"]
MARK_WIDTH_SHARE = 0.95               # leave a little air at both ends of the 版心
MARK_WRAPPED_LEADING = 1.2            # line height (× size) of a mark too long for one line
DOC_NUMBER_LINES_BELOW_MARK = 2       # 下空二行
SIGNER_INDENT_CHARS = 1               # 居左空一字 / 居右空一字
SIGNERS_PER_LINE = 2                  # 7.2.6: normally two names a line
SEPARATOR_BELOW_DOC_NUMBER_MM = 4
SEPARATOR_EIGHTHS = 16                # 2 pt red rule (practice 1–2.25 pt; w:sz in 1/8 pt)
# A border's w:space counts from the line box, not the glyph: the 3号 glyph's bottom sits this
# far above the bottom of its 28.95 pt line (measured in LibreOffice, see tests).
SEPARATOR_TEXT_GAP_PT = 6.5
TITLE_LINES_BELOW_SEPARATOR = 2       # 空二行
SALUTATION_LINES_BELOW_TITLE = 1      # 空一行

# -- 版头, letter layout (10.1) ------------------------------------------------
LETTER_MARK_TOP_MM = 30               # from the paper's top edge
LETTER_RULE_BELOW_MARK_MM = 4
LETTER_RULE_ABOVE_BOTTOM_MM = 20      # second double line above the paper's bottom edge
LETTER_RULE_LENGTH_MM = 170
LETTER_RULE_THICK_PT = 1.5            # practice: thick 1.5 pt, thin 0.75 pt, small gap
LETTER_RULE_THIN_PT = 0.75
LETTER_RULE_GAP_PT = 0.75
LETTER_BELOW_RULE_MM = 7 / 8 * BODY_SIZE / PT_PER_MM   # 7/8 of a 3号 height (4.94 mm)
CATEGORY_HEADER_MM = 15               # header distance (no header content is written)
LETTER_CATEGORY_TOP_MM = 20           # 类别标记 top right of page 1, above the organ mark
LETTER_ANCHOR_LINE_TWIPS = 20         # the empty paragraph holding page-1 shapes: 1 pt high
# Where a glyph sits in its box (measured in LibreOffice with the test fonts, see tests):
# a 3号 glyph's top lies this far below the top of its exact 28.95 pt line box, and the mark's
# glyph bottom this far above the bottom of its one-em text box.
GLYPH_TOP_IN_LINE_MM = 0.0
LETTER_MARK_LIFT_MM = 0.0

# -- title ------------------------------------------------------------------------------
TITLE_MAX_CHARS = int(mm_to_pt(TYPE_WIDTH_MM) // TITLE_SIZE)   # 20 at 2号 in 156 mm
# The text width the page really has: margins are rounded to twips (11906 − 1587 − 1474).
TYPE_WIDTH_TWIPS = mm_to_twips(PAGE_WIDTH_MM) - mm_to_twips(MARGIN_LEFT_MM) - mm_to_twips(MARGIN_RIGHT_MM)
TYPE_WIDTH_PT = TYPE_WIDTH_TWIPS / TWIPS_PER_PT
TYPE_HEIGHT_TWIPS = mm_to_twips(PAGE_HEIGHT_MM) - mm_to_twips(MARGIN_TOP_MM) - mm_to_twips(MARGIN_BOTTOM_MM)
CHAR_SPACING_PT = CHAR_SPACING_TWIPS / TWIPS_PER_PT

# -- signature, seal, notes (7.3.5, 7.3.6) -----------------------------------------------
INDENT_CHARS = 2                      # paragraph first-line indent, 附注 and 附件说明
DATE_RIGHT_CHARS = 4                  # 成文日期 右空四字
SEAL_GAP_LINES = 2                    # blank lines between body and 署名 for the seal
ATTACHMENT_GAP_LINES = 1              # 附件说明 one line below the body

# -- 版记 (7.4) ---------------------------------------------------------------------------
RECORD_INDENT_CHARS = 1               # 抄送 left/right, 印发机关 left, 印发日期 right
RECORD_THICK_EIGHTHS = 8              # 0.35 mm ≈ 1 pt
RECORD_THIN_EIGHTHS = 6               # 0.25 mm ≈ 0.75 pt
RECORD_RULE_LINE_TWIPS = 20           # each rule is the bottom border of a 1 pt paragraph
# What a page holds: LibreOffice fits 12738 of the 版心's 12756 twips (22 × 579, measured; one
# twip more moves the last paragraph), so the plan counts with that and the 版记 ends there.
RECORD_SAFETY_TWIPS = 18

# -- 7.3.5.5: when the tail and the 版记 do not fit under the body, tighten before moving ------
TIGHT_TAIL_LINE_PT = 26               # 署名, 成文日期, 附注 (3号)
TIGHT_RECORD_LINE_PT = 23             # 抄送, 印发 (4号)
TIGHTEST_TAIL_LINE_PT = 23
TIGHTEST_RECORD_LINE_PT = 20

# -- page numbers (7.5) -------------------------------------------------------------------
PAGE_NUMBER_DASH = "\u2014"           # 一字线
PAGE_NUMBER_BELOW_TYPE_MM = 7         # the dash line 7 mm below the 版心
PAGE_NUMBER_INDENT_CHARS = 1
PAGE_NUMBER_LINE_PT = PAGE_NUMBER_SIZE   # exact footer line = one em, so the em box is the line


def footer_distance_mm() -> float:
    """Paper bottom to the footer line's bottom, so the dash (mid-em) sits 7 mm below the 版心."""
    dash_from_bottom = MARGIN_BOTTOM_MM - PAGE_NUMBER_BELOW_TYPE_MM
    return dash_from_bottom - PAGE_NUMBER_LINE_PT / PT_PER_MM / 2


# -- text width estimate ------------------------------------------------------------------
def text_units(text: str) -> float:
    """Width in 字 (em): CJK and full-width forms 1, ASCII half (Times New Roman digits)."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


@dataclass(frozen=True)
class Geometry:
    """Sizes the letter code needs in twips, derived once."""

    page_w: int = mm_to_twips(PAGE_WIDTH_MM)
    page_h: int = mm_to_twips(PAGE_HEIGHT_MM)
    top: int = mm_to_twips(MARGIN_TOP_MM)
    bottom: int = mm_to_twips(MARGIN_BOTTOM_MM)
    left: int = mm_to_twips(MARGIN_LEFT_MM)
    right: int = mm_to_twips(MARGIN_RIGHT_MM)
    header: int = mm_to_twips(CATEGORY_HEADER_MM)
    footer: int = mm_to_twips(footer_distance_mm())


GEOMETRY = Geometry()


# -- what a checker of Word files accepts (drafter/docxcheck) ----------------------------
# GB/T 9704 5.2.1 allows ±1 mm on 天头 and 订口; the same
# tolerance is applied to the paper size and to the derived bottom/right margins.
PAGE_TOLERANCE_MM = 1.0
MARGIN_TOLERANCE_MM = 1.0
# fixed leading accepted for body text. 225 mm / 22 lines = 28.99 pt; Word
# templates use 28–30 pt in practice. The renderer's LINE_PITCH_PT (28.95) lies inside.
LINE_SPACING_MIN_PT = 28.0
LINE_SPACING_MAX_PT = 30.0
# a first-line indent in characters is accepted within ±0.2 字, in twips
# within ±1 mm of two body characters.
INDENT_CHARS_TOLERANCE = 0.2
# a font size is "right" within a quarter point (w:sz is in half points).
SIZE_TOLERANCE_PT = 0.25
# Heuristic: an auto-spaced line is about 1.3 em high; on a line grid it fits in one
# grid cell (22 lines per page) when factor × size × 1.3 ≤ pitch.
AUTO_LINE_EM = 1.3

# name fragments that identify each family,
# matched on the lower-cased name without spaces, "_" or "-". Keys are layout.FONTS keys.
FONT_FAMILIES: dict[str, tuple[str, ...]] = {
    "fangsong": ("仿宋", "fangsong", "fzfangsong"),
    "kaiti": ("楷体", "kaiti", "stkaiti", "fzkai"),
    "heiti": ("黑体", "simhei", "heiti", "stheiti", "fzhei"),
    "songti": ("宋体", "simsun", "songti", "stsong", "书宋", "fzshusong"),
    "xiaobiaosong": ("小标宋", "xiaobiaosong", "fzxbs"),
}
FAMILY_LABEL = {"fangsong": "仿宋", "kaiti": "楷体", "heiti": "黑体", "songti": "宋体", "xiaobiaosong": "小标宋"}
