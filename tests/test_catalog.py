"""One catalogue: every code the package can emit is registered, documented, explainable by
`drafter rules CODE`, and selectable on the command line and in drafter.toml — GB codes too."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from cli_support import run_cli

from drafter.catalog import catalogue, explain, unknown_selectors

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CATALOGUE = catalogue()
# A code as the package writes it: two or three capitals and three digits (noqa tags excluded).
CODE = re.compile(r"(?<!noqa: )\b[A-Z]{2,3}\d{3}\b")


def _literals() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / "drafter").rglob("*.py"):
        for m in CODE.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(m.group(), set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_code_in_the_package_is_in_the_catalogue():
    found = _literals()
    missing = {code: sorted(where) for code, where in found.items() if code not in CATALOGUE}
    assert not missing
    # and the groups the issue names are all there
    prefixes = {re.match(r"[A-Z]+", c).group() for c in found}
    assert {"IO", "SCH", "IM", "CF", "TPL", "PDF", "GB"} <= prefixes


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_is_documented(code):
    e = explain(code)
    assert e.code == code and re.fullmatch(r"[a-z0-9-]+", e.name)
    assert e.severity in ("error", "warning", "fatal")
    for text in (e.message, e.rationale):
        assert re.search(r"[\u4e00-\u9fff]", text), (code, text)
    assert e.source.strip() and e.stage
    assert e.fix in ("none", "safe", "unsafe")


def test_names_are_unique_across_the_catalogue():
    names = [e.name for e in CATALOGUE.values()]
    assert len(names) == len(set(names))


def test_layout_checks_cover_exactly_the_gb_codes():
    from drafter.docxcheck import CHECKS
    from drafter.docxcheck.codes import LAYOUT_CODES

    grouped = [c for _, codes in CHECKS for c in codes]
    assert sorted(grouped) == sorted(LAYOUT_CODES) and len(grouped) == len(set(grouped))
    assert {c for c in _literals() if c.startswith("GB")} == set(LAYOUT_CODES)


@pytest.mark.parametrize("code", ["GB111", "IO010", "SCH003", "CF004", "PDF001", "DN101"])
def test_rules_explains_any_code(code):
    result = run_cli("rules", code)
    assert result.code == 0 and result.out.startswith(code)
    assert "为什么：" in result.out and "依据：" in result.out
    data = json.loads(run_cli("rules", code, "--format", "json").out)
    assert data["code"] == code and data["rationale"] == explain(code).rationale


def test_rules_lists_a_prefix():
    lines = run_cli("rules", "GB").lines
    assert [l.split()[0] for l in lines] == sorted(c for c in CATALOGUE if c.startswith("GB"))


def test_selectors_accept_any_code_or_prefix():
    assert unknown_selectors(["GB", "GB102", "IO", "SCH001", "ALL", "dn1"]) == []
    assert unknown_selectors(["GB999", "ZZ"]) == ["GB999", "ZZ"]


# -- GB codes selected like any other, on a real Word letter --------------------------------------


@pytest.fixture(scope="module")
def letter(tmp_path_factory) -> Path:
    """A rendered letter with the wrong top margin (GB102) and a half-width comma (TX102)."""
    tmp = tmp_path_factory.mktemp("letter")
    good = tmp / "good.docx"
    assert run_cli("render", str(EXAMPLES / "wenzhou-2019.yaml"), "-o", str(good)).code == 0
    bad = tmp / "letter.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "，" in text
                text = text.replace("，", ",", 1)
                text, n = re.subn(r'(<w:pgMar [^>]*w:top=")\d+', r"\g<1>1134", text)
                assert n
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return bad


def _codes(result) -> list[str]:
    return [line.split()[3] for line in result.lines]


def test_letter_has_both_problems(letter):
    codes = _codes(run_cli("check", str(letter)))
    assert "GB102" in codes and "TX102" in codes


def test_select_one_code_prints_only_that_code(letter):
    result = run_cli("check", str(letter), "--select", "TX102")
    assert _codes(result) == ["TX102"] and result.code == 1


def test_ignore_gb_code_on_the_command_line(letter):
    codes = _codes(run_cli("check", str(letter), "--ignore", "GB102"))
    assert "GB102" not in codes and "TX102" in codes
    only_gb = _codes(run_cli("check", str(letter), "--select", "GB"))
    assert only_gb and all(c.startswith("GB") for c in only_gb)


def test_ignore_gb_code_in_drafter_toml(letter, tmp_path):
    (tmp_path / "drafter.toml").write_text('[check]\nignore = ["GB102"]\n', encoding="utf-8")
    codes = _codes(run_cli("check", str(letter), cwd=tmp_path))
    assert "GB102" not in codes and "TX102" in codes
    (tmp_path / "drafter.toml").write_text('[check]\nselect = ["GB1"]\n', encoding="utf-8")
    codes = _codes(run_cli("check", str(letter), cwd=tmp_path))
    assert "GB102" in codes and "TX102" not in codes


def test_unknown_code_in_drafter_toml_is_a_cf_error(tmp_path):
    (tmp_path / "drafter.toml").write_text('[check]\nselect = ["ALL"]\nignore = ["GB102", "XY123"]\n', encoding="utf-8")
    result = run_cli("check", str(EXAMPLES / "wenzhou-2019.yaml"), cwd=tmp_path)
    assert result.code == 2
    line = next(l for l in result.out.splitlines() if "CF004" in l)
    assert line.startswith("drafter.toml:3 check.ignore:") and "XY123" in line  # named as the person knows it: the one here
    assert "GB102" not in line


def test_unknown_code_on_the_command_line_is_refused():
    result = run_cli("check", str(EXAMPLES / "wenzhou-2019.yaml"), "--select", "QQ")
    assert result.code == 2 and "QQ" in result.err


@pytest.mark.parametrize("toml, where, words", [
    ('[check]\nignore = [GB102]\n', "第2行第11列", "双引号"),
    ('[check]\nignore = ["GB102"\n', "第2行", "方括号没有闭合"),
    ('[check\n', "第1行", "[check]"),
    ('[organ]\nname = "甲"\nname = "乙"\n', "第3行", "写了两次"),
    ('[organ]\nname = "甲" 乙\n', "第2行", "多余内容"),
    ('[organ]\nname = "甲\n', "第2行", "引号没有闭合"),
])
def test_toml_errors_are_chinese_with_line_and_column(tmp_path, toml, where, words):
    (tmp_path / "drafter.toml").write_text(toml, encoding="utf-8")
    result = run_cli("check", str(EXAMPLES / "wenzhou-2019.yaml"), cwd=tmp_path)
    assert result.code == 2
    line = next(l for l in result.out.splitlines() if "CF002" in l)
    assert where in line and words in line, line
    said = re.sub(r"如 .*|\[check\]", "", line.split("CF002", 1)[1])  # examples may quote TOML
    assert not re.search(r"[A-Za-z]{4,}", said), line  # no parser English


def test_nothing_prints_a_code_outside_the_reporters():
    """Coded lines reach the person only through drafter/reporters (text or JSON)."""
    printing = re.compile(r"\b(print|_err|echo|secho|announce|write)\(")
    offenders = []
    for path in (ROOT / "drafter").rglob("*.py"):
        if "reporters" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if printing.search(line) and CODE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders


def test_readme_counts_the_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    n = len(CATALOGUE)
    assert f"{n} 个问题代码" in readme and f"全部 {n} 个代码" in readme and f"All {n} codes" in readme


@pytest.mark.parametrize("schema, value, code, words", [
    ({"type": "array", "maxItems": 2, "title": "抄送"}, ["甲", "乙", "丙"], "SCH007", "最多填写 2 项"),
    ({"const": "npc", "title": "类型"}, "cppcc", "SCH004", "应为“npc”"),
    ({"type": "array", "uniqueItems": True, "title": "抄送"}, ["甲", "甲"], "SCH008", "重复"),
    ({"type": "string", "pattern": "^[0-9]+$", "title": "编号"}, "a1", "SCH008", "写法不对"),
    ({"oneOf": [{"type": "string"}, {"type": "string"}], "title": "正文"}, "x", "SCH008", "只能符合一种写法"),
])
def test_schema_messages_are_never_the_validators_english(schema, value, code, words):
    """Every jsonschema keyword comes out in Chinese, not only the ones the bundled schema uses today."""
    import jsonschema

    from drafter.schema import _translate

    (error,) = list(jsonschema.Draft202012Validator(schema).iter_errors(value))
    ((_, got_code, message),) = list(_translate(error))
    assert got_code == code and words in message
    said = re.sub(r"“[^”]*”", "", message).replace("drafter schema", "")  # the values quoted are the user's
    assert not re.search(r"[A-Za-z]{4,}", said), message


@pytest.mark.parametrize("text, fmt", [
    ("a: b: c\n", "yaml"), ("a: [1, 2\n", "yaml"), ("a: @x\n", "yaml"), ("a: `x\n", "yaml"),
    ("[1, 2]]\n", "yaml"), ("{a: 1}}\n", "yaml"), ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "yaml"),
    ('{"a": 1,}', "json"), ('{"a" 1}', "json"), ('{"a": [1 2]}', "json"), ('{"a": tru}', "json"),
])
def test_parser_errors_are_never_the_parsers_english(text, fmt):
    from drafter.drafts import LoadError, loads_draft

    with pytest.raises(LoadError) as exc:
        loads_draft(text, fmt, "x." + fmt)
    f = exc.value.finding
    assert f.code == "IO010" and f.line and f.message.startswith(f"第{f.line}行")
    said = re.sub(r"“[^”]*”|YAML|JSON", "", f.message)
    assert not re.search(r"[A-Za-z]{4,}", said), f.message
