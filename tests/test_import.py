"""drafter import: seed letters against the hand-encoded examples, messy inputs, round trip."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest

from drafter.drafts import LoadError, load_draft
from drafter.importer import import_file, import_text
from drafter.model import Letter
from drafter.schema import validate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
DATA = ROOT / "tests" / "data" / "import"
EXAMPLES = ROOT / "examples"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(prefix + "_*.txt"))


def example(name: str) -> dict:
    draft, _ = load_draft(EXAMPLES / f"{name}.yaml")
    return draft.data


def get(data: dict, path: str):
    node = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def drop(data: dict, path: str) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.get(part, {})
    node.pop(last, None)


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def codes(res) -> list[str]:
    return [f.code for f in res.findings]


def fields_of(res) -> set[str]:
    return {f.field for f in res.findings}


def schema_ok(data: dict, tmp_path: Path) -> list:
    """Schema findings for `data` written as a draft."""
    import json

    from drafter.drafts import loads_draft

    draft, _ = loads_draft(json.dumps(data, ensure_ascii=False), "json", "x.json")
    return validate(draft)


# -- the seed letters against the hand-encoded examples ---------------------------------

# Per seed: fields the letter text does not carry (the example filled them in or corrected
# them), each with the reason; everything else must be equal field for field.
SEED_CASES = {
    "000": (
        "wenzhou-2019",
        {
            "proposal.handling": "答复函未写明办理方式，示例按独办录入；导入不编造，留空并报告",
            "next_steps": "“四是加大对知识产权的培训力度。”在提取稿中没有加粗，示例按前三项补了加粗",
        },
    ),
    "001": (
        "xiamen-2025",
        {"copy_to": "网页稿未载抄送，示例中的抄送机关是补填的示例值"},
    ),
    "004": (
        "cixi-2023",
        {
            "signature": "公开文本没有落款和成文日期，示例补填了署名机关和推定日期",
            "proposal.co_handlers": "开头语写作“经市市科技局、市法院”，示例把错字更正为“市科技局”",
        },
    ),
}


@pytest.mark.parametrize("prefix", sorted(SEED_CASES))
def test_seed_matches_example(prefix):
    name, exceptions = SEED_CASES[prefix]
    res = import_file(seed(prefix))
    assert res.refused is None
    expected, got = copy.deepcopy(example(name)), copy.deepcopy(res.data)
    for path in exceptions:
        drop(expected, path)
        drop(got, path)
    assert list(got) == [k for k in expected]  # same fields, canonical order
    for key in expected:
        assert got[key] == expected[key], key


def test_seed_000_exceptions_are_what_the_text_says():
    res = import_file(seed("000"))
    assert get(res.data, "proposal.handling") is None
    assert "proposal.handling" in fields_of(res)  # reported, not invented
    ns = res.data["next_steps"][0]
    assert "**三是大力开展联盟知识产权保护。**依托" in ns  # bold cut by the page break re-joined
    assert "。四是加大对知识产权的培训力度。" in ns
    assert ns.replace("。四是加大对知识产权的培训力度。", "。**四是加大对知识产权的培训力度。**") == example("wenzhou-2019")["next_steps"][0]


def test_seed_001_without_copy_list():
    res = import_file(seed("001"))
    assert "copy_to" not in res.data and "copy_to" in fields_of(res)
    # the site footer's address and record numbers are no contact
    assert res.data["contacts"] == [{"name": "余中阳", "phones": ["5077969"]}]
    assert res.data["signature"]["leader"] == "洪志新"


def test_seed_004_exceptions():
    res = import_file(seed("004"))
    assert "signature" not in res.data and "signature" in fields_of(res)
    assert res.data["proposal"]["co_handlers"] == ["市市科技局", "市法院"]


def test_seed_002_is_refused():
    res = import_file(seed("002"))
    assert res.data is None
    assert res.refused.startswith("不是建议/提案答复函：")
    assert "称谓" in res.refused and "收悉" in res.refused
    assert "\n" not in res.refused


def test_refusal_rests_on_content_not_name(tmp_path):
    copy_ = tmp_path / "reply.txt"
    copy_.write_bytes(seed("002").read_bytes())
    assert import_file(copy_).refused
    letter = tmp_path / "002_7d59406ed8fa6051.txt"
    letter.write_bytes((DATA / "joint_names.txt").read_bytes())
    assert import_file(letter).refused is None


# -- messy inputs ------------------------------------------------------------------------


def test_web_page_with_menus_and_footer_phone(tmp_path):
    res = import_file(DATA / "web_npc_footer.html")
    d = res.data
    assert d["organ"] == "某市交通运输局"
    assert d["doc_number"] == "某交函〔2024〕37号"  # ﹝﹞ from the page's metadata table
    assert d["layout"] == "letter" and "layout" in fields_of(res)
    assert "title" not in d  # equals the template's title
    assert d["proposal"] == {"session": "市十五届人大三次会议", "number": "0066", "title": "关于优化城郊公交线网的建议"}
    assert d["addressee"] == {"deputies": ["陈国栋"]}
    assert d["contacts"] == [{"name": "周文涛", "phones": ["0571-87012345"]}]  # not the footer's 0571-87000000
    assert d["signature"] == {"organ": "某市交通运输局", "date": "2024-06-18"}
    assert d["background"] == ["城郊公交是群众出行的重要保障，您的建议很有针对性。"]
    assert [s["heading"] for s in d["measures"]] == ["已开展的工作"]
    assert [s["heading"] for s in d["next_steps"]] == ["下一步工作"]
    assert "closing" not in d  # half-width "!" in the page; once restored it is the template sentence
    # "收悉，经认真研究" differs from the template's "收悉。经认真研究", so it is kept as written
    assert d["acknowledgement"] == "您提出的《关于优化城郊公交线网的建议》（第0066号）收悉，经认真研究，现答复如下："
    assert "首页" not in str(d) and "ICP" not in str(d)
    assert {"proposal.handling", "copy_to"} <= fields_of(res)


def test_halfwidth_text_with_bracket_doc_number():
    res = import_file(DATA / "halfwidth_bracket.txt")
    d = res.data
    assert d["doc_number"] == "某商函〔2022〕15号"
    assert d["layout"] == "file"  # the 文件 mark wins over 函
    assert d["proposal"]["handling"] == "主办"
    assert d["proposal"]["co_handlers"] == ["县农业农村局"]
    assert d["acknowledgement"].endswith("经会同县农业农村局认真研究，现答复如下：")
    text = "".join(strings(d["measures"]))
    assert "," not in text and "(" not in text and "." not in text
    assert d["background"] == [{"heading": "基本情况", "body": ["近年来，我县农村电商快速发展，2021年全县农村网络零售额达到8.6亿元，同比增长21%。"]}]
    sub = d["measures"][0]["body"]
    assert sub[0] == {"heading": "完善物流体系。", "run_in": True, "body": ["建成县级物流配送中心1个，乡镇服务站14个。"]}
    assert d["next_steps"][0]["heading"] == "下一步打算"
    assert d["contacts"] == [{"name": "马立新", "phones": ["0573-86021234", "13905731234"]}]
    assert d["copy_to"] == ["县人大常委会人代工委", "县政府办公室", "县农业农村局"]
    assert not schema_ok(d, None)


def test_spaced_labels_and_spaced_date():
    res = import_file(DATA / "spaced_labels.txt")
    d = res.data
    assert d["signature"] == {"organ": "某市市场监督管理局", "date": "2021-08-26"}
    assert d["contacts"] == [{"name": "何晓", "phones": ["0574-89186001"]}]
    assert d["copy_to"] == ["市人大常委会代表工委", "市政府办公厅", "市教育局"]
    assert d["measures"][0]["body"] == ["我局会同市教育局于2021年5月开展校外培训机构收费专项检查，检查机构86家，责令整改12家。"]
    assert d["next_steps"] == ["下一步，我们将把校外培训收费纳入日常监管，每季度开展一次抽查。"]
    assert d["layout"] == "plain" and "doc_number" not in d and "doc_number" in fields_of(res)


def test_signature_and_date_on_one_line_with_printing():
    res = import_file(DATA / "one_line_signature.txt")
    d = res.data
    assert d["signature"] == {"organ": "某区卫生健康局", "date": "2023-07-03"}
    assert d["printing"] == {"organ": "某区卫生健康局办公室", "date": "2023-07-04"}
    assert d["signer"] == "孙建国"
    assert d["addressee"] == {"deputies": ["赵丽萍"], "count": 3}
    assert d["background"] == ["近年来，我区社区卫生服务中心标准化建设稳步推进，已建成中心9家。"]
    assert [s["heading"] for s in d["measures"]] == ["加强硬件建设。", "充实人员队伍。"]
    assert all(s["run_in"] for s in d["measures"])
    assert d["problems"] == ["但受用地等因素制约，部分中心业务用房仍然不足。"]
    assert d["next_steps"] == ["下一步，我们将积极争取将中心改扩建纳入区重点项目。"]
    assert "title" not in d and "closing" not in d


def test_cppcc_proposal_to_member():
    res = import_file(DATA / "cppcc_proposal.txt")
    d = res.data
    assert d["kind"] == "cppcc"
    assert d["proposal"]["session"] == "市政协十三届二次会议"
    assert d["proposal"]["number"] == "0203"
    assert d["proposal"]["handling"] == "主办" and "proposal.handling" in fields_of(res)
    assert d["proposal"]["co_handlers"] == ["市教育局", "市财政局"]
    assert d["addressee"] == {"deputies": ["李明远"]}
    assert "acknowledgement" not in d  # the 主办 template sentence, word for word
    assert [s["heading"] for s in d["background"]] == ["非遗保护现状"]
    work = d["measures"][0]
    assert work["heading"] == "已开展的工作"
    assert work["body"][0]["heading"] == "完善传承体系。"
    assert [s["heading"] for s in work["body"][0]["body"]] == ["认定市级代表性传承人56名。", "设立非遗工坊12家。"]
    assert d["copy_to"] == ["市政协提案委", "市政府办公厅"]
    assert not schema_ok(d, None)


def test_joint_salutation_names_both():
    d = import_file(DATA / "joint_names.txt").data
    assert d["addressee"] == {"deputies": ["张伟", "李娜"], "count": 2}  # the names listed are the count
    assert "closing" not in d  # "感谢你们…" is the template for two signers


def test_cooperation_opinion_addressed_to_lead_unit():
    res = import_file(DATA / "cooperation_opinion.txt")
    d = res.data
    assert d["addressee"] == {"unit": "市经济和信息化局"}
    assert d["proposal"]["handling"] == "协办"
    assert d["organ"] == "某市财政局"
    # title, opening and closing are the 协办 templates word for word, so none is stored
    assert "title" not in d and "acknowledgement" not in d and "closing" not in d
    assert d["measures"] == ["2023年，市级财政安排中小企业数字化转型专项资金3000万元，支持企业项目146个。"]


def test_compact_date_and_corner_brackets():
    d = import_file(DATA / "compact_date.txt").data
    assert d["signature"]["date"] == "2023-06-19"
    assert d["doc_number"] == "某市监函〔2023〕27号"
    assert d["proposal"]["handling"] == "独办"
    assert d["contacts"] == [{"name": "朱峰", "phones": ["0576-87651234"]}]
    assert d["measures"] == ["我局对全县校园周边食品经营户开展全覆盖检查，检查经营户312户次。"]


def test_gbk_text_is_read():
    d = import_file(DATA / "gbk_letter.txt").data
    assert d["addressee"] == {"deputies": ["孔祥东"]}
    assert d["proposal"]["number"] == "57"


def test_news_page_about_suggestions_is_refused():
    res = import_file(DATA / "not_reply_news.html")
    assert res.data is None and res.refused.startswith("不是建议/提案答复函：")


def test_import_text_matches_import_file():
    text = (DATA / "web_npc_footer.html").read_text(encoding="utf-8")
    assert import_text(text, "page.html", "html").data == import_file(DATA / "web_npc_footer.html").data


def test_findings_are_one_line_warnings_with_file_name():
    res = import_file(DATA / "spaced_labels.txt")
    assert res.findings
    for f in res.findings:
        assert f.severity == "warning" and f.code.startswith("IM") and f.file == "spaced_labels.txt"
        assert "\n" not in f.to_line()


@pytest.mark.parametrize("name", ["missing.txt", "letter.pdf"])
def test_unreadable_input_raises_load_error(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.4")
    with pytest.raises(LoadError) as err:
        import_file(path)
    assert err.value.finding.severity == "fatal" and "\n" not in err.value.finding.message


def test_broken_docx_raises(tmp_path):
    q = tmp_path / "b.docx"
    q.write_bytes(b"not a zip")
    with pytest.raises(LoadError):
        import_file(q)


# -- a .docx built here: headings in their own paragraphs, a text-box 版记 ----------------

_TEXTBOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    "<mc:AlternateContent><mc:Choice Requires=\"v\">{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r>"
)
_BOX = (
    '<w:pict><v:shape style="width:400pt;height:60pt"><v:textbox><w:txbxContent>'
    "{paras}</w:txbxContent></v:textbox></v:shape></w:pict>"
)


def _build_docx() -> bytes:
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()

    def para(text: str, bold: bool = False):
        p = doc.add_paragraph()
        p.add_run(text).bold = bold
        return p

    para("某市住房和城乡建设局文件")
    para("某建函[2024]8号")
    para("关于市十六届人大四次会议第0321号建议的答复")
    para("钱学林等5位代表：")
    para("你们提出的《关于加快老旧小区加装电梯的建议》（第0321号）收悉，该建议由我局主办，经会同市财政局、市市场监管局认真研究，现答复如下：")
    para("一、工作进展", bold=True)
    para("（一）完善政策体系", bold=True)
    para("1. 出台补助办法", bold=True)
    p = para("2023年出台《既有住宅加装电梯补助办法》，每台补助")  # cut by a page break
    para("20万元，已惠及居民3200户。")
    para("（二）优化审批流程", bold=True)
    p = doc.add_paragraph()
    p.add_run("推行联合审批，审批时限压缩至")
    p.add_run("15个工作日").bold = True
    p.add_run("。")
    para("二、存在问题", bold=True)
    para("部分小区居民意见难以统一。")
    para("三、下一步工作", bold=True)
    para("我们将继续加大协调力度。")
    para("感谢你们对我们工作的关心和支持！")
    para("某市住房和城乡建设局")
    para("2024年7月10日")
    para("（领导署名：韩东）")
    para("（联系人：卢静，联系电话：0571-85112233）")
    lines = "".join(
        f'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
        for t in ("抄送：市人大常委会代表工委，市政府办公厅。", "某市住房和城乡建设局办公室    2024年7月11日印发")
    )
    holder = doc.add_paragraph()
    holder._p.append(parse_xml(_TEXTBOX.format(box=_BOX.format(paras=lines))))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_with_separate_headings_and_text_box(tmp_path):
    path = tmp_path / "reply.docx"
    path.write_bytes(_build_docx())
    res = import_file(path)
    d = res.data
    assert d["organ"] == "某市住房和城乡建设局" and d["layout"] == "file"
    assert d["doc_number"] == "某建函〔2024〕8号"
    assert d["addressee"] == {"deputies": ["钱学林"], "count": 5}
    assert d["proposal"]["co_handlers"] == ["市财政局", "市市场监管局"]
    assert d["proposal"]["handling"] == "主办"
    top = d["measures"][0]
    assert top["heading"] == "工作进展" and "run_in" not in top
    level2 = top["body"]
    assert [s["heading"] for s in level2] == ["完善政策体系", "优化审批流程"]
    level3 = level2[0]["body"][0]
    assert level3 == {
        "heading": "出台补助办法",
        "body": ["2023年出台《既有住宅加装电梯补助办法》，每台补助20万元，已惠及居民3200户。"],
    }
    assert level2[1]["body"] == ["推行联合审批，审批时限压缩至**15个工作日**。"]
    assert d["problems"] == [{"heading": "存在问题", "body": ["部分小区居民意见难以统一。"]}]
    assert d["next_steps"] == [{"heading": "下一步工作", "body": ["我们将继续加大协调力度。"]}]
    assert d["signature"] == {"organ": "某市住房和城乡建设局", "leader": "韩东", "date": "2024-07-10"}
    assert d["contacts"] == [{"name": "卢静", "phones": ["0571-85112233"]}]
    # the text box is read once, although Word stores it twice (Choice and Fallback)
    assert d["copy_to"] == ["市人大常委会代表工委", "市政府办公厅"]
    assert d["printing"] == {"organ": "某市住房和城乡建设局办公室", "date": "2024-07-11"}
    assert "acknowledgement" in d  # "该建议由我局主办，经会同" differs from the template
    assert not schema_ok(d, None)


# -- round trip through the renderer -------------------------------------------------------

ROUND_TRIP = ["wenzhou-2019", "xiamen-2025", "cixi-2023"]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_round_trip_through_docx(tmp_path, name):
    """render → import gives back the same draft, field for field: what the print does not say
    (handling, co-handlers, kind, layout, 交办日期) comes back from the letter's own metadata."""
    from drafter.render import render_docx
    from drafter.sentences import Sentences

    letter = Letter.from_data(example(name))
    path = tmp_path / f"{name}.docx"
    path.write_bytes(render_docx(letter, Sentences(letter)))
    res = import_file(path)
    assert res.refused is None
    assert res.data == letter.to_data()
    assert list(res.data) == list(letter.to_data())  # canonical key order too
    assert not [f for f in res.findings if f.code in ("IM101", "IM120", "IM121", "IM122")]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_round_trip_from_text_alone(tmp_path, name):
    """The same letter with its metadata stripped (as if retyped in Word): the text gives back
    everything but what the print never says, and import says what it guessed."""
    import io
    import zipfile

    from drafter.render import render_docx
    from drafter.sentences import Sentences

    letter = Letter.from_data(example(name))
    src = zipfile.ZipFile(io.BytesIO(render_docx(letter, Sentences(letter))))
    path = tmp_path / f"{name}.docx"
    empty = (b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>')
    with zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, empty if info.filename == "docProps/custom.xml" else src.read(info.filename))
    res = import_file(path)
    expected, got = letter.to_data(), copy.deepcopy(res.data)
    for p in ("proposal.handling", "proposal.co_handlers"):  # not printed as such
        drop(expected, p)
        drop(got, p)
    assert got == expected
    assert "layout" in {f.field for f in res.findings}  # the layout is said to be a guess


def test_pdf_extract_with_page_number_wrapped_copy_line_and_chinese_date():
    res = import_file(DATA / "pdf_extract.txt")
    d = res.data
    assert d["measures"] == ["今年我区已建成口袋公园8个，计划明年再建10个。"]  # "- 2 -" dropped, halves joined
    assert d["signature"] == {"organ": "某区园林绿化局", "date": "2024-06-10"}
    assert d["copy_to"] == ["区人大常委会代表工委", "区政府办公室", "区住建局"]
    assert d["contacts"] == [{"name": "林小燕", "phones": ["0571-86001234"]}]
    assert d["proposal"]["title"] == "关于加快建设口袋公园的建议"  # no 书名号 in the opening
    assert d["addressee"] == {"deputies": ["黄志强"], "salutation": "尊敬的黄志强代表"}


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_seed_drafts_fail_schema_only_on_reported_gaps(prefix):
    res = import_file(seed(prefix))
    problems = schema_ok(res.data, None)
    assert problems  # each seed lacks one required field (see SEED_CASES)
    # every schema complaint is about a field the importer reported it could not fill
    assert {f.field for f in problems} <= fields_of(res)


def test_web_page_with_number_and_class_between_title_and_salutation():
    """A CPPCC reply page whose 文号 and 类别标记 lines sit between the title and the salutation."""
    res = import_file(DATA / "web_cppcc_title_above_meta.html")
    d = res.data
    assert d["kind"] == "cppcc" and d["category"] == "B"
    assert d["doc_number"] == "杭文旅提〔2024〕21号"
    assert d["proposal"]["session"] == "市政协十二届三次会议"  # from the title above the metadata
    assert d["proposal"]["number"] == "156"
    assert d["proposal"]["co_handlers"] == ["市商务局", "市公安局"]
    assert d["addressee"] == {"deputies": ["李明"]}
    assert d["contacts"] == [{"name": "张华", "phones": ["0571-87654321"]}]  # not the footer's 0571-85000000
    assert d["copy_to"] == ["市政协提案委", "市政府办公厅", "市商务局", "市公安局"]
    assert [s["heading"] for s in d["background"]] == ["基本情况"]
    assert [s["heading"] for s in d["measures"][0]["body"]] == ["打造夜间消费集聚区。", "丰富夜间文旅产品。"]
    assert "title" not in d  # the page's title is what the template writes
    from drafter.schema import is_valid
    assert is_valid(d)


def test_joint_salutation_with_ming_and_named_co_handlers():
    """"张三、李四等12名代表", "由我局主办，X、Y协办", a 文号 with 第 and a leading zero kept as written."""
    res = import_file(DATA / "pdf_joint_ming_co_named.txt")
    d = res.data
    assert d["doc_number"] == "甬建提〔2024〕第08号"  # not silently corrected: DN102/DN103 report it
    assert d["addressee"] == {"deputies": ["张三", "李四"], "count": 12, "salutation": "张三、李四等12名代表"}
    assert d["proposal"]["handling"] == "主办"
    assert d["proposal"]["co_handlers"] == ["市财政局", "市市场监管局"]
    assert d["signature"] == {"organ": "宁波市住房和城乡建设局", "date": "2024-06-05"}  # 二〇二四年六月五日
    assert d["contacts"] == [{"name": "王芳", "phones": ["13812345678"]}]
    assert d["copy_to"] == ["市人大常委会代表工作委员会", "市政府办公厅", "市财政局", "市市场监管局"]
    assert d["printing"] == {"organ": "宁波市住房和城乡建设局办公室", "date": "2024-06-06"}
    assert [s["heading"] for s in d["problems"]] == ["存在的困难"]
    assert d["notes"] == ["此件公开发布"]


def test_two_closing_paragraphs_stay_together():
    """"感谢……！" then "特此答复。": one closing of two lines, nothing left in the body."""
    d = import_file(DATA / "two_closing_paragraphs.txt").data
    assert d["closing"] == "感谢你们对住房城乡建设工作的关心和支持！\n特此答复。"
    assert "感谢" not in str(d["next_steps"])
    # "联系人：王芳、赵强，联系电话：13812345678、0574-87001234": names and phones paired in order
    assert d["contacts"] == [{"name": "王芳", "phones": ["13812345678"]}, {"name": "赵强", "phones": ["0574-87001234"]}]


def test_two_closing_paragraphs_round_trip(tmp_path):
    from drafter.model import Letter
    from drafter.render import render_docx
    from drafter.sentences import Sentences

    d = import_file(DATA / "two_closing_paragraphs.txt").data
    d["doc_number"] = "甬建提〔2024〕8号"
    d["layout"] = "file"
    letter = Letter.from_data(d)
    out = tmp_path / "two.docx"
    out.write_bytes(render_docx(letter, Sentences(letter)))
    back = import_file(out).data
    assert back["closing"] == d["closing"]
    assert Letter.from_data(back) == letter


# -- checking a letter as written (normalize=False) -----------------------------------------


def _halfwidth_docx(path: Path) -> Path:
    """A reply typed with half-width punctuation and spaces next to digits."""
    from docx import Document

    doc = Document()
    for text in (
        "关于市十六届人大三次会议第128号建议的答复",
        "郭晓珍代表:",
        "您提出的《关于加强校园周边交通安全的建议》(第128号)收悉,现答复如下:",
        "我局会同公安交警部门开展专项整治,计划于2024年 9 月底前完成.下一步将持续跟踪。",
        "感谢您对我局工作的关心和支持!",
        "某市交通运输局",
        "2024年5月20日",
    ):
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_check_sees_the_text_as_written(tmp_path):
    from drafter.check import Options, check_file

    path = _halfwidth_docx(tmp_path / "halfwidth.docx")
    _, findings = check_file(path, Options(), "halfwidth.docx")
    tx102 = {f.field for f in findings if f.code == "TX102"}
    tx104 = {f.field for f in findings if f.code == "TX104"}
    assert {"acknowledgement", "measures[0]"} <= tx102
    assert tx104 == {"measures[0]"}
    assert any("." in f.message for f in findings if f.code == "TX102" and f.field == "measures[0]")
    # every field is still found although nothing was normalised
    assert not [f for f in findings if f.code == "IM101" and f.field in ("addressee", "proposal.title", "measures")]


def test_import_without_normalising_keeps_text_but_finds_fields(tmp_path):
    path = _halfwidth_docx(tmp_path / "halfwidth.docx")
    raw = import_file(path, normalize=False).data
    assert raw["addressee"] == {"deputies": ["郭晓珍"]}  # "郭晓珍代表:" with a half-width colon
    assert raw["proposal"] == {"session": "市十六届人大三次会议", "number": "128", "title": "关于加强校园周边交通安全的建议"}
    assert raw["acknowledgement"] == "您提出的《关于加强校园周边交通安全的建议》(第128号)收悉,现答复如下:"
    assert raw["measures"] == ["我局会同公安交警部门开展专项整治,计划于2024年 9 月底前完成.下一步将持续跟踪。"]
    assert raw["signature"] == {"organ": "某市交通运输局", "date": "2024-05-20"}
    d = import_file(path).data  # drafter import still normalises
    assert d["acknowledgement"] == "您提出的《关于加强校园周边交通安全的建议》（第128号）收悉，现答复如下："
    assert d["measures"] == ["我局会同公安交警部门开展专项整治，计划于2024年9月底前完成。下一步将持续跟踪。"]
    assert d["closing"] == "感谢您对我局工作的关心和支持！"


def test_paragraph_ending_with_halfwidth_full_stop_is_not_joined():
    text = (
        "张三代表：\n您提出的《关于加强校园周边交通安全的建议》（第45号）收悉，现答复如下：\n"
        "我局高度重视校园周边交通安全工作，已会同公安交警部门开展专项整治.\n"
        "今年共整治学校周边道路十二条，取得阶段性成效。\n"
        "感谢您对我局工作的关心和支持！\n某市交通运输局\n2024年5月20日\n"
    )
    for normalize, first in ((True, "专项整治。"), (False, "专项整治.")):
        d = import_text(text, "x.txt", normalize=normalize).data
        assert len(d["measures"]) == 2
        assert d["measures"][0].endswith(first)


# -- letters drafter rendered: attachments, category, run-in headings ----------------------


def _render(tmp_path: Path, name: str, **changes) -> Path:
    import dataclasses

    from drafter.render import render_docx
    from drafter.sentences import Sentences

    letter = dataclasses.replace(Letter.from_data(example("wenzhou-2019")), **changes)
    path = tmp_path / name
    path.write_bytes(render_docx(letter, Sentences(letter)))
    return path


def _strip_metadata(path: Path) -> Path:
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = path.with_name("text-only-" + path.name)
    empty = b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info, empty if info.filename == "docProps/custom.xml" else src.read(info.filename))
    return out


def test_two_attachments_come_back(tmp_path):
    path = _render(tmp_path, "att.docx", attachments=["甲表", "乙名录"])
    for normalize in (True, False):
        res = import_file(path, normalize=normalize)
        assert res.data["attachments"] == ["甲表", "乙名录"]
        assert "IM104" not in codes(res)


def test_attachment_lines_in_text():
    text = (
        "张三代表：\n您提出的《关于加强校园周边交通安全的建议》（第45号）收悉，现答复如下：\n"
        "我局已会同公安交警部门开展专项整治。\n感谢您对我局工作的关心和支持！\n"
        "附件：1.整治道路清单\n2.责任单位名录\n3.经费表\n某市交通运输局\n2024年5月20日\n"
    )
    res = import_text(text, "x.txt")
    assert res.data["attachments"] == ["整治道路清单", "责任单位名录", "经费表"]
    assert res.data["signature"] == {"organ": "某市交通运输局", "date": "2024-05-20"}
    assert "IM104" not in codes(res)


@pytest.mark.parametrize("layout", ["file", "letter", "plain"])
def test_category_mark_comes_back(tmp_path, layout):
    for mark in ("乙", "A"):
        path = _render(tmp_path, f"{layout}-{mark}.docx", category=mark, layout=layout)
        assert import_file(path).data["category"] == mark  # from the metadata
        assert import_file(_strip_metadata(path)).data["category"] == mark  # from the printed mark


def test_category_from_metadata_takes_any_configured_class(tmp_path):
    import importlib

    build = importlib.import_module("drafter.importer.build")  # the package exports a build() too
    b = build.Builder("x")
    d: dict = {}
    build._apply_metadata(d, {"category": "重点"}, b)
    assert d["category"] == "重点"
    d = {"category": "A"}
    build._apply_metadata(d, {"category": "这不是一个类别"}, b)
    assert d["category"] == "A"


def test_run_in_heading_without_full_stop_splits_at_the_font_change(tmp_path):
    data = example("wenzhou-2019")
    section = {"heading": "征求各方意见", "run_in": True, "body": ["我们走访了十一个联盟。联盟成员普遍赞同。"]}
    data["measures"][0]["body"].append(section)
    from drafter.render import render_docx
    from drafter.sentences import Sentences

    letter = Letter.from_data(data)
    path = tmp_path / "run-in.docx"
    path.write_bytes(render_docx(letter, Sentences(letter)))
    for p in (path, _strip_metadata(path)):
        assert import_file(p).data["measures"][0]["body"][-1] == section
