"""Every kind of bad input gives one Chinese line and exit 2 (or 1 for schema errors), no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wenzhou-2019.yaml"


def check(path: Path, *extra: str):
    result = run_cli("check", str(path), *extra)
    assert "Traceback" not in result.out + result.err
    return result


def one_fatal_line(result, code: str) -> str:
    assert result.code == 2, result.out + result.err
    assert len(result.lines) == 1, result.out
    line = result.lines[0]
    assert code in line and "无法处理" in line
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line)
    return line


def test_missing_file(tmp_path):
    line = one_fatal_line(check(tmp_path / "nope.yaml"), "IO001")
    assert "nope.yaml" in line and "不存在" in line


def test_folder_without_drafts(tmp_path):
    one_fatal_line(check(tmp_path), "IO002")


def test_wrong_extension(tmp_path):
    p = tmp_path / "reply.txt"
    p.write_text("kind: npc", encoding="utf-8")
    one_fatal_line(check(p), "IO003")


def test_empty_file(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("", encoding="utf-8")
    assert "空" in one_fatal_line(check(p), "IO006")


def test_comment_only_file_is_empty(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("# 只有注释\n\n", encoding="utf-8")
    one_fatal_line(check(p), "IO006")


def test_malformed_yaml_names_the_line(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("kind: npc\nlayout: file\norgan: [未闭合\n", encoding="utf-8")
    line = one_fatal_line(check(p), "IO010")
    assert line.startswith(f"{p}:")
    assert "行" in line


def test_yaml_tab_indent(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("proposal:\n\tnumber: '1'\n", encoding="utf-8")
    line = one_fatal_line(check(p), "IO010")
    assert "Tab" in line and ":2" in line


def test_malformed_json_names_the_line(tmp_path):
    p = tmp_path / "reply.json"
    p.write_text('{\n  "kind": "npc",\n  "layout": "file",\n}\n', encoding="utf-8")
    line = one_fatal_line(check(p), "IO010")
    # Python ≤3.12 points at the closing brace (line 4), 3.13 at the trailing comma (line 3)
    assert (f"{p}:4" in line or f"{p}:3" in line) and "逗号" in line


def test_duplicate_key(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("kind: npc\nkind: cppcc\n", encoding="utf-8")
    assert "重复" in one_fatal_line(check(p), "IO010")


def test_list_where_mapping_belongs_top_level(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("- kind: npc\n- layout: file\n", encoding="utf-8")
    result = check(p)
    assert result.code == 1
    assert len(result.lines) == 1 and "SCH002" in result.lines[0] and "键值对" in result.lines[0]


def test_list_where_mapping_belongs_nested(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("signature:\n", "signature:\n  - x\n", 1)
    lines = text.splitlines()
    # drop the original mapping keys under signature so the value is a list only
    start = lines.index("signature:")
    end = start + 1
    while end < len(lines) and (lines[end].startswith("  ") or not lines[end].strip()):
        end += 1
    lines[start + 1 : end] = ["  - organ: 温州市市场监督管理局"]
    p = tmp_path / "reply.yaml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(p)
    assert result.code == 1
    hit = [l for l in result.lines if " signature:" in l]
    assert hit and "SCH002" in hit[0] and "键值对" in hit[0]
    assert f"reply.yaml:{start + 1} " in hit[0]


def test_gbk_file_is_read_and_said(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gbk"))
    result = check(p)
    assert result.code == 0, result.out
    assert any("IO101" in l and "GBK" in l for l in result.lines)


def test_undecodable_bytes(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_bytes(b"kind: npc\norgan: \xff\xfe\xfa\xfb\x81\n")
    one_fatal_line(check(p), "IO009")


def test_utf8_bom_and_crlf(tmp_path):
    p = tmp_path / "reply.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    p.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = check(p)
    assert result.code == 0, result.out + result.err
    assert result.lines == []


def test_crlf_line_numbers_are_right(tmp_path):
    p = tmp_path / "reply.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("organ: 温州市市场监督管理局\n", "organ: \n", 1)
    line_no = text.splitlines().index("organ: ") + 1
    p.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = check(p)
    assert result.code == 1
    assert any(l.startswith(f"{p}:{line_no} organ:") and "不能为空" in l for l in result.lines)


def test_control_character(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("kind: npc\norgan: 某局\x07\n", encoding="utf-8")
    line = one_fatal_line(check(p), "IO007")
    assert "U+0007" in line and ":2" in line


def test_very_large_file(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("notes:\n" + "  - 很长的附注内容很长的附注内容\n" * 120_000, encoding="utf-8")
    assert "过大" in one_fatal_line(check(p), "IO005")


def test_deeply_nested_yaml(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text("a: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    assert "嵌套" in one_fatal_line(check(p), "IO008")


def test_deeply_nested_json(tmp_path):
    p = tmp_path / "reply.json"
    p.write_text('{"a": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    assert "嵌套" in one_fatal_line(check(p), "IO008")


def test_yaml_alias_bomb(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    p = tmp_path / "reply.yaml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "别名" in one_fatal_line(check(p), "IO011")


def test_invalid_calendar_date_is_a_schema_error(tmp_path):
    p = tmp_path / "reply.yaml"
    p.write_text(EXAMPLE.read_text(encoding="utf-8").replace("date: 2019-07-01", "date: 2019-02-30"), encoding="utf-8")
    result = check(p)
    assert result.code == 1
    assert any("signature.date" in l and "SCH005" in l and "2019-02-30" in l for l in result.lines)


def test_json_output_of_fatal(tmp_path):
    result = run_cli("check", str(tmp_path / "gone.json"), "--format", "json")
    data = json.loads(result.out)["findings"]
    assert result.code == 2
    assert data[0]["code"] == "IO001" and data[0]["severity"] == "fatal"


@pytest.mark.parametrize("args", [["check"], ["check", "--bogus", "x"], ["frobnicate"], ["check", "x.yaml", "--format", "xml"]])
def test_usage_errors_are_chinese_one_line(args):
    result = run_cli(*args)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "用法错误" in result.err or "错误" in result.err
