"""The workbench's save path and previews, without a browser: a form's data written back into
the draft file through the same round trip as --fix, and the HTML preview's pages."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from drafter.api import Workspace
from drafter.drafts import load_draft
from drafter.web import editing
from drafter.web.preview import preview_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _opened(path: Path) -> tuple[str, dict]:
    raw = path.read_bytes()
    draft, _ = load_draft(path)
    return editing.digest(raw), copy.deepcopy(draft.data)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_saving_unchanged_data_leaves_the_file_byte_for_byte(tmp_path, example):
    path = tmp_path / example.name
    path.write_bytes(example.read_bytes())
    opened, data = _opened(path)
    editing.save(path, path.name, data, opened)
    assert path.read_bytes() == example.read_bytes()


def test_form_edits_keep_every_comment_and_land_in_place(tmp_path):
    path = tmp_path / "xiamen.yaml"
    path.write_bytes((ROOT / "examples" / "xiamen-2025.yaml").read_bytes())
    opened, data = _opened(path)
    comments = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("#")]
    new = {}
    for key, value in data.items():
        new[key] = value
        if key == "doc_number":
            new["signer"] = "张三"          # a field the form adds: after its neighbour, not at the end
    new["copy_to"].append("市政府办公厅督查室")  # appended after the comment-carrying last item
    new["measures"].insert(0, "新增的第一段。")
    new["signature"]["date"] = "2025-05-08"
    editing.save(path, path.name, new, opened)
    text = path.read_text(encoding="utf-8")
    for comment in comments:
        assert comment in text
    lines = text.splitlines()
    assert lines[lines.index("doc_number: 厦市监函〔2025〕59号") + 1] == "signer: 张三"
    assert "  date: 2025-05-08" in lines  # a date stays an unquoted date
    # "# 信函式版头不印…" stood after the copy list, before the end: it still comes after the new item
    assert text.index("市政府办公厅督查室") < text.index("# 信函式版头不印")
    draft, _ = load_draft(path)
    assert draft.data == new


def test_crlf_bom_and_gbk_are_kept(tmp_path):
    source = (ROOT / "examples" / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    for name, raw in (("crlf.yaml", source.replace("\n", "\r\n").encode("utf-8")),
                      ("bom.yaml", b"\xef\xbb\xbf" + source.encode("utf-8")),
                      ("gbk.yaml", source.encode("gb18030"))):
        path = tmp_path / name
        path.write_bytes(raw)
        opened, data = _opened(path)
        data["proposal"]["number"] = "243"
        editing.save(path, name, data, opened)
        out = path.read_bytes()
        assert out == raw.replace(b'number: "242"', b'number: "243"') or \
            out == raw.replace('number: "242"'.encode("gb18030"), 'number: "243"'.encode("gb18030"))


def test_save_refuses_a_changed_file_and_writes_nothing(tmp_path):
    path = tmp_path / "cixi.yaml"
    path.write_bytes((ROOT / "examples" / "cixi-2023.yaml").read_bytes())
    editing.open_file(Workspace(), path, path.name)
    opened, data = _opened(path)
    path.write_text(path.read_text(encoding="utf-8") + "# 同事加的注释\n", encoding="utf-8")
    changed = path.read_bytes()
    data["title"] = "新标题"
    with pytest.raises(editing.Conflict) as caught:
        editing.save(path, path.name, data, opened)
    assert "+# 同事加的注释" in caught.value.diff
    assert path.read_bytes() == changed
    editing.save(path, path.name, data, opened, force=True)  # the clerk's explicit 仍然保存
    assert "新标题" in path.read_text(encoding="utf-8") and "# 同事加的注释" in path.read_text(encoding="utf-8")


def test_fix_through_the_api_returns_data(tmp_path):
    ws = Workspace()
    draft, _ = load_draft(ROOT / "examples" / "xiamen-2025.yaml")
    data = copy.deepcopy(draft.data)
    data["doc_number"] = "厦市监函[2025]59号"
    findings = editing.check(ws, data, "x.yaml")
    dn = [f for f in findings if f["code"] == "DN101"]
    assert dn and dn[0]["field"] == "doc_number" and dn[0]["fix"]["safe"]
    fixed, after = editing.apply_fix(ws, data, "x.yaml", "DN101", "doc_number")
    assert fixed["doc_number"] == "厦市监函〔2025〕59号"
    assert not [f for f in after if f["code"] == "DN101"]
    with pytest.raises(editing.FixNotFound):
        editing.apply_fix(ws, fixed, "x.yaml", "DN101", "doc_number")


def _first_line(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    return lines[0].replace(" ", "").replace("\u2060", "") if lines else ""


def _page_starts(html: str) -> list[str]:
    import re

    out = []
    for page in html.split('<div class="page" ')[1:]:
        area = page.split('<div class="type-area">', 1)[1]
        first = re.search(r'<div class="ln[^"]*"[^>]*>(.*?)</div>', area)
        out.append(re.sub(r"<[^>]+>", "", first.group(1)).replace("&quot;", '"').replace(" ", "") if first else "")
    return out


def test_preview_pages_match_the_rendered_letter(render_pdfs):
    """The HTML preview breaks lines on the same 28-字 grid and pages at 22 lines: its page
    count is the PDF's (the renderer's fixture converts the examples with LibreOffice once)."""
    ws = Workspace()
    for name in ("wenzhou-2019", "xiamen-2025", "cixi-2023"):
        draft, _ = load_draft(ROOT / "examples" / f"{name}.yaml")
        result = preview_html(ws, draft.data, name)
        import pdfplumber

        with pdfplumber.open(render_pdfs[name].pdf) as pdf:
            assert result["pages"] == len(pdf.pages), name
            printed = [_first_line(page.extract_text() or "") for page in pdf.pages]
        assert result["html"].count('class="page"') == result["pages"]
        # every page after the first starts with the same text in the preview and in print
        shown = _page_starts(result["html"])
        for k in range(1, result["pages"]):
            assert shown[k][:8] == printed[k][:8], (name, k + 1, shown[k], printed[k])


def test_preview_shows_a_draft_in_progress_and_blocks_a_broken_one():
    ws = Workspace()
    draft, _ = load_draft(ROOT / "examples" / "wenzhou-2019.yaml")
    data = copy.deepcopy(draft.data)
    data["doc_number"] = "【待填：发文字号】"      # a rule error: still previewed
    result = preview_html(ws, data, "x.yaml")
    assert "【待填：发文字号】" in result["html"]
    del data["measures"]                           # a structural error: no page, and why
    result = preview_html(ws, data, "x.yaml")
    assert "html" not in result and "结构错误" in result["blocked"]


def test_preview_breaks_lines_where_the_renderer_does():
    """The preview's lines are the renderer's lines (drafter.render.measure), with every
    character's font and bold kept: a run-in heading in 黑体 then its text in 仿宋."""
    import random

    from drafter.render import layout as L
    from drafter.render import measure as M
    from drafter.web.preview import TYPE_W, chars_of, wrap

    rng = random.Random(7)
    pieces = ["知识产权", "，", "。", "2024年", "ISO56005", "（", "）", "《", "》", "“", "”", "18.8%", "、", "**加粗**"]
    indent = L.INDENT_CHARS * (L.BODY_SIZE + L.CHAR_SPACING_PT)
    for _ in range(200):
        heading = "一、" + "".join(rng.choice(pieces[:4]) for _ in range(rng.randint(1, 4)))
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(5, 120)))
        chars = chars_of(heading, "heiti") + chars_of(body, "fangsong")
        lines = wrap(chars, TYPE_W - indent, TYPE_W)
        assert [c for line in lines for c in line] == chars  # nothing lost, order kept
        text = "".join(c[0] for c in chars)
        assert ["".join(c[0] for c in line) for line in lines] == M.wrap(text, TYPE_W - indent, TYPE_W, L.BODY_SIZE,
                                                                         L.CHAR_SPACING_PT)
        assert [c[2] for c in chars[:len(heading) - heading.count("*")]] == ["heiti"] * (len(heading) - heading.count("*"))
        assert any(c[1] for c in chars) == ("**加粗**" in body)


def test_preview_of_a_fresh_scaffold_shows_its_placeholders():
    """A new draft is all 【待填】, dates included: the page is still laid out, the date where
    the 成文日期 goes reads as the draft does."""
    from drafter.drafts import loads_draft
    from drafter.scaffold import ScaffoldOptions, render_scaffold

    draft, _ = loads_draft(render_scaffold(ScaffoldOptions()), "yaml", "new.yaml")
    result = preview_html(Workspace(), draft.data, "new.yaml")
    assert result.get("pages", 0) >= 1, result
    assert "【待填：成文日期" in result["html"] and "1900年" not in result["html"]
