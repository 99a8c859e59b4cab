"""The workbench's file operations over HTTP (no browser): importing uploaded letters, the
downloads and their refusals. The security rules are in test_web_security.py."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from drafter.drafts import load_draft
from web_support import copy_examples, running

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running(copy_examples(tmp_path_factory.mktemp("web-files") / "drafts")) as server:
        yield server


def _upload(site, name: str, raw: bytes):
    return site.json("POST", "/api/import?name=" + quote(name), raw,
                     headers={"Content-Type": "application/octet-stream"})


def test_import_a_text_letter_then_again_without_overwriting(site):
    raw = (DATA / "seeds" / "004_0fad850f965fae3c.txt").read_bytes()
    status, data = _upload(site, "慈溪来函.txt", raw)
    assert status == 200, data
    assert data["file"] == "慈溪来函.yaml"
    first = site.settings.root / "慈溪来函.yaml"
    draft, _ = load_draft(first)
    assert draft.data["proposal"]["number"] == "192"
    assert draft.data["doc_number"] == "慈市监管建〔2023〕2号"
    before = first.read_bytes()
    status, data = _upload(site, "慈溪来函.txt", raw)
    assert status == 200 and data["file"] == "慈溪来函-2.yaml"  # a second import never replaces the first
    assert first.read_bytes() == before
    status, cases = site.json("GET", "/api/cases")
    assert {"慈溪来函.yaml", "慈溪来函-2.yaml"} <= {r["file"] for r in cases["rows"]}


def test_import_a_web_page(site):
    status, data = _upload(site, "网页稿.html", (DATA / "import" / "web_npc_footer.html").read_bytes())
    assert status == 200, data
    draft, _ = load_draft(site.settings.root / data["file"])
    assert draft.data.get("proposal", {}).get("number")


def test_a_page_that_is_no_reply_is_refused_and_nothing_written(site):
    before = set(p.name for p in site.settings.root.iterdir())
    status, data = _upload(site, "新闻.html", (DATA / "import" / "not_reply_news.html").read_bytes())
    # refusals the clerk's own use leads to: 200 with `refused` and one line (a clean console)
    assert status == 200 and data["refused"] and "未导入" in data["error"]
    status, data = _upload(site, "坏.docx", b"PK\x03\x04 not really a zip")
    assert status == 200 and data["refused"] and "\n" not in data["error"]
    status, data = _upload(site, "表格.xlsx", b"x")
    assert status == 200 and data["refused"] and ".docx" in data["error"]
    assert set(p.name for p in site.settings.root.iterdir()) == before


def test_download_docx_with_its_chinese_name(site):
    import docx

    status, headers, body = site.request("GET", "/download?file=" + quote("wenzhou-2019.yaml") + "&format=docx")
    assert status == 200
    assert headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert unquote(headers["content-disposition"].split("filename*=UTF-8''")[1]) == "wenzhou-2019.docx"
    document = docx.Document(io.BytesIO(body))
    assert any("王贤理" in p.text for p in document.paragraphs)


def test_download_refused_while_the_draft_has_errors(site):
    path = site.settings.root / "broken.yaml"
    path.write_text((site.settings.root / "cixi-2023.yaml").read_text(encoding="utf-8")
                    .replace('number: "192"', 'number: ""'), encoding="utf-8")
    status, headers, body = site.request("GET", "/download?file=broken.yaml&format=docx")
    assert status == 422 and "错误" in body.decode() and b"PK" not in body[:2]
    status, _, body = site.request("GET", "/download?file=cixi-2023.yaml&format=exe")
    assert status == 422
    path.unlink()


def test_other_documents_download_where_the_api_has_them(site):
    """公开版, 征求意见表, 平台正文: offered exactly when drafter.api.Document can make them."""
    import json

    from drafter.web.creating import other_documents

    status, _, page = site.request("GET", "/edit?file=wenzhou-2019.yaml")
    boot = json.loads(page.decode().split('id="boot">', 1)[1].split("</script>", 1)[0])
    assert boot["documents"] == other_documents()
    import docx

    for item in boot["documents"]:
        status, headers, body = site.request("GET", f"/download?file=wenzhou-2019.yaml&format={item['format']}")
        assert status == 200, (item, body[:200])
        name = unquote(headers["content-disposition"].split("filename*=UTF-8''")[1])
        assert name.startswith("wenzhou-2019-")
        if name.endswith(".docx"):
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
            text += "".join(c.text for t in docx.Document(io.BytesIO(body)).tables for r in t.rows for c in r.cells)
            assert "242" in text, name
        else:
            assert body.startswith(b"\xef\xbb\xbf") and "知识产权".encode() in body  # Notepad-friendly UTF-8
    # a 协办意见 goes to the lead unit, not to a deputy: no 征求意见表, and it says why
    if any(d["format"] == "form" for d in boot["documents"]):
        status, _, body = site.request("GET", "/download?file=opinion-2025.yaml&format=form")
        assert status == 422 and "征求意见表" in json.loads(body)["error"]


def test_new_draft_takes_the_office_profile_and_list_shows_case_columns(tmp_path):
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "drafter.toml").write_text(
        '[organ]\nname = "温州市市场监督管理局"\nlayout = "letter"\n'
        'copy_to = ["市人大常委会代表工委", "市政府办公室"]\n', encoding="utf-8")
    with running(folder) as server:
        status, data = server.json("POST", "/api/new", {"name": "2025-0301", "number": "0301", "deputies": "张三，李四",
                                                         "session": "市十四届人大四次会议", "kind": "npc"})
        assert status == 200 and data["file"] == "2025-0301.yaml"
        draft, _ = load_draft(folder / "2025-0301.yaml")
        assert draft.data["organ"] == "温州市市场监督管理局" and draft.data["layout"] == "letter"
        assert draft.data["copy_to"] == ["市人大常委会代表工委", "市政府办公室"]
        assert draft.data["addressee"]["deputies"] == ["张三", "李四"]
        assert (folder / "reply.schema.json").is_file()  # the $schema reference resolves beside the draft
        status, cases = server.json("GET", "/api/cases")
        (row,) = cases["rows"]  # the schema copy is no draft
        assert row["file"] == "2025-0301.yaml" and row["number"] == "0301" and row["deputies"] == "张三、李四"
        assert row["errors"] > 0 and row["status"]  # placeholders to fill; the caseload's status


def test_case_list_shows_the_next_deadline(site):
    source = (site.settings.root / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    path = site.settings.root / "assigned.yaml"
    path.write_text(source.replace('  number: "242"', '  number: "999"\n  assigned: 2025-03-03'), encoding="utf-8")
    try:
        status, cases = site.json("GET", "/api/cases")
        row = next(r for r in cases["rows"] if r["file"] == "assigned.yaml")
        # first 见面 within 15 working days of 交办, the reply within 3 months: the nearer comes first
        assert row["due_step"] == "见面" and row["due"].startswith("2025-03")
        assert row["overdue"] is True  # long past, nothing recorded
    finally:
        path.unlink()


@pytest.mark.parametrize("doc_type", ["opinion", "return", "extension"])
def test_new_draft_of_each_document_type(site, doc_type):
    status, data = site.json("POST", "/api/new", {"name": f"type-{doc_type}", "type": doc_type, "number": "0302"})
    assert status == 200, data
    draft, _ = load_draft(site.settings.root / data["file"])
    assert draft.data["type"] == doc_type
    (site.settings.root / data["file"]).unlink()


def test_an_unreadable_draft_is_listed_with_why_and_claims_nothing(site):
    path = site.settings.root / "坏的 草稿.yaml"
    path.write_text("proposal: [没有结束\n", encoding="utf-8")
    try:
        status, cases = site.json("GET", "/api/cases")
        row = next(r for r in cases["rows"] if r["file"] == "坏的 草稿.yaml")
        assert row["status"] == "无法读取" and row["type"] == "" and row["due"] == ""
        assert "第2行" in row["unreadable"] and "\n" not in row["unreadable"]
    finally:
        path.unlink()
