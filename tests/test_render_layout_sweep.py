"""GB/T 9704 on every page of generated letters of any length and list size, measured on the PDF.

The drafts come from tests/layout_sweep_drafts.py (the six examples, every layout, every
document type, lists from empty to long, bodies from a third of a page to eight pages). All are
converted by ONE LibreOffice run; every page is read with pdfplumber once (module fixture), and
each test below measures one rule of the standard on all of them, reporting every point that
breaks it (so a failure names the class, not one case).
"""

from __future__ import annotations

import json
import re

import pdfplumber
import pytest
from layout_sweep_drafts import sweep_points
from render_fixtures import MM, convert_with_test_fonts, pdf_lines, pdf_rules, squeeze

from drafter.drafts import loads_draft
from drafter.model import Letter
from drafter.render.compose import RenderOptions, plan_letter
from drafter.render.title import break_title
from drafter.sentences import Sentences

TOP, BOTTOM, LEFT, RIGHT = 37, 297 - 35, 28, 210 - 26          # 版心 edges, mm
CENTRE = (LEFT + RIGHT) / 2
PITCH_PT = 579 / 20                                             # the grid line, pt
BODY_CHAR = 16 - 0.25                                           # one 3号 字 with its spacing, pt
RECORD_CHAR = 14 - 0.25                                         # one 4号 字
PAGE_NUMBER = re.compile("^\u2014(\\d+)\u2014$")
MARKER = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")
RED = (1.0, 0.0, 0.0)
# Where a glyph's box may lie relative to its line box with the substituted free fonts (their
# descent is larger than the Windows fonts', which lifts the em box, see test_render_pdf.py).
EDGE_MM = 1.0


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    from drafter.docxcheck import check_docx_layout
    from drafter.render import render_docx
    from drafter.render.pdf import find_soffice

    if not find_soffice():
        pytest.fail("LibreOffice (soffice) is not installed: install libreoffice-writer-nogui to run the PDF tests")
    out = tmp_path_factory.mktemp("layout-sweep")
    docs = []
    for point in sweep_points():
        draft, findings = loads_draft(json.dumps(point.data, ensure_ascii=False), "json", f"{point.key}.json")
        assert draft is not None and not [f for f in findings if f.severity == "error"], (point.key, findings)
        letter = Letter.from_data(draft.data)
        s = Sentences(letter)
        options = RenderOptions(record_page=point.record_page)
        path = out / f"{point.key}.docx"
        path.write_bytes(render_docx(letter, s, options))
        _, _, plan = plan_letter(letter, s, options)
        docs.append({"key": point.key, "letter": letter, "s": s, "options": options, "path": path, "plan": plan,
                     "gb": check_docx_layout(path, path.name)})
    pdfs = convert_with_test_fonts([d["path"] for d in docs], out / "pdf", timeout=900)   # ONE LibreOffice start
    for d, pdf in zip(docs, pdfs):
        with pdfplumber.open(pdf) as f:
            d["pages"] = [(pdf_lines(p), pdf_rules(p)) for p in f.pages]
    pages = sum(len(d["pages"]) for d in docs)
    print(f"\nlayout sweep: {len(docs)} letters, {pages} pages measured")
    return docs


def _report(problems: list[str], what: str) -> None:
    if problems:
        shown = "\n  ".join(problems[:25])
        pytest.fail(f"{what}: {len(problems)} problems\n  {shown}")


def _text_lines(lines):
    return [ln for ln in lines if not PAGE_NUMBER.match(ln.text)]


def _red(ln) -> bool:
    return tuple(ln.chars[0].get("non_stroking_color") or ()) == RED


class Found:
    """Where the elements of one letter are on its pages (by their text)."""

    def __init__(self, d):
        self.d = d
        L, s = d["letter"], d["s"]
        self.organ = squeeze(L.signature.organ)
        self.date = squeeze(s.signature_date())
        self.notes = [squeeze(n) for n in s.notes()]
        self.closing = squeeze([x for x in s.closing().split("\n") if x.strip()][-1])
        pages = d["pages"]
        self.date_at = self._last(lambda ln: squeeze(ln.text) == self.date and ln.size == 16)
        self.closing_at = self._last(lambda ln: ln.size == 16 and squeeze(ln.text).startswith(self.closing[:8]))
        self.copy_at = self._last(lambda ln: ln.text.startswith("抄送："))
        self.print_at = self._last(lambda ln: ln.size == 14 and squeeze(ln.text).endswith("印发"))
        self.pages = pages

    def _last(self, pred):
        hits = [(k, i) for k, (lines, _) in enumerate(self.d["pages"]) for i, ln in enumerate(lines) if pred(ln)]
        return hits[-1] if hits else None

    def line(self, at):
        return self.pages[at[0]][0][at[1]]


@pytest.fixture(scope="module")
def found(sweep):
    return {d["key"]: Found(d) for d in sweep}


def test_sweep_covers_the_ranges(sweep):
    """The sweep reaches what it claims: every layout and type, long lists, long bodies."""
    layouts = {d["letter"].layout for d in sweep}
    types = {d["letter"].doc_type for d in sweep}
    assert layouts == {"file", "letter", "plain"} and types == {"reply", "opinion", "return", "extension"}
    assert max(len(d["letter"].addressee.deputies) for d in sweep) >= 40
    assert max(len(d["letter"].copy_to) for d in sweep) >= 20
    assert max(len(d["letter"].attachments) for d in sweep) >= 6
    assert max(len(d["letter"].signer) for d in sweep) >= 6
    assert max(len(break_title(d["s"].title())) for d in sweep) >= 4
    assert max(len(d["pages"]) for d in sweep) >= 8
    assert any(d["plan"].blank_page for d in sweep)


def test_plan_matches_the_pages(sweep, found):
    """LetterPlan's page count and 版记 page are the PDF's."""
    problems = []
    for d in sweep:
        f = found[d["key"]]
        plan = d["plan"]
        if len(d["pages"]) != plan.pages:
            problems.append(f"{d['key']}: plan {plan.pages} pages, PDF {len(d['pages'])}")
        record = f.print_at or f.copy_at
        if record and record[0] + 1 != plan.record_page:
            problems.append(f"{d['key']}: plan 版记 on page {plan.record_page}, PDF {record[0] + 1}")
    _report(problems, "plan vs PDF")


def test_every_char_inside_the_type_area(sweep):
    """Everything but the page number (and the 信函 marks GB/T 9704 10.1 puts above it) lies in the 版心."""
    problems = []
    for d in sweep:
        L = d["letter"]
        for k, (lines, _) in enumerate(d["pages"]):
            for ln in _text_lines(lines):
                if k == 0 and L.layout != "file" and (_red(ln) or (L.category and squeeze(ln.text) == L.category
                                                                  and ln.top / MM < TOP)):
                    continue
                x0, x1 = ln.x0 / MM, ln.x1 / MM
                top, bottom = ln.top / MM, ln.bottom / MM
                if x0 < LEFT - 0.3 or x1 > RIGHT + 0.5 or top < TOP - EDGE_MM or bottom > BOTTOM + EDGE_MM:
                    problems.append(f"{d['key']} p{k + 1}: {ln.text[:20]!r} at x {x0:.1f}–{x1:.1f} y {top:.1f}–{bottom:.1f}")
    _report(problems, "outside the 版心")


def test_grid_22_lines_28_chars(sweep, found):
    """5.2.3: at most 22 lines a page on the 28.95 pt grid and 28 字 a line for 3号 text; the pages
    between the first and the tail's are full (less only the lines of headings kept with their text)."""
    problems = []
    for d in sweep:
        f = found[d["key"]]
        tail_page = f.date_at[0] if f.date_at else len(d["pages"]) - 1
        for k, (lines, _) in enumerate(d["pages"]):
            body = [ln for ln in _text_lines(lines) if ln.size == 16 and not _red(ln)]
            # 7.3.5.5 lets a tightened tail hold more lines than the grid
            if len(body) > 22 and not (k == tail_page and d["plan"].spacing > 0):
                problems.append(f"{d['key']} p{k + 1}: {len(body)} lines")
            for ln in body:
                units = sum(1 if c["x1"] - c["x0"] > 12 else 0.5 for c in ln.chars)
                if units > 28:
                    problems.append(f"{d['key']} p{k + 1}: {units} 字 in {ln.text[:16]!r}")
            if k == 0 or k >= tail_page:
                continue
            grid = [ln for ln in _text_lines(lines) if ln.size in (16, 22)]
            for a, b in zip(grid, grid[1:]):
                steps = (b.baseline - a.baseline) / PITCH_PT
                if abs(steps - round(steps)) > 0.08:
                    problems.append(f"{d['key']} p{k + 1}: off the grid at {b.text[:12]!r} ({steps:.2f} lines)")
                    break
            nxt = _text_lines(d["pages"][k + 1][0])
            if k == tail_page - 1 and d["plan"].tail_moved or _tail_starts(f, nxt):
                continue                  # the tail was kept together onto the next page
            kept = 0
            while kept < len(nxt) and MARKER.match(nxt[kept].text) and len(nxt[kept].text) < 40:
                kept += 1
            if len(body) + kept < 22 and not _attachment_page(d["pages"][k + 1][0]):
                problems.append(f"{d['key']} p{k + 1}: only {len(body)} lines")
    _report(problems, "grid")


def _tail_starts(f: Found, lines) -> bool:
    first = squeeze(lines[0].text) if lines else ""
    return first.startswith((f.closing[:8], "附件：", f.organ[:8])) or bool(re.match(r"\d+\.", first)) and \
        lines[0].x0 / MM > LEFT + 3 * BODY_CHAR / MM


def _attachment_page(lines) -> bool:
    t = _text_lines(lines)
    return bool(t) and bool(re.fullmatch(r"附件\d*", t[0].text))


def test_title_centred_in_shape(sweep):
    """7.3.1: 2号 title centred, the planned lines printed, shaped 正梯形 or 菱形 (never an inverted
    trapezoid of three or more lines)."""
    problems = []
    for d in sweep:
        lines = d["pages"][0][0]
        title = [ln for ln in lines if ln.size == 22 and not _red(ln)]
        want = [squeeze(x) for x in break_title(d["s"].title())]
        if [squeeze(t.text) for t in title] != want:
            problems.append(f"{d['key']}: printed {[t.text for t in title]} planned {want}")
            continue
        widths = [t.x1 - t.x0 for t in title]
        for t in title:
            if abs((t.x0 + t.x1) / 2 / MM - CENTRE) > 1.0:
                problems.append(f"{d['key']}: title line {t.text!r} off centre")
        tol = 11
        up = all(b >= a - tol for a, b in zip(widths, widths[1:]))
        peak = max(range(len(widths)), key=lambda i: widths[i])
        diamond = all(b >= a - tol for a, b in zip(widths[:peak], widths[1:peak + 1])) and \
            all(b <= a + tol for a, b in zip(widths[peak:], widths[peak + 1:]))
        if not (up or len(widths) == 2 or diamond):
            problems.append(f"{d['key']}: title shape {[round(w / 22, 1) for w in widths]}")
    _report(problems, "title")


def test_salutation_and_first_page(sweep):
    """7.3.2: 主送 flush left, no name split across lines; the first page shows body text."""
    problems = []
    for d in sweep:
        L, s = d["letter"], d["s"]
        lines = _text_lines(d["pages"][0][0])
        texts = [squeeze(ln.text) for ln in lines]
        everywhere = [squeeze(ln.text) for ls, _ in d["pages"][:2] for ln in ls]
        names = list(L.addressee.deputies) + ([L.addressee.unit] if L.addressee.unit else [])
        if d["plan"].salutation_in_record:
            everywhere = [squeeze(ln.text) for ln in d["pages"][-1][0] if ln.size == 14]
        for name in names:
            if len(name) <= 28 and not any(name in t for t in everywhere):
                problems.append(f"{d['key']}: 主送 name {name!r} split")
        sal = squeeze(s.salutation())
        k = next((i for i, t in enumerate(texts) if sal.startswith(t) and t), None)
        if k is None:
            # a 主送 too long for page 1 goes to the 版记, one line above the 抄送 (7.3.2, 7.4.2)
            record = [squeeze(ln.text) for ln in d["pages"][-1][0] if ln.size == 14]
            at = next((i for i, t in enumerate(record) if t.startswith("主送：")), None)
            if at is None:
                problems.append(f"{d['key']}: no 主送 on page 1 nor in the 版记")
            elif L.copy_to and not record[at + 1:] or L.copy_to and not any(t.startswith("抄送：") for t in record[at:]):
                problems.append(f"{d['key']}: 主送 in the 版记 not above the 抄送")
            if not any(ln.size == 16 and not _red(ln) and ln.x0 / MM > LEFT + 5 for ln in lines[1:]):
                problems.append(f"{d['key']}: page 1 shows no body text")
            continue
        if abs(lines[k].x0 / MM - LEFT) > 0.5:
            problems.append(f"{d['key']}: 主送 not flush left")
        joined = ""
        while k < len(lines) and len(joined) < len(sal):
            joined += texts[k]
            k += 1
        if not any(ln.size == 16 for ln in lines[k:]):
            problems.append(f"{d['key']}: page 1 shows no body text")
    _report(problems, "主送")


def test_signature_and_date(sweep, found):
    """7.3.5.1: 成文日期 右空四字, 署名 centred over it, on one page with body text; 附注 居左空二字
    under the date on that page; no page holds only the 署名, the date or 附注."""
    problems = []
    for d in sweep:
        f = found[d["key"]]
        if not f.date_at:
            problems.append(f"{d['key']}: no 成文日期 line")
            continue
        page, i = f.date_at
        lines = d["pages"][page][0]
        date = lines[i]
        organ_lines = []
        j = i - 1
        while j >= 0 and squeeze("".join(ln.text for ln in [lines[j]] + organ_lines)) and \
                f.organ.endswith(squeeze("".join(x.text for x in [lines[j]] + organ_lines))):
            organ_lines.insert(0, lines[j])
            if squeeze("".join(x.text for x in organ_lines)) == f.organ:
                break
            j -= 1
        if squeeze("".join(x.text for x in organ_lines)) != f.organ:
            problems.append(f"{d['key']}: 署名 not above the date on page {page + 1}")
            continue
        right_gap = (RIGHT * MM - date.x1) / BODY_CHAR
        organ_w = max(x.x1 - x.x0 for x in organ_lines)
        # 署名 centred over a date 右空四字 unless that would push it past the edge: then flush right
        fits = (organ_w - (date.x1 - date.x0)) / 2 <= 4 * BODY_CHAR + 0.5
        if fits and abs(right_gap - 4) > 0.15:
            problems.append(f"{d['key']}: date 右空 {right_gap:.2f} 字")
        widest = max(organ_lines, key=lambda x: x.x1 - x.x0)
        if abs((widest.x0 + widest.x1) / 2 - (date.x0 + date.x1) / 2) / MM > 1.0:
            problems.append(f"{d['key']}: 署名 {widest.text!r} not centred over the date")
        for x in organ_lines:
            if x.x1 / MM > RIGHT + 0.3:
                problems.append(f"{d['key']}: 署名 past the right edge")
        # body text on the 署名's page: the closing, or (a tail taller than a page) the 附件说明
        above = [ln for ln in lines[:lines.index(organ_lines[0])] if ln.size == 16]
        if not above or (not f.closing_at or f.closing_at[0] != page) and not d["letter"].attachments:
            problems.append(f"{d['key']}: 署名 and date on page {page + 1} without the closing")
        for note in f.notes:
            hit = [(k, ln) for k, (ls, _) in enumerate(d["pages"]) for ln in ls if squeeze(ln.text).startswith(note[:8])]
            if not hit or hit[-1][0] != page:
                problems.append(f"{d['key']}: 附注 {note[:10]!r} not on the tail page")
            elif abs(hit[-1][1].x0 / MM - LEFT - 2 * BODY_CHAR / MM) > 0.5:
                problems.append(f"{d['key']}: 附注 {note[:10]!r} not 左空二字")
        tail_texts = {f.organ, f.date}
        for k, (ls, _) in enumerate(d["pages"]):
            t = [squeeze(ln.text) for ln in _text_lines(ls) if ln.size == 16]
            if t and all(x in tail_texts or x.startswith("（") for x in t):
                problems.append(f"{d['key']}: page {k + 1} holds only 署名/日期/附注")
    _report(problems, "署名 and 成文日期")


def test_record_at_the_bottom(sweep, found):
    """7.4: 版记 on the last page (the even page when asked), its last rule on the 版心 bottom, rules
    spanning the 版心; 抄送 左右空一字 with wrapped lines after the colon, breaking only between names,
    ending in 。; 印发机关 左空一字 and 印发日期 右空一字. 信函式 (10.1): no rules, at the bottom."""
    problems = []
    for d in sweep:
        L, f = d["letter"], found[d["key"]]
        key = d["key"]
        pages = d["pages"]
        lines, rules = pages[-1]
        ruled = L.layout == "file" or (L.layout == "plain" and L.printing is not None and L.printing.show)
        if not L.copy_to and not (ruled and L.printing) and not d["plan"].salutation_in_record:
            continue                                   # no 版记 (and no even page to put it on)
        if d["options"].record_page == "even" and len(pages) % 2:
            problems.append(f"{key}: 版记 on odd page {len(pages)}")
        record = [at for at in (f.copy_at, f.print_at) if at]
        if not record or any(at[0] != len(pages) - 1 for at in record):
            problems.append(f"{key}: 版记 not on the last page")
            continue
        if ruled:
            want = 3 if ((L.copy_to or d["plan"].salutation_in_record) and L.printing) else 2
            if len(rules) != want:
                problems.append(f"{key}: {len(rules)} 版记 rules, want {want}")
            for r in rules:
                if abs((r["x1"] - r["x0"]) / MM - 156) > 0.5 or abs(r["x0"] / MM - LEFT) > 0.5:
                    problems.append(f"{key}: rule {r['x0'] / MM:.1f}–{r['x1'] / MM:.1f} mm")
            if rules and abs(rules[-1]["bottom"] / MM - BOTTOM) > 0.6:
                problems.append(f"{key}: last rule at {rules[-1]['bottom'] / MM:.1f} mm")
        else:
            if rules:
                problems.append(f"{key}: rules in a 信函式 版记")
            last = max(ln.bottom for ln in _text_lines(lines)) / MM
            if not 0 <= BOTTOM - last <= PITCH_PT / MM:
                problems.append(f"{key}: 版记 ends {BOTTOM - last:.1f} mm above the bottom")
        if L.copy_to:
            k = f.copy_at[1]
            copy_lines = []
            for ln in lines[k:]:
                if ln.size != 14 or PAGE_NUMBER.match(ln.text):
                    break
                copy_lines.append(ln)
                if ln.text.endswith("。"):
                    break
            texts = [squeeze(ln.text) for ln in copy_lines]
            if not texts[-1].endswith("。"):
                problems.append(f"{key}: 抄送 does not end in 。")
            one = RECORD_CHAR / MM
            if abs(copy_lines[0].x0 / MM - LEFT - one) > 0.4:
                problems.append(f"{key}: 抄送 not 左空一字 ({copy_lines[0].x0 / MM - LEFT:.1f} mm)")
            for ln in copy_lines[1:]:
                if abs(ln.x0 / MM - LEFT - 4 * one) > 0.4:
                    problems.append(f"{key}: 抄送 wrapped line at {ln.x0 / MM - LEFT:.1f} mm, not after the colon")
            for ln in copy_lines:
                if ln.x1 / MM > RIGHT - one + 0.4:
                    problems.append(f"{key}: 抄送 line ends {RIGHT - ln.x1 / MM:.1f} mm from the edge")
            room = 156 - 5 * one
            for name in L.copy_to:
                if len(name) * one < room and not any(name in t for t in texts):
                    problems.append(f"{key}: 抄送 name {name!r} split")
        if f.print_at and ruled:
            # the 印发机关's first line 左空一字 (a long name wraps, the date may stand on its own line)
            organ = squeeze(L.printing.organ)
            ln = f.line(f.print_at)
            at = f.print_at[1]
            head = squeeze(ln.text)[: -len(squeeze(d["s"].printing_date()))]
            while head != organ and at > 0 and organ.endswith(squeeze(lines[at - 1].text) + head):
                at -= 1
                head = squeeze(lines[at].text) + head
            first = lines[at]
            if abs(first.x0 / MM - LEFT - RECORD_CHAR / MM) > 0.4 or abs(RIGHT - ln.x1 / MM - RECORD_CHAR / MM) > 0.4:
                problems.append(f"{key}: 印发 line at {first.x0 / MM:.1f}–{ln.x1 / MM:.1f} mm")
            if any(x.size == 14 and x.x1 / MM > RIGHT - RECORD_CHAR / MM + 0.4 for x in lines[lines.index(first):]):
                problems.append(f"{key}: 印发 line past 右空一字")
    _report(problems, "版记")


def test_page_numbers(sweep):
    """7.5: 4号 "— N —" 7 mm under the 版心, odd pages 居右空一字, even 居左空一字; 信函 page 1, a
    blank page before the 版记 and the 版记 page after it carry none."""
    problems = []
    for d in sweep:
        L, plan = d["letter"], d["plan"]
        for k, (lines, _) in enumerate(d["pages"]):
            n = k + 1
            nums = [ln for ln in lines if PAGE_NUMBER.match(ln.text)]
            unnumbered = (n == 1 and L.layout != "file") or (plan.blank_page is not None and n >= plan.blank_page)
            if unnumbered:
                if nums:
                    problems.append(f"{d['key']} p{n}: numbered")
                continue
            if len(nums) != 1 or int(PAGE_NUMBER.match(nums[0].text).group(1)) != n:
                problems.append(f"{d['key']} p{n}: page numbers {[x.text for x in nums]}")
                continue
            ln = nums[0]
            one = 14 / MM
            if ln.size != 14:
                problems.append(f"{d['key']} p{n}: page number {ln.size} pt")
            if (n % 2 and abs(ln.x1 / MM - (RIGHT - one)) > 1.0) or (not n % 2 and abs(ln.x0 / MM - (LEFT + one)) > 1.0):
                problems.append(f"{d['key']} p{n}: page number at {ln.x0 / MM:.1f}–{ln.x1 / MM:.1f}")
            dash = ln.chars[0]
            if abs((dash["top"] + dash["bottom"]) / 2 / MM - BOTTOM - 7) > 1.0 + 0.2 * one:
                problems.append(f"{d['key']} p{n}: page number not 7 mm under the 版心")
    _report(problems, "page numbers")


def test_layout_checker_finds_nothing(sweep):
    """`drafter check letter.docx` (the GB/T 9704 layout rules) passes drafter's own output."""
    problems = [f"{d['key']}: {f.code} {f.message}" for d in sweep for f in d["gb"]]
    _report(problems, "GB rules on drafter's output")


def test_organ_mark(sweep):
    """7.2.4 / 10.1: the red 发文机关标志 centred within the 版心 width, on one line whenever it fits
    at the smallest size (a longer one wraps, still inside), above the 发文字号 and the title."""
    from drafter.render.letter import mark_size

    problems = []
    for d in sweep:
        L = d["letter"]
        if L.layout == "plain":
            continue
        lines = d["pages"][0][0]
        mark = [ln for ln in lines if _red(ln)]
        if squeeze("".join(ln.text for ln in mark)) != squeeze(L.mark):
            problems.append(f"{d['key']}: mark printed {[ln.text for ln in mark]}")
            continue
        one_line = len(L.mark) * mark_size(L.mark) <= 156 * MM
        if one_line and len(mark) != 1:
            problems.append(f"{d['key']}: mark on {len(mark)} lines")
        for ln in mark:
            if abs((ln.x0 + ln.x1) / 2 / MM - CENTRE) > 1.0 or ln.x0 / MM < LEFT - 0.3 or ln.x1 / MM > RIGHT + 0.3:
                problems.append(f"{d['key']}: mark line {ln.text!r} at {ln.x0 / MM:.1f}–{ln.x1 / MM:.1f} mm")
        below = [ln for ln in lines if not _red(ln) and ln.top > mark[0].top and not PAGE_NUMBER.match(ln.text)]
        if below and below[0].top < mark[-1].bottom:
            problems.append(f"{d['key']}: {below[0].text[:10]!r} overlaps the mark")
    _report(problems, "发文机关标志")


def test_attachment_note_and_headings(sweep):
    """7.3.4: 附件说明 one line under the body, 左空二字, "附件：1.×× " numbered when several, wrapped
    lines aligned with the name; 7.3.3: heading fonts by level (一、黑体 （一）楷体 1.（1）仿宋)."""
    fonts = {1: "NotoSansCJK", 2: "UKai", 3: "UMing", 4: "UMing"}
    problems = []
    for d in sweep:
        L = d["letter"]
        k = None
        for page, (lines, _) in enumerate(d["pages"]):
            for i, ln in enumerate(lines):
                if ln.text.startswith("附件：") and ln.size == 16:
                    k = (page, i)
        if L.attachments and k is None:
            problems.append(f"{d['key']}: no 附件说明")
        if k is not None:
            lines = d["pages"][k[0]][0]
            first = lines[k[1]]
            if abs(first.x0 / MM - LEFT - 2 * BODY_CHAR / MM) > 0.5:
                problems.append(f"{d['key']}: 附件说明 at {first.x0 / MM - LEFT:.1f} mm")
            items_x = LEFT * MM + 5 * BODY_CHAR                 # 左空二字 + "附件："
            first_name = first.chars[3]["x0"] if len(L.attachments) == 1 else first.chars[5]["x0"]
            if len(L.attachments) > 1 and abs(first.chars[3]["x0"] - items_x) / MM > 0.5:
                problems.append(f"{d['key']}: 附件 item 1 at {first.chars[3]['x0'] / MM:.1f} mm")
            rest = lines[k[1] + 1:]
            # the block ends at the gap before the 署名 (or at the page end)
            prev = [first] + rest
            end = next((i for i, ln in enumerate(rest) if ln.size != 16 or ln.baseline - prev[i].baseline > 1.3 * PITCH_PT),
                       len(rest))
            for ln in rest[:end]:
                t = squeeze(ln.text)
                number = re.match(r"\d+\.(?!\d)", t)
                if number and abs(ln.x0 - items_x) / MM > 0.5:
                    problems.append(f"{d['key']}: 附件 item {t[:8]!r} at {ln.x0 / MM:.1f} mm, not under the first")
                elif not number and ln.x0 < items_x + 0.5 * MM and len(L.attachments) > 1:
                    problems.append(f"{d['key']}: 附件 wrapped line {t[:8]!r} left of the name")
                elif not number and len(L.attachments) == 1 and abs(ln.x0 - first_name) / MM > 0.5:
                    problems.append(f"{d['key']}: 附件 wrapped line {t[:8]!r} not under the name")
        for lines, _ in d["pages"]:
            for ln in lines:
                m = MARKER.match(ln.text)
                if not m or ln.size != 16 or abs(ln.x0 / MM - LEFT - 2 * BODY_CHAR / MM) > 0.5:
                    continue
                level = 1 if ln.text[len(m.group(1)) - 1] == "、" else 2 if m.group(1)[1] in "一二三四五六七八九十" \
                    else 3 if m.group(1)[0].isdigit() else 4
                if fonts[level] not in ln.chars[len(m.group(1))]["fontname"]:
                    problems.append(f"{d['key']}: level {level} heading {ln.text[:10]!r} in {ln.chars[2]['fontname']}")
    _report(problems, "附件说明 and headings")
