"""What a clerk sees around drafter's own words: every help page in Chinese, aligned and inside
the terminal; every usage mistake one Chinese line with exit code 2; drafter.toml mistakes with
their line; suggested commands that can be pasted back; Windows wildcards."""

from __future__ import annotations

import re

import pytest
from cli_support import run_cli

from drafter import clitext
from drafter.cli import app_commands

# Words click and typer write in English; none may reach a person.
LEFTOVERS = re.compile(
    r"Usage|Options|Arguments|Commands|\[default|\[required|OPTIONS|COMMAND|ARGS|Show this|"
    r"<[a-z ]+>|\bTEXT\b|\bPATH\b|\bINTEGER\b|x>=|x<=|Error|Try |Missing|Invalid|Got unexpected|No such")


def _help(args, monkeypatch, columns=80):
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_cli(*args)
    return result, result.out + result.err


@pytest.mark.parametrize("command", [None, *app_commands()])
def test_every_help_page_is_chinese_aligned_and_fits_the_terminal(command, monkeypatch):
    args = ["--help"] if command is None else [command, "--help"]
    result, text = _help(args, monkeypatch)
    assert result.code == 0
    assert text.startswith(f"用法：drafter {command + ' ' if command else ''}[选项]"), text[:80]
    assert not LEFTOVERS.search(text), LEFTOVERS.search(text)
    assert "{" not in text.splitlines()[0]  # a required argument is written plainly: drafter check [选项] 路径...
    assert "选项：" in text and "显示本帮助后退出。" in text
    # click's width is the terminal's less two; a Chinese character takes two columns
    assert max(clitext.cells(line) for line in text.splitlines()) <= 78
    # click's "[默认：text]" is kept whole on one line
    assert all(line.count("[") == line.count("]") for line in text.splitlines()), text
    # each option's explanation starts in the same column (measured in terminal cells)
    section = text.split("选项：\n", 1)[1]
    starts = set()
    for line in section.splitlines():
        m = re.match(r"^(  -\S.*?\S)  +(\S)", line)
        if m and not line.startswith("   "):
            starts.add(clitext.cells(line[: m.start(2)]))
    assert len(starts) == 1, (starts, section)


def test_bare_drafter_shows_the_chinese_help_and_exits_2(monkeypatch):
    result, text = _help([], monkeypatch)
    assert result.code == 2
    assert text.startswith("用法：drafter [选项] 命令 [参数]...") and "命令：" in text
    assert not LEFTOVERS.search(text)


def test_help_of_a_narrow_terminal_still_breaks_between_words(monkeypatch):
    _, text = _help(["render", "--help"], monkeypatch, columns=60)
    lines = text.splitlines()
    assert max(clitext.cells(line) for line in lines) <= 58
    # a line never starts with a closing mark, and Latin words are never cut
    assert not any(line.strip()[:1] in "，。、；：）》”" for line in lines if line.strip())
    assert "LibreOffice" in text and "drafter.toml" in text


@pytest.mark.parametrize("args, line", [
    (["bogus"], "bogus: 错误 没有这个命令（drafter --help 列出全部命令）"),
    (["chek", "x.yaml"], "chek: 错误 没有这个命令；是否应为 check、schema？（drafter --help 列出全部命令）"),
    (["check", "--bogus", "x.yaml"], "--bogus: 错误 没有这个选项（drafter check --help 查看用法）"),
    (["check", "--forc", "x.yaml"], "--forc: 错误 没有这个选项；是否应为 --force、--format？（drafter check --help 查看用法）"),
    (["check"], "路径: 错误 缺少路径：请在命令后面写上草稿文件或文件夹（.yaml/.yml/.json），也可以是 Word 答复函（.docx）"
                "（drafter check --help 查看用法）"),
    (["due"], "文件夹: 错误 缺少文件夹：请在命令后面写上草稿文件夹（drafter due --help 查看用法）"),
    (["import", "a.txt"], "-o/--output: 错误 缺少这个选项，请给出 -o/--output 及其值（drafter import --help 查看用法）"),
    (["render", "--jobs", "0", "x.yaml"], "-j/--jobs: 错误 应不小于 1，收到 0（drafter render --help 查看用法）"),
    (["render", "-j", "abc", "x.yaml"], "-j/--jobs: 错误 应为整数，收到“abc”（drafter render --help 查看用法）"),
    (["serve", "--port", "八千"], "--port: 错误 应为整数，收到“八千”（drafter serve --help 查看用法）"),
    (["check", "--format"], "--format: 错误 这个选项后面要写上值，如 --format 值（drafter check --help 查看用法）"),
    (["check", "--fix=yes", "x.yaml"], "--fix: 错误 这个选项不带值，只写 --fix（drafter check --help 查看用法）"),
    (["new", "草稿", "一.yaml"], "一.yaml: 错误 多余的参数：这个命令不接受它们；文件名中有空格时请给整个文件名加引号，"
                             "如 \"草稿 一.yaml\"（drafter new --help 查看用法）"),
    (["check", "--version"], "--version: 错误 没有这个选项（drafter check --help 查看用法）"),
    (["ledger", "."], "drafter ledger: 错误 请给出 -o 台账.xlsx（导出）或 --update 台账.xlsx（写回）之一"),
    (["report", ".", "--year", "2025"], "drafter report: 错误 请给出 -o 报告.docx、--xlsx 统计.xlsx 或 --format json"),
])
def test_usage_mistakes_are_one_chinese_line(args, line, tmp_path):
    result = run_cli(*args, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [line]


def test_usage_mistake_with_format_json_is_still_one_json_document(tmp_path):
    import json

    result = run_cli("check", "x.yaml", "--format", "json", "--forc", cwd=tmp_path)
    assert result.code == 2 and result.err == ""
    doc = json.loads(result.out)
    assert doc["command"] == "check" and doc["exit_code"] == 2 and doc["findings"] == []
    assert doc["notes"] == ["--forc: 错误 没有这个选项；是否应为 --force、--format？（drafter check --help 查看用法）"]


@pytest.mark.parametrize("args, line", [
    (["rules", "XX", "--format", "json"], "XX: 错误 没有这个代码（drafter rules 列出全部代码）"),
    (["due", ".", "--today", "2025/1/1", "--format", "json"], "--today: 错误 日期应写作 YYYY-MM-DD，收到“2025/1/1”"),
    (["report", ".", "--year", "2025", "--format=json", "-o", "报告.txt"], "报告.txt: 错误 应为 .docx 文件，请改文件名的扩展名"),
    (["render", "--jobs", "x", "a.yaml", "--format", "json"], "-j/--jobs: 错误 应为整数，收到“x”（drafter render --help 查看用法）"),
])
def test_every_refusal_under_format_json_is_one_json_document(args, line, tmp_path):
    import json

    result = run_cli(*args, cwd=tmp_path)
    assert result.code == 2 and result.err == ""
    doc = json.loads(result.out)
    assert doc["command"] == args[0] and doc["exit_code"] == 2 and doc["notes"] == [line]


def test_version():
    result = run_cli("--version")
    assert result.code == 0 and re.fullmatch(r"drafter \d+\.\d+\.\d+\n", result.out)


def test_usage_words_cover_values_click_builds():
    assert clitext.value_problem("'x' is not one of 'text', 'json'.") == "只能是 text、json，收到“x”"
    assert clitext.value_problem("130 is not in the range 0<=x<=120.") == "应为0 到 120 之间，收到 130"
    assert clitext.value_problem("'2025-13-01' does not match the format '%Y-%m-%d'.") == "日期应写作 YYYY-MM-DD，收到“2025-13-01”"
    assert clitext.value_problem("something new.") == "值无效（something new.）"  # never dropped


# -- suggested commands, Windows wildcards ----------------------------------------------


def test_suggested_command_quotes_a_name_with_a_space(tmp_path):
    result = run_cli("new", "草稿 一.yaml", cwd=tmp_path)
    assert result.code == 0
    assert result.err.splitlines()[-1] == '已生成草稿 草稿 一.yaml。填好【待填：…】各处后运行 drafter check "草稿 一.yaml"'
    # and the suggestion, pasted back, runs
    again = run_cli("check", "草稿 一.yaml", "--today", "2025-01-01", cwd=tmp_path)
    assert again.code == 1 and all(" TX101 " in l for l in again.lines)


def test_wildcards_name_the_files_as_cmd_and_powershell_cannot(tmp_path, monkeypatch):
    for name in ("b.yaml", "a.yaml", "c.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert clitext.expand_wildcards(["check", "*.yaml", "--select", "DN", "无此*.yaml"]) == [
        "check", "a.yaml", "b.yaml", "--select", "DN", "无此*.yaml"]


def test_main_expands_wildcards_where_the_shell_does_not(tmp_path, monkeypatch):
    import sys

    from drafter import cli

    for name in ("a.yaml", "b.yaml"):
        assert run_cli("new", name, cwd=tmp_path).code == 0
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "SHELL_LEAVES_WILDCARDS", True)
    monkeypatch.setattr(sys, "argv", ["drafter", "check", "*.yaml", "--today", "2025-01-01"])
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 1
    files = {line.split(":")[0] for line in out.getvalue().splitlines()}
    assert files == {"a.yaml", "b.yaml"}
    assert err.getvalue().splitlines()[-1].startswith("检查了 2 个文件")


# -- drafter.toml ---------------------------------------------------------------------------


@pytest.mark.parametrize("toml, line", [
    ('# 本单位\n[check]\nignore = []\ndeadline_months = "三"\n',
     "drafter.toml:4 check.deadline_months: 无法处理 CF003 应为 0 到 120 之间的整数（个月）"),
    ('[organ]\nname = "温州市市场监督管理局"\nkind = "人大"\n',
     'drafter.toml:3 organ.kind: 无法处理 CF003 只能是 "npc"、"cppcc"，收到 "人大"'),
    ('[organ]\nlayout = "函"\n',
     'drafter.toml:2 organ.layout: 无法处理 CF003 只能是 "file"、"letter"、"plain"，收到 "函"'),
    ('[text]\nlimit = -5\n', "drafter.toml:2 text.limit: 无法处理 CF003 应为 0 到 100000 之间的整数，收到 -5"),
    ('[caseload]\nreturn = "五天"\n',
     "drafter.toml:2 caseload.return: 无法处理 CF003 期限应写作“15个工作日”“20天”“1个月”“05-31”或“2025-05-31”"),
    ('[organ]\nname = "局"\n\n[bogus]\n', "drafter.toml:4 bogus: 无法处理 CF003 未知的配置段，可用：[organ] [check] [templates] "
                                       "[render] [calendar] [caseload] [intake] [public] [text] [form]"),
])
def test_drafter_toml_mistakes_name_their_line(toml, line, tmp_path):
    (tmp_path / "drafter.toml").write_text(toml, encoding="utf-8")
    for args in (["check", "x.yaml"], ["new", "x.yaml"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 2, args
        assert (result.out + result.err).splitlines() == [line], args
        assert not (tmp_path / "x.yaml").exists()


def test_profile_given_as_a_folder(tmp_path):
    (tmp_path / "配置").mkdir()
    result = run_cli("check", "x.yaml", "--profile", "配置", cwd=tmp_path)
    assert result.code == 2
    assert (result.out + result.err).splitlines() == ["配置: 无法处理 CF001 这是文件夹，请给出配置文件，如 --profile 配置/drafter.toml"]


def test_drafter_toml_saved_by_notepad_as_gbk_says_how_to_resave(tmp_path):
    (tmp_path / "drafter.toml").write_bytes('[organ]\nname = "温州市市场监督管理局"\n'.encode("gbk"))
    result = run_cli("check", "x.yaml", cwd=tmp_path)
    assert result.code == 2
    assert (result.out + result.err).splitlines() == [
        "drafter.toml: 无法处理 CF002 配置文件须为 UTF-8 编码：请在记事本中“另存为”，编码选 UTF-8"]


def test_an_unreadable_draft_in_a_batch_is_one_line_and_the_rest_is_checked(tmp_path):
    """click's own path checks would stop the run in English; drafter reports the one file."""
    import os
    import shutil
    import subprocess
    import sys

    ok = tmp_path / "好.yaml"
    locked = tmp_path / "锁住的.yaml"
    assert run_cli("new", str(ok)).code == 0 and run_cli("new", str(locked)).code == 0
    locked.chmod(0)
    command = [sys.executable, "-m", "drafter", "check", locked.name, ok.name, "--today", "2025-01-01"]
    if os.geteuid() == 0:  # root reads any file: drop the two capabilities that let it
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test an unreadable file as root"
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    r = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "锁住的.yaml: 无法处理 IO004 无法读取文件（没有权限），请检查权限"
    assert lines[1:] and all(line.startswith("好.yaml:") and " TX101 " in line for line in lines[1:])
    assert r.stderr.splitlines()[-1].startswith("检查了 2 个文件")


def test_import_onto_an_existing_draft_refuses_before_reading_the_letter(tmp_path):
    letter = tmp_path / "来函.txt"
    letter.write_text("关于市十六届人大五次会议第0185号建议的答复\n王贤理代表：\n您提出的建议收悉。\n", encoding="utf-8")
    (tmp_path / "草稿.yaml").write_text("# 我改过的草稿\n", encoding="utf-8")
    result = run_cli("import", "来函.txt", "-o", "草稿.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.lines == ["草稿.yaml: 无法处理 IO012 文件已存在，未覆盖；确需覆盖请加 --force"]  # no field lines first
    assert (tmp_path / "草稿.yaml").read_text(encoding="utf-8") == "# 我改过的草稿\n"


def test_a_name_too_long_for_the_file_system_is_one_line_not_an_internal_error(tmp_path):
    long = "长" * 100  # 300 bytes in UTF-8: over the 255 a Linux file name may have
    assert run_cli("new", "好.yaml", cwd=tmp_path).code == 0
    result = run_cli("check", f"{long}.yaml", "好.yaml", "--today", "2025-01-01", cwd=tmp_path)
    assert result.code == 2
    assert result.lines[0] == f"{long}.yaml: 无法处理 IO004 无法读取（文件名过长），请检查路径"
    assert all(line.startswith("好.yaml:") for line in result.lines[1:]) and len(result.lines) > 1  # the rest checked
    for args in (["import", f"{long}.txt", "-o", "x.yaml"], ["due", long], ["intake", f"{long}.xlsx", "-o", "d"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 2, args
        assert (result.out + result.err).splitlines() == [
            f"{args[1]}: 无法处理 IO004 无法读写（文件名过长），请检查路径和权限"], args


@pytest.mark.parametrize("text, line", [
    ("organ: 温州市\n\tkind: npc\n", "草稿.yaml:2: 无法处理 IO010 第2行：YAML 不能用 Tab 缩进，请改用空格"),
    ("organ: 温州市市场监督管理局\t\nkind: npc\n",
     "草稿.yaml:1: 无法处理 IO010 第1行：第18列有 Tab 字符（常见于从 Word、Excel 复制的文字），请删去或改为空格"),
])
def test_a_tab_is_named_as_what_it_is(text, line, tmp_path):
    (tmp_path / "草稿.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "草稿.yaml", cwd=tmp_path)
    assert result.code == 2 and result.lines == [line]
