"""The end of the letter, measured on rendered pages for every length (issue 12).

One letter per layout at every body length from the tail on page 1 to the tail on page 3 (one
short body line added at a time), the file layout with 1–6 签发人, with copy lists of 1–20 units
named with 2–12 characters, and a few letters with 附件 pages and the even-page 版记: all of them
converted by ONE LibreOffice run, then every page is read with pdfplumber.
"""

from __future__ import annotations

import dataclasses
import math
import random
import re

import pdfplumber
import pytest
from render_fixtures import MM, RENDER_DRAFTS, convert_with_test_fonts, load_letter, pdf_lines, pdf_rules, squeeze

from drafter.model import Attachment
from drafter.render.compose import RenderOptions, plan_letter
from drafter.render.title import break_title
from drafter.sentences import Sentences

TOP, BOTTOM, LEFT, RIGHT = 37, 297 - 35, 28, 210 - 26
PITCH_PT = 225 * MM / 22
PAGE_NUMBER = re.compile("^\u2014(\\d+)\u2014$")
LAYOUT_BASE = {"file": "wenzhou-2019", "letter": "xiamen-2025", "plain": "plain-levels"}
# Short body lines added, per layout: each range crosses two page boundaries (file: 2→3→4 pages,
# the 版头 takes more of page 1; letter and plain: 1→2→3), one line at a time.
LENGTHS = {"file": range(16, 42), "letter": range(0, 26), "plain": range(0, 25)}
FIRST = "在温州传统产业转型发展的今天，企业面临的市场竞争将更加激烈，2019年以来我们开展了“知识产权护航”等多项工作。"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
UNIT_PARTS = ["市", "区", "人大", "常委会", "代表", "工作", "委员会", "政府", "办公室", "财政", "发展和改革", "住房和城乡建设",
              "市场监督管理", "局", "镇", "街道", "办事处", "中心"]


def _line(i: int) -> str:
    return f"我局第{i + 1}次专项检查已于2024年6月完成，整改到位。"


def _unit_name(rng: random.Random, length: int) -> str:
    name = ""
    while len(name) < length - 1:
        name += rng.choice(UNIT_PARTS)
    return (name[: length - 1] + "局")[:length]


def _variants():
    """(key, letter, options, kind) for every letter of the sweep."""
    out = []
    for layout, base in LAYOUT_BASE.items():
        letter, _ = load_letter(RENDER_DRAFTS[base])
        for k in LENGTHS[layout]:
            body = [FIRST] + [_line(i) for i in range(k)]
            x = dataclasses.replace(letter, background=body, measures=[], problems=[], next_steps=[],
                                    attachments=[])
            out.append((f"{layout}-len{k}", x, RenderOptions(), "length"))
    wenzhou, _ = load_letter(RENDER_DRAFTS["wenzhou-2019"])
    rng = random.Random(12)
    for n in range(1, 7):
        names = ["".join(rng.choice(SURNAMES) for _ in range(rng.choice((2, 3, 3, 4)))) for _ in range(n)]
        out.append((f"signers{n}", dataclasses.replace(wenzhou, signer=names), RenderOptions(), "signers"))
    for n in range(1, 21):
        units = []
        while len(units) < n:
            u = _unit_name(rng, rng.randint(2, 12))
            if u not in units:
                units.append(u)
        out.append((f"copy{n}", dataclasses.replace(wenzhou, copy_to=units), RenderOptions(), "copy"))
    for k in (0, 12, 27):
        body = [FIRST] + [_line(i) for i in range(k)]
        x = dataclasses.replace(wenzhou, background=body, measures=[], problems=[], next_steps=[])
        out.append((f"even{k}", x, RenderOptions(record_page="even"), "even"))
    att = [Attachment("城乡供水一体化工程项目清单", [_line(i) for i in range(8)]),
           Attachment("资金安排表", [], separate=True),
           Attachment("某某市城乡供水管网改造三年行动计划（2024—2026年）实施方案", [FIRST] + [_line(i) for i in range(30)])]
    for k in (0, 15):
        body = [FIRST] + [_line(i) for i in range(k)]
        x = dataclasses.replace(wenzhou, background=body, measures=[], problems=[], next_steps=[], attachments=att)
        out.append((f"attach{k}", x, RenderOptions(), "attach"))
        out.append((f"attach-even{k}", x, RenderOptions(record_page="even"), "attach"))
    # content ending on a full even page: the 版记 needs a blank page before it
    x = dataclasses.replace(wenzhou, background=[FIRST], measures=[], problems=[], next_steps=[],
                            attachments=[Attachment("清单", [_line(i) for i in range(39)])])
    out.append(("blank", x, RenderOptions(record_page="even"), "even"))
    return out


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    from drafter.render import render_docx
    from drafter.render.pdf import find_soffice

    if not find_soffice():
        pytest.fail("LibreOffice (soffice) is not installed: install libreoffice-writer-nogui to run the PDF tests")
    out = tmp_path_factory.mktemp("sweep")
    docs = []
    for key, letter, options, kind in _variants():
        s = Sentences(letter)
        path = out / f"{key}.docx"
        path.write_bytes(render_docx(letter, s, options))
        _, _, plan = plan_letter(letter, s, options)
        docs.append({"key": key, "letter": letter, "s": s, "options": options, "kind": kind, "path": path,
                     "plan": plan})
    pdfs = convert_with_test_fonts([d["path"] for d in docs], out / "pdf", timeout=600)   # ONE LibreOffice start
    for d, pdf in zip(docs, pdfs):
        with pdfplumber.open(pdf) as f:
            d["pages"] = [(pdf_lines(p), pdf_rules(p)) for p in f.pages]
    return docs


def _pages_of(doc, predicate) -> list[int]:
    return [k for k, (lines, _) in enumerate(doc["pages"]) for ln in lines if predicate(ln)]


def _text_lines(lines):
    return [ln for ln in lines if not PAGE_NUMBER.match(ln.text)]


def _check_tail_and_record(doc) -> None:
    """Every rule of the issue's Tests section, on every page of one letter."""
    L, s, pages = doc["letter"], doc["s"], doc["pages"]
    key = doc["key"]
    assert len(pages) == doc["plan"].pages, (key, "plan and page disagree")
    organ, date = L.signature.organ, squeeze(s.signature_date())
    closing = squeeze(s.closing())[:8]
    organ_p = _pages_of(doc, lambda ln: squeeze(ln.text) == organ and ln.size == 16)
    date_p = _pages_of(doc, lambda ln: squeeze(ln.text) == date)
    closing_p = _pages_of(doc, lambda ln: closing in squeeze(ln.text))
    assert organ_p and date_p and closing_p, key
    tail_page = date_p[-1]
    # 成文日期 and every 附注 line share a page with the signature and with body text (the closing)
    assert organ_p[-1] == tail_page == closing_p[-1], key
    for note in s.notes():
        first = squeeze(note)[:8]
        note_p = _pages_of(doc, lambda ln, f=first: squeeze(ln.text).startswith(f))
        assert note_p and note_p[-1] == tail_page, (key, note)
    # no page holds only 附注 lines (or nothing but the 版记)
    for k, (lines, _) in enumerate(pages):
        texts = [squeeze(ln.text) for ln in _text_lines(lines)]
        if texts and all(t.startswith("（") for t in texts):
            pytest.fail(f"{key}: page {k + 1} holds only 附注 lines")
    # the 版记 on the last page (or the configured even page), its last rule on the 版心 bottom
    lines, rules = pages[-1]
    copy = [ln for ln in lines if ln.text.startswith("抄送：")]
    assert len(copy) == 1, key
    if doc["options"].record_page == "even":
        assert len(pages) % 2 == 0, key
    if L.layout == "file":
        assert rules and abs(rules[-1]["bottom"] / MM - BOTTOM) <= 1.0, (key, rules[-1]["bottom"] / MM if rules else None)
        assert rules[0]["top"] < copy[0].top, key
        assert all(abs((r["x1"] - r["x0"]) / MM - 156) <= 0.5 for r in rules), key
    else:
        assert not rules, key                                                    # 10.1: no rules
        last = max(ln.bottom for ln in _text_lines(lines))
        assert 0 <= BOTTOM - last / MM <= PITCH_PT / MM, (key, last / MM)      # on the last line
    # names in 主送 and 抄送 never split across lines
    copy_k = lines.index(copy[0])
    copy_lines = [squeeze(ln.text) for ln in lines[copy_k:] if ln.size == 14 and not ln.text.endswith("印发")]
    copy_lines = [t for t in copy_lines if not PAGE_NUMBER.match(t)]
    for name in L.copy_to:
        assert any(name in t for t in copy_lines), (key, name, copy_lines)
    first_page = [squeeze(ln.text) for ln in pages[0][0]]
    for name in L.addressee.deputies:
        assert any(name in t for t in first_page), (key, name)
    # the title: the planned lines are the printed lines
    title_lines = [ln for ln in pages[0][0] if ln.size == 22]
    assert [squeeze(t.text) for t in title_lines] == [squeeze(x) for x in break_title(s.title())], key


def _check_page_numbers(doc) -> None:
    """7.5: 4号 "— N —", odd pages 居右空一字, even 居左空一字, 7 mm under the 版心; 信函 page 1 none;
    a blank page before the 版记 page and the 版记 page itself unnumbered."""
    L, pages, plan = doc["letter"], doc["pages"], doc["plan"]
    for k, (lines, _) in enumerate(pages):
        n = k + 1
        nums = [ln for ln in lines if PAGE_NUMBER.match(ln.text)]
        unnumbered = (n == 1 and L.layout != "file") or (plan.blank_page is not None and n >= plan.blank_page)
        if unnumbered:
            assert not nums, (doc["key"], n)
            continue
        assert len(nums) == 1, (doc["key"], n)
        ln = nums[0]
        assert int(PAGE_NUMBER.match(ln.text).group(1)) == n
        one = 14 / MM
        if n % 2:
            assert abs(ln.x1 / MM - (RIGHT - one)) <= 1.0
        else:
            assert abs(ln.x0 / MM - (LEFT + one)) <= 1.0
        dash = ln.chars[0]
        assert abs((dash["top"] + dash["bottom"]) / 2 / MM - BOTTOM - 7) <= 1.0 + 0.2 * 14 / MM


def _check_full_pages(doc) -> None:
    """Pages between page 1 and the tail's page are full: 22 lines (the tail chain is the only
    thing that may leave room, and only when it could not fit even with tightened spacing)."""
    pages = doc["pages"]
    date = squeeze(doc["s"].signature_date())
    tail = _pages_of(doc, lambda ln: squeeze(ln.text) == date)[-1]
    last_full = tail - (1 if doc["plan"].tail_moved else 0)
    for k in range(1, last_full):
        body = [ln for ln in pages[k][0] if ln.size == 16 and not PAGE_NUMBER.match(ln.text)]
        assert len(body) == 22, (doc["key"], k + 1, len(body))


def test_every_length_every_layout(sweep):
    docs = [d for d in sweep if d["kind"] == "length"]
    assert len(docs) == sum(len(r) for r in LENGTHS.values())
    for d in docs:
        _check_tail_and_record(d)
        _check_page_numbers(d)
        _check_full_pages(d)
    # the sweep crosses two page boundaries in every layout
    for layout in LAYOUT_BASE:
        counts = {len(d["pages"]) for d in docs if d["letter"].layout == layout}
        assert len(counts) >= 3, (layout, counts)
    # 7.3.5.5: the tail is tightened before it moves; report the figures
    tight = sum(1 for d in docs if d["plan"].spacing > 0)
    moved = sum(1 for d in docs if d["plan"].tail_moved)
    print(f"\nsweep: {len(docs)} letters, tightened {tight}, tail moved to a new page {moved}")


def test_signers_two_a_line(sweep):
    """7.2.6: names left to right, two a line, wrapped lines aligned with the first name, the
    发文字号 on the line of the last name; the red rule 4 mm under it; the 版头 never overlaps."""
    for d in (d for d in sweep if d["kind"] == "signers"):
        _check_tail_and_record(d)
        _check_page_numbers(d)
        names = d["letter"].signer
        lines = d["pages"][0][0]
        rows = [ln for ln in lines if any(n in squeeze(ln.text) for n in names)]
        assert len(rows) == math.ceil(len(names) / 2), d["key"]
        for row, group in zip(rows, [names[k:k + 2] for k in range(0, len(names), 2)]):
            assert all(n in squeeze(row.text) for n in group), (d["key"], row.text)
        assert "签发人：" in squeeze(rows[0].text)
        # wrapped rows start where the first name starts
        label_end = next(c for c in rows[0].chars if c["text"] == "：")["x1"]
        first_name_x = next(c["x0"] for c in rows[0].chars if c["x0"] >= label_end - 0.5)
        for row in rows[1:]:
            assert abs(row.chars[0]["x0"] - first_name_x) / MM <= 0.6 or "〔" in row.text, (d["key"], row.text)
            name_chars = [c for c in row.chars if c["x0"] > LEFT * MM + 80 * MM]
            assert abs(name_chars[0]["x0"] - first_name_x) / MM <= 0.6, (d["key"], row.text)
        # the 发文字号 on the last row, 居左空一字; the names end 一字 from the right edge
        number = next(ln for ln in lines if "〔" in ln.text)
        assert number is rows[-1], d["key"]
        assert abs(number.x0 / MM - (LEFT + 15.75 / MM)) <= 1.0
        assert max(r.x1 for r in rows) / MM <= RIGHT - 15.75 / MM + 1.0
        assert any(abs(r.x1 / MM - (RIGHT - 15.75 / MM)) <= 1.0 for r in rows)
        title = next(ln for ln in lines if ln.size == 22)
        assert title.top > number.bottom + 4 * MM


def test_copy_lists_of_any_length(sweep):
    docs = [d for d in sweep if d["kind"] == "copy"]
    assert len(docs) == 20
    for d in docs:
        _check_tail_and_record(d)
        _check_page_numbers(d)


def test_even_page_record(sweep):
    """record_page = "even": the 版记 on an even page; a blank page before it when needed, neither
    numbered; otherwise the 版记 page is numbered."""
    docs = [d for d in sweep if d["kind"] == "even" or d["options"].record_page == "even"]
    # a blank page arises when content ends on an even page the 版记 cannot share (attachments)
    assert any(d["plan"].blank_page for d in docs) and any(not d["plan"].blank_page for d in docs)
    for d in docs:
        _check_page_numbers(d)
        pages = d["pages"]
        assert len(pages) % 2 == 0 and d["plan"].record_page == len(pages)
        if d["plan"].blank_page:
            lines, rules = pages[d["plan"].blank_page - 1]
            assert not lines and not rules, d["key"]                              # blank
        lines, rules = pages[-1]
        assert abs(rules[-1]["bottom"] / MM - BOTTOM) <= 1.0
        assert any(ln.text.startswith("抄送：") for ln in lines)


def test_attachment_pages(sweep):
    """7.3.7: each 附件 with content on its own pages after the body and before the 版记: 附件N in
    3号黑体 on line 1, the title centred on line 3; one supplied separately only named."""
    docs = [d for d in sweep if d["kind"] == "attach"]
    for d in docs:
        pages = d["pages"]
        labels = [(k, ln) for k, (lines, _) in enumerate(pages) for ln in lines if re.fullmatch(r"附件\d", ln.text)]
        assert [ln.text for _, ln in labels] == ["附件1", "附件3"], d["key"]
        date = squeeze(d["s"].signature_date())
        tail = _pages_of(d, lambda ln: squeeze(ln.text) == date)[-1]
        for k, ln in labels:
            assert k > tail
            lines = pages[k][0]
            assert lines[0] is ln and "NotoSansCJK" in ln.chars[0]["fontname"] and ln.size == 16
            assert abs(ln.x0 / MM - LEFT) <= 1.0
            assert abs((ln.baseline - TOP * MM) - PITCH_PT) <= 0.3 * PITCH_PT                 # line 1
            title = lines[1]
            assert title.size == 22 and abs((title.x0 + title.x1) / 2 / MM - (LEFT + RIGHT) / 2) <= 1.0
            assert abs((title.baseline - ln.baseline) - 2 * PITCH_PT) <= 0.2 * PITCH_PT       # line 3
        lines, rules = pages[-1]
        assert any(ln.text.startswith("抄送：") for ln in lines) and abs(rules[-1]["bottom"] / MM - BOTTOM) <= 1.0
        if d["options"].record_page == "even":
            assert len(pages) % 2 == 0
        _check_page_numbers(d)
        assert not any("资金安排表" == squeeze(ln.text) for lines, _ in pages for ln in lines)   # 另附: no page
