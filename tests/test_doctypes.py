"""Document types (`type`): 协办/会办意见, 退办函, 延期说明 — schema, scaffold, rules, rendered text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from cli_support import run_cli
from rules_support import BASE_YAML, DELETE, codes, draft_with

from drafter.api import Workspace
from drafter.profile import Profile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _texts(data: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


_RETURN = {"reason": ["该事项由住房和城乡建设部门负责。"], "handler": "市住房和城乡建设局", "received": "2025-03-10"}


@pytest.fixture(scope="module")
def ws():
    return Workspace(profile=Profile())


@pytest.mark.parametrize("name,title,opening,closing", [
    ("opinion-2025", "关于市十四届人大四次会议第0158号建议的协办意见",
     "现将我单位协办意见函告如下：", "以上意见，供参考。"),
    ("return-2025", "关于退回市十四届人大四次会议第0412号建议的函",
     "已于2025年3月12日收悉。经认真研究，该建议所提事项不属于我单位职责范围", "特此函告。"),
    ("extension-2025", "关于市十四届人大四次会议第0233号建议延期答复的说明",
     "不能在规定期限内答复：", "于2025年8月29日前正式答复您。"),
])
def test_each_type_renders_its_own_sentences(ws, name, title, opening, closing):
    doc = ws.open(EXAMPLES / f"{name}.yaml")
    assert doc.ok, [f.to_line() for f in doc.findings]
    texts = _texts(doc.docx())
    joined = "".join(texts)
    assert title in joined.replace("\n", "")
    assert opening in joined and closing in joined
    assert not any("感谢" in t for t in texts)  # only a reply thanks the deputy


def test_return_prints_reason_and_handler(ws):
    doc = ws.open(EXAMPLES / "return-2025.yaml")
    texts = _texts(doc.docx())
    assert "温州市人大常委会代表工作委员会：" in texts
    assert any(t.startswith("该建议所提老旧小区加装电梯") for t in texts)
    assert "建议改由温州市住房和城乡建设局办理。" in texts


def test_extension_body_comes_from_the_case(ws):
    doc = ws.open(EXAMPLES / "extension-2025.yaml")
    reason = doc.data["case"]["extension"]["reason"].splitlines()
    texts = _texts(doc.docx())
    for line in reason:
        assert line in texts
    assert doc.letter.doc_type == "extension"


def test_a_draft_without_type_keeps_its_meaning(ws):
    # drafts written before `type`: handling 协办 with a unit is an opinion, else a reply
    opinion = draft_with(BASE_YAML, proposal__handling="协办", addressee={"unit": "市商务局"})
    doc = ws.open_text(opinion)
    assert doc.letter is not None and doc.letter.doc_type == "opinion"
    assert ws.open_text(BASE_YAML).letter.doc_type == "reply"


def test_schema_requires_what_each_type_needs(ws):
    doc = ws.open_text(draft_with(BASE_YAML, type="return"))
    assert [(f.code, f.field) for f in doc.errors] == [("SCH001", "return")]
    assert "退办" in doc.errors[0].message and "这一文种须填写" in doc.errors[0].message
    doc = ws.open_text(draft_with(BASE_YAML, type="extension", changes={("case",): {"status": "在办"}}))
    assert [(f.code, f.field) for f in doc.errors] == [("SCH001", "case.extension")]
    doc = ws.open_text(draft_with(BASE_YAML, type="memo"))
    assert [f.code for f in doc.errors] == ["SCH004"]
    # a 退办函 needs no measures
    ret = draft_with(BASE_YAML, type="return", addressee={"unit": "市人大常委会代表工委"},
                     changes={("return",): _RETURN, ("measures",): DELETE})
    assert not [f for f in ws.open_text(ret).errors if f.code.startswith("SCH")]


def test_opinion_rules():
    text = draft_with(BASE_YAML, type="opinion", proposal__handling="协办", addressee={"unit": "市商务局"},
                      copy_to=["王贤理代表", "市政府办公室"])
    assert codes(text, "TY102") == ["TY102"]
    text = draft_with(BASE_YAML, type="opinion", proposal__handling="主办", addressee={"unit": "市商务局"},
                      proposal__co_handlers=["市科技局"])
    assert "TY101" in codes(text, "TY")


@pytest.mark.parametrize("signed,late", [("2025-03-14", False), ("2025-03-17", False), ("2025-03-18", True)])
def test_return_window_counts_working_days(signed, late):
    # 5 working days after Monday 2025-03-10: Mon 17 is the last day (weekend skipped)
    text = draft_with(BASE_YAML, type="return", addressee={"unit": "市人大常委会代表工委"},
                      proposal__assigned="2025-03-10", signature__date=signed, changes={("return",): _RETURN})
    assert ("TY104" in codes(text, "TY104")) is late


def test_return_window_skips_the_national_day_holiday():
    # received 2025-09-30; 1–8 October are holidays, 9 and 10 work, 11 (Saturday) is a 调休 workday
    text = draft_with(BASE_YAML, type="return", addressee={"unit": "市人大常委会代表工委"},
                      proposal__assigned="2025-09-30", signature__date="2025-10-14",
                      changes={("return",): {**_RETURN, "received": "2025-09-30"}})
    assert codes(text, "TY104") == []
    text = draft_with(BASE_YAML, type="return", addressee={"unit": "市人大常委会代表工委"},
                      proposal__assigned="2025-09-30", signature__date="2025-10-15",
                      changes={("return",): {**_RETURN, "received": "2025-09-30"}})
    assert codes(text, "TY104") == ["TY104"]


def _fill(text: str, answers: dict[str, str]) -> str:
    for hint, value in answers.items():
        text = re.sub(r"【待填：" + hint + r"[^】]*】", value, text)
    assert "【待填" not in text, re.findall(r"【待填：[^】]*】", text)
    return text


COMMON = {
    "发文机关全称": "温州市市场监督管理局", "发文字号": "温市监函〔2025〕31号", "届次会次": "市十四届人大四次会议",
    "建议标题": "关于加快老旧小区加装电梯的建议", "成文日期": "2025-03-14",
    "联系人姓名": "王钧", "联系电话": "0577-89600223", "印发机关": "温州市市场监督管理局办公室", "印发日期": "2025-03-14",
}


@pytest.mark.parametrize("doc_type,answers", [
    ("return", {"交办机关": "市人大常委会代表工委", "退办理由和依据": "该事项由住房和城乡建设部门负责。",
                "建议承办单位全称": "温州市住房和城乡建设局"}),
    ("extension", {"领衔代表姓名": "郑丽萍", "人大常委会代表工委": "市人大常委会代表工委",
                   "批准延期的日期": "2025-03-12", "新的答复期限": "2025-08-29",
                   "不能按期答复的原因": "方案尚待市政府审定。"}),
    ("opinion", {"主办单位名称": "温州市商务局", "办理背景": "收到建议后，我局认真研究。",
                 "第一项措施的标题": "加强快检", "措施内容和成效": "今年快检12万批次。",
                 "下一步工作计划和时限": "下一步，我局将于2025年底前完成检定。"}),
])
def test_new_type_scaffold_filled_in_passes(tmp_path, doc_type, answers):
    draft = tmp_path / f"{doc_type}.yaml"
    result = run_cli("new", str(draft), "--type", doc_type, "--number", "0412")
    assert result.code == 0, result.err
    text = draft.read_text(encoding="utf-8")
    assert f"type: {doc_type}" in text
    text = _fill(text, {**answers, **COMMON})
    if doc_type == "extension":
        text = text.replace("  # extended: true", "  extended: true").replace("  # assigned: 2025-03-20", "  assigned: 2025-03-10")
    draft.write_text(text, encoding="utf-8")
    check = run_cli("check", str(draft), "--today", "2025-03-14")
    assert check.code == 0, check.out
    assert check.lines == [], check.out


def test_new_rejects_an_unknown_type(tmp_path):
    result = run_cli("new", str(tmp_path / "x.yaml"), "--type", "memo")
    assert result.code == 2 and "--type" in result.err and not (tmp_path / "x.yaml").exists()
