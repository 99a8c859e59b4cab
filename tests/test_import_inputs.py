"""drafter import on hostile-but-realistic inputs, each built here (no binaries shipped): PDFs
drafter rendered (one LibreOffice start for all, via render_pdfs), a PDF without a text layer,
a WPS text-box .docx, Word automatic numbering, text in UTF-16/GB18030/Big5; the corpus
accuracy threshold; the recognisers' evidence and the CLI's one line per field."""

from __future__ import annotations

import copy
import io
import json
import re

import pytest

from cli_support import run_cli
from drafter.drafts import LoadError
from drafter.importer import import_file, import_text
from import_corpus_support import run, summarise

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

LETTER = [
    "某县农业农村局",
    "某农函〔2024〕12号",
    "关于县十八届人大三次会议第45号建议的答复",
    "陈建华代表：",
    "您提出的《关于加快高标准农田建设的建议》（第45号）收悉，现答复如下：",
    "今年全县新建高标准农田2.1万亩。",
    "感谢您对农业农村工作的关心和支持！",
    "某县农业农村局",
    "2024年6月20日",
    "（联系人：赵敏，联系电话：0571-88112233）",
    "抄送：县人大常委会代表工委，县政府办公室。",
]


def _strip_bold(node):
    if isinstance(node, str):
        return node.replace("**", "")
    if isinstance(node, list):
        return [_strip_bold(x) for x in node]
    if isinstance(node, dict):
        return {k: _strip_bold(v) for k, v in node.items()}
    return node


def _no_cjk_gaps(node):
    """A PDF has gaps, not spaces: a space the author typed next to a CJK character cannot be
    told from typesetting and is lost (README 导入, known limits)."""
    if isinstance(node, str):
        return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=\S)|(?<=\S)\s+(?=[\u4e00-\u9fff])", "", node)
    if isinstance(node, list):
        return [_no_cjk_gaps(x) for x in node]
    if isinstance(node, dict):
        return {k: _no_cjk_gaps(v) for k, v in node.items()}
    return node


# -- PDFs drafter rendered ------------------------------------------------------------------


def test_render_pdf_then_import_is_exact(render_pdfs):
    """Every example through `render --pdf` and back: page numbers "— 2 —" dropped, lines
    joined, 文号/签发人 on one line told apart. A PDF keeps no metadata, so what the print never
    says (办理方式, 协办单位, 版式, 交办日期, 延期批准日期) is left to the clerk, and bold is whatever the PDF's font says."""
    for name, doc in render_pdfs.items():
        res = import_file(doc.pdf)
        assert res.refused is None, name
        expected, got = copy.deepcopy(doc.letter.to_data()), copy.deepcopy(res.data)
        for data in (expected, got):
            for key in ("handling", "co_handlers", "assigned", "extended"):  # never printed
                data.get("proposal", {}).pop(key, None)
            data.get("case", {}).get("extension", {}).pop("approved", None)  # nor is the approval date
            if data.get("copy_to") == []:
                data.pop("copy_to")  # an empty copy list prints nothing: a PDF cannot tell it from unknown
            data.pop("layout", None)
        assert _no_cjk_gaps(_strip_bold(got)) == _no_cjk_gaps(_strip_bold(expected)), name


def _pdf_without_text() -> bytes:
    """A valid one-page PDF with a drawn rectangle and no text: what a scanner produces."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    ]
    stream = b"0 0 1 rg 100 100 200 200 re f"
    objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def test_scanned_pdf_gets_one_line_error(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_without_text())
    with pytest.raises(LoadError) as err:
        import_file(path)
    f = err.value.finding
    assert f.code == "IM031" and "扫描件" in f.message and "\n" not in f.to_line()


# -- .docx the way WPS and Word write them ----------------------------------------------------

_WPS_BOX = (
    f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
    "<wps:wsp><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
)


def _para_xml(text: str) -> str:
    return f'<w:p xmlns:w="{W_NS}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_wps_text_box_without_fallback(tmp_path):
    """WPS puts the 文号 and the 版记 in text boxes and writes no mc:Fallback copy."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    head = doc.add_paragraph()
    head._p.append(parse_xml(_WPS_BOX.format(paras=_para_xml(LETTER[1]))))
    for text in LETTER[2:10]:
        doc.add_paragraph(text)
    box = doc.add_paragraph()
    box._p.append(parse_xml(_WPS_BOX.format(paras=_para_xml(LETTER[10]))))
    path = tmp_path / "wps.docx"
    doc.save(str(path))
    d = import_file(path).data
    assert d["doc_number"] == "某农函〔2024〕12号"
    assert d["copy_to"] == ["县人大常委会代表工委", "县政府办公室"]
    assert d["contacts"] == [{"name": "赵敏", "phones": ["0571-88112233"]}]


def _numbered_docx(path):
    """Headings numbered by Word (numbering.xml): the text holds no 一、 or （一）."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int):
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    for text in LETTER[2:5]:
        doc.add_paragraph(text)
    numbered("主要工作", 0)
    numbered("加快建设进度", 1)
    doc.add_paragraph("今年全县新建高标准农田2.1万亩。")
    numbered("强化资金保障", 1)
    doc.add_paragraph("县财政安排资金3000万元。")
    numbered("下一步打算", 0)
    doc.add_paragraph("我们将继续推进。")
    for text in LETTER[6:]:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_word_automatic_numbering_gives_the_heading_levels(tmp_path):
    d = import_file(_numbered_docx(tmp_path / "numbered.docx")).data
    work = d["measures"][0]
    assert work["heading"] == "主要工作"
    assert [s["heading"] for s in work["body"]] == ["加快建设进度", "强化资金保障"]
    assert d["next_steps"] == [{"heading": "下一步打算", "body": ["我们将继续推进。"]}]


# -- plain text in the encodings offices save -------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "gb18030", "gbk", "utf-8-sig"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "letter.txt"
    path.write_bytes("\r\n".join(LETTER).encode(encoding))
    d = import_file(path).data
    assert d["addressee"] == {"deputies": ["陈建华"]}
    assert d["proposal"]["title"] == "关于加快高标准农田建设的建议"


def test_big5_is_detected_not_misread(tmp_path):
    text = "陳建華代表：\n您提出的《關於加快高標準農田建設的建議》（第45號）收悉，現答覆如下：\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    from drafter.importer.extract import decode_text

    assert decode_text(path.read_bytes(), "big5.txt") == text


# -- the real-letter corpus --------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_summary():
    outcomes = run()
    return outcomes, summarise(outcomes)


def test_corpus_accuracy_at_least_95_percent(corpus_summary):
    _, s = corpus_summary
    assert s.checked >= 300
    assert s.accuracy >= 0.95, f"{s.right}/{s.checked}"


def test_corpus_every_reply_accepted_and_no_crash(corpus_summary):
    outcomes, s = corpus_summary
    assert s.crashes == 0
    assert s.letters_accepted == s.letters, [o.case.stem for o in outcomes if o.case.doc_kind != "refuse" and not o.accepted]


def test_corpus_lookalikes_refused_with_a_reason(corpus_summary):
    outcomes, s = corpus_summary
    accepted = [o.case.stem for o in outcomes if o.case.doc_kind == "refuse" and o.refused is None]
    assert accepted == []
    for o in outcomes:
        if o.refused:
            assert o.refused.startswith("不是建议/提案答复函：") and "\n" not in o.refused


# -- recognisers: evidence, intact copies, traps ----------------------------------------------


def _import(lines: list[str]):
    return import_text("\n".join(lines), "x.txt")


def test_every_key_field_comes_with_its_evidence():
    res = _import(LETTER)
    chosen = {c.field: c for c in res.fields}
    assert chosen["proposal.number"].value == "45"
    assert "第45号建议" in chosen["proposal.number"].evidence
    assert chosen["contacts"].para == 9
    for c in res.fields:
        assert c.recogniser and 0 < c.confidence <= 1


def test_intact_copy_in_the_page_header_beats_a_broken_one():
    lines = ["对区十九届人大四次会议第30号代表建议的答复", "周交政发〔202527", "对区十九届人大第次会议第30号", "代表建议的答复"] + LETTER[3:]
    res = _import(lines)
    assert res.data["proposal"]["session"] == "区十九届人大四次会议"
    assert res.data["doc_number"] == "周交政发〔2025〕27号"
    broken = {c.field: c for c in res.fields}["doc_number"]
    assert broken.intact is False  # said to be read from a damaged copy


@pytest.mark.parametrize("salutation, deputies, count", [
    ("尊敬的王亚春区人大代表:", ["王亚春"], None),
    ("王恒5名代表", ["王恒"], 5),
    ("张**、李四等12名代表：", ["张**", "李四"], 12),
    ("马青,周丽等代表:", ["马青", "周丽"], None),
    ("刘鲜兰、王金燕、马秀梅代表:", ["刘鲜兰", "王金燕", "马秀梅"], 3),
    ("司长虹、杨胜利二位代表：", ["司长虹", "杨胜利"], 2),
])
def test_salutation_shapes(salutation, deputies, count):
    from drafter.importer.recognise import salutation_at

    s = salutation_at(salutation)
    assert s["deputies"] == deputies and s.get("count") == count


@pytest.mark.parametrize("line, mark", [
    ("类别：C", "C"), ("办复类别：B", "B"), ("某农函〔2024〕12号C类", "C"), ("（A类）", "A"), ("〔B〕", "B"), ("A", "A"),
    ("类别：答复函", None),
])
def test_category_label_styles_and_traps(line, mark):
    lines = LETTER[:1] + [line] + LETTER[2:]
    assert _import(lines).data.get("category") == mark


@pytest.mark.parametrize("line, date", [
    ("2024 1018", "2024-10-18"), ("2021年826", "2021-08-26"), ("2023617日", "2023-06-17"),
    ("二〇一九年三月十二日", "2019-03-12"), ("二0一九年三月十二日", "2019-03-12"),
])
def test_broken_and_chinese_numeral_dates(line, date):
    lines = LETTER[:8] + [line] + LETTER[9:]
    assert _import(lines).data["signature"]["date"] == date


@pytest.mark.parametrize("line, contact", [
    ("联系人及电话：云南省农业厅畜牧处 王瑞欣 65749510", {"name": "王瑞欣", "phones": ["65749510"]}),
    ("联系人：浙江省公路管理局计划财务处姚康，联系电话：0571-87813814，传真：0571-87809478",
     {"name": "姚康", "phones": ["0571-87813814"]}),
    ("承办单位联系人姓名及电话：王岩15804350857", {"name": "王岩", "phones": ["15804350857"]}),
    ("承办人及联系电话：吴星浩 18613995318（手机号码）", {"name": "吴星浩", "phones": ["18613995318"]}),
    ("联系人及电话潘志娟8661472", {"name": "潘志娟", "phones": ["8661472"]}),
    ("（联系单位：某县农业农村局，联系电话：0571-88112233", {"phones": ["0571-88112233"]}),
    ("联系方式：赵敏 0571-88112233", {"name": "赵敏", "phones": ["0571-88112233"]}),
])
def test_contact_shapes(line, contact):
    lines = LETTER[:9] + [line] + LETTER[10:]
    assert _import(lines).data["contacts"][0] == contact


def test_signer_named_in_a_sentence():
    lines = LETTER[:7] + ["此答复函已经邓勇主任审核，并经县政府分管领导汤亚兵副县长审签。"] + LETTER[7:]
    assert _import(lines).data["signer"] == "汤亚兵"


def test_copy_lists_with_chaobao_and_spaces():
    lines = LETTER[:10] + ["报：市人民政府建议提案办公室", "抄送：县人大常委会代表工委 县政府办公室"]
    assert _import(lines).data["copy_to"] == ["市人民政府建议提案办公室", "县人大常委会代表工委", "县政府办公室"]


def test_site_footer_phone_is_no_contact():
    lines = LETTER[:9] + LETTER[10:] + ["主办：某县人民政府 电话：0571-87000000 网站标识码3300000000"]
    res = _import(lines)
    assert "contacts" not in res.data or all("0571-87000000" not in c["phones"] for c in res.data["contacts"])


def test_cooperation_opinion_to_the_lead_unit_without_shouxi():
    lines = ["关于县十八届人大三次会议第45号建议的协办意见", "县农业农村局：",
             "你局主办的《关于加快高标准农田建设的建议》，我局协办意见如下：", "县财政安排资金3000万元。",
             "某县财政局", "2024年6月1日"]
    d = _import(lines).data
    assert d["addressee"] == {"unit": "县农业农村局"} and d["proposal"]["handling"] == "协办"


@pytest.mark.parametrize("lines, why", [
    (["关于加快高标准农田建设的建议", "领衔代表：陈建华", "联系电话：13800000000", "内容：我县高标准农田建设进度慢。",
      "建议：加大投入。"], "原文"),
    (["2023年建议提案办理工作总结", "今年共承办建议57件，其中A类43件，B类13件。", "办结率100%，满意率98%。",
      "下一步将进一步提高办理质量。"], "统计或总结"),
    (["县农业农村局召开建议办理座谈会", "本报讯（记者 王明）日前，县农业农村局召开代表建议办理座谈会。",
      "会上，相关负责人介绍了办理情况。", "近日，该局已全部办结。"], "新闻"),
])
def test_lookalikes_refused_with_reason(lines, why):
    res = _import(lines)
    assert res.data is None and why in res.refused


# -- the CLI ----------------------------------------------------------------------------------


def test_cli_reports_each_field_with_evidence(tmp_path):
    src = tmp_path / "letter.txt"
    src.write_text("\n".join(LETTER), encoding="utf-8")
    r = run_cli("import", str(src), "-o", str(tmp_path / "d.yaml"))
    assert r.code == 0
    lines = [ln for ln in r.out.splitlines() if " 识别 " in ln]
    fields = [ln.split(" ")[1].rstrip(":") for ln in lines]
    assert {"organ", "doc_number", "proposal.number", "proposal.title", "signature.date", "contacts", "copy_to"} <= set(fields)
    assert any("proposal.number: 识别 “45” ← 标题编号（第3段“关于县十八届人大三次会议第45号建议的答复”" in ln for ln in lines)
    r = run_cli("import", str(src), "-o", str(tmp_path / "e.yaml"), "--format", "json")
    doc = json.loads(r.out)
    by_field = {f["field"]: f for f in doc["fields"]}
    assert by_field["doc_number"]["value"] == "某农函〔2024〕12号" and by_field["doc_number"]["paragraph"] == 2


def test_masked_name_and_phone_are_text_not_bold():
    lines = ["张**、李**代表："] + LETTER[4:9] + ["联系人：王*，联系电话：189******6664"] + LETTER[10:]
    d = _import(lines).data
    assert d["addressee"]["deputies"] == ["张**", "李**"]
    assert d["contacts"][0]["phones"] == ["189******6664"]


def test_site_owner_named_as_source_is_not_the_organ():
    """"来源：某县政府" is the site's owner when the letter's 文号 is a department's."""
    lines = ["关于县十八届人大三次会议第45号建议的答复", "来源：某县政府 2024-06-21", "某农函〔2024〕12号"] + LETTER[3:7] + [
        "2024年6月20日"] + LETTER[9:]
    assert "organ" not in _import(lines).data


def test_next_steps_inside_a_paragraph_and_run_in_heading_ending_with_colon():
    lines = LETTER[:5] + ["（一）加快建设进度：今年全县新建高标准农田2.1万亩。",
                          "县财政安排资金3000万元。下一步，我们将继续加大投入。"] + LETTER[6:]
    d = _import(lines).data
    assert d["measures"][0] == {"heading": "加快建设进度：", "run_in": True,
                                "body": ["今年全县新建高标准农田2.1万亩。", "县财政安排资金3000万元。"]}
    assert d["next_steps"] == ["下一步，我们将继续加大投入。"]


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_without_libreoffice_get_a_one_line_hint(tmp_path, monkeypatch, suffix):
    import drafter.render.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    path = tmp_path / ("old" + suffix)
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(LoadError) as err:
        import_file(path)
    f = err.value.finding
    assert f.code == "IM040" and "LibreOffice" in f.message and "另存为 .docx" in f.message and "\n" not in f.to_line()


def test_organ_with_a_second_name_in_brackets():
    lines = LETTER[2:7] + ["安康市住房和城乡建设局（市人民防空办公室）", "2024年6月20日"] + LETTER[9:]
    assert _import(lines).data["organ"] == "安康市住房和城乡建设局（市人民防空办公室）"
