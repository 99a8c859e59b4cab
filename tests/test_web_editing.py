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


def test_save_after_the_file_was_deleted_or_broken_on_disk(tmp_path):
    """Deleted, moved or overwritten with something unreadable while open: refused with one line
    saying so (never "internal error"); 仍然保存 writes the clerk's content into the text the page
    opened, so its comments come back too."""
    path = tmp_path / "温州 答复（定稿）.yaml"
    path.write_bytes((ROOT / "examples" / "wenzhou-2019.yaml").read_bytes())
    comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    assert comments
    editing.open_file(Workspace(), path, path.name)
    opened, data = _opened(path)
    data["proposal"]["number"] = "249"

    path.unlink()
    with pytest.raises(editing.Conflict) as caught:
        editing.save(path, path.name, data, opened)
    assert "删除" in str(caught.value) and "\n" not in str(caught.value)
    assert not path.exists()
    editing.save(path, path.name, data, opened, force=True)
    text = path.read_text(encoding="utf-8")
    assert 'number: "249"' in text and all(c in text for c in comments)

    opened, data = _opened(path)
    path.write_text("proposal: [这不是\n", encoding="utf-8")        # someone saved a broken file
    data["proposal"]["number"] = "250"
    with pytest.raises(editing.Conflict) as caught:
        editing.save(path, path.name, data, opened)
    assert "+proposal: [这不是" in caught.value.diff
    editing.save(path, path.name, data, opened, force=True)
    text = path.read_text(encoding="utf-8")
    assert 'number: "250"' in text and all(c in text for c in comments)
    assert load_draft(path)[0] is not None


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


def _squeezed(text: str) -> str:
    import re

    return re.sub(r"\s|\u2060", "", text)


def _html_pages(markup: str) -> list[list[str]]:
    """The text of every line the browser is given, page by page (lines and shapes)."""
    from lxml import html as lhtml

    root = lhtml.fromstring(f"<div>{markup}</div>")
    pages = []
    for page in root.xpath('./div[@class="page"]'):
        lines: dict[str, str] = {}     # a line with tab stops is drawn in pieces
        for e in page.xpath('.//div[@data-line]'):
            lines[e.get("data-line")] = lines.get(e.get("data-line"), "") + _squeezed(e.text_content())
        pages.append([t for t in lines.values() if t])
    return pages


def test_preview_pages_are_the_printed_pages(render_pdfs):
    """Every line of every page of the preview is the line LibreOffice prints there: same text,
    same order, same page (the renderer's fixture converts the drafts with LibreOffice once).
    Only the page numbers and the floating 信函式 mark and 类别标记 are not lines of the preview."""
    import re

    import pdfplumber
    from render_fixtures import pdf_lines

    from drafter.web.preview import lay_out, sheet_html

    for name, doc in render_pdfs.items():
        sheet = lay_out(doc.letter, doc.sentences)
        html_pages = _html_pages(sheet_html(sheet))
        with pdfplumber.open(doc.pdf) as pdf:
            assert sheet.pages == len(pdf.pages) == len(html_pages), name
            for k, page in enumerate(pdf.pages):
                shapes = {_squeezed(re.sub(r"<[^>]+>", "", h)) for p, h in sheet.shapes if p == k} - {""}
                printed = [_squeezed(ln.text) for ln in pdf_lines(page)]
                # the floating 信函式 mark and 类别标记 are shapes at the top of page 1
                head = printed[:len(shapes)]
                assert set(head) == shapes, (name, k + 1, head)
                printed = [t for t in printed[len(shapes):] if not re.fullmatch("\u2014\\d+\u2014", t)]
                assert html_pages[k] == printed, (name, k + 1)
                # the folio where the print has one
                numbered = any(re.fullmatch("\u2014\\d+\u2014", _squeezed(line.text)) for line in pdf_lines(page))
                assert (k in sheet.numbered) == numbered, (name, k + 1)


def _long_drafts():
    """Drafts far longer than the examples: every layout, many sections on four levels, run-in
    headings, long paragraphs with Latin and digits, bold, attachments with pages, long copy
    lists, several 签发人, the 版记 on the last or on an even page."""
    import random

    rng = random.Random(11)
    words = ["知识产权", "保护", "2024年", "ISO56005", "（试行）", "《条例》", "“一件事”", "18.8%", "，", "。", "、",
             "**重点**", "市场主体", "0577-89600223", "监管执法", "Ａ级", "The Guide", "；"]

    def sentence(n):
        return "".join(rng.choice(words) for _ in range(n)) + "。"

    def block(depth):
        out = []
        for _ in range(rng.randint(2, 5)):
            if depth < 4 and rng.random() < 0.5:
                section = {"heading": sentence(rng.randint(1, 4)).rstrip("。"), "body": block(depth + 1)}
                if rng.random() < 0.3:
                    section["run_in"] = True
                out.append(section)
            else:
                out.append(sentence(rng.randint(5, 90)))
        return out

    seeds = [load_draft(p)[0].data for p in EXAMPLES] + [load_draft(ROOT / "tests/data/render/plain-levels.yaml")[0].data]
    drafts = []
    for k in range(30):
        data = copy.deepcopy(seeds[k % len(seeds)])
        data["layout"] = ("file", "letter", "plain")[k % 3]
        for key in ("background", "measures", "problems", "next_steps"):
            if key in data or key == "measures":
                data[key] = block(1)
        if data.get("copy_to") is not None and k % 2:
            data["copy_to"] = [f"某某市第{i + 1}{rng.choice(['区人民政府', '局', '街道办事处', '委员会'])}" for i in
                               range(rng.randint(1, 25))]
        if k % 4 == 1 and data["layout"] == "file":
            data["signer"] = ["王一", "李二三", "张四", "赵五六七"][: rng.randint(1, 4)]
        if k % 5 == 2:
            data["attachments"] = [{"title": "项目清单", "content": [sentence(40) for _ in range(rng.randint(1, 30))]},
                                   "资金安排表"]
        drafts.append((f"long-{k}", data, "even" if k % 4 == 3 else "last"))
    # content ending on a full even page: the 版记 on an even page needs a blank page before it
    data = copy.deepcopy(seeds[[p.stem for p in EXAMPLES].index("wenzhou-2019")])
    for key in ("background", "problems", "next_steps"):
        data.pop(key, None)
    data["measures"] = ["在温州传统产业转型发展的今天，企业面临的市场竞争将更加激烈。"]
    data["attachments"] = [{"title": "清单", "content": [f"我局第{i + 1}次专项检查已于2024年6月完成，整改到位。"
                                                         for i in range(39)]}]
    drafts.append(("blank-page", data, "even"))
    return drafts


def _all_drafts():
    """Every example as it is, on both 版记 settings, then the long generated drafts."""
    examples = [(p.stem + f"-{record}", load_draft(p)[0].data, record) for p in EXAMPLES + [ROOT / "tests/data/render/plain-levels.yaml"]
                for record in ("last", "even")]
    return examples + _long_drafts()


@pytest.mark.parametrize("name,data,record_page", _all_drafts(), ids=lambda v: v if isinstance(v, str) else "")
def test_preview_draws_the_renderers_plan(name, data, record_page):
    """One composition: the preview's pages and lines are plan_letter's blocks placed by
    paginate (same page count, every block's lines on the pages the plan gives them, the line
    texts the renderer broke), its text is the .docx's text paragraph by paragraph, and no line
    is drawn wider than the 版心."""
    import io

    import docx

    from drafter.model import Letter
    from drafter.render import layout as L
    from drafter.render import measure as M
    from drafter.render import render_docx
    from drafter.render.compose import CAPACITY, RenderOptions, plan_letter
    from drafter.render.plan import paginate
    from drafter.sentences import Sentences
    from drafter.web.preview import lay_out, sheet_html

    letter = Letter.from_data(data)
    sentences = Sentences(letter)
    options = RenderOptions(record_page=record_page)
    sheet = lay_out(letter, sentences, options)
    _, blocks, plan = plan_letter(letter, sentences, options)
    placed = paginate(blocks, CAPACITY)
    assert sheet.pages == plan.pages == placed[-1].end_page + 1
    if plan.blank_page:
        assert not [ln for ln in sheet.lines if ln.page == plan.blank_page - 1]   # the blank page is blank

    # every block's lines, in order, on the plan's pages
    expected = [(page, b.block.data["lines"][k] if b.block.data.get("lines") else None)
                for b in placed if b.block.data.get("p") is not None for k, (page, _) in enumerate(b.lines)]
    assert [ln.page for ln in sheet.lines] == [page for page, _ in expected]
    for line, (_, text) in zip(sheet.lines, expected):
        if text is not None:
            assert _squeezed(line.text) == _squeezed(text)

    # the same text as the .docx, paragraph by paragraph (the 版记 spacer and blank page are empty)
    document = docx.Document(io.BytesIO(render_docx(letter, sentences, options)))
    printed = [_squeezed(p.text) for p in document.paragraphs]
    shown, k = [], 0
    for b in placed:
        n = len(b.lines)
        if b.block.data.get("p") is not None:
            shown.append("".join(_squeezed(ln.text) for ln in sheet.lines[k:k + n]))
            k += n
        else:
            shown.append("")
    assert shown == printed

    # nothing drawn past the 版心: right edge and bottom
    for line in sheet.lines:
        assert line.top + line.height <= L.mm_to_pt(L.TYPE_HEIGHT_MM) + 0.01, (name, line.text)
        for x, runs in line.pieces:
            width = sum(M.width_pt(r.text.rstrip(), r.size, r.spacing) for r in runs)
            start = line.left if x is None else x
            room = L.TYPE_WIDTH_PT - (line.right if x is None else 0.0)
            assert start + width <= room + 1.0, (name, line.text, start + width, room)
    assert len(_html_pages(sheet_html(sheet))) == sheet.pages


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


def test_preview_of_a_fresh_scaffold_shows_its_placeholders():
    """A new draft is all 【待填】, dates included: the page is still laid out, the date where
    the 成文日期 goes reads as the draft does."""
    from drafter.drafts import loads_draft
    from drafter.scaffold import ScaffoldOptions, render_scaffold

    draft, _ = loads_draft(render_scaffold(ScaffoldOptions()), "yaml", "new.yaml")
    result = preview_html(Workspace(), draft.data, "new.yaml")
    assert result.get("pages", 0) >= 1, result
    assert "【待填：成文日期" in result["html"] and "1900年" not in result["html"]


def test_two_saves_of_one_file_at_the_same_moment_never_both_win(tmp_path):
    """Two tabs that opened the same draft save at once: one is written, the other is refused
    as a conflict with the difference; neither edit is silently lost."""
    import threading

    path = tmp_path / "wenzhou-2019.yaml"
    path.write_bytes((ROOT / "examples" / "wenzhou-2019.yaml").read_bytes())
    for round_ in range(20):
        opened, data = _opened(path)
        results: list[str] = []
        start = threading.Barrier(2)

        def one(number: str) -> None:
            mine = copy.deepcopy(data)
            mine["proposal"]["number"] = number
            start.wait()
            try:
                editing.save(path, path.name, mine, opened)
                results.append("saved " + number)
            except editing.Conflict as exc:
                assert "proposal" in exc.diff or "number" in exc.diff or exc.diff
                results.append("conflict")

        threads = [threading.Thread(target=one, args=(f"{round_}-{k}",)) for k in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(r.split()[0] for r in results) == ["conflict", "saved"], results
        winner = next(r.split()[1] for r in results if r.startswith("saved"))
        assert load_draft(path)[0].data["proposal"]["number"] == winner
