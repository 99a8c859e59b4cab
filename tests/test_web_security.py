"""HTTP-level tests of every security rule of `drafter serve` (no browser): the real server,
raw requests with the Host, Origin and token each rule is about."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.web.settings import MAX_JSON_BYTES, MAX_UPLOAD_BYTES
from web_support import copy_examples, running

ROOT_FILES = tuple(sorted(p.name for p in (Path(__file__).resolve().parents[1] / "examples").glob("*.yaml")))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("web-security")
    folder = copy_examples(base / "drafts")
    (base / "secret.yaml").write_text("kind: npc\n# 文件夹外的秘密\n", encoding="utf-8")
    (folder / ".hidden.yaml").write_text("kind: npc\n", encoding="utf-8")
    os.symlink(base / "secret.yaml", folder / "link-out.yaml")
    with running(folder) as server:
        server.base = base
        yield server


def test_pages_answer_on_the_bound_address(site):
    for host in (site.host, f"localhost:{site.settings.port}"):
        status, _, body = site.request("GET", "/", host=host)
        assert status == 200 and "答复函列表" in body.decode()


@pytest.mark.parametrize("host", ["evil.example:80", "evil.example", "127.0.0.1", "127.0.0.1:1", "",
                                  "0.0.0.0:{port}", "192.168.1.10:{port}"])
def test_foreign_host_is_refused(site, host):
    """DNS rebinding: a page served from another name reaching 127.0.0.1 sends its own Host."""
    status, _, body = site.request("GET", "/api/cases", host=host.format(port=site.settings.port))
    assert status == 421
    assert "主机名不符" in json.loads(body)["error"]


def test_cases_list_only_drafts_inside_the_folder(site):
    status, data = site.json("GET", "/api/cases")
    assert status == 200
    files = sorted(r["file"] for r in data["rows"])
    assert files == sorted(ROOT_FILES)  # no hidden file, no link pointing out of the folder


CHECK = {"file": "x.yaml", "data": {"kind": "npc"}}


@pytest.mark.parametrize("origin,token,why", [
    (None, "same", "请求来源不符"),
    ("http://evil.example", "same", "请求来源不符"),
    ("null", "same", "请求来源不符"),
    ("http://127.0.0.1:1", "same", "请求来源不符"),
    ("same", None, "令牌"),
    ("same", "wrong-token", "令牌"),
])
@pytest.mark.parametrize("path", ["/api/check", "/api/save", "/api/new", "/api/import?name=a.txt", "/api/fix"])
def test_state_changing_requests_need_token_and_same_origin(site, path, origin, token, why):
    status, data = site.json("POST", path, CHECK, origin=origin, token=token)
    assert status == 403
    assert why in data["error"]


def test_with_token_and_origin_the_request_goes_through(site):
    status, data = site.json("POST", "/api/check", CHECK)
    assert status == 200
    assert any(f["code"].startswith("SCH") for f in data["findings"])


def test_token_is_per_start(tmp_path):
    tokens = set()
    for _ in range(2):
        with running(copy_examples(tmp_path / f"d{len(tokens)}")) as server:
            tokens.add(server.settings.token)
            status, _, page = server.request("GET", "/")
            assert server.settings.token in page.decode()
    assert len(tokens) == 2


def test_declared_body_over_the_cap_is_refused(site):
    status, data = site.json("POST", "/api/check", b"{}", headers={"Content-Length": str(MAX_JSON_BYTES + 1)})
    assert status == 413 and "请求过大" in data["error"]


def test_streamed_body_over_the_cap_is_refused(site):
    """No Content-Length (chunked): the body is counted as it arrives."""
    chunk = b"x" * 65536
    count = MAX_JSON_BYTES // len(chunk) + 2
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(count)) + b"0\r\n\r\n"
    status, _, data = site.request("POST", "/api/check", body, headers={"Transfer-Encoding": "chunked"})
    assert status == 413


def test_uploads_have_their_own_larger_cap(site):
    status, data = site.json("POST", "/api/import?name=a.docx", b"x",
                             headers={"Content-Length": str(MAX_UPLOAD_BYTES + 1)})
    assert status == 413
    status, data = site.json("POST", "/api/import?name=a.docx", b"x" * (MAX_JSON_BYTES + 10))
    assert status != 413  # over the JSON cap, under the upload cap: read (and refused as no letter)


TRAVERSALS = ["../secret.yaml", "..%2Fsecret.yaml", "/etc/passwd", "sub/../../secret.yaml", "link-out.yaml",
              ".hidden.yaml", "C:/Windows/win.ini", "..\\secret.yaml", "cixi-2023.yaml%00.txt", "missing.yaml",
              "cixi-2023.docx"]


@pytest.mark.parametrize("name", TRAVERSALS)
def test_no_path_outside_the_folder_opens(site, name):
    from urllib.parse import quote

    q = quote(name, safe="%") if "%" not in name else name
    status, _, body = site.request("GET", f"/edit?file={q}")
    assert status == 404 and "秘密" not in body.decode()
    status, _, body = site.request("GET", f"/download?file={q}&format=docx")
    assert status in (403, 404) and b"PK" not in body[:2]


@pytest.mark.parametrize("name", ["../secret.yaml", "link-out.yaml", "/tmp/x.yaml", ".hidden.yaml"])
def test_no_path_outside_the_folder_is_written(site, name):
    secret = (site.base / "secret.yaml").read_bytes()
    status, data = site.json("POST", "/api/save", {"file": name, "hash": "", "data": {"kind": "cppcc"}, "force": True})
    assert status == 403
    assert (site.base / "secret.yaml").read_bytes() == secret
    assert not os.path.exists("/tmp/x.yaml") or name != "/tmp/x.yaml"


@pytest.mark.parametrize("name", ["../escape", "sub/new", "/tmp/new", ".hidden-new", "..", "a\\b"])
def test_new_draft_names_stay_in_the_folder(site, name):
    before = sorted(p for p in site.base.rglob("*"))
    status, data = site.json("POST", "/api/new", {"name": name})
    # a name typed in the 新建 form: refused in one line (200 with `refused`, a clean console)
    assert status == 200 and data["refused"] and "\n" not in data["error"]
    assert not (site.base / "escape.yaml").exists()
    assert sorted(p for p in site.base.rglob("*")) == before


def test_new_never_overwrites(site):
    before = (site.settings.root / "cixi-2023.yaml").read_bytes()
    status, data = site.json("POST", "/api/new", {"name": "cixi-2023"})
    assert status == 200 and data["refused"] and "已有同名文件" in data["error"]
    assert (site.settings.root / "cixi-2023.yaml").read_bytes() == before


def test_import_file_name_cannot_escape(site):
    status, data = site.json("POST", "/api/import?name=../../evil.txt", "这不是一封答复函。")
    assert status == 200 and data["refused"]
    assert not (site.base / "evil.yaml").exists()


def test_draft_text_is_never_evaluated(site, tmp_path):
    """Template syntax, our own page slots and a closing script tag are printed, never run."""
    folder = site.settings.root
    source = (folder / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    hostile = "{{ 7*7 }}@@boot@@</script><script>alert(1)</script>{% if true %}"
    (folder / "hostile.yaml").write_text(
        source.replace("  title: 关于加强知识产权保护、助推民营经济转型升级的建议",
                       "  title: " + json.dumps(hostile, ensure_ascii=False)), encoding="utf-8")
    try:
        status, _, page = site.request("GET", "/edit?file=hostile.yaml")
        text = page.decode()
        assert status == 200
        assert "<script>alert(1)" not in text
        assert "{{ 7*7 }}@@boot@@\\u003c/script\\u003e" in text  # in the JSON data block, escaped
        boot = text.split('id="boot">', 1)[1].split("</script>", 1)[0]
        data = json.loads(boot)["data"]
        assert data["proposal"]["title"] == hostile
        data["closing"] = hostile
        status, result = site.json("POST", "/api/preview", {"file": "hostile.yaml", "data": data})
        assert status == 200
        assert "{{ 7*7 }}@@boot@@&lt;/script&gt;&lt;script&gt;" in result["html"]
        assert "<script" not in result["html"]
    finally:
        (folder / "hostile.yaml").unlink()


def test_security_headers(site):
    status, headers, _ = site.request("GET", "/")
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_password_mode(tmp_path):
    with running(copy_examples(tmp_path / "lan"), password="correct horse") as server:
        status, headers, _ = server.request("GET", "/")
        assert status == 303 and headers["location"] == "/login"
        status, data = server.json("GET", "/api/cases")
        assert status == 401
        status, _, page = server.request("GET", "/login")
        assert status == 200 and "登录" in page.decode()
        status, data = server.json("POST", "/login", {"password": "wrong"})
        assert status == 200 and data["refused"] and "密码不对" in data["error"] and "set-cookie" not in data
        status, headers, _ = server.request("POST", "/login", {"password": "correct horse"})
        assert status == 200
        cookie = headers["set-cookie"].split(";")[0]
        assert "httponly" in headers["set-cookie"].lower() and "samesite=strict" in headers["set-cookie"].lower()
        status, data = server.json("GET", "/api/cases", headers={"Cookie": cookie})
        assert status == 200 and len(data["rows"]) == len(ROOT_FILES)
        status, data = server.json("GET", "/api/cases", headers={"Cookie": "drafter_session=forged"})
        assert status == 401


def test_lan_serving_needs_a_password(tmp_path):
    def serve(*args):
        return subprocess.run([sys.executable, "-m", "drafter", "serve", str(tmp_path), "--no-browser", *args],
                              capture_output=True, text=True, timeout=60)

    run = serve("--host", "192.168.1.20")
    assert run.returncode == 2 and "--password" in run.stderr
    run = serve("--host", "192.168.1.20", "--password", "short")
    assert run.returncode == 2 and "至少 8 个字符" in run.stderr
    run = serve("--host", "0.0.0.0", "--password", "long enough")
    assert run.returncode == 2 and "局域网上的地址" in run.stderr  # the Host check needs the real address


def test_save_refuses_when_the_file_changed_on_disk(site):
    path = site.settings.root / "cixi-2023.yaml"
    status, _, page = site.request("GET", "/edit?file=cixi-2023.yaml")
    boot = json.loads(page.decode().split('id="boot">', 1)[1].split("</script>", 1)[0])
    original = path.read_bytes()
    try:
        path.write_bytes(original.replace("\norgan: 慈溪市市场监督管理局".encode(), "\norgan: 别人改过的机关".encode(), 1))
        changed = path.read_bytes()
        data = boot["data"]
        data["proposal"]["number"] = "193"
        status, result = site.json("POST", "/api/save", {"file": "cixi-2023.yaml", "hash": boot["hash"], "data": data})
        assert status == 200 and result["refused"] and result["conflict"]
        # what changed on disk since the page opened the file
        assert "-organ: 慈溪市市场监督管理局" in result["diff"] and "+organ: 别人改过的机关" in result["diff"]
        assert "193" not in result["diff"]
        assert path.read_bytes() == changed  # nothing written
    finally:
        path.write_bytes(original)


def test_unknown_pages_and_methods_answer_in_chinese(site):
    status, data = site.json("GET", "/nope")
    assert status == 404 and data["error"] == "没有这个页面"
    status, _, page = site.request("GET", "/nope", headers={"Accept": "text/html,application/xhtml+xml"})
    assert status == 404 and "没有这个页面" in page.decode() and "回到列表" in page.decode()  # typed in a browser
    status, data = site.json("POST", "/", {})
    assert status == 404 and data["error"] == "没有这个页面"
    status, _, page = site.request("GET", "/edit?file=missing.yaml")
    assert status == 404 and "文件不存在" in page.decode() and "回到列表" in page.decode()


def test_every_asset_ships_with_the_package(site):
    """Offline: pages load scripts and styles from /static only, and no asset names another host."""
    import re
    from pathlib import Path

    import drafter.web

    for path in ("/", "/edit?file=cixi-2023.yaml", "/login"):
        status, _, page = site.request("GET", path)
        refs = re.findall(r'(?:src|href)="([^"]+)"', page.decode())
        assert refs and all(r.startswith(("/static/", "/", "#")) and not r.startswith("//") for r in refs), refs
        for ref in refs:
            if ref.startswith("/static/"):
                assert site.request("GET", ref)[0] == 200, ref
    static = Path(drafter.web.__file__).parent / "static"
    for asset in static.iterdir():
        assert not re.search(r"https?://|//cdn|@import", asset.read_text(encoding="utf-8")), asset.name


def test_a_body_that_is_no_json_is_a_bad_request(site):
    status, data = site.json("POST", "/api/check", b"not json", headers={"Content-Type": "application/json"})
    assert status == 400 and "JSON" in data["error"]
    status, data = site.json("POST", "/api/check", b"[1, 2]", headers={"Content-Type": "application/json"})
    assert status == 400


def test_a_broken_drafter_toml_is_one_line(tmp_path):
    (tmp_path / "drafter.toml").write_text("[organ\nname = 1\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "drafter", "serve", str(tmp_path), "--no-browser", "--port", "0"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "drafter.toml" in run.stderr and "Traceback" not in run.stderr
