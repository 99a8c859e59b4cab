"""Load-time classes of hostile input (issue 14): each is one Chinese line with its code and
exit 2 — never a traceback — through the command, for YAML and JSON alike."""

from __future__ import annotations

import pytest

from cli_support import run_cli

CASES = {
    # name: (file name, content, code, words the line must hold)
    "bad !!int": ("a.yaml", 'kind: npc\norgan: !!int "12abc"\n', "IO010", ["!!int", "12abc", "第2行"]),
    "bad !!float": ("a.yaml", 'kind: npc\norgan: !!float ".nan - x"\n', "IO010", ["!!float", "第2行"]),
    "tag on a mapping": ("a.yaml", "kind: npc\nproposal: !!int {number: 1}\n", "IO010", ["标签"]),
    "unknown tag": ("a.yaml", "kind: npc\norgan: !!python/object:os.system x\n", "IO010", ["标签"]),
    "huge int yaml": ("a.yaml", "kind: npc\norgan: " + "9" * 5000 + "\n", "IO010", ["5000 位", "第2行"]),
    "huge int json": ("a.json", '{"kind": "npc",\n "organ": ' + "9" * 5000 + "}", "IO010", ["5000 位", "第2行"]),
    "escaped control yaml": ("a.yaml", 'kind: npc\norgan: "某局\\x07"\n', "IO007", ["U+0007", "第2行"]),
    "escaped control json": ("a.json", '{"kind": "npc",\n "organ": "某局\\u0001"}', "IO007", ["U+0001"]),
    "escaped DEL json": ("a.json", '{"kind": "npc",\n "organ": "某局\\u007f"}', "IO007", ["U+007F"]),
    "lone surrogate json": ("a.json", '{"kind": "npc",\n "organ": "\\ud800"}', "IO007", ["U+D800"]),
    "lone surrogate key json": ("a.json", '{"kind": "npc", "\\udfff": 1}', "IO007", ["U+DFFF"]),
    "lone surrogate yaml": ("a.yaml", 'kind: npc\norgan: "\\ud800"\n', "IO010", ["第2行"]),
    "two documents": ("a.yaml", "kind: npc\n---\nkind: cppcc\n", "IO010", ["多份"]),
    "duplicate anchor": ("a.yaml", "a: &x 1\nb: &x 2\n", "IO010", ["锚点"]),
    "duplicate key after merge": ("a.yaml", "kind: npc\n'kind': cppcc\n", "IO010", ["重复"]),
    "tab after a colon": ("a.yaml", "kind:\tnpc\n", "IO010", []),
    "mapping as a key": ("a.yaml", "? {a: 1}\n: x\n", "IO010", ["键"]),
    # 90 KB of text (under the per-field limit) aliased into 900 list items (under the list limit)
    # is 81 M characters once expanded: refused at load, before anything tries to lay it out.
    "long text aliased many times": ("a.yaml", "kind: npc\nmeasures:\n  - &p " + "甲" * 30_000 + "\n"
                                     + "  - *p\n" * 900, "IO011", ["别名"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_load_is_one_line(tmp_path, name):
    filename, content, code, words = CASES[name]
    p = tmp_path / filename
    p.write_text(content, encoding="utf-8")
    result = run_cli("check", str(p))
    assert "Traceback" not in result.out + result.err
    assert result.code == 2, (name, result.out, result.err)
    assert len(result.lines) == 1, result.out
    line = result.lines[0]
    assert code in line and "无法处理" in line, line
    for word in words:
        assert word in line, (word, line)


def test_dates_at_the_calendar_edge_load(tmp_path):
    """9999-12-31 and 0001-01-01 are dates; 0000-01-01 is none and stays as written."""
    from drafter.drafts import loads_draft

    draft, _ = loads_draft("a: 9999-12-31\nb: 0001-01-01\nc: 0000-01-01\nd: 9999-12-31 23:59:59 -12:00\n", "yaml", "x")
    assert draft.data == {"a": "9999-12-31", "b": "0001-01-01", "c": "0000-01-01", "d": "9999-12-31T23:59:59-12:00"}


def test_fix_on_a_file_ruamel_cannot_round_trip_is_one_line(tmp_path, monkeypatch):
    """If a rewrite ever fails, --fix says so in one line and leaves the file alone."""
    from ruamel.yaml.error import YAMLError

    from drafter import rewrite as rw
    from drafter.drafts import LoadError, loads_draft, rewrite, set_value

    draft, _ = loads_draft("kind: npc\norgan: 某局\n", "yaml", "x.yaml")
    set_value(draft, ("organ",), "某某局")

    def broken(*a, **k):
        raise YAMLError("odd")

    monkeypatch.setattr(rw, "load_roundtrip", broken)
    with pytest.raises(LoadError) as exc:
        rewrite(draft, draft.edits)
    assert exc.value.finding.code == "IO010" and "改写" in exc.value.finding.message
