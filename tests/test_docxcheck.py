"""drafter.docxcheck: GB/T 9704 layout checks on .docx files built here with python-docx."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from drafter.docxcheck import check_docx_layout
from drafter.drafts import LoadError
from drafter.findings import ERROR, FATAL, WARNING

ROOT = Path(__file__).resolve().parents[1]

TITLE = "关于市十六届人大三次会议第45号建议的答复"
BODY = "我局高度重视校园周边交通安全工作，会同公安交警等部门开展专项整治，取得阶段性成效。"


def codes(findings) -> set[str]:
    return {f.code for f in findings}


def by_code(findings, code):
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, f"expected one {code}, got {[f.to_line() for f in findings]}"
    return hits[0]


def save(d, tmp_path: Path, name: str = "letter.docx") -> Path:
    p = tmp_path / name
    d.save(str(p))
    return p


# -- a letter typed in "another program": python-docx's default template -----------------------


def plain_letter():
    d = docx.Document()
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run(TITLE).font.size = Pt(22)
    d.add_paragraph("张三代表：")
    d.add_paragraph("您提出的《关于加强校园周边交通安全的建议》收悉。现答复如下：")
    d.add_paragraph("一、基本情况")
    for _ in range(3):
        d.add_paragraph(BODY)
    d.add_paragraph("感谢您对我局工作的关心和支持！")
    d.add_paragraph("某市交通运输局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2024年5月20日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for p in d.paragraphs:
        for r in p.runs:
            r.font.name = "Calibri"  # what such programs write: the Latin slots only
    return d


def test_default_template_letter_is_reported(tmp_path):
    found = check_docx_layout(save(plain_letter(), tmp_path), "a.docx")
    assert {"GB101", "GB102", "GB111", "GB112", "GB113", "GB114", "GB121", "GB122", "GB131", "GB141"} <= codes(found)
    assert all(f.file == "a.docx" for f in found)
    margins = by_code(found, "GB102")
    assert margins.severity == ERROR and margins.line is None and margins.field == "页面设置"
    assert "上 25.4 mm（应为 37）" in margins.message and "左 31.7 mm（应为 28）" in margins.message
    assert "215.9×279.4 mm" in by_code(found, "GB101").message  # US Letter
    font = by_code(found, "GB111")
    assert font.severity == ERROR
    # Calibri only names the Latin slots: the Han text falls back to the theme's East Asian font.
    assert "主题字体" in font.message and "宋体" in font.message
    assert font.line == 2  # the salutation is the first paragraph in 3号仿宋
    size = by_code(found, "GB112")
    assert "11 磅" in size.message and "正文有 9 段" in size.message
    assert "1.15 倍行距" in by_code(found, "GB121").message
    assert by_code(found, "GB114").line == 4
    assert by_code(found, "GB131").severity == WARNING
    for f in found:
        assert "\n" not in f.message and f.code.startswith("GB")


def test_findings_are_one_per_problem_class(tmp_path):
    d = plain_letter()
    body = d.paragraphs[4]
    for _ in range(40):
        body._p.addnext(copy.deepcopy(body._p))
    found = check_docx_layout(save(d, tmp_path), "a.docx")
    assert len(found) == len(codes(found))
    assert "正文有 49 段" in by_code(found, "GB112").message


# -- a conforming letter built by hand, then broken one property at a time ----------------------


def east_asia(rpr_parent, name: str):
    """Name all four font slots on a run or style (python-docx writes the Latin ones only)."""
    fonts = rpr_parent.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), "Times New Roman")
    fonts.set(qn("w:eastAsia"), name)


def styled_run(p, text: str, font: str, size: float, color: str | None = None):
    r = p.add_run(text)
    east_asia(r._r, font)
    r.font.size = Pt(size)
    if color:
        r.font.color.rgb = docx.shared.RGBColor.from_string(color)
    return r


def page_field(p, text_font: str = "宋体"):
    """ "— PAGE —" as literal dashes around a complex PAGE field."""
    styled_run(p, "— ", text_font, 14)
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        r = p.add_run()
        east_asia(r._r, text_font)
        r.font.size = Pt(14)
        if kind:
            fc = etree.SubElement(r._r, qn("w:fldChar"))
            fc.set(qn("w:fldCharType"), kind)
        elif instr:
            it = etree.SubElement(r._r, qn("w:instrText"))
            it.text = instr
        else:
            etree.SubElement(r._r, qn("w:t")).text = "1"  # the cached result
    styled_run(p, " —", text_font, 14)


def red_rule(p):
    ppr = p._p.get_or_add_pPr()
    bdr = etree.SubElement(ppr, qn("w:pBdr"))
    bottom = etree.SubElement(bdr, qn("w:bottom"))
    for k, v in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "FF0000")):
        bottom.set(qn(k), v)
    ppr.remove(bdr)
    ppr.insert(0, bdr)


def good_letter(*, body_font="仿宋_GB2312", body_size=16.0, even_odd=True, margins=(37, 35, 28, 26),
                line_exact=28.95, rule=True, mark_color="FF0000", theme_attr=False, grid=False):
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Mm(m) for m in margins)
    normal = d.styles["Normal"]
    east_asia(normal.element, body_font)
    normal.font.size = Pt(body_size)
    pf = normal.paragraph_format
    pf.space_after = Pt(0)
    if grid:
        pf.line_spacing = 1.0
        g = s._sectPr.find(qn("w:docGrid"))
        g.set(qn("w:type"), "lines")
        g.set(qn("w:linePitch"), "579")
    else:
        pf.line_spacing = Pt(line_exact)
    if theme_attr:
        # An explicit name plus a theme attribute: the theme wins in Word.
        normal.element.rPr.find(qn("w:rFonts")).set(qn("w:eastAsiaTheme"), "minorEastAsia")

    mark = d.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled_run(mark, "某市交通运输局文件", "方正小标宋简体", 36, mark_color)
    num = d.add_paragraph()
    num.alignment = WD_ALIGN_PARAGRAPH.CENTER
    num.add_run("某交函〔2024〕5号")
    if rule:
        red_rule(num)
    d.add_paragraph()
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled_run(title, TITLE, "方正小标宋简体", 22)
    d.add_paragraph("张三代表：")
    indent = Pt(2 * body_size)
    d.add_paragraph("您提出的《关于加强校园周边交通安全的建议》收悉。现答复如下：").paragraph_format.first_line_indent = indent
    h1 = d.add_paragraph()
    h1.paragraph_format.first_line_indent = indent
    styled_run(h1, "一、基本情况", "黑体", body_size)
    h2 = d.add_paragraph()
    h2.paragraph_format.first_line_indent = indent
    styled_run(h2, "（一）专项整治。", "楷体_GB2312", body_size)
    h2.add_run(BODY)
    h3 = d.add_paragraph("1.加强巡查。" + BODY)
    h3.paragraph_format.first_line_indent = indent
    for _ in range(3):
        d.add_paragraph(BODY).paragraph_format.first_line_indent = indent
    d.add_paragraph("感谢您对我局工作的关心和支持！").paragraph_format.first_line_indent = indent
    d.add_paragraph("某市交通运输局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2024年5月20日").alignment = WD_ALIGN_PARAGRAPH.RIGHT

    d.settings.odd_and_even_pages_header_footer = even_odd
    odd = s.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page_field(odd)
    if even_odd:
        even = s.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        page_field(even)
    return d


def test_conforming_letter_has_no_findings(tmp_path):
    assert check_docx_layout(save(good_letter(), tmp_path), "ok.docx") == []


def test_line_grid_of_22_lines_is_accepted(tmp_path):
    assert check_docx_layout(save(good_letter(grid=True), tmp_path), "ok.docx") == []


def test_songti_body_with_right_margins(tmp_path):
    found = check_docx_layout(save(good_letter(body_font="宋体"), tmp_path), "a.docx")
    assert "GB102" not in codes(found) and "GB101" not in codes(found)
    f = by_code(found, "GB111")
    assert "宋体" in f.message and f.severity == ERROR
    # 宋体 body text also breaks the 1. heading (仿宋) but not the 黑体/楷体 ones.
    assert codes(found) == {"GB111", "GB116"}


@pytest.mark.parametrize("font", ["仿宋", "FangSong", "方正仿宋_GBK", "STFangsong", "华文仿宋"])
def test_fangsong_variants_are_accepted(tmp_path, font):
    assert check_docx_layout(save(good_letter(body_font=font), tmp_path), "a.docx") == []


def test_body_14pt(tmp_path):
    found = check_docx_layout(save(good_letter(body_size=14), tmp_path), "a.docx")
    f = by_code(found, "GB112")
    assert "14 磅（四号）" in f.message and "三号（16 磅）" in f.message
    assert codes(found) == {"GB112"}


def test_margins_off(tmp_path):
    found = check_docx_layout(save(good_letter(margins=(37, 35, 30, 26)), tmp_path), "a.docx")
    f = by_code(found, "GB102")
    assert "左 30.0 mm（应为 28）" in f.message
    assert not any(side in f.message for side in ("上 ", "下 ", "右 "))
    assert codes(found) == {"GB102"}


def test_missing_even_and_odd_headers(tmp_path):
    found = check_docx_layout(save(good_letter(even_odd=False), tmp_path), "a.docx")
    assert codes(found) == {"GB132"}
    assert "奇偶页" in by_code(found, "GB132").message


def test_theme_east_asian_font_counts_as_wrong(tmp_path):
    found = check_docx_layout(save(good_letter(theme_attr=True), tmp_path), "a.docx")
    f = by_code(found, "GB111")
    assert "主题字体（minorEastAsia" in f.message


def test_line_spacing_and_indent(tmp_path):
    d = good_letter(line_exact=20)
    for p in d.paragraphs[6:]:
        p.paragraph_format.first_line_indent = None
    found = check_docx_layout(save(d, tmp_path), "a.docx")
    assert "固定值 20 磅" in by_code(found, "GB121").message
    assert "首行缩进为 无" in by_code(found, "GB122").message
    assert by_code(found, "GB122").line == 7


def test_no_red_rule_and_black_mark(tmp_path):
    found = check_docx_layout(save(good_letter(rule=False, mark_color="000000"), tmp_path), "a.docx")
    assert codes(found) == {"GB141", "GB142"}
    assert "#000000" in by_code(found, "GB142").message and by_code(found, "GB142").line == 1


def test_page_number_form(tmp_path):
    d = good_letter()
    odd = d.sections[0].footer.paragraphs[0]
    odd.runs[0].text = "- "
    odd.runs[-1].text = " -"
    found = check_docx_layout(save(d, tmp_path), "a.docx")
    assert codes(found) == {"GB133"}
    assert "“- 1 -”" in by_code(found, "GB133").message


def test_page_number_alignment(tmp_path):
    d = good_letter()
    d.sections[0].even_page_footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    found = check_docx_layout(save(d, tmp_path), "a.docx")
    assert codes(found) == {"GB132"}
    assert "偶数页页码居右" in by_code(found, "GB132").message


def test_style_chain_is_resolved(tmp_path):
    """Body font named on a custom style based on a style based on Normal; runs name nothing."""
    d = good_letter(body_font="Calibri")  # Normal itself is wrong …
    base = d.styles.add_style("公文基础", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    base.base_style = d.styles["Normal"]
    east_asia(base.element, "仿宋")
    body = d.styles.add_style("公文正文", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = base
    for p in d.paragraphs[4:]:
        if not p.runs or p.runs[0]._r.rPr is None:
            p.style = body  # … but every plain paragraph uses the derived style
    d.paragraphs[7].style = body
    found = check_docx_layout(save(d, tmp_path), "a.docx")
    assert "GB111" not in codes(found), [f.to_line() for f in found]


# -- the renderer's letters pass -------------------------------------------------------------------


EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_rendered_examples_have_no_layout_findings(tmp_path, example):
    render = pytest.importorskip("drafter.render")
    if not hasattr(render, "render_docx"):
        pytest.skip("renderer not available")
    from drafter.drafts import load_draft
    from drafter.model import Letter
    from drafter.sentences import Sentences

    draft, _ = load_draft(example)
    letter = Letter.from_data(draft.data)
    out = tmp_path / (example.stem + ".docx")
    out.write_bytes(render.render_docx(letter, Sentences(letter)))
    found = check_docx_layout(out, out.name)
    assert found == [], [f.to_line() for f in found]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_rendered_letter_with_black_letterhead(tmp_path, example):
    """The same letters with every red turned black: the checker sees the rule and the mark go."""
    render = pytest.importorskip("drafter.render")
    if not hasattr(render, "render_docx"):
        pytest.skip("renderer not available")
    from drafter.drafts import load_draft
    from drafter.model import Letter
    from drafter.sentences import Sentences

    draft, _ = load_draft(example)
    letter = Letter.from_data(draft.data)
    raw = render.render_docx(letter, Sentences(letter))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith(".xml"):
                data = data.replace(b'"FF0000"', b'"000000"')
            dst.writestr(item, data)
    out = tmp_path / "black.docx"
    out.write_bytes(buf.getvalue())
    found = check_docx_layout(out, out.name)
    assert codes(found) == {"GB141", "GB142"}, [f.to_line() for f in found]


# -- unreadable files -------------------------------------------------------------------------------


def refused(path: Path) -> str:
    with pytest.raises(LoadError) as exc:
        check_docx_layout(path, path.name)
    f = exc.value.finding
    assert f.severity == FATAL and f.file == path.name and "\n" not in f.message
    return f.message


def test_random_bytes_named_docx(tmp_path):
    p = tmp_path / "broken.docx"
    p.write_bytes(bytes(range(256)) * 20)
    assert refused(p).startswith("不是有效的 Word 文档（.docx）")


def test_old_binary_doc(tmp_path):
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    msg = refused(p)
    assert msg.startswith("不是有效的 Word 文档（.docx）") and "另存为 .docx" in msg


def test_zip_without_word_part(tmp_path):
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "word/document.xml" in refused(p)


def test_docx_with_broken_xml(tmp_path):
    good = save(good_letter(), tmp_path, "good.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    p = tmp_path / "half.docx"
    p.write_bytes(buf.getvalue())
    assert refused(p).startswith("不是有效的 Word 文档（.docx）")


def test_missing_file(tmp_path):
    assert "不存在" in refused(tmp_path / "nope.docx")


# -- rendered letters with attachments, the plain layout, run-in headings ----------------------------


def _render_wenzhou(tmp_path: Path, name: str, data_changes=None, **changes) -> Path:
    import dataclasses

    from drafter.drafts import load_draft
    from drafter.model import Letter
    from drafter.render import render_docx
    from drafter.sentences import Sentences

    draft, _ = load_draft(ROOT / "examples" / "wenzhou-2019.yaml")
    data = draft.data
    if data_changes:
        data_changes(data)
    letter = dataclasses.replace(Letter.from_data(data), **changes)
    out = tmp_path / name
    out.write_bytes(render_docx(letter, Sentences(letter)))
    return out


def test_attachment_lines_are_no_body_text(tmp_path):
    """"附件：1.甲表" and "2.乙名录" hang under their label: no first-line indent to check."""
    out = _render_wenzhou(tmp_path, "att.docx", attachments=["甲表", "乙名录"])
    found = check_docx_layout(out, out.name)
    assert found == [], [f.to_line() for f in found]


def test_attachment_block_is_classified():
    from drafter.docxcheck.checks import classify
    from drafter.docxcheck.reader import Styles, body_paragraphs, read_paragraph

    d = docx.Document()
    for t in ("张三代表：", "您的建议收悉。现答复如下：", BODY, "感谢您的关心！", "附件：1.甲表", "2.乙名录",
              "某市交通运输局", "2024年5月20日"):
        d.add_paragraph(t)
    d.paragraphs[-2].alignment = d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    styles = Styles(d)
    lay = classify([read_paragraph(styles, p, i) for i, p in enumerate(body_paragraphs(d), start=1)])
    assert [lay.paras[i].text for i in lay.attachments] == ["附件：1.甲表", "2.乙名录"]
    assert [lay.paras[i].text for i in lay.body] == ["您的建议收悉。现答复如下：", BODY, "感谢您的关心！"]


def test_plain_layout_by_drafter_needs_no_letterhead(tmp_path):
    out = _render_wenzhou(tmp_path, "plain.docx", layout="plain")
    found = check_docx_layout(out, out.name)
    assert found == [], [f.to_line() for f in found]
    # the same letter without drafter's metadata: a foreign letter still hears about the rule
    stripped = tmp_path / "foreign.docx"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(stripped, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/custom.xml":
                data = b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
            dst.writestr(item, data)
    found = check_docx_layout(stripped, stripped.name)
    assert codes(found) == {"GB141"} and by_code(found, "GB141").severity == WARNING


def test_run_in_heading_without_full_stop_is_checked_by_font(tmp_path):
    """"（二）征求各方意见" in 楷体 runs on into 仿宋 body text with no "。" after the heading."""

    def add(data):
        data["measures"][0]["body"].append(
            {"heading": "征求各方意见", "run_in": True, "body": ["我们走访了十一个联盟。联盟成员普遍赞同。"]})

    out = _render_wenzhou(tmp_path, "run-in.docx", add)
    found = check_docx_layout(out, out.name)
    assert found == [], [f.to_line() for f in found]
