"""Classes of failure found by importing published replies the importer had never seen
(corpus 065–084), each tested on its own: the recogniser or grammar piece that reads it, and
a whole letter imported through it. The corpus letters themselves are scored by
tests/test_import_inputs.py and bench/import_accuracy.py.
"""

from __future__ import annotations

import pytest

from drafter.grammar import find_phones, phone_spans
from drafter.importer import import_file, import_text
from drafter.importer.recognise import _contact_in, salutation_at
from drafter.importer.traditional import strip_pinyin, to_simplified

LETTER = [
    "某县农业农村局",
    "某农函〔2024〕12号",
    "关于县十八届人大三次会议第45号建议的答复",
    "陈建华代表：",
    "您提出的《关于加快高标准农田建设的建议》（第45号）收悉，现答复如下：",
    "今年全县新建高标准农田2.1万亩。",
    "感谢您对农业农村工作的关心和支持！",
    "某县农业农村局",
    "2024年6月20日",
    "（联系人：赵敏，联系电话：0571-88112233）",
]


def _import(lines: list[str]):
    return import_text("\n".join(lines), "x.txt")


# -- several people on one contact line --------------------------------------------------------


@pytest.mark.parametrize("line, people", [
    ("联系人：张三 0577-1234567，李四 13800000000", [("张三", ["0577-1234567"]), ("李四", ["13800000000"])]),
    ("联系人：张三、李四 电话：0577-1234567、13800000000", [("张三", ["0577-1234567"]), ("李四", ["13800000000"])]),
    ("联系人：张三、李四 0577-1234567", [("张三", ["0577-1234567"]), ("李四", ["0577-1234567"])]),
    ("联系人：王五 0577-1234567、13800000000", [("王五", ["0577-1234567", "13800000000"])]),
    ("联系人：刘**，189******6664", [("刘**", ["189******6664"])]),
])
def test_contact_line_naming_several_people(line, people):
    assert _contact_in(line) == people


def test_every_person_on_the_line_becomes_a_contact_of_the_draft():
    lines = LETTER[:9] + ["联系人：张三 0577-1234567，李四 13800000000"]
    assert _import(lines).data["contacts"] == [
        {"name": "张三", "phones": ["0577-1234567"]}, {"name": "李四", "phones": ["13800000000"]}]


def test_phone_spans_are_where_find_phones_reads():
    s = "电话：0577-1234567，手机13800000000"
    spans = phone_spans(s)
    assert [p for _, _, p in spans] == find_phones(s) == ["0577-1234567", "13800000000"]
    assert all(s[a:b].replace("－", "-") == p for a, b, p in spans)


# -- the contact's name and phone in another order, or with a broken label ----------------------


@pytest.mark.parametrize("tail, contact", [
    (["联系电话:13855402597", "联系人:胡晓炜"], {"name": "胡晓炜", "phones": ["13855402597"]}),
    (["单位联系电话:0887-8626537 联系人:王金荣"], {"name": "王金荣", "phones": ["0887-8626537"]}),
    (["(联系人:夏五洲)"], {"name": "夏五洲"}),  # a name without a phone: no phones invented
    (["  人:黎浩", "联系电话:60307029", "邮政编码:400711"], {"name": "黎浩", "phones": ["60307029"]}),
])
def test_contact_orders_and_broken_labels(tail, contact):
    lines = LETTER[:9] + tail
    assert _import(lines).data["contacts"][0] == contact


@pytest.mark.parametrize("footer", [
    ["主办单位:息烽县人民政府办公室 联系方式:0851-87721549 地址:息烽县永阳街道"],
    ["主 办:黔东南州人民政府办公室 | 联系方式:0855-8235320"],
    ["主办单位:盘锦市住房和城乡建设局 版权所有:盘锦市人民政府办公室", "网站标识码:2111000037", "联系电话:0427-2824706"],
])
def test_a_site_footer_phone_is_no_contact_even_on_a_later_line(footer):
    lines = LETTER[:9] + footer
    assert "contacts" not in _import(lines).data


# -- salutations, titles, numbers, signer, category ---------------------------------------------


def test_two_character_names_padded_with_a_space():
    s = salutation_at("吴章平、闫 冰、唐治禄、罗 岚代表:")
    assert s["deputies"] == ["吴章平", "闫冰", "唐治禄", "罗岚"] and s["count"] == 4


def test_a_standing_committee_address_is_no_salutation():
    assert salutation_at("主任、各位副主任、秘书长、各位委员:") is None


def test_quoted_title_after_the_number():
    lines = LETTER[:4] + ["您在县十八届人大第三次会议上提出的第18号“关于中路乡农田灌溉沟渠修复的建议”已交我局办理，现答复如下："] + LETTER[5:]
    d = _import(lines).data
    assert d["proposal"]["title"] == "关于中路乡农田灌溉沟渠修复的建议"


def test_a_fourteen_digit_serial_number():
    lines = LETTER[:2] + ["关于区十八届人大四次会议第20250118040077号建议的答复函"] + LETTER[3:]
    assert _import(lines).data["proposal"]["number"] == "20250118040077"


def test_signer_named_after_the_organ_in_a_sentence():
    lines = LETTER[:7] + ["此复函已经我局余兵局长审签。"] + LETTER[7:]
    assert _import(lines).data["signer"] == "余兵"


def test_title_category_and_salutation_run_together():
    lines = ["某省交通运输厅关于某省六届人大三次会议第632141号建议办理情况的答复(B)儋州代表团:你们在省六届人大三次会议上提出的"
             "关于“尽快推进环岛旅游公路建设的建议”(第632141号)收悉。现答复如下:项目已纳入规划。感谢你们的关心和支持!"]
    d = _import(lines).data
    assert d["category"] == "B"
    assert d["addressee"]["deputies"] == ["儋州代表团"]
    assert d["organ"] == "某省交通运输厅"
    assert d["proposal"]["session"] == "某省六届人大三次会议"


# -- a 文号 buried in the text -------------------------------------------------------------------


@pytest.mark.parametrize("lines", [
    ["张三代表：", "某交函〔2023〕5号", "您提出的《关于修路的建议》收悉，现答复如下：", "已安排资金。", "某县交通运输局", "2023年6月1日"],
    ["张三代表：", "您提出的《关于修路的建议》收悉，现答复如下：", "已安排资金。本答复发文字号：某交函〔2023〕5号。",
     "某县交通运输局", "2023年6月1日"],
    ["张三代表：", "您提出的《关于修路的建议》收悉，现答复如下：", "已安排资金。感谢您的关心。 某县交通运输局 2023年6月1日 某交函〔2023〕5号"],
])
def test_own_doc_number_buried_in_the_text(lines):
    assert _import(lines).data["doc_number"] == "某交函〔2023〕5号"


@pytest.mark.parametrize("sentence", [
    "根据《某县公路条例》（某政发〔2020〕3号），已安排资金。",
    "按照某政办发〔2021〕9号文件要求安排资金。",
    "县政府印发了某政发〔2022〕7号文件，已安排资金。",
])
def test_a_cited_doc_number_is_another_documents(sentence):
    lines = ["张三代表：", "您提出的《关于修路的建议》收悉，现答复如下：", sentence, "某县交通运输局", "2023年6月1日"]
    assert "doc_number" not in _import(lines).data


# -- traditional characters -----------------------------------------------------------------------


def test_traditional_letter_is_read_in_simplified(tmp_path):
    text = "\r\n".join([
        "某縣農業農村局", "某農函〔2024〕12號", "關於縣十八屆人大三次會議第45號建議的答覆", "陳建華代表：",
        "您提出的《關於加快高標準農田建設的建議》（第45號）收悉，現答覆如下：", "今年全縣新建高標準農田2.1萬畝。",
        "感謝您對農業農村工作的關心和支持！", "某縣農業農村局", "2024年6月20日", "（聯繫人：趙敏，聯繫電話：0571-88112233）"])
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    res = import_file(path)
    d = res.data
    assert d["addressee"]["deputies"] == ["陈建华"]
    assert d["proposal"] == {"session": "县十八届人大三次会议", "number": "45", "title": "关于加快高标准农田建设的建议"}
    assert d["doc_number"] == "某农函〔2024〕12号"
    assert d["contacts"] == [{"name": "赵敏", "phones": ["0571-88112233"]}]
    assert [f.code for f in res.findings].count("IM123") == 1


def test_converter_pinyin_goes_and_a_simplified_letter_is_left_alone():
    assert strip_pinyin(["關(guān)於加強(qiáng)管理", "鎮(zhèn)康縣"]) == ["關於加強管理", "鎮康縣"]
    assert strip_pinyin(["重(chóng)庆市"]) == ["重(chóng)庆市"]  # one gloss may be the letter's own
    simplified = ["关于加快高标准农田建设的建议", "他著有一本书，乾坤未定。"]
    assert to_simplified(simplified) == (simplified, False)


# -- look-alikes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lines, why", [
    (["关于2021年市人大代表建议、批评和意见工作情况的报告", "——2021年12月 日在市第十五届人民代表大会常务委员会第三十六次会议上",
      "主任、各位副主任、秘书长、各位委员:", "受市人大常委会主任会议委托,现就2021年市人大代表建议工作情况报告如下:",
      "一、基本情况", "今年,共有355位市人大代表领衔提出建议933件。"], "工作报告"),
    (["市民您好:", "您的来信已收悉,现答复如下:1.按照《某市树木绿地认建认养管理办法》(某绿办发〔2022〕23号)的规定,明确了管理单位。",
      "2.将进一步加强绿地管理。"], "市民来信"),
])
def test_unseen_lookalikes_refused_with_reason(lines, why):
    res = _import(lines)
    assert res.data is None and why in res.refused


# -- second held-out batch (085–095) -------------------------------------------------------------


def test_copy_list_split_on_the_enumeration_comma_only_between_whole_organs():
    from drafter.grammar import split_copy_list
    from drafter.importer.fields import looks_like_organ

    assert split_copy_list("东兰县政协提案法制委员会、东兰县人民政府督查室", looks_like_organ) == [
        "东兰县政协提案法制委员会", "东兰县人民政府督查室"]
    assert split_copy_list("市委、市政府督查室，县人大常委会代表工委", looks_like_organ) == [
        "市委、市政府督查室", "县人大常委会代表工委"]
    assert split_copy_list("东兰县政协提案法制委员会、东兰县人民政府督查室") == [
        "东兰县政协提案法制委员会、东兰县人民政府督查室"]  # without a judge of organ names, as written


def test_a_second_phone_line_belongs_to_the_contact_above():
    lines = LETTER[:9] + ["承 办 人:韦立咏 18978293092", "联系电话:0778-6322879"]
    assert _import(lines).data["contacts"] == [{"name": "韦立咏", "phones": ["18978293092", "0778-6322879"]}]


def test_labels_and_names_spaced_out_in_a_form():
    lines = LETTER[:9] + ["主要签发领导:李  兵", "承   办   人:布  音", "联  系 电 话:18604835240"]
    d = _import(lines).data
    assert d["signer"] == "李兵"
    assert d["contacts"] == [{"name": "布音", "phones": ["18604835240"]}]


def test_a_body_between_name_and_member_in_the_salutation():
    assert salutation_at("刘苍林政协绿春县委员:")["deputies"] == ["刘苍林"]
    assert salutation_at("尊敬的王亚春区人大代表:")["deputies"] == ["王亚春"]


def test_title_broken_before_its_number():
    lines = ["复政协代表函〔2023〕1号", "关于政协东兰县委员会十二届四次会议", "第13号提案的答复",
             "韦善龙、刘凡义委员:", "你们提交的第13号《关于建一座桥的建议》提案收悉,现答复如下:", "暂不具备条件。",
             "东兰县交通运输局", "2024年6月24日"]
    d = _import(lines).data
    assert d["proposal"]["session"] == "政协东兰县委员会十二届四次会议"
    assert d["doc_number"] == "复政协代表函〔2023〕1号"


def test_co_handlers_named_do_not_make_this_unit_a_co_handler():
    from drafter.importer.fields import handling

    assert handling("经合川区政府、市发展改革委等协办单位共同研究办理，现将办理情况答复如下。") is None
    assert handling("现提出协办意见如下：") == "协办"
    assert handling("该建议由我局主办") == "主办"


# -- third held-out batch (096–102) --------------------------------------------------------------


def test_the_supervising_leader_line_is_no_contact():
    lines = LETTER[:9] + ["主管领导人姓名:杨建军 联系电话:84847155", "具体经办人姓名:赵 霜 联系电话:84835851", "邮 政 编 码:430050"]
    assert _import(lines).data["contacts"] == [{"name": "赵霜", "phones": ["84835851"]}]


def test_a_party_committee_that_made_a_collective_proposal_is_the_addressee():
    lines = ["对自治区政协十三届二次会议第0479号提案的答复", "农工党内蒙古区委:",
             "自治区政协十三届二次会议第0479号《关于促进预制菜产业高质量发展的提案》由我委负责分办,经认真研究,现答复如下:",
             "我委积极参与国家预制菜相关标准制定工作。"]
    d = _import(lines).data
    assert d["addressee"]["deputies"] == ["农工党内蒙古区委"]
    assert d["proposal"]["handling"] == "分办" and d["proposal"]["number"] == "0479"


def test_a_lead_unit_is_still_the_addressee_of_an_opinion():
    lines = ["关于县政协十届二次会议第12号提案的协办意见", "县政协提案委员会:", "贵单位主办的《关于修路的提案》，现提出协办意见如下：",
             "已安排资金。", "某县财政局", "2024年6月1日"]
    d = _import(lines).data
    assert d["addressee"] == {"unit": "县政协提案委员会"}


def test_a_session_prefix_that_names_no_place_is_left_out():
    lines = LETTER[:4] + ["你们在某网站 十六届人大第一次会议上提出的《关于加快推进小学建设的建议》已收悉,现答复如下:"] + LETTER[5:]
    lines[2] = "关于建议的答复"
    assert _import(lines).data["proposal"]["session"] == "十六届人大第一次会议"


def test_a_reprint_byline_names_the_organ():
    lines = ["对十三届全国人大四次会议第2923号建议的答复", "2021-10-18 国家市场监督管理总局10870", "王新春代表:",
             "您提出的《关于加强食品标签粘合剂管理的建议》收悉,现答复如下:", "我们对此十分赞同。"]
    assert _import(lines).data["organ"] == "国家市场监督管理总局"


def test_a_guide_to_writing_replies_is_refused():
    lines = ["答复人大代表建议是一项重要的政务工作。", "一、标题", "标题一般采用“关于××代表××建议的答复”等形式。", "二、发文字号",
             "如“××函〔2025〕×号”。", "三、主送单位", "例如:“××代表:”", "四、正文部分",
             "例如:“您提出的《关于××的建议》(第××号)已收悉,经认真研究,现答复如下:”", "五、落款", "联系人:×××"]
    res = _import(lines)
    assert res.data is None and "怎么写" in res.refused


# -- older corpus letters: the same classes ------------------------------------------------------


@pytest.mark.parametrize("phones, contacts", [
    ("联系电话:0591-87856998、87278373",
     [{"name": "曹旭东", "phones": ["0591-87856998"]}, {"name": "卢铭", "phones": ["87278373"]}]),
    ("联系电话:0591-87856998",
     [{"name": "曹旭东", "phones": ["0591-87856998"]}, {"name": "卢铭", "phones": ["0591-87856998"]}]),
])
def test_names_on_one_line_and_their_phones_on_the_next(phones, contacts):
    lines = LETTER[:9] + ["联 系 人:曹旭东、卢 铭", phones]
    assert _import(lines).data["contacts"] == contacts


def test_date_and_contact_on_the_line_after_the_body():
    lines = LETTER[:7] + ["2024年5月6日 承办单位联系人姓名及电话:王岩15804350857 |", "版权所有:某区政务服务管理局"]
    d = _import(lines).data
    assert d["signature"]["date"] == "2024-05-06"
    assert d["contacts"] == [{"name": "王岩", "phones": ["15804350857"]}]


@pytest.mark.parametrize("salutation, deputies", [
    ("尊敬的夏泽主席:", ["夏泽"]),
    ("尊敬的于广海委员您好:", ["于广海"]),
    ("尊敬的代表:", None),  # no name: nothing invented
    ("亲爱的主席:", None),
])
def test_salutation_titles_and_greetings(salutation, deputies):
    s = salutation_at(salutation)
    assert (s["deputies"] if s else None) == deputies


def test_title_in_a_page_metadata_field():
    lines = ["索 引 号 | 14253308/2019-01101 | 分 类 | / 意见", "标 题 | 对市政协十三届三次会议第8206号提案的协办意见 | |",
             "市市场监督管理局:", "经研究,现对九三学社提出的《关于加强基层食品安全监管的提案》提出如下协办意见:", "加大监管力度。",
             "市云台山风景名胜区管理委员会", "2019年6月5日"]
    d = _import(lines).data
    assert d["proposal"]["session"] == "市政协十三届三次会议" and d["proposal"]["number"] == "8206"


def test_the_contact_unit_names_the_organ_when_nothing_else_does():
    lines = ["张三代表：", "您提出的《关于修路的建议》收悉，现答复如下：", "已安排资金。", "2023年6月1日",
             "联系单位:阿拉山口市住房和城乡建设局 联系人:王五 联系电话:0909-6996123"]
    assert _import(lines).data["organ"] == "阿拉山口市住房和城乡建设局"


# -- fourth held-out batch (103–107) --------------------------------------------------------------


def test_title_in_an_opening_without_shouxi():
    lines = ["关于王风科代表建议的回复", "尊敬的王风科代表:",
             "您好!您提出的《关于贯通自新村与涉县消防通道的建议》对于防范森林火灾风险具有重要意义,我们对此表示高度认同和重视。",
             "下一步,我局将组织实地踏勘。", "平顺县林业局", "2025年8月18日"]
    assert _import(lines).data["proposal"]["title"] == "关于贯通自新村与涉县消防通道的建议"


def test_the_full_name_of_a_cppcc_session():
    lines = ["砚山县林业和草原局对中国人民政治协商会议砚山县九届委员会第三次会议第124号提案的答复", "李忠文委员:",
             "您提出的《关于修建防火隔离带的建议》,已交由我局研究办理,现答复如下:", "暂无资金投入。", "2019年6月17日",
             "联系单位和联系人及电话:县林业和草原局 黑绍刚 3123363"]
    d = _import(lines).data
    assert d["proposal"]["session"] == "中国人民政治协商会议砚山县九届委员会第三次会议"
    assert d["contacts"] == [{"name": "黑绍刚", "phones": ["3123363"]}]
