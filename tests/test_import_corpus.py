"""The real-letter import corpus: well-formed, documented, and imported without a crash.

The accuracy threshold itself lives with the importer's tests; here the corpus is checked to be
something such a threshold can rest on, and the comparison helper to be strict.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from import_corpus_support import (
    CORPUS,
    FIELDS,
    actual,
    cases,
    normalise,
    not_in_text,
    problems,
    run_case,
    summarise,
)

CASES = cases()
IDS = [c.stem for c in CASES]
README = (CORPUS / "README.md").read_text(encoding="utf-8")


def test_corpus_is_there():
    assert len(CASES) >= 10
    letters = [c for c in CASES if c.doc_kind != "refuse"]
    assert letters and [c for c in CASES if c.doc_kind == "refuse"]
    assert {c.meta["kind"] for c in letters} == {"npc", "cppcc"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_expected_yaml_is_well_formed(case):
    assert problems(case) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.doc_kind != "refuse"], ids=lambda c: c.stem)
def test_expected_values_are_copied_from_the_letter(case):
    # catches slips in the hand-written values; readings that are not copies are declared
    assert not_in_text(case) == []


def test_pending_items_are_well_formed_too():
    # pending/ holds items the importer cannot handle yet (see README); they must be ready to move in
    pending = cases(CORPUS / "pending")
    for case in pending:
        assert problems(case) == [], case.stem
        assert case.meta["source"] in README and case.stem in README, case.stem
    assert not {c.stem[:3] for c in pending} & {c.stem[:3] for c in CASES}


def test_numbers_are_unique_and_every_input_has_its_expectation():
    numbers = Counter(c.stem[:3] for c in CASES)
    assert [n for n, k in numbers.items() if k > 1] == []
    stems = {c.stem for c in CASES}
    inputs = {p.name.rsplit(".", 1)[0] for p in CORPUS.iterdir() if p.suffix in (".txt", ".html")}
    assert inputs - stems == set(), "原文没有对应的 .expected.yaml"


def test_sources_are_distinct_and_listed_in_readme():
    sources = [c.meta["source"] for c in CASES]
    assert len(set(sources)) == len(sources)
    for c in CASES:
        assert c.meta["source"] in README, c.stem
        assert c.stem in README, c.stem


def test_inputs_are_utf8_text_kept_as_stored():
    for c in CASES:
        raw = c.path.read_bytes()
        text = raw.decode("utf-8")  # stored pages are kept as UTF-8 text
        assert text.strip(), c.stem
        assert re.search(r"[\u4e00-\u9fff]", text), c.stem


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_imports_without_a_crash(case):
    out = run_case(case)
    assert out.error is None, out.error


# -- the comparison is strict where README says nothing ------------------------------------


def test_normalisation_forgives_only_width_space_brackets_and_dashes():
    assert normalise("doc_number", "温市监提[2019] 99号") == normalise("doc_number", "温市监提〔2019〕99号")
    assert normalise("doc_number", "温市监提﹝2019﹞99号") == normalise("doc_number", "温市监提〔2019〕99号")
    assert normalise("proposal.title", "关于(一)的建议") == normalise("proposal.title", "关于（一）的 建议")
    assert normalise("contacts[0].phones", ["0577－8960 0223"]) == ["0577-89600223"]
    # what is not listed stays a difference
    assert normalise("proposal.title", "关于加强的建议") != normalise("proposal.title", "《关于加强的建议》")
    assert normalise("doc_number", "温市监提〔2019〕099号") != normalise("doc_number", "温市监提〔2019〕99号")
    assert normalise("proposal.number", "0185") != normalise("proposal.number", "185")
    assert normalise("addressee.deputies", ["甲", "乙"]) != normalise("addressee.deputies", ["乙", "甲"])


def test_a_value_missing_from_the_text_is_reported(tmp_path):
    from import_corpus_support import Case

    letter = tmp_path / "901_x_slip.txt"
    letter.write_text("张三代表：\n您提出的《关于修路的建议》收悉。\n某县交通局\n", encoding="utf-8")
    meta = {"doc_kind": "reply", "fields": {"organ": "某县交通运输局", "proposal.title": "关于修路的建议",
                                             "addressee.deputies": ["张三"]}}
    assert not_in_text(Case("901_x_slip", letter, tmp_path / "x.yaml", meta)) == ["organ: 某县交通运输局"]
    meta["reconstructed"] = ["organ"]
    assert not_in_text(Case("901_x_slip", letter, tmp_path / "x.yaml", meta)) == []


def test_field_paths_read_the_draft():
    data = {
        "organ": "某局",
        "addressee": {"deputies": ["甲"], "count": 2},
        "proposal": {"number": "0012"},
        "signature": {"organ": "某局", "date": "2024-06-18"},
        "contacts": [{"name": "周", "phones": ["1"]}, {"name": "王", "phones": ["2"]}],
    }
    assert actual(data, "date") == "2024-06-18"
    assert actual(data, "contacts[0].name") == "周"
    assert actual(data, "addressee.count") == 2
    assert actual(data, "proposal.number") == "0012"
    assert actual(data, "copy_to") is None
    assert actual(None, "organ") is None
    assert set(FIELDS) >= {"organ", "date", "copy_to"}


def test_a_refused_letter_scores_nothing_and_an_invented_value_is_a_miss(tmp_path):
    from import_corpus_support import Case

    letter = tmp_path / "900_x_refused.txt"
    letter.write_text("关于某事的通知\n各单位：请按时报送材料。\n某局\n2024年1月2日\n", encoding="utf-8")
    fields = {f: None for f in FIELDS if f != "addressee.unit"}
    case = Case("900_x_refused", letter, tmp_path / "x.expected.yaml",
                {"doc_kind": "reply", "kind": "npc", "fields": fields})
    out = run_case(case)
    assert out.refused and len(out.misses) == len(fields)
    s = summarise([out])
    assert s.right == 0 and s.letters_accepted == 0


def test_bench_prints_the_same_figures_as_the_summary(capsys):
    import importlib.util
    import json

    from import_corpus_support import ROOT, run

    spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "bench" / "import_accuracy.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    s = summarise(run())
    assert (out["right"], out["checked"], out["letters"], out["lookalikes"]) == (s.right, s.checked, s.letters, s.lookalikes)
    assert sum(v["checked"] for v in out["by_kind"].values()) == s.checked
    assert set(out["per_field"]) == set(s.per_field)
