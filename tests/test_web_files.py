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
    assert status == 422 and "未导入" in data["error"]
    status, data = _upload(site, "坏.docx", b"PK\x03\x04 not really a zip")
    assert status == 422
    status, data = _upload(site, "表格.xlsx", b"x")
    assert status == 400
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
    for item in boot["documents"]:
        status, headers, body = site.request("GET", f"/download?file=wenzhou-2019.yaml&format={item['format']}")
        assert status in (200, 422), item
        if status == 200:
            assert body
            name = unquote(headers["content-disposition"].split("filename*=UTF-8''")[1])
            assert name.startswith("wenzhou-2019-")
