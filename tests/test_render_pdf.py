"""The rendered page, measured: each draft converted ONCE by LibreOffice, read with pdfplumber.

Tolerances: LibreOffice places the em box of a glyph inside an exact-height line according to
the substituted font's ascent/descent (Noto/AR PL here). Windows fonts have ascent+descent = 1 em;
the free fonts have a larger descent, which lifts the em box by up to 0.2 em above the line box.
Positions of single glyph lines are therefore checked within 1 mm + 0.2 em; the text block is
checked through its centre, which does not depend on where the glyph sits in its line.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest
from render_fixtures import MM, RENDER_DRAFTS, pdf_lines

from drafter.text import plain_text

TOP, BOTTOM, LEFT, RIGHT = 37, 297 - 35, 28, 210 - 26        # 版心 edges in mm
PITCH_PT = 225 * MM / 22                                      # grid line, pt
FONT_LIFT_EM = 0.2
PAGE_NUMBER = re.compile("^\u2014(\\d+)\u2014$")


@pytest.fixture(scope="module")
def pages(render_pdfs):
    out = {}
    for name, doc in render_pdfs.items():
        with pdfplumber.open(doc.pdf) as pdf:
            out[name] = [(p, pdf_lines(p)) for p in pdf.pages]
            for p in pdf.pages:   # materialise before the file closes
                p.objects
    return out


def body_lines(lines):
    return [ln for ln in lines if not PAGE_NUMBER.match(ln.text) and ln.bottom / MM <= BOTTOM + 0.5
            and ln.size == 16]


def full_pages(pages, closing: str):
    """Pages after the first and before the one where the body ends: the grid fills them."""
    end = next(k for k, (_, lines) in enumerate(pages) if any(closing[:8] in ln.text for ln in lines))
    if closing[:8] in pages[end][1][0].text:
        # The closing opens its page: it was kept with the signature (7.3.5.5), which leaves
        # the page before it short on purpose.
        end -= 1
    return pages[1:end]


@pytest.mark.parametrize("name", ["wenzhou-2019", "xiamen-2025", "cixi-2023"])
def test_text_block_on_the_grid(pages, render_pdfs, name):
    ps = full_pages(pages[name], render_pdfs[name].sentences.closing())
    assert ps, "examples must be long enough to have a full page"
    for k, (page, lines) in enumerate(ps):
        body = body_lines(lines)
        # 22 lines, unless a heading was kept with its paragraph on the next page.
        next_first = (ps[k + 1][1] if k + 1 < len(ps) else pages[name][-1][1])[0].text
        heading_moved = re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)", next_first)
        assert len(body) == 22 or (len(body) == 21 and heading_moved), (page.page_number, len(body))
        pitches = [b.baseline - a.baseline for a, b in zip(body, body[1:])]
        assert all(abs(p - 28.95) < 0.15 for p in pitches), pitches
        if len(body) == 22:
            # Block centre (glyph-position independent) → block top = centre − 11 pitches.
            centre = (body[0].top + body[-1].bottom) / 2
            block_top = centre - 11 * sum(pitches) / len(pitches)
            assert abs(block_top / MM - TOP) <= 1.0, block_top / MM
            assert body[-1].bottom / MM <= BOTTOM
        # Left edge: lines without first-line indent start at 28 mm.
        assert abs(min(ln.x0 for ln in body) / MM - LEFT) <= 1.0
        # Justified lines end at 184 mm (a hanging full-width punctuation mark may pass it).
        for ln in body:
            # Characters by printed width: full (CJK) count 1, half-width (digits, Latin) ½.
            units = sum(1 if c["x1"] - c["x0"] > 12 else 0.5 for c in ln.chars)
            assert units <= 28, ln.text
            assert ln.x1 / MM <= RIGHT + 0.5, ln.text


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_page_numbers(pages, render_pdfs, name):
    layout = RENDER_DRAFTS and pages[name]
    doc_layout = render_pdfs[name].letter.layout
    for page, lines in layout:
        nums = [ln for ln in lines if PAGE_NUMBER.match(ln.text)]
        n = page.page_number
        if n == 1 and doc_layout != "file":
            assert not nums, "信函式首页不显示页码"
            continue
        assert len(nums) == 1, n
        ln = nums[0]
        assert int(PAGE_NUMBER.match(ln.text).group(1)) == n
        assert ln.chars[0]["text"] == "\u2014" and ln.size == 14
        one = 14 / MM                                               # one 4号 character, mm
        if n % 2:
            assert abs(ln.x1 / MM - (RIGHT - one)) <= 1.0          # odd: 居右空一字
        else:
            assert abs(ln.x0 / MM - (LEFT + one)) <= 1.0           # even: 居左空一字
        dash = ln.chars[0]
        below = (dash["top"] + dash["bottom"]) / 2 / MM - BOTTOM
        assert abs(below - 7) <= 1.0 + FONT_LIFT_EM * 14 / MM, below


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_paragraphs_in_order_and_heading_levels(pages, render_pdfs, name):
    doc = render_pdfs[name]
    stream = "".join(ln.text for _, lines in pages[name] for ln in lines if not PAGE_NUMBER.match(ln.text))
    stream = re.sub(r"\s+", "", stream)
    pos = 0
    heading_fonts = {1: "NotoSansCJK", 2: "UKai", 3: "UMing", 4: "UMing"}   # 黑体/楷体/仿宋 via fonts.conf
    chars = [c for _, lines in pages[name] for ln in lines for c in ln.chars]
    char_text = "".join(c["text"] for c in chars)
    for expected in [doc.sentences.acknowledgement()] + [
        (bp.heading.marker + bp.heading.text if bp.heading else "") + plain_text(bp.text or "")
        for bp in doc.letter.paragraphs()
    ] + [doc.sentences.closing()]:
        want = re.sub(r"\s+", "", expected)
        found = stream.find(want, pos)
        assert found >= 0, want[:30]
        pos = found + len(want)
    for bp in doc.letter.paragraphs():
        if bp.heading:
            head = bp.heading.marker + bp.heading.text
            k = char_text.find(head)
            assert k >= 0
            font = chars[k + len(bp.heading.marker)]["fontname"]
            assert heading_fonts[bp.heading.level] in font, (head, font)


def record_rules(page):
    """Black horizontal rules on a page, one per rule (LibreOffice draws a border as a line
    and a rectangle at the same place)."""
    found = {}
    for o in page.lines + page.rects + page.curves:
        if tuple(o.get("stroking_color") or o.get("non_stroking_color") or ()) != (0.0, 0.0, 0.0):
            continue
        key = round(o["top"] / MM * 2)
        found.setdefault(key, o)
    return [found[k] for k in sorted(found)]


def _red_lines(page):
    return [o for o in page.lines + page.rects + page.curves
            if tuple(o.get("stroking_color") or ()) == (1.0, 0.0, 0.0)
            or tuple(o.get("non_stroking_color") or ()) == (1.0, 0.0, 0.0) and o.get("fill")]


def test_file_layout_letterhead(pages):
    for name in ("wenzhou-2019", "cixi-2023"):
        page, lines = pages[name][0]
        mark = next(ln for ln in lines if ln.chars[0]["non_stroking_color"] == (1.0, 0.0, 0.0))
        assert mark.text.endswith("文件")
        lift = FONT_LIFT_EM * mark.size / MM
        assert abs(mark.top / MM - (TOP + 35)) <= 1.0 + lift, mark.top / MM     # 35 mm below 版心 top
        assert abs((mark.x0 + mark.x1) / 2 / MM - (LEFT + RIGHT) / 2) <= 1.0     # centred
        number = next(ln for ln in lines if "〔" in ln.text)
        # 下空二行: two grid lines between the mark and the 发文字号.
        assert abs((number.baseline - mark.baseline) - 3 * PITCH_PT) <= 1.0 * MM + lift * MM
        red = _red_lines(page)
        assert red
        rule = red[0]
        assert abs((rule["x1"] - rule["x0"]) / MM - 156) <= 0.5
        assert abs((rule["top"] - number.bottom) / MM - 4) <= 1.0, (rule["top"] - number.bottom) / MM
        title = next(ln for ln in lines if ln.size == 22)
        assert title.top > rule["bottom"]
    cixi = pages["cixi-2023"][0][1]
    cat = cixi[0]
    assert cat.text == "A" and abs(cat.x1 / MM - RIGHT) <= 1.0 and cat.top / MM < TOP + 10
    signer = next(ln for ln in cixi if "签发人" in ln.text)
    one = 15.75 / MM
    assert abs(signer.x0 / MM - (LEFT + one)) <= 1.0 and abs(signer.x1 / MM - (RIGHT - one)) <= 1.0


def test_letter_layout_letterhead(pages):
    page, lines = pages["xiamen-2025"][0]
    mark = next(ln for ln in lines if ln.chars[0]["non_stroking_color"] == (1.0, 0.0, 0.0))
    lift = FONT_LIFT_EM * mark.size / MM
    assert abs(mark.top / MM - 30) <= 1.0 + lift, mark.top / MM            # 30 mm from the paper top
    rules = sorted(_red_lines(page), key=lambda o: o["top"])
    assert len(rules) == 4
    for r in rules:
        assert abs((r["x1"] - r["x0"]) / MM - 170) <= 0.5
        assert abs((r["x0"] + r["x1"]) / 2 / MM - (LEFT + RIGHT) / 2) <= 0.5
    h = [r["bottom"] - r["top"] for r in rules]
    assert h[0] > h[1] and h[2] < h[3]                 # thick over thin; thin over thick
    assert abs(rules[3]["bottom"] / MM - (297 - 20)) <= 0.5
    assert abs((rules[0]["top"] - mark.bottom) / MM - 4) <= 1.0 + lift
    number = next(ln for ln in lines if "〔" in ln.text)
    assert abs(number.x1 / MM - RIGHT) <= 1.0                               # flush right
    assert number.top > rules[1]["bottom"]
    assert not any(PAGE_NUMBER.match(ln.text) for ln in lines)


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_record_at_the_bottom_of_the_last_page(pages, render_pdfs, name):
    doc = render_pdfs[name]
    page, lines = pages[name][-1]
    copy = [ln for ln in lines if ln.text.startswith("抄送：")]
    if not doc.letter.copy_to:                       # an opinion or a 退办函 may copy no one
        assert not copy
        return
    assert len(copy) == 1
    copy_line = copy[0]
    assert copy_line.size == 14
    black = record_rules(page)
    if doc.letter.layout == "file":
        black.sort(key=lambda o: o["top"])
        assert abs(black[-1]["bottom"] / MM - BOTTOM) <= 0.5                  # last rule = 版心 bottom
        assert black[0]["top"] < copy_line.top                                # first rule above 抄送
        widths = [round(o["linewidth"], 2) for o in black]
        assert widths[0] == widths[-1] >= max(widths)                         # thick first and last
        if len(widths) > 2:
            assert min(widths[1:-1]) < widths[0]                              # thin between
        assert all(abs((o["x1"] - o["x0"]) / MM - 156) <= 0.5 for o in black)
        printed = [ln for ln in lines if ln.text.endswith("印发")]
        if doc.sentences.printing_date():                                     # 印发机关和印发日期
            assert len(printed) == 1
            assert printed[0].top > copy_line.bottom and abs(printed[0].x1 / MM - (RIGHT - 14 / MM)) <= 1.0
            assert len(black) == 3                                            # thick, thin, thick
        else:                                                                 # the draft has none (cixi)
            assert not printed
            assert len(black) == 2                                            # thick above and below 抄送
        assert abs(copy_line.x0 / MM - (LEFT + 13.75 / MM)) <= 1.0           # 左空一字
    else:
        assert not black                                                      # no 版记 rules
        assert not any(ln.text.endswith("印发") for ln in lines)
        last_text = max(ln.bottom for ln in lines if not PAGE_NUMBER.match(ln.text))
        assert BOTTOM - last_text / MM <= PITCH_PT / MM                         # within the last line


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_signature_stays_with_body_text(pages, render_pdfs, name):
    """GB/T 9704 7.3.5.5: 署名 and 成文日期 on one page, and that page carries body text (the closing);
    the first 附注 line follows the date on the same page."""
    doc = render_pdfs[name]
    organ = doc.letter.signature.organ
    date = re.sub(r"\s+", "", doc.sentences.signature_date())
    closing = re.sub(r"\s+", "", doc.sentences.closing())[:8]

    def page_of(predicate):
        return [k for k, (_, lines) in enumerate(pages[name]) for ln in lines if predicate(re.sub(r"\s+", "", ln.text))]

    organ_pages = page_of(lambda t: t == organ)
    date_pages = page_of(lambda t: t == date)
    closing_pages = page_of(lambda t: closing in t)
    note = re.sub(r"\s+", "", doc.sentences.notes()[0])[:6]
    note_pages = page_of(lambda t: t.startswith(note))
    assert organ_pages and date_pages and closing_pages and note_pages
    assert organ_pages[-1] == date_pages[-1] == closing_pages[-1] == note_pages[0]


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_signature_centred_over_the_date(pages, render_pdfs, name):
    """7.3.5.1: the 署名 centred over the 成文日期, which ends 四字 from the right edge."""
    doc = render_pdfs[name]
    organ = doc.letter.signature.organ
    date = re.sub(r"\s+", "", doc.sentences.signature_date())
    lines = [ln for _, ls in pages[name] for ln in ls]
    o = [ln for ln in lines if re.sub(r"\s+", "", ln.text) == organ and ln.size == 16][-1]   # not the mark
    d = next(ln for ln in lines if re.sub(r"\s+", "", ln.text) == date)
    assert abs((o.x0 + o.x1) / 2 - (d.x0 + d.x1) / 2) / MM <= 0.5
    assert abs(d.x1 / MM - (RIGHT - 4 * 15.75 / MM)) <= 1.0
