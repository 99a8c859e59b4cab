"""The .docx the renderer writes, read back as XML (zipfile + lxml)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from render_fixtures import NSMAP, RENDER_DRAFTS, ROOT, load_letter

from drafter.render import render_docx
from drafter.render.title import break_title
from drafter.text import plain_text

W = "{%s}" % NSMAP["w"]
TWIPS_PER_MM = 72 * 20 / 25.4
EMU_PER_MM = 36000


def w(tag: str) -> str:
    return W + tag


def para_text(p) -> str:
    """The paragraph's own text, without text boxes anchored in it."""
    text = "".join((t.text or "") if t.tag == w("t") else "-"
                   for r in p.findall(w("r")) for t in r if t.tag in (w("t"), w("noBreakHyphen")))
    return text.replace("\u2060", "")   # word joiners only hold names together


def body_paragraphs(doc):
    return doc.xml("word/document.xml").find(w("body")).findall(w("p"))


def run_font(r) -> str | None:
    rf = r.find(f"{w('rPr')}/{w('rFonts')}")
    return None if rf is None else rf.get(w("eastAsia"))


def footer_parts(doc) -> dict[str, str]:
    """footer type (default/even/first) → part name, from the section's references."""
    rels = doc.xml("word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    sect = doc.xml("word/document.xml").find(f"{w('body')}/{w('sectPr')}")
    return {ref.get(w("type")): "word/" + targets[ref.get("{%s}id" % NSMAP["r"])]
            for ref in sect.findall(w("footerReference"))}


# -- page ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_a4_page_margins_and_line_grid(render_docs, name):
    sect = render_docs[name].xml("word/document.xml").find(f"{w('body')}/{w('sectPr')}")
    size, mar, grid = sect.find(w("pgSz")), sect.find(w("pgMar")), sect.find(w("docGrid"))
    # GB/T 9704 5.2.1: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
    assert int(size.get(w("w"))) == round(210 * TWIPS_PER_MM)
    assert int(size.get(w("h"))) == round(297 * TWIPS_PER_MM)
    for side, mm in (("top", 37), ("bottom", 297 - 37 - 225), ("left", 28), ("right", 210 - 28 - 156)):
        assert abs(int(mar.get(w(side))) - mm * TWIPS_PER_MM) <= 1, side
    # A line grid only (a character grid breaks LibreOffice), pitch = 225 mm / 22 rounded down.
    assert grid.get(w("type")) == "lines"
    pitch = int(grid.get(w("linePitch")))
    assert pitch == int(225 * TWIPS_PER_MM / 22)
    # Body paragraphs: exact leading of one grid pitch, off the grid snap.
    normal = next(s for s in render_docs[name].xml("word/styles.xml").findall(w("style"))
                  if s.get(w("styleId")) == "Normal")
    spacing = normal.find(f"{w('pPr')}/{w('spacing')}")
    assert spacing.get(w("lineRule")) == "exact" and int(spacing.get(w("line"))) == pitch
    assert normal.find(f"{w('pPr')}/{w('snapToGrid')}").get(w("val")) == "0"
    # −0.25 pt run spacing so 28 three-size characters fit 156 mm: 28 × (16 − 0.25) pt ≤ 156 mm.
    sp = int(normal.find(f"{w('rPr')}/{w('spacing')}").get(w("val")))
    assert 28 * (16 + sp / 20) <= 156 * 72 / 25.4 < 28 * 16


# -- fonts -----------------------------------------------------------------------------------------

EXPECTED_STYLES = {  # styleId → (East Asian font, size in pt)
    "Normal": ("仿宋", 16), "GwTitle": ("方正小标宋简体", 22), "GwHeading1": ("黑体", 16),
    "GwHeading2": ("楷体", 16), "GwHeading3": ("仿宋", 16), "GwHeading4": ("仿宋", 16),
    "GwRecord": ("仿宋", 14), "GwPageNumber": ("宋体", 14), "GwCategory": ("黑体", 16),
    "GwSalutation": ("仿宋", 16), "GwSignature": ("仿宋", 16), "GwDocNumber": ("仿宋", 16),
}


def test_styles_name_east_asian_fonts_and_sizes(render_docs):
    styles = render_docs["wenzhou-2019"].xml("word/styles.xml")
    by_id = {s.get(w("styleId")): s for s in styles.findall(w("style"))}
    for sid, (font, size) in EXPECTED_STYLES.items():
        rpr = by_id[sid].find(w("rPr"))
        fonts = rpr.find(w("rFonts"))
        assert fonts.get(w("eastAsia")) == font, sid
        assert fonts.get(w("hint")) == "eastAsia"
        assert int(rpr.find(w("sz")).get(w("val"))) == size * 2, sid
    assert by_id["GwMark"].find(f"{w('rPr')}/{w('color')}").get(w("val")) == "FF0000"
    defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
    assert defaults.get(w("eastAsia")) == "仿宋" and defaults.get(w("ascii")) == "Times New Roman"


def test_no_punctuation_past_the_margin(render_docs):
    """Word semantics: overflowPunct 0 = a full-width mark never hangs past the 28-character line."""
    styles = render_docs["wenzhou-2019"].xml("word/styles.xml")
    default = styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}/{w('overflowPunct')}")
    assert default.get(w("val")) == "0"
    normal = next(s for s in styles.findall(w("style")) if s.get(w("styleId")) == "Normal")
    assert normal.find(f"{w('pPr')}/{w('overflowPunct')}").get(w("val")) == "0"
    for doc in render_docs.values():
        for part in ("word/styles.xml", "word/document.xml"):
            on = [e for e in doc.xml(part).iter(w("overflowPunct")) if e.get(w("val")) not in ("0", "false")]
            assert not on, (doc.name, part)


def test_libreoffice_copy_inverts_overflow_punct(render_docs, tmp_path):
    """LibreOffice imports overflowPunct inverted; the copy it converts says 1 where Word's says 0."""
    from drafter.render.pdf import libreoffice_copy

    src = render_docs["cixi-2023"].path
    before = src.read_bytes()
    dst = tmp_path / "cixi.docx"
    libreoffice_copy(src, dst)
    assert src.read_bytes() == before
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            old, new = a.read(name), b.read(name)
            if name == "word/styles.xml":
                assert old.count(b'w:overflowPunct w:val="0"') == 2
                assert new.count(b'w:overflowPunct w:val="1"') == 2 and b'overflowPunct w:val="0"' not in new
                assert new.replace(b'overflowPunct w:val="1"', b'overflowPunct w:val="0"') == old
            else:
                assert old == new, name


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_no_theme_fonts_anywhere(render_docs, name):
    doc = render_docs[name]
    with zipfile.ZipFile(doc.path) as z:
        names = z.namelist()
        assert not any("theme" in n for n in names)
        for part in names:
            if part.endswith(".xml"):
                assert b"Theme=" not in z.read(part) and b"theme=" not in z.read(part), part


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_every_run_names_its_east_asian_and_latin_font(render_docs, name):
    runs = [r for r in render_docs[name].xml("word/document.xml").iter(w("r")) if r.find(w("t")) is not None]
    assert runs
    category = render_docs[name].letter.category
    for r in runs:
        fonts = r.find(f"{w('rPr')}/{w('rFonts')}")
        assert fonts is not None and fonts.get(w("eastAsia")), para_text(r)
        # The 类别标记 letter is 黑体 like the mark around it; everything else Times New Roman.
        text = "".join(t.text or "" for t in r.iter(w("t")))
        latin = "黑体" if text == category else "Times New Roman"
        assert fonts.get(w("ascii")) == fonts.get(w("hAnsi")) == latin, text


# -- body ------------------------------------------------------------------------------------------

HEADING_FONT = {1: "黑体", 2: "楷体", 3: "仿宋", 4: "仿宋"}


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_headings_numbered_and_in_their_fonts(render_docs, name):
    doc = render_docs[name]
    paras = body_paragraphs(doc)
    texts = [para_text(p) for p in paras]
    i = 0
    for bp in doc.letter.paragraphs():
        expected = (bp.heading.marker + bp.heading.text if bp.heading else "") + plain_text(bp.text or "")
        i = next(k for k in range(i, len(texts)) if texts[k] == expected)   # in order
        p = paras[i]
        if bp.heading:
            first = p.find(w("r"))
            assert run_font(first) == HEADING_FONT[bp.heading.level]
            style = p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val"))
            if bp.text is None:
                assert style == f"GwHeading{bp.heading.level}"
            else:   # run in: the paragraph text after the heading is 仿宋
                assert run_font(p.findall(w("r"))[-1]) == "仿宋"
        i += 1


def test_levels_markers_and_bold(render_docs):
    texts = [para_text(p) for p in body_paragraphs(render_docs["plain-levels"])]
    for marker in ("一、推进管网建设", "（一）加快城区管网改造。接排", "1.三级标题", "（1）四级标题", "（二）完善", "二、下一步工作"):
        assert any(t.startswith(marker) for t in texts), marker
    p = next(p for p in body_paragraphs(render_docs["plain-levels"]) if para_text(p).startswith("第一段正文"))
    bold = ["".join(t.text for t in r.iter(w("t"))) for r in p.findall(w("r")) if r.find(f"{w('rPr')}/{w('b')}") is not None]
    assert bold == ["加粗的一句话。"]
    assert "**" not in "".join(texts)


def test_template_syntax_in_a_draft_is_printed_literally(render_docs):
    texts = [para_text(p) for p in body_paragraphs(render_docs["plain-levels"])]
    line = next(t for t in texts if "模板式的文字" in t)
    assert "{{ 7*7 }}" in line and "{% if x %}" in line and "49" not in line


def test_salutation_flush_left_with_full_width_colon(render_docs):
    for doc in render_docs.values():
        p = next(p for p in body_paragraphs(doc) if para_text(p) == doc.sentences.salutation())
        assert para_text(p).endswith("：")
        assert p.find(f"{w('pPr')}/{w('ind')}").get(w("firstLine")) == "0"


def test_attachments_numbered_and_aligned(render_docs):
    paras = body_paragraphs(render_docs["plain-levels"])
    first = next(p for p in paras if para_text(p).startswith("附件："))
    second = paras[paras.index(first) + 1]
    assert para_text(first) == "附件：1.城乡供水一体化工程项目清单"
    assert para_text(second).startswith("2.某某市")
    ind1, ind2 = first.find(f"{w('pPr')}/{w('ind')}"), second.find(f"{w('pPr')}/{w('ind')}")
    # Wrapped lines align with the name: both paragraphs share the same left edge, and the first
    # line of the second starts where "1." starts in the first ("附件：" wide to its left).
    assert ind1.get(w("left")) == ind2.get(w("left"))
    start1 = int(ind1.get(w("left"))) - int(ind1.get(w("hanging")))
    start2 = int(ind2.get(w("left"))) - int(ind2.get(w("hanging")))
    assert start2 - start1 == pytest.approx(3 * (16 - 0.25) * 20, abs=2)


def test_signature_date_and_notes(render_docs):
    doc = render_docs["plain-levels"]
    texts = [para_text(p) for p in body_paragraphs(doc)]
    k = texts.index("2024年6月5日")
    assert texts[k - 1] == "某某市住房和城乡建设局"
    assert texts[k + 1 : k + 4] == ["（领导署名：赵六）", "（联系人：钱七，联系电话：0571-12345678）", "（此件公开发布）"]
    paras = body_paragraphs(doc)
    organ_right = int(paras[k - 1].find(f"{w('pPr')}/{w('ind')}").get(w("right")))
    date_right = int(paras[k].find(f"{w('pPr')}/{w('ind')}").get(w("right")))
    pitch = (16 - 0.25) * 20
    assert date_right == pytest.approx(4 * pitch, abs=2)                # 右空四字
    # 署名 centred over the date: measured on the PDF (test_render_pdf).
    assert organ_right >= 0


def test_category_mark_top_right(render_docs):
    paras = body_paragraphs(render_docs["cixi-2023"])
    assert para_text(paras[0]) == "A"
    assert paras[0].find(f"{w('pPr')}/{w('jc')}").get(w("val")) == "right"
    # letter-like layouts: a floating box on the right of page 1
    first = body_paragraphs(render_docs["plain-levels"])[0]
    boxes = {a.find("{%s}docPr" % NSMAP["wp"]).get("name"): a for a in first.iter("{%s}anchor" % NSMAP["wp"])}
    box = boxes["类别标记"]
    assert "".join(t.text for t in box.iter(w("t"))) == "B"
    assert box.find(f".//{w('jc')}").get(w("val")) == "right"


# -- letterhead ------------------------------------------------------------------------------------


def test_file_layout_red_mark_doc_number_and_rule(render_docs):
    doc = render_docs["wenzhou-2019"]
    paras = body_paragraphs(doc)
    mark = paras[0]
    assert para_text(mark) == "温州市市场监督管理局文件"
    assert mark.find(f"{w('r')}/{w('rPr')}/{w('color')}").get(w("val")) == "FF0000"
    before_twips = int(mark.find(f"{w('pPr')}/{w('spacing')}").get(w("before")))
    assert before_twips == pytest.approx(35 * TWIPS_PER_MM, abs=1)        # 35 mm below the 版心 top
    number = paras[1]
    assert para_text(number) == "温市监提〔2019〕99号"
    assert number.find(f"{w('pPr')}/{w('jc')}").get(w("val")) == "center"
    rule = number.find(f"{w('pPr')}/{w('pBdr')}/{w('bottom')}")
    assert rule.get(w("color")) == "FF0000" and int(rule.get(w("sz"))) >= 8


def test_signer_line(render_docs):
    number = body_paragraphs(render_docs["cixi-2023"])[2]
    assert para_text(number) == "慈市监管建〔2023〕2号签发人：胡建平"
    runs = number.findall(w("r"))
    assert run_font(runs[-1]) == "楷体" and run_font(runs[-2]) == "仿宋"
    one = (16 - 0.25) * 20
    # 居左空一字 by a tab stop (an indent would shorten the red rule below); the names end
    # 一字 from the right edge (measured on the PDF).
    first, label = number.findall(f"{w('pPr')}/{w('tabs')}/{w('tab')}")
    assert first.get(w("val")) == "left" and int(first.get(w("pos"))) == pytest.approx(one, abs=1)
    assert label.get(w("val")) == "left" and int(label.get(w("pos"))) > 156 * TWIPS_PER_MM / 2
    assert number.find(f"{w('pPr')}/{w('pBdr')}/{w('bottom')}").get(w("color")) == "FF0000"


def test_letter_layout_shapes(render_docs):
    doc = render_docs["xiamen-2025"]
    anchors = list(doc.xml("word/document.xml").iter("{%s}anchor" % NSMAP["wp"]))
    shapes = [a for a in anchors if a.find("{%s}docPr" % NSMAP["wp"]).get("name") != "版记"]
    red = [a for a in shapes if any(c.get("val") == "FF0000" for c in a.iter("{%s}srgbClr" % NSMAP["a"]))]
    assert len(red) == 4                                   # two double lines
    for a in red:
        assert int(a.find("{%s}extent" % NSMAP["wp"]).get("cx")) == 170 * EMU_PER_MM
        assert a.find("{%s}positionV" % NSMAP["wp"]).get("relativeFrom") == "page"
    heights = [int(a.find("{%s}extent" % NSMAP["wp"]).get("cy")) for a in red]
    assert heights[0] > heights[1] and heights[2] < heights[3]     # thick over thin, thin over thick
    last_y = int(red[3].find("{%s}positionV/{%s}posOffset" % (NSMAP["wp"], NSMAP["wp"])).text)
    assert last_y + heights[3] == pytest.approx((297 - 20) * EMU_PER_MM, abs=2)
    mark = [a for a in shapes if a.find("{%s}docPr" % NSMAP["wp"]).get("name") == "发文机关标志"][0]
    assert int(mark.find("{%s}positionV/{%s}posOffset" % (NSMAP["wp"], NSMAP["wp"])).text) == 30 * EMU_PER_MM
    first = body_paragraphs(doc)[0]
    assert "".join(t.text for t in first.iter(w("t"))) == "厦门市市场监督管理局"   # the mark's box
    number = body_paragraphs(doc)[1]
    assert para_text(number) == "厦市监函〔2025〕59号"
    assert number.find(f"{w('pPr')}/{w('jc')}").get(w("val")) == "right"


def test_plain_layout_has_no_red(render_docs):
    with zipfile.ZipFile(render_docs["plain-levels"].path) as z:
        assert b"FF0000" not in z.read("word/document.xml")


# -- 版记 --------------------------------------------------------------------------------------------


def _record(doc):
    """The 版记 paragraphs: in the text flow at the end of the body (no floating box)."""
    paras = body_paragraphs(doc)
    style = [p.find(f"{w('pPr')}/{w('pStyle')}") for p in paras]
    k = next(i for i, st in enumerate(style) if st is not None and st.get(w("val")) == "GwRecord")
    return paras[k:]


def test_record_rules_and_lines_at_the_bottom(render_docs):
    doc = render_docs["wenzhou-2019"]
    assert not [a for a in doc.xml("word/document.xml").iter("{%s}anchor" % NSMAP["wp"])
                if a.find("{%s}docPr" % NSMAP["wp"]).get("name") == "版记"]
    paras = _record(doc)
    rules = [int(b.get(w("sz"))) for p in paras for b in p.iter(w("bottom"))]
    assert rules == [8, 6, 8]                       # 0.35 mm thick, 0.25 mm thin, thick (1/8 pt)
    texts = [para_text(p) for p in paras if para_text(p)]
    assert texts == ["抄送：市人大常委会代表工委，市府办，龙湾区人大常委会。", "温州市市场监督管理局办公室2019年7月2日印发"]
    copy = next(p for p in paras if para_text(p).startswith("抄送"))
    assert all(int(r.find(f"{w('rPr')}/{w('sz')}").get(w("val"))) == 28 for r in copy.findall(w("r")))
    ind = copy.find(f"{w('pPr')}/{w('ind')}")
    one = (14 - 0.25) * 20
    assert int(ind.get(w("right"))) == pytest.approx(one, abs=1)
    assert int(ind.get(w("left"))) - int(ind.get(w("hanging"))) == pytest.approx(one, abs=1)
    # The whole tail is one chain: 署名 … 版记 each kept whole and with the next, the last not.
    body = body_paragraphs(doc)
    k = next(i for i, p in enumerate(body) if para_text(p) == doc.letter.signature.organ)
    chain = body[k:]
    assert all(p.find(f"{w('pPr')}/{w('keepNext')}") is not None for p in chain[:-1])
    assert all(p.find(f"{w('pPr')}/{w('keepLines')}") is not None for p in chain)
    assert chain[-1].find(f"{w('pPr')}/{w('keepNext')}") is None
    # Lines break only between names: the renderer writes the breaks (w:br) after a separator.
    pieces = "".join("\n" if c.tag == w("br") else (c.text or "") for r in copy.findall(w("r")) for c in r
                     if c.tag in (w("t"), w("br"))).split("\n")
    assert all(p.endswith(("，", "。")) for p in pieces)


def test_letter_layout_record_has_no_rules_or_printing(render_docs):
    paras = _record(render_docs["xiamen-2025"])
    assert not [b for p in paras for b in p.iter(w("pBdr"))]
    assert [para_text(p) for p in paras if para_text(p)] == ["抄送：市人大常委会代表工委，市政府办公厅。"]


# -- footers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RENDER_DRAFTS)
def test_page_number_footers(render_docs, name):
    doc = render_docs[name]
    settings = doc.xml("word/settings.xml")
    assert settings.find(w("evenAndOddHeaders")) is not None
    parts = footer_parts(doc)
    for kind, jc in (("default", "right"), ("even", "left")):
        ftr = doc.xml(parts[kind])
        p = ftr.find(w("p"))
        assert p.find(f"{w('pPr')}/{w('jc')}").get(w("val")) == jc
        instr = "".join(t.text for t in ftr.iter(w("instrText")))
        assert instr.strip() == "PAGE"
        assert [c.get(w("fldCharType")) for c in ftr.iter(w("fldChar"))] == ["begin", "separate", "end"]
        assert para_text(p).startswith("\u2014 ") and para_text(p).endswith(" \u2014")
        ind = p.find(f"{w('pPr')}/{w('ind')}")
        assert int(ind.get(w("right" if jc == "right" else "left"))) == 14 * 20   # 4号, no run spacing
        sz = {r.find(f"{w('rPr')}/{w('sz')}").get(w("val")) for r in p.findall(w("r"))}
        assert sz == {"28"}
    sect = doc.xml("word/document.xml").find(f"{w('body')}/{w('sectPr')}")
    if doc.letter.layout == "file":
        assert sect.find(w("titlePg")) is None
    else:   # 信函: no number on page 1
        assert sect.find(w("titlePg")) is not None
        first = doc.xml(parts["first"])
        assert not list(first.iter(w("instrText"))) and not para_text(first.find(w("p")))


# -- determinism --------------------------------------------------------------------------------------


def test_same_draft_same_bytes(render_docs):
    for doc in render_docs.values():
        letter, sentences = load_letter(RENDER_DRAFTS[doc.name])
        assert render_docx(letter, sentences) == doc.data, doc.name
    with zipfile.ZipFile(render_docs["wenzhou-2019"].path) as z:
        # one fixed zip timestamp whatever the 成文日期 (the zip format ends in 2107)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
        assert "2019-07-01T00:00:00Z" in core


def test_same_bytes_in_a_fresh_process(render_docs, tmp_path):
    code = (
        "import sys; sys.path.insert(0, 'tests');"
        "from render_fixtures import load_letter, RENDER_DRAFTS;"
        "from drafter.render import render_docx;"
        "l, s = load_letter(RENDER_DRAFTS['xiamen-2025']);"
        "sys.stdout.buffer.write(render_docx(l, s))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert out.stdout == render_docs["xiamen-2025"].data


def test_python_docx_reads_it(render_docs):
    import docx

    d = docx.Document(str(render_docs["cixi-2023"].path))
    assert d.paragraphs[0].text == "A"
    assert d.settings.odd_and_even_pages_header_footer


# -- title breaking --------------------------------------------------------------------------------------

TITLES = [
    "关于市人大第十三届四次会议第242号建议的答复函",
    "厦门市市场监督管理局关于市十六届人大五次会议第0185号建议办理情况答复的函",
    "关于市政协十三届三次会议第123号提案的协办意见",
    "对市十八届人大二次会议第192号建议的答复",
    "某某省某某市某某区住房和城乡建设局关于区人大五届三次会议第12号关于加快推进老旧小区改造和加装电梯工作的建议的答复",
]


@pytest.mark.parametrize("title", TITLES)
def test_title_lines_fit_and_never_form_an_inverted_trapezoid(title):
    from drafter.render.measure import width_pt

    lines = break_title(title)
    assert "".join(lines) == title
    widths = [width_pt(s, 22) for s in lines]
    # 2号 (22 pt) in the 版心's 442.25 pt (the PDF test checks the page holds each line).
    assert all(wd <= 442.25 for wd in widths)
    peak = widths.index(max(widths))
    assert all(a <= b for a, b in zip(widths[:peak], widths[1 : peak + 1]))    # rising to the peak
    assert all(a >= b for a, b in zip(widths[peak:], widths[peak + 1 :]))      # then never longer
    if len(lines) == 3:
        assert not widths[0] > widths[1] > widths[2]                              # no 倒梯形
    for line in lines:   # never split a number, never start with closing punctuation
        assert not line[0] in "，。、）》"
    joined = "|".join(lines)
    assert not any(f"{a}|{b}" in joined for a, b in zip("0123456789", "0123456789"))


def test_title_breaks_at_sensible_points():
    # whole words, 正梯形 (上短下长) first (issue 12's example)
    assert break_title(TITLES[0]) == ["关于市人大第十三届", "四次会议第242号建议的答复函"]
    assert break_title(TITLES[3]) == [TITLES[3]]
    # 书名号 groups stay whole when they fit a line; words stay whole inside those that do not
    quoted = "关于市政协十三届三次会议第45号《关于加强老年食堂建设的提案》的答复"
    assert break_title(quoted) == ["关于市政协十三届三次会议第45号", "《关于加强老年食堂建设的提案》的答复"]
    long = "关于市十六届人大五次会议第0201号《关于进一步优化城乡一体化供水工程行政执法规范化建设的建议》的答复"
    lines = break_title(long)
    assert len(lines) == 3 and not any(line.endswith(("城乡一体", "行政执法", "《关于进")) for line in lines)
    assert not any(x in "|".join(lines) for x in ("第0201|号", "一体|化", "执法|规范"))


def test_phone_numbers_do_not_break_at_the_hyphen(render_docs):
    """0577-89600223 split over two lines is misread: the hyphen is a no-break hyphen."""
    doc = render_docs["wenzhou-2019"]
    notes = [p for p in body_paragraphs(doc) if para_text(p).startswith("（联系人")]
    assert notes and "0577-89600223" in para_text(notes[0])
    run = next(r for r in notes[0].findall(w("r")) if r.find(w("noBreakHyphen")) is not None)
    texts = [t.text for t in run.findall(w("t"))]
    assert any(t.endswith("0577") for t in texts)


def _document_texts(letter) -> list[str]:
    """Every paragraph's text in document.xml, text boxes included."""
    from drafter.sentences import Sentences

    from lxml import etree

    data = render_docx(letter, Sentences(letter))
    root = etree.fromstring(zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml"))
    return [para_text(p) for p in root.iter(w("p"))]


def test_plain_layout_prints_the_printing_line_only_when_asked_and_letter_never():
    import dataclasses

    letter, _ = load_letter(ROOT / "examples" / "wenzhou-2019.yaml")
    plain = dataclasses.replace(letter, layout="plain")
    texts = _document_texts(plain)
    # 10.1: pre-printed 信函 paper carries no 印发 line, unless the draft asks (printing.show)
    assert not any(t.endswith("印发") for t in texts)
    shown = dataclasses.replace(plain, printing=dataclasses.replace(letter.printing, show=True))
    texts = _document_texts(shown)
    assert any(t.startswith("温州市市场监督管理局办公室") and t.endswith("2019年7月2日印发") for t in texts)
    assert not any(t == "温州市市场监督管理局文件" for t in texts)  # no letterhead on plain paper
    as_letter = dataclasses.replace(letter, layout="letter")
    assert not any(t.endswith("印发") for t in _document_texts(as_letter))  # 10.1: no 印发 line


def test_two_paragraph_closing_prints_two_paragraphs_kept_with_the_signature():
    import dataclasses

    letter, _ = load_letter(ROOT / "examples" / "wenzhou-2019.yaml")
    two = dataclasses.replace(letter, closing="感谢你们的关心和支持！\n特此答复。")
    texts = _document_texts(two)
    k = texts.index("感谢你们的关心和支持！")
    assert texts[k + 1] == "特此答复。"
