"""The commands as a clerk uses them: new → fill in → check (--fix/--diff/--format json) → render → import."""

from __future__ import annotations

import json
import re

import pytest
from pathlib import Path

from cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"


# -- drafter new ------------------------------------------------------------------------


def test_new_scaffold_fails_with_one_line_per_placeholder(tmp_path):
    draft = tmp_path / "reply.yaml"
    assert run_cli("new", str(draft)).code == 0
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    values = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    placeholders = re.findall(r"【待填：[^】]*】", values)
    result = run_cli("check", str(draft), "--today", "2025-01-01")
    assert result.code == 1
    assert len(result.lines) == len(placeholders) > 10
    assert all("TX101" in line for line in result.lines)
    # every line names the file, the line number and the field
    assert all(re.match(rf"{re.escape(str(draft))}:\d+ [a-z_.\[\]0-9]+: ", line) for line in result.lines)


def test_new_filled_in_by_a_person_passes(tmp_path):
    draft = tmp_path / "reply.yaml"
    run_cli("new", str(draft), "--organ", "厦门市市场监督管理局", "--session", "市十六届人大五次会议",
            "--number", "0185", "--deputy", "郭晓珍")
    text = draft.read_text(encoding="utf-8")
    answers = {
        "发文字号": "厦市监函〔2025〕59号",
        "建议标题": "关于加强知识产权保护的建议",
        "办理背景": "收到建议后，我局与您电话联系，听取了意见。",
        "第一项措施的标题": "加强知识产权宣传",
        "措施内容和成效": "今年共举办培训12场。",
        "下一步工作计划和时限": "下一步，我们将于2025年底前完成平台建设。",
        "成文日期": "2025-05-07",
        "联系人姓名": "余中阳",
        "联系电话": "0592-5077969",
        "人大常委会代表工委": "市人大常委会代表工委",
        "印发机关": "厦门市市场监督管理局办公室",
        "印发日期": "2025-05-08",
    }
    for hint, value in answers.items():
        text, n = re.subn(r"【待填：" + hint + r"[^】]*】", value, text)
        assert n >= 1, hint
    assert "【待填" not in text
    draft.write_text(text, encoding="utf-8")
    result = run_cli("check", str(draft), "--today", "2025-05-07")
    assert result.code == 0, result.out
    assert result.lines == []


def test_new_refuses_to_overwrite_without_force(tmp_path):
    draft = tmp_path / "reply.yaml"
    draft.write_text("# 我的草稿\n", encoding="utf-8")
    result = run_cli("new", str(draft))
    assert result.code == 2 and "已存在" in result.err and "--force" in result.err
    assert draft.read_text(encoding="utf-8") == "# 我的草稿\n"
    assert run_cli("new", str(draft), "--force").code == 0
    assert "kind: npc" in draft.read_text(encoding="utf-8")


def test_new_takes_organ_profile(tmp_path):
    (tmp_path / "drafter.toml").write_text(
        '[organ]\nname = "慈溪市市场监督管理局"\ndoc_prefix = "慈市监管建"\nsigner = "胡建平"\n'
        'printing_organ = "慈溪市市场监督管理局办公室"\ncopy_to = ["市人大代表工委", "市政府办公室"]\n'
        'contacts = [{ name = "叶向阳", phones = ["63026415"] }]\n',
        encoding="utf-8",
    )
    assert run_cli("new", "r.yaml", "--kind", "npc", cwd=tmp_path).code == 0
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8")
    for expected in ('organ: "慈溪市市场监督管理局"', 'signer: "胡建平"', "慈市监管建〔", '- "市人大代表工委"',
                     'name: "叶向阳"', '- "63026415"', 'organ: "慈溪市市场监督管理局办公室"'):
        assert expected in text


def test_new_cppcc_cooperation_and_json(tmp_path):
    assert run_cli("new", str(tmp_path / "c.yaml"), "--kind", "cppcc", "--handling", "协办").code == 0
    text = (tmp_path / "c.yaml").read_text(encoding="utf-8")
    # a co-handler writes an opinion to the lead unit, which copies no one by default
    assert "unit: 【待填：主办单位名称】" in text and "type: opinion" in text and "copy_to: []" in text
    assert run_cli("new", str(tmp_path / "d.json")).code == 0
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert data["$schema"].endswith("reply.schema.json") and data["kind"] == "npc"
    assert run_cli("check", str(tmp_path / "d.json")).code == 1


def test_new_rejects_bad_options(tmp_path):
    for args in (["--kind", "xyz"], ["--layout", "fancy"], ["--handling", "帮办"]):
        result = run_cli("new", str(tmp_path / "r.yaml"), *args)
        assert result.code == 2 and "错误" in result.err
    assert not (tmp_path / "r.yaml").exists()


# -- drafter check ----------------------------------------------------------------------


def test_examples_pass():
    result = run_cli("check", str(EXAMPLES))
    assert result.code == 0, result.out
    assert f"检查了 {len(list(EXAMPLES.glob('*.yaml')))} 个文件，0 个错误，0 个警告" in result.err


def test_json_format_carries_code_and_fixability(tmp_path):
    p = tmp_path / "r.yaml"
    text = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    p.write_text(text.replace("温市监提〔2019〕99号", "温市监提[2019]99号").replace("adressee", "x"), encoding="utf-8")
    result = run_cli("check", str(p), "--format", "json")
    data = json.loads(result.out)["findings"]
    assert result.code == 1
    hit = [d for d in data if d["code"] == "DN101"]
    assert hit and hit[0]["fixable"] is True and hit[0]["field"] == "doc_number"
    assert hit[0]["fix"]["safe"] is True and hit[0]["fix"]["description"]
    assert hit[0]["fix"]["edits"] == [{"path": ["doc_number"], "field": "doc_number", "value": "温市监提〔2019〕99号"}]
    assert set(hit[0]) >= {"file", "line", "column", "field", "code", "severity", "message"}
    assert hit[0]["line"] == text.splitlines().index(next(l for l in text.splitlines() if l.startswith("doc_number"))) + 1


def test_unknown_key_did_you_mean(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text((EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("addressee:", "adressee:"), encoding="utf-8")
    result = run_cli("check", str(p))
    assert any("adressee" in l and "是否应为“addressee”" in l for l in result.lines)


def test_select_and_ignore(tmp_path):
    p = tmp_path / "r.yaml"
    text = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    p.write_text(text.replace("温市监提〔2019〕99号", "温市监提[2019]099号"), encoding="utf-8")
    assert {l.split()[3] for l in run_cli("check", str(p)).lines} >= {"DN101"}
    assert run_cli("check", str(p), "--ignore", "DN").code == 0
    only = run_cli("check", str(p), "--select", "DN101")
    assert [l.split()[3] for l in only.lines] == ["DN101"]
    assert run_cli("check", str(p), "--select", "ZZ9").code == 2
    (tmp_path / "drafter.toml").write_text('[check]\nignore = ["DN1"]\n', encoding="utf-8")
    assert run_cli("check", "r.yaml", cwd=tmp_path).code == 0


def test_fix_keeps_comments_and_diff_writes_nothing(tmp_path):
    p = tmp_path / "r.yaml"
    original = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    broken = original.replace("温市监提〔2019〕99号", "温市监提【2019】第099号").replace(
        "- 市府办", "- 市府办。")
    p.write_text(broken, encoding="utf-8")
    diff = run_cli("check", str(p), "--diff")
    assert "-doc_number: 温市监提【2019】第099号" in diff.out and "+doc_number: 温市监提〔2019〕99号" in diff.out
    assert p.read_text(encoding="utf-8") == broken
    fixed = run_cli("check", str(p), "--fix")
    assert fixed.code == 0, fixed.out + fixed.err
    assert p.read_text(encoding="utf-8") == original  # comments, quotes and layout all kept


def test_fix_keeps_crlf_and_bom(tmp_path):
    p = tmp_path / "r.yaml"
    original = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    broken = original.replace("温市监提〔2019〕99号", "温市监提(2019)99号")
    p.write_bytes(b"\xef\xbb\xbf" + broken.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("check", str(p), "--fix").code == 0
    assert p.read_bytes() == b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8")


def test_check_a_folder_mixes_good_and_missing(tmp_path):
    result = run_cli("check", str(EXAMPLES), str(tmp_path / "missing.yaml"))
    assert result.code == 2
    assert len(result.lines) == 1 and "IO001" in result.lines[0]


# -- drafter schema / rules ------------------------------------------------------------


def test_schema_command(tmp_path):
    result = run_cli("schema")
    schema = json.loads(result.out)
    assert schema["$schema"].endswith("2020-12/schema")
    out = tmp_path / "s.json"
    assert run_cli("schema", "-o", str(out)).code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == schema
    assert run_cli("schema", "-o", str(out)).code == 2  # no overwrite without --force


def test_every_schema_field_has_chinese_title_and_description():
    schema = json.loads(run_cli("schema").out)

    def walk(node, path):
        if isinstance(node, dict):
            if "type" in node or "$ref" in node or "anyOf" in node:
                assert re.search(r"[\u4e00-\u9fff]", node.get("title", "")), path
                assert re.search(r"[\u4e00-\u9fff]", node.get("description", "")), path
            for k, v in node.items():
                if k not in ("enum", "required"):
                    walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + (i,))

    for key, sub in schema["properties"].items():
        walk(sub, ("properties", key))
    for key, sub in schema["$defs"].items():
        walk(sub, ("$defs", key))


def test_rules_list_and_explain():
    listing = run_cli("rules")
    codes = [line.split()[0] for line in listing.lines]
    assert len(codes) >= 40 and codes == sorted(codes)
    from drafter.rules import load_all

    rules = load_all()
    for code in codes:
        detail = run_cli("rules", code)
        assert detail.code == 0
        assert "为什么：" in detail.out and "依据：" in detail.out
        if code in rules:  # rules show examples; IO/SCH/GB… codes explain what they mean
            assert "正确示例" in detail.out and "错误示例" in detail.out, code
    assert run_cli("rules", "XX999").code == 2


# -- drafter render / import -----------------------------------------------------------


def test_render_refuses_invalid_draft_and_never_overwrites(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("number: \"242\"", "number: \"\""), encoding="utf-8")
    result = run_cli("render", str(bad), "-o", str(tmp_path / "bad.docx"))
    assert result.code == 1 and "proposal.number" in result.out and "未生成" in result.err
    assert not (tmp_path / "bad.docx").exists()
    out = tmp_path / "w.docx"
    assert run_cli("render", str(EXAMPLES / "wenzhou-2019.yaml"), "-o", str(out)).code == 0
    first = out.read_bytes()
    again = run_cli("render", str(EXAMPLES / "wenzhou-2019.yaml"), "-o", str(out))
    assert again.code == 2 and "--force" in again.out and out.read_bytes() == first
    assert run_cli("render", str(EXAMPLES / "wenzhou-2019.yaml"), "-o", str(out), "--force").code == 0
    assert out.read_bytes() == first  # same draft, same bytes


def test_render_folder_makes_one_docx_each(tmp_path):
    result = run_cli("render", str(EXAMPLES), "-o", str(tmp_path))
    assert result.code == 0, result.err
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == sorted(p.stem + ".docx" for p in EXAMPLES.glob("*.yaml"))


def test_import_seed_and_refuse_non_reply(tmp_path):
    out = tmp_path / "x.yaml"
    result = run_cli("import", str(SEEDS / "001_77c4a998560675b0.txt"), "-o", str(out))
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    check = run_cli("check", str(out), "--today", "2025-05-08")
    # the web page lost the copy list: check says so, nothing else is missing
    assert check.code == 1 and all("copy_to" in l for l in check.lines), check.out
    refused = run_cli("import", str(SEEDS / "002_7d59406ed8fa6051.txt"), "-o", str(tmp_path / "y.yaml"))
    assert refused.code == 1 and "IM010 不是建议/提案答复函" in refused.out
    assert not (tmp_path / "y.yaml").exists()
    again = run_cli("import", str(SEEDS / "001_77c4a998560675b0.txt"), "-o", str(out))
    assert again.code == 2 and "IO012" in again.out and "--force" in again.out


# -- drafter check LETTER.docx -----------------------------------------------------------


def test_check_rendered_word_letter_is_clean(tmp_path):
    out = tmp_path / "x.docx"
    assert run_cli("render", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(out)).code == 0
    result = run_cli("check", str(out), "--today", "2025-05-08")
    assert result.code == 0, result.out
    assert not [l for l in result.lines if " GB1" in l]


def test_check_word_letter_from_another_program(tmp_path):
    import docx

    d = docx.Document()  # Letter paper, 1-inch margins, Calibri/theme fonts, 11 pt
    for text in ("关于市十六届人大五次会议第0185号建议的答复", "郭晓珍代表：",
                 "您提出的《关于加强知识产权保护的建议》（第0185号）收悉。经认真研究，现答复如下：",
                 "一、加强宣传", "我局今年举办培训12场。", "感谢您对我们工作的关心和支持！",
                 "厦门市市场监督管理局", "2025年5月7日"):
        d.add_paragraph(text)
    path = tmp_path / "other.docx"
    d.save(path)
    result = run_cli("check", str(path), "--today", "2025-05-08")
    assert result.code == 1
    codes = {line.split()[3] for line in result.lines}
    assert {"GB101", "GB102", "GB111", "GB112", "GB131", "GB141"} <= codes
    # content: what the letter lacks is said once each, in the importer's words
    missing = [l for l in result.lines if "IM101" in l]
    assert {l.split()[1] for l in missing} >= {"doc_number:", "contacts:", "copy_to:"}
    assert not any("SCH001" in l for l in result.lines)
    margins = next(l for l in result.lines if "GB102" in l)
    assert "25.4" in margins and "37" in margins


def test_pdf_without_libreoffice_says_so_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice, no libreoffice
    out = tmp_path / "w.docx"
    result = run_cli("render", str(EXAMPLES / "wenzhou-2019.yaml"), "-o", str(out), "--pdf")
    assert result.code == 2
    assert out.exists() and not out.with_suffix(".pdf").exists()  # the .docx is still made
    line = next(l for l in result.out.splitlines() if "PDF001" in l)
    assert "未安装 LibreOffice" in line


def test_pdf_with_libreoffice(tmp_path):
    out = tmp_path / "x.docx"
    result = run_cli("render", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(out), "--pdf")
    assert result.code == 0, result.err
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_help_is_chinese():
    for args in ([], ["--help"], ["check", "--help"], ["new", "-h"], ["render", "--help"], ["import", "--help"]):
        result = run_cli(*args)
        text = result.out + result.err
        assert "用法：" in text and "Usage" not in text and "Show this message" not in text, args


def _draft_without_closing(tmp_path):
    text = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    p = tmp_path / "w.yaml"
    p.write_text("\n".join(l for l in text.splitlines() if not l.startswith("closing:")) + "\n", encoding="utf-8")
    return p


def test_office_templates_override_the_built_in_sentences(tmp_path):
    import zipfile

    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "closing.j2").write_text("衷心感谢{{ you }}对市场监管工作的关心和支持！", encoding="utf-8")
    (tmp_path / "drafter.toml").write_text('[templates]\ndir = "tpl"\n', encoding="utf-8")
    draft = _draft_without_closing(tmp_path)
    assert run_cli("render", "w.yaml", "-o", "w.docx", cwd=tmp_path).code == 0
    xml = zipfile.ZipFile(tmp_path / "w.docx").read("word/document.xml").decode("utf-8")
    assert "衷心感谢你们对市场监管工作的关心和支持！" in xml  # joint suggestion: 你们
    assert draft.exists()


@pytest.mark.parametrize("template, words", [
    ("感谢{{ you }对我们的支持！", "语法有误"),
    ("感谢{{ nobody }}！", "nobody"),
    ('{{ "".__class__.__mro__ }}', "unsafe"),  # the sandbox refuses
])
def test_broken_office_template_is_one_line_exit_2(tmp_path, template, words):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "closing.j2").write_text(template, encoding="utf-8")
    (tmp_path / "drafter.toml").write_text('[templates]\ndir = "tpl"\n', encoding="utf-8")
    _draft_without_closing(tmp_path)
    for args in (["check", "w.yaml"], ["render", "w.yaml", "-o", "w.docx"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 2 and "Traceback" not in result.err
        line = next(l for l in (result.out + result.err).splitlines() if "TPL001" in l)
        assert words in line and "模板" in line
    assert not (tmp_path / "w.docx").exists()


def test_fix_keeps_gbk_encoding(tmp_path):
    p = tmp_path / "r.yaml"
    original = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    p.write_bytes(original.replace("温市监提〔2019〕99号", "温市监提[2019]99号").encode("gbk"))
    result = run_cli("check", str(p), "--fix")
    assert result.code == 0, result.out
    assert p.read_bytes() == original.encode("gbk")


def test_json_draft_findings_have_lines(tmp_path):
    import json as _json

    from drafter.drafts import load_draft

    data = load_draft(EXAMPLES / "xiamen-2025.yaml")[0].data
    data["proposal"]["number"] = ""
    p = tmp_path / "x.json"
    p.write_text(_json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    result = run_cli("check", str(p), "--today", "2025-05-08")
    line_no = next(i for i, l in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if '"number": ""' in l)
    assert result.code == 1
    assert result.lines == [f"{p}:{line_no} proposal.number: 错误 SCH006 建议编号不能为空"]


# -- what a reviewer found: files shared, links, odd -o, same names ------------------------


def test_new_files_follow_the_umask_not_private(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert run_cli("new", str(tmp_path / "r.yaml")).code == 0
        assert run_cli("render", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(tmp_path / "x.docx")).code == 0
    finally:
        os.umask(old)
    for name in ("r.yaml", "x.docx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name


def test_fix_through_a_symlink_fixes_the_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text((EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("〔2019〕", "[2019]"),
                    encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert run_cli("check", str(link), "--fix").code == 0
    assert link.is_symlink() and "〔2019〕" in real.read_text(encoding="utf-8")


def test_render_output_must_be_docx_or_folder(tmp_path):
    result = run_cli("render", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert result.code == 2 and "-o 应为 .docx 文件或文件夹" in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_two_drafts_with_one_name_do_not_overwrite_each_other(tmp_path):
    for sub, example in (("a", "xiamen-2025"), ("b", "cixi-2023")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.yaml").write_text((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("render", str(tmp_path / "a" / "x.yaml"), str(tmp_path / "b" / "x.yaml"),
                     "-o", str(tmp_path / "out"), "--force")
    assert result.code == 2 and "输出同名" in result.out
    import zipfile
    xml = zipfile.ZipFile(tmp_path / "out" / "x.docx").read("word/document.xml").decode("utf-8")
    assert "厦门市市场监督管理局" in xml  # the first one stays


def test_pdf_command_converts_an_existing_docx(tmp_path):
    docx = tmp_path / "x.docx"
    assert run_cli("render", str(EXAMPLES / "xiamen-2025.yaml"), "-o", str(docx)).code == 0
    assert run_cli("pdf", str(docx)).code == 0
    assert docx.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    again = run_cli("pdf", str(docx))
    assert again.code == 2 and "--force" in again.out


@pytest.mark.parametrize("args, words", [
    (["--count", "abc"], "正整数"), (["--count", "0"], "正整数"),
    (["--deputy", "甲", "--deputy", "乙", "--count", "1"], "少于所列姓名数"),
])
def test_new_count_is_checked_in_chinese(tmp_path, args, words):
    result = run_cli("new", str(tmp_path / "n.yaml"), *args)
    assert result.code == 2 and words in result.err and "valid" not in result.err
    assert not (tmp_path / "n.yaml").exists()


def test_unquoted_number_hint_keeps_the_leading_zero(tmp_path):
    p = tmp_path / "q.yaml"
    p.write_text((EXAMPLES / "xiamen-2025.yaml").read_text(encoding="utf-8").replace('number: "0185"', "number: 0185"),
                 encoding="utf-8")
    result = run_cli("check", str(p))
    assert any('如 "0185"' in line and "SCH002" in line for line in result.lines), result.out


def test_failed_fix_write_is_one_line_and_exit_2(tmp_path, monkeypatch):
    import drafter.drafts

    p = tmp_path / "r.yaml"
    broken = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("〔2019〕", "[2019]")
    p.write_text(broken, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(drafter.drafts, "write_atomic", refuse)
    result = run_cli("check", str(p), "--fix")
    assert result.code == 2
    lines = [l for l in result.out.splitlines() if "IO004" in l]
    assert len(lines) == 1 and "Word/WPS" in lines[0]
    assert p.read_text(encoding="utf-8") == broken
