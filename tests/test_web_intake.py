"""Uploading a 交办清单 in the workbench: one new draft per row (the caseload's intake), never
replacing a draft, and a second upload of the same list creating nothing."""

from __future__ import annotations

import json
from urllib.parse import quote

from drafter.drafts import load_draft
from web_support import running

LIST = (
    "市十六届人大五次会议代表建议交办清单\n"
    "建议编号,建议标题,领衔代表,交办日期,办理方式\n"
    "0185,关于构建知识产权大保护格局的建议,郭晓珍,2025-03-03,独办\n"
    "0201,关于优化营商环境的建议,张三,2025-03-03,主办\n"
)


def _upload(server, name: str, raw: bytes):
    status, _, body = server.request("POST", "/api/intake?name=" + quote(name), raw,
                                     headers={"Content-Type": "application/octet-stream"})
    return status, json.loads(body)


def test_intake_creates_one_draft_a_row_and_never_overwrites(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    with running(folder) as server:
        status, _, page = server.request("GET", "/")
        boot = json.loads(page.decode().split('id="boot">', 1)[1].split("</script>", 1)[0])
        assert boot["intake"] is True  # the button is shown
        status, data = _upload(server, "交办清单.csv", LIST.encode("utf-8-sig"))
        assert status == 200, data
        assert len(data["created"]) == 2 and "新建 2 份草稿" in data["message"]
        drafts = {name: load_draft(folder / name)[0] for name in data["created"]}
        numbers = sorted(d.data["proposal"]["number"] for d in drafts.values())
        assert numbers == ["0185", "0201"]  # leading zeros kept
        before = {name: (folder / name).read_bytes() for name in data["created"]}
        status, again = _upload(server, "交办清单.csv", LIST.encode("utf-8-sig"))
        assert status == 200 and again["created"] == [] and "已有 2 份未改动" in again["message"]
        assert {name: (folder / name).read_bytes() for name in data["created"]} == before
        changed = LIST.replace("关于优化营商环境的建议", "关于进一步优化营商环境的建议")
        status, third = _upload(server, "交办清单.csv", changed.encode("utf-8-sig"))
        assert status == 200 and third["created"] == []
        assert third["differences"] and all(str(folder) not in line for line in third["differences"])
        assert any("进一步优化营商环境" in line for line in third["differences"])  # what the list says now
        assert {name: (folder / name).read_bytes() for name in data["created"]} == before
        status, cases = server.json("GET", "/api/cases")
        assert {r["number"] for r in cases["rows"]} == {"0185", "0201"}


def test_a_sheet_that_is_no_list_is_refused(tmp_path):
    with running(tmp_path) as server:
        status, data = _upload(server, "不是清单.csv", "甲,乙\n1,2\n".encode("utf-8"))
        assert status == 200 and data["refused"] and "未导入" in data["error"]
        status, data = _upload(server, "清单.docx", b"x")
        assert status == 200 and data["refused"] and ".xlsx" in data["error"]
        assert not list(tmp_path.glob("*.yaml"))
