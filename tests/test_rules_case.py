"""CS9xx rules on the case section, beyond their own examples (test_rules_registry)."""

from __future__ import annotations

from rules_support import findings, yaml_with

from drafter.profile import Profile


def _with_case(case: dict, **more) -> str:
    text = yaml_with("case", case)
    for path, value in more.items():
        text = yaml_with(path, value, base=text)
    return text


def test_late_meeting_names_the_step_and_the_deadline():
    text = _with_case({"communications": [{"date": "2025-04-20", "way": "面谈"}]})
    (f,) = findings(text, "CS904")
    assert f.field == "case.communications"
    assert "见面于2025年4月20日完成，超过期限2025年3月31日（交办后15个工作日）20天" in f.message


def test_late_reply_against_the_notice_date():
    text = _with_case({"due": "2025-04-30", "replied": "2025-05-12", "status": "已答复",
                       "communications": [{"date": "2025-03-20", "way": "电话"}]})
    (f,) = findings(text, "CS904")
    assert f.field == "case.replied" and "交办通知要求的办结日期" in f.message


def test_meeting_requirement_can_be_switched_off():
    text = _with_case({"replied": "2025-05-12"})
    assert [f.code for f in findings(text, "CS903")] == ["CS903"]
    profile = Profile()
    profile.caseload["require_meeting"] = False
    assert findings(text, "CS903", profile=profile) == []


def test_co_handler_needs_no_meeting():
    text = _with_case({"replied": "2025-05-12"}, **{"proposal.handling": "协办"})
    assert findings(text, "CS903") == []


def test_unknown_status_is_a_schema_error_on_its_line():
    text = _with_case({"status": "已完成"})
    (f,) = [f for f in findings(text) if f.field == "case.status"]
    assert f.code.startswith("SCH") and f.line is not None


def test_case_round_trips_through_the_model():
    from drafter.drafts import loads_draft
    from drafter.model import Letter

    text = _with_case({"status": "已反馈", "replied": "2025-05-12",
                       "communications": [{"date": "2025-03-20", "way": "面谈", "deputies": ["王贤理"]}],
                       "feedback": [{"deputy": "王贤理", "result": "满意", "date": "2025-05-20"}],
                       "publish": {"allowed": True, "date": "2025-06-01"}})
    draft, _ = loads_draft(text, "yaml", "x.yaml")
    data = Letter.from_data(draft.data).to_data()
    assert data["case"] == draft.data["case"]
