"""CT7xx: 联系人 and phones."""

from __future__ import annotations

import pytest

from rules_support import BASE_YAML, codes, findings, fix, load, yaml_with

PHONES = ("contacts", 0, "phones")


def test_base_passes():
    assert codes(BASE_YAML, "CT") == []


@pytest.mark.parametrize("phone", ["0577-89600223", "057789600223", "0577 89600223", "5077969", "63026415",
                                   "(0592)5077969", "（0592）5077969", "0592-5077969-801", "0592-5077969转801",
                                   "15990730946", "159-9073-0946", "+86 15990730946", "400-123-4567", "12315"])
def test_ct701_accepts(phone):
    assert codes(yaml_with(PHONES + (1,), phone), "CT701") == []


@pytest.mark.parametrize("phone", ["5077-969", "1599073094", "25990730946", "0577-896", "电话待定", "0592-507796900"])
def test_ct701_rejects(phone):
    found = findings(yaml_with(PHONES + (1,), phone), "CT")
    assert [f.code for f in found] == ["CT701"]
    assert found[0].field == "contacts[0].phones[1]"
    assert f"电话“{phone}”不像固定电话或手机号（固话7–8位，可带区号；手机11位）" in found[0].message


def test_ct702_duplicate_phone_safe_fix():
    text = yaml_with(PHONES, ["0592-5077969", "15990730946", "05925077969"])
    # The list set above has no comments of its own; put the comment back to test it survives.
    text = text.replace('- 0592-5077969\n', '- 0592-5077969  # 办公电话\n', 1)
    found = findings(text, "CT")
    assert [f.code for f in found] == ["CT702"]
    assert found[0].field == "contacts[0].phones[2]" and found[0].fix.safe
    fixed = fix(text)
    assert load(fixed).data["contacts"][0]["phones"] == ["0592-5077969", "15990730946"]
    assert "# 办公电话" in fixed and "# 联系人" in fixed
    assert codes(fixed, "CT") == []


def test_ct702_keeps_comment_on_base():
    text = yaml_with(PHONES + (2,), "15990730946")
    fixed = fix(text)
    assert '- "0592-5077969"  # 办公电话' in fixed
    assert load(fixed).data["contacts"][0]["phones"] == ["0592-5077969", "15990730946"]


def test_ct702_same_phone_two_contacts_is_fine():
    contacts = [{"name": "王钧", "phones": ["0592-5077969"]}, {"name": "余中阳", "phones": ["0592-5077969"]}]
    assert codes(yaml_with("contacts", contacts), "CT") == []


def test_ct703_defers_to_the_placeholder_rule():
    # "×××" is a placeholder: reported once, by TX101, not again as an odd name
    assert codes(yaml_with(("contacts", 0, "name"), "×××")) == ["TX101"]


@pytest.mark.parametrize("name", ["某某", "王某", "XXX", "联系人", "待定", "王钧0592", "办公室综合科王钧科长"])
def test_ct703_rejects(name):
    found = findings(yaml_with(("contacts", 0, "name"), name), "CT703")
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].field == "contacts[0].name"


@pytest.mark.parametrize("name", ["王钧", "欧阳明月", "买买提·艾力", "阿依古丽·买买提明", "John Smith"])
def test_ct703_accepts(name):
    assert codes(yaml_with(("contacts", 0, "name"), name), "CT703") == []
