"""The other documents of a case: platform text, 公开版, 征求意见表, and review copies of Word
letters (comments, tracked changes). The produced files are opened and read; every .docx made
here is also converted by LibreOffice in ONE batch to prove it opens cleanly."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from cli_support import run_cli
from lxml import etree

from drafter.api import RenderRefused, Workspace
from drafter.profile import Profile, load_profile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def _body_text(data: bytes) -> str:
    """The printed text: w:t, and the non-breaking hyphens phone numbers are written with."""
    return _text_of(_part(data, "word/document.xml"))


def _text_of(root: etree._Element) -> str:
    return "".join((t.text or "") if t.tag == _w("t") else "-" for t in root.iter(_w("t"), _w("noBreakHyphen")))


def _members(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {i.filename: z.read(i) for i in z.infolist()}


@pytest.fixture(scope="module")
def ws():
    return Workspace(profile=Profile())


# -- platform text ---------------------------------------------------------------------------


def test_platform_text_is_the_body_with_numbering(ws):
    doc = ws.open(EXAMPLES / "xiamen-2025.yaml")
    body = doc.platform_text()
    paras = body.paragraphs
    assert paras[0].startswith("《关于构建知识产权大保护格局")            # the opening sentence
    assert "一、办理工作背景" in paras and "二、措施与成效" in paras          # level-1 headings numbered on
    assert any(p.startswith("（一）持续深化知识产权宣传教育。一是") for p in paras)  # run-in heading + text
    assert paras[-1].startswith("感谢您对我们工作的关心和支持")
    joined = body.text()
    for absent in ("厦门市市场监督管理局关于", "郭晓珍代表：", "2025年5月7日", "联系人", "抄送", "**"):
        assert absent not in joined                                     # no 函头, 标题, 称谓, 落款, 附注, 版记
    assert body.length == sum(len(p) for p in paras)


def test_text_command_checks_the_limit_and_writes_notepad_text(tmp_path):
    out = tmp_path / "正文.txt"
    result = run_cli("text", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(out))
    assert result.code == 1 and "PT101" in result.err and "2500" in result.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n\n" not in raw.replace(b"\r\n", b"\n\n"[:1])
    profile = tmp_path / "drafter.toml"
    profile.write_text('[text]\nlimit = 0\nencoding = "gb18030"\nnewline = "lf"\nacknowledgement = false\n', encoding="utf-8")
    again = run_cli("text", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(tmp_path / "b.txt"), "--profile", str(profile))
    assert again.code == 0, again.err
    text = (tmp_path / "b.txt").read_bytes().decode("gb18030")
    assert "\r" not in text and text.startswith("一、办理工作背景")
    # never overwrites
    third = run_cli("text", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(tmp_path / "b.txt"), "--profile", str(profile))
    assert third.code == 2 and "IO012" in third.err


def test_text_command_prints_to_stdout_and_json():
    result = run_cli("text", str(EXAMPLES / "wenzhou-2019.yaml"))
    assert result.code == 0 and result.out.startswith("你们在市人大第十三届四次会议期间所提的")
    assert "正文共" in result.err
    import json

    doc = json.loads(run_cli("text", str(EXAMPLES / "wenzhou-2019.yaml"), "--format", "json").out)
    assert doc["results"][0]["length"] == len(doc["results"][0]["text"].replace("\n", ""))


def test_bad_text_table_is_one_cf_line(tmp_path):
    profile = tmp_path / "drafter.toml"
    profile.write_text('[text]\nencoding = "latin-1"\n', encoding="utf-8")
    result = run_cli("text", str(EXAMPLES / "wenzhou-2019.yaml"), "--profile", str(profile))
    assert result.code == 2 and "CF003" in result.out + result.err and "text.encoding" in result.out + result.err


# -- 公开版 ---------------------------------------------------------------------------------

PERSONAL = "（您留的手机139-0577-1234已收到，住址为幸福路12号3栋501室，身份证号33030219800101123X，[[家属王某]]）"


def _with_personal(tmp_path: Path, extra: str = "") -> Path:
    text = (EXAMPLES / "xiamen-2025.yaml").read_text(encoding="utf-8")
    text = text.replace("第0185号建议分析了", "第0185号建议" + PERSONAL + "分析了", 1) + extra
    path = tmp_path / "reply.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_public_copy_masks_personal_numbers_and_keeps_the_unit_contact(tmp_path, ws):
    doc = ws.open(_with_personal(tmp_path))
    assert doc.ok, [f.to_line() for f in doc.findings]
    signed, public = _body_text(doc.docx()), _body_text(doc.public_docx())
    assert "139-0577-1234" in signed and "家属王某" in signed and "[[" not in signed   # signed copy prints it all
    for personal in ("139-0577-1234", "12号3栋501室", "33030219800101123X", "家属王某"):
        assert personal not in public
    assert "（您留的手机×××已收到，住址为幸福路×××，身份证号×××，×××）" in public
    assert "5077969" in public and "余中阳" in public                                  # the unit's 联系人 stays
    assert "2025年5月7日" in public and "郭晓珍" in public


def test_public_policy_from_the_profile(tmp_path):
    draft = _with_personal(tmp_path)
    (tmp_path / "drafter.toml").write_text('[public]\ncontacts = false\nmask = "（略）"\n', encoding="utf-8")
    ws = Workspace(profile=load_profile(cwd=tmp_path))
    public = _body_text(ws.open(draft).public_docx())
    assert "余中阳" not in public and "5077969" not in public and "（略）" in public


def test_render_public_writes_beside_and_refuses_unpublishable(tmp_path):
    draft = _with_personal(tmp_path)
    result = run_cli("render", str(draft), "--public")
    assert result.code == 0, result.out + result.err
    assert (tmp_path / "reply-公开版.docx").is_file() and not (tmp_path / "reply.docx").exists()
    closed = _with_personal(tmp_path, "case:\n  publish:\n    allowed: false\n")
    result = run_cli("render", str(closed), "--public", "--force")
    assert result.code == 1 and "PB102" in result.out and "不予公开" in result.out


def test_public_copy_is_checked_again_after_rendering(tmp_path):
    # an office template that prints a mobile number: the masked data is clean, the page is not
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "closing.j2").write_text("感谢您的支持！如有疑问请拨打13905771234。", encoding="utf-8")
    (tmp_path / "drafter.toml").write_text('[templates]\ndir = "tpl"\n', encoding="utf-8")
    ws = Workspace(profile=load_profile(cwd=tmp_path))
    doc = ws.open(EXAMPLES / "return-2025.yaml")                     # its closing comes from the template
    assert "13905771234" in _body_text(doc.docx())
    with pytest.raises(RenderRefused) as info:
        doc.public_docx()
    (f,) = info.value.findings
    assert f.code == "PB101" and "13905771234" in f.message


# -- 征求意见表 -------------------------------------------------------------------------------


def test_form_one_page_per_deputy_prefilled(ws):
    from docx import Document

    doc = ws.open(EXAMPLES / "wenzhou-2019.yaml")   # 王贤理等6位代表: one named, five counted
    form = Document(io.BytesIO(doc.form_docx()))
    assert len(form.tables) == 6
    titles = [p for p in form.paragraphs if p.text == "代表建议办理情况征求意见表"]
    assert len(titles) == 6 and all(p.paragraph_format.page_break_before for p in titles[1:])
    first = form.tables[0]
    cells = [c.text for c in first.rows[0].cells]
    assert cells[:4] == ["建议号", "第242号", "承办单位", "温州市市场监督管理局"]
    assert first.rows[1].cells[1].text == "王贤理" and form.tables[1].rows[1].cells[1].text == ""
    text = "\n".join(c.text for r in first.rows for c in r.cells)
    for item in ("走访/沟通情况", "办理人员态度", "是否同意办理结果", "答复前听取意见的方式", "答复是否针对建议", "意见或建议"):
        assert item in text
    assert "□满意" in text and "□基本满意" in text and "□不满意" in text
    # fixed layout: the grid and every cell width are given
    tbl = first._tbl
    assert tbl.tblPr.find(_w("tblLayout")).get(_w("type")) == "fixed"
    grid = [int(g.get(_w("w"))) for g in tbl.tblGrid.findall(_w("gridCol"))]
    assert abs(sum(grid) / 56.7 - 156) < 1                                # 156 mm type area
    assert all(tc.tcPr is not None and tc.tcPr.find(_w("tcW")) is not None for tc in tbl.iter(_w("tc")))


def test_form_command_refuses_an_opinion(tmp_path):
    result = run_cli("form", str(EXAMPLES / "opinion-2025.yaml"), "-o", str(tmp_path))
    assert result.code == 1 and "FM101" in result.out and not list(tmp_path.iterdir())
    ok = run_cli("form", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(tmp_path))
    assert ok.code == 0 and (tmp_path / "xiamen-2025-征求意见表.docx").is_file()


# -- review in Word ----------------------------------------------------------------------------


def _python_docx_letter() -> bytes:
    """A letter typed in Word by someone else: python-docx defaults, Word heading styles,
    half-width punctuation and a 文号 with square brackets."""
    from docx import Document

    d = Document()
    d.add_paragraph("温州市市场监督管理局")
    d.add_paragraph("温市监提[2025]12号")
    d.add_heading("关于市十六届人大五次会议第0185号建议的答复", level=1)
    d.add_paragraph("郭晓珍代表：")
    d.add_paragraph("您提出的《关于加强知识产权保护的建议》（第0185号）收悉,经认真研究，现答复如下：")
    d.add_heading("一、加强宣传", level=2)
    d.add_paragraph("今年共举办培训12场,覆盖企业300家。")
    d.add_paragraph("感谢您对我们工作的关心和支持！")
    d.add_paragraph("温州市市场监督管理局")
    d.add_paragraph("2025年5月7日")
    d.add_paragraph("（联系人：王钧，联系电话：0577-89600223）")
    d.add_paragraph("抄送：市人大常委会代表工委。")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _drafter_letter_with_mistakes(ws) -> bytes:
    data = ws.open(EXAMPLES / "xiamen-2025.yaml").docx()
    members = _members(data)
    xml = members["word/document.xml"].decode("utf-8")
    xml = xml.replace("收悉，该建议由我局独办", "收悉,该建议由我局独办", 1)
    members["word/document.xml"] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in members.items():
            z.writestr(name, blob)
    return out.getvalue()


@pytest.fixture(scope="module")
def letters(ws, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("letters")
    out = {"python-docx": folder / "typed.docx", "drafter": folder / "ours.docx"}
    out["python-docx"].write_bytes(_python_docx_letter())
    out["drafter"].write_bytes(_drafter_letter_with_mistakes(ws))
    return out


CHANGED = {"word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels", "word/comments.xml"}


@pytest.mark.parametrize("which", ["python-docx", "drafter"])
def test_annotate_puts_each_finding_on_its_paragraph(ws, letters, which):
    doc = ws.open(letters[which])
    original = letters[which].read_bytes()
    data = doc.annotated()
    comments = _part(data, "word/comments.xml").findall(_w("comment"))
    assert len(comments) == len(doc.findings) > 0
    texts = ["".join(t.text for t in c.iter(_w("t"))) for c in comments]
    for f, text in zip(doc.findings, texts):
        # "CODE 级别：说明"; a finding with no place in the text names its field first
        assert re.match(rf"(〔{re.escape(f.field)}〕)?{f.code} ", text) and f.message in text
    assert all(c.get(_w("author")) == "drafter" for c in comments)
    body = _part(data, "word/document.xml")
    starts = body.findall(".//w:commentRangeStart", NS)
    refs = body.findall(".//w:commentReference", NS)
    assert len(starts) == len(refs) == len(comments)
    # the half-width comma finding sits on the paragraph holding that comma
    tx = [c for c, f in zip(comments, doc.findings) if f.code == "TX102"]
    assert tx
    for c in tx:
        cid = c.get(_w("id"))
        p = body.xpath(f".//w:commentRangeStart[@w:id='{cid}']/ancestor::w:p[1]", namespaces=NS)[0]
        assert "," in "".join(t.text or "" for t in p.iter(_w("t")))
    # everything else of the original byte for byte; the original untouched
    before, after = _members(original), _members(data)
    for name, blob in before.items():
        if name not in CHANGED:
            assert after[name] == blob, name
    assert letters[which].read_bytes() == original
    assert _body_text(data) == _body_text(original)                           # comments add no text


def _accept(root: etree._Element) -> str:
    root = etree.fromstring(etree.tostring(root))
    for d in root.findall(".//w:del", NS):
        d.getparent().remove(d)
    return _text_of(root)


def _reject(root: etree._Element) -> str:
    root = etree.fromstring(etree.tostring(root))
    for i in root.findall(".//w:ins", NS):
        i.getparent().remove(i)
    for t in root.iter(_w("delText")):
        t.tag = _w("t")
    return _text_of(root)


@pytest.mark.parametrize("which", ["python-docx", "drafter"])
def test_fixes_as_tracked_changes(ws, letters, which):
    doc = ws.open(letters[which])
    original = letters[which].read_bytes()
    result = doc.tracked()
    assert result.tracked, [f.to_line() for f in doc.findings]
    body = _part(result.data, "word/document.xml")
    dels, ins = body.findall(".//w:del", NS), body.findall(".//w:ins", NS)
    assert dels and ins and all(e.get(_w("author")) == "drafter" for e in dels + ins)
    accepted, rejected = _accept(body), _reject(body)
    assert rejected == _body_text(original)                                   # reject all = the original
    assert "," not in accepted.replace(", ", "")                              # accept all = fixed text
    assert "收悉，" in accepted
    # a revision keeps the formatting of the run it replaces
    for i in ins:
        run = i.find(_w("r"))
        prev = i.getprevious()
        if prev is not None and prev.tag == _w("del"):
            old = prev.find(_w("r")).find(_w("rPr"))
            new = run.find(_w("rPr"))
            assert (old is None and new is None) or etree.tostring(old) == etree.tostring(new)
    before, after = _members(original), _members(result.data)
    for name, blob in before.items():
        if name not in CHANGED:
            assert after[name] == blob, name
    assert {f.code for f in result.tracked} == {"TX102"}


def test_check_cli_review_copies(tmp_path, letters):
    src = letters["python-docx"]
    before = src.read_bytes()
    ann, rev = tmp_path / "批注版.docx", tmp_path / "修订稿.docx"
    result = run_cli("check", str(src), "--annotate", str(ann))
    assert result.code == 1 and ann.is_file() and "批注版" in result.err
    result = run_cli("check", str(src), "--fix", "-o", str(rev))
    assert rev.is_file() and "修订稿" in result.err
    assert src.read_bytes() == before
    again = run_cli("check", str(src), "--annotate", str(ann))
    assert again.code == 2 and "IO012" in again.out
    same = run_cli("check", str(src), "--fix", "-o", str(src))
    assert same.code == 2 and src.read_bytes() == before
    draft = run_cli("check", str(EXAMPLES / "xiamen-2025.yaml"), "--annotate", str(tmp_path / "x.docx"))
    assert draft.code == 2 and "Word" in draft.err


# -- everything made here opens in LibreOffice ----------------------------------------------------


def test_all_outputs_open_in_libreoffice(ws, letters, tmp_path):
    from drafter.render.pdf import convert_many, find_soffice

    if not find_soffice():
        pytest.fail("LibreOffice (soffice) is not installed: install libreoffice-writer-nogui")
    made = {
        "form": ws.open(EXAMPLES / "wenzhou-2019.yaml").form_docx(),
        "public": ws.open(_with_personal(tmp_path)).public_docx(),
        "annotated-typed": ws.open(letters["python-docx"]).annotated(),
        "annotated-ours": ws.open(letters["drafter"]).annotated(),
        "tracked-typed": ws.open(letters["python-docx"]).tracked().data,
        "tracked-ours": ws.open(letters["drafter"]).tracked().data,
    }
    paths = []
    for name, data in made.items():
        p = tmp_path / f"{name}.docx"
        p.write_bytes(data)
        paths.append(p)
    pdfs = convert_many(paths, tmp_path / "pdf")                 # one LibreOffice start
    import pdfplumber

    for name, pdf in zip(made, pdfs):
        with pdfplumber.open(pdf) as d:
            text = "".join(page.extract_text() or "" for page in d.pages)
            if name == "form":
                assert len(d.pages) == 6                           # one A4 page per deputy
                assert all(round(p.width) == 595 and round(p.height) == 842 for p in d.pages)
        assert len(text) > 50, name
