"""CT7xx: 联系人 and their phone numbers (printed in the 附注)."""

from __future__ import annotations

import re

from drafter.findings import Edit
from drafter.grammar import phone_ok
from drafter.rules._lists import list_without
from drafter.rules.base import Rule, register

_SOURCE = "某市建议办理规定（答复须附承办人姓名和电话）；通行做法"

def phone_key(phone: str) -> str:
    """The digits that make a number, for spotting the same number written twice."""
    digits = re.sub(r"\D", "", phone.split("转")[0]) + ("转" + phone.split("转")[1] if "转" in phone else "")
    return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits


@register
class PhoneForm(Rule):
    code = "CT701"
    name = "phone-form"
    message = "电话号码不像固定电话或手机号"
    rationale = ("附注中的联系电话要能直接拨通：固定电话7–8位（可带区号和分机），手机11位，"
                 "或400/800、12345类服务号；位数不对多是录入错误。")
    source = _SOURCE
    good = "contacts:\n  - name: 王钧\n    phones: [\"0577-89600223\", \"15990730946\"]"
    bad = "contacts:\n  - name: 王钧\n    phones: [\"5077-969\"]"

    def check(self, ctx):
        for i, contact in enumerate(ctx.letter.contacts):
            for j, phone in enumerate(contact.phones):
                if not phone_ok(phone):
                    yield ctx.report(self, ("contacts", i, "phones", j),
                                     f"电话“{phone}”不像固定电话或手机号（固话7–8位，可带区号；手机11位），请核对")


@register
class PhoneDuplicate(Rule):
    code = "CT702"
    name = "phone-duplicate"
    message = "同一联系人的电话重复"
    severity = "warning"
    rationale = "同一个号码在一位联系人下写了两次，印出来显得粗糙，删去重复的一个即可。"
    source = "通行做法"
    fix = "safe"
    fix_description = "删去重复的电话"
    good = "contacts:\n  - name: 王钧\n    phones: [\"0577-89600223\"]"
    bad = "contacts:\n  - name: 王钧\n    phones: [\"0577-89600223\", \"057789600223\"]"

    def check(self, ctx):
        for i, contact in enumerate(ctx.letter.contacts):
            seen: dict[str, int] = {}
            duplicates = []
            for j, phone in enumerate(contact.phones):
                key = phone_key(phone)
                if key and key in seen:
                    duplicates.append((j, phone, seen[key]))
                else:
                    seen.setdefault(key, j)
            if not duplicates:
                continue
            path = ("contacts", i, "phones")
            fixed = list_without(ctx, path, [j for j, _, _ in duplicates])
            for j, phone, first in duplicates:
                yield ctx.report(self, path + (j,), f"电话“{phone}”与第{first + 1}个电话重复，请删去",
                                 fix_edits=[Edit(path, fixed)])


_PLACEHOLDER_NAME = re.compile(
    r"[某xXＸ×＊*○〇?？_＿]+|.[某xXＸ×*]{1,2}|联系人|承办人|姓名|待定|未定|暂无|无|不详|张三|李四|王五"
)
_ETHNIC_NAME = re.compile(r"[\u4e00-\u9fff]+(?:[·•・][\u4e00-\u9fff]+)+")  # 买买提·艾力
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]{1,40}")


@register
class ContactName(Rule):
    code = "CT703"
    name = "contact-name"
    message = "联系人姓名不像真实姓名"
    severity = "warning"
    rationale = "附注中的联系人应是承办人本人的姓名，便于代表直接联系；职务、科室和电话应分开填写，不要写进姓名。"
    source = _SOURCE
    good = "contacts:\n  - name: 王钧\n    phones: [\"0577-89600223\"]"
    bad = "contacts:\n  - name: 某某\n    phones: [\"0577-89600223\"]"

    def check(self, ctx):
        for i, contact in enumerate(ctx.letter.contacts):
            name = contact.name.strip()
            if _PLACEHOLDER_NAME.fullmatch(name):
                message = f"联系人姓名“{contact.name}”像占位符，请填写承办人真实姓名"
            elif re.search(r"\d", name):
                message = f"联系人姓名“{contact.name}”含有数字，电话请写在 phones 中"
            elif len(name) > 6 and not (_ETHNIC_NAME.fullmatch(name) or _LATIN_NAME.fullmatch(name)):
                message = f"联系人姓名“{contact.name}”过长，不像人名：只写姓名，科室、职务不要写进姓名"
            else:
                continue
            yield ctx.report(self, ("contacts", i, "name"), message)
