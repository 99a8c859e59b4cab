"""drafter.textfix: punctuation width, stray spaces, 文号 brackets and loose dates."""

import datetime as dt

import pytest

from drafter.textfix import fullwidth_punctuation, normalize_doc_number, parse_loose_date, remove_cjk_digit_spaces


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("2024年来,先后举办三期", "2024年来，先后举办三期"),
        ("联系人:余中阳", "联系人：余中阳"),
        ("是否可行?请回复!", "是否可行？请回复！"),
        ("一是围绕主题;二是结合节日", "一是围绕主题；二是结合节日"),
        ("《建议》(第0185号)收悉", "《建议》（第0185号）收悉"),
        ("指南(ISO56005)》", "指南（ISO56005）》"),
        ("》(GB/T 29490-2023)等", "》（GB/T 29490-2023）等"),
        ("证书(全省最高等级证书)。", "证书（全省最高等级证书）。"),
    ],
)
def test_fullwidth_in_chinese_context(raw, fixed):
    assert fullwidth_punctuation(raw) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "GB/T 29490-2023",
        "每年4.26知识产权日",
        "0577-89600223,15990730946",
        "12:30",
        "see https://www.example.gov.cn/a?b=1,2",
        "the (ISO) standard",
        "ratio 3:2, done!",
    ],
)
def test_fullwidth_leaves_latin_and_numbers(text):
    assert fullwidth_punctuation(text) == text


def test_fullwidth_is_idempotent():
    once = fullwidth_punctuation("您好,请(在)12:30前回复:谢谢!")
    assert fullwidth_punctuation(once) == once
    assert once == "您好，请（在）12:30前回复：谢谢！"


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("于 2017 年 10 月获得", "于2017年10月获得"),
        ("截至 2022 年底，同比增加 18.8%。", "截至2022年底，同比增加18.8%。"),
        ("（慈政办发〔2022〕38 号）", "（慈政办发〔2022〕38号）"),
        ("开展 PCT 申请", "开展PCT申请"),
    ],
)
def test_remove_cjk_digit_spaces(raw, fixed):
    assert remove_cjk_digit_spaces(raw) == fixed


def test_remove_cjk_digit_spaces_keeps_latin_words():
    assert remove_cjk_digit_spaces("执行 GB/T 29490-2023 标准") == "执行GB/T 29490-2023标准"
    assert remove_cjk_digit_spaces("machine learning 方法") == "machine learning方法"
    # an importer keeps an author's space before a Latin word and removes only digit gaps
    assert remove_cjk_digit_spaces("PCT 授权调整为 7500 元", letters=False) == "PCT 授权调整为7500元"


@pytest.mark.parametrize(
    "raw",
    ["温市监提〔2019〕99号", "温市监提﹝2019﹞99号", "温市监提[2019]99号", "温市监提【2019】99号",
     "温市监提(2019)99号", "温市监提（2019）99号", "温市监提［2019］99号", "温市监提 〔 2019 〕 99 号"],
)
def test_normalize_doc_number(raw):
    assert normalize_doc_number(raw) == "温市监提〔2019〕99号"


@pytest.mark.parametrize(
    "raw, date",
    [
        ("2019年7月1日", dt.date(2019, 7, 1)),
        ("2021年 8 月26日", dt.date(2021, 8, 26)),
        ("2023619", dt.date(2023, 6, 19)),
        ("20230619", dt.date(2023, 6, 19)),
        ("2023-6-19", dt.date(2023, 6, 19)),
        ("2023.6.19", dt.date(2023, 6, 19)),
        ("2023/06/19", dt.date(2023, 6, 19)),
        ("二〇二三年六月十九日", dt.date(2023, 6, 19)),
        ("二○○八年五月十四日", dt.date(2008, 5, 14)),
        ("某局 2024年12月31日印发", dt.date(2024, 12, 31)),
    ],
)
def test_parse_loose_date(raw, date):
    assert parse_loose_date(raw) == date


@pytest.mark.parametrize("raw", ["2023111", "2023年2月30日", "没有日期", "", "12345"])
def test_parse_loose_date_refuses_ambiguous_or_invalid(raw):
    # 2023111 reads as 2023-1-11 or 2023-11-1: no guess
    assert parse_loose_date(raw) is None


# -- the half-width full stop -------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("收悉.该提案", "收悉。该提案"),
        ("特此函复.", "特此函复。"),
        ("（第128号）.谢谢", "（第128号）。谢谢"),
        ("(第128号).", "（第128号）。"),
        ("《办法》.下一步", "《办法》。下一步"),
        ("同比增长18.8%.下一步", "同比增长18.8%。下一步"),
        ("建成口袋公园8.下一步", "建成口袋公园8。下一步"),
        ("已完成. 下一步", "已完成。 下一步"),
        ("已完成.“三服务”", "已完成。“三服务”"),
    ],
)
def test_full_stop_ending_a_chinese_sentence(raw, fixed):
    assert fullwidth_punctuation(raw) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "每年4.26知识产权日",
        "投入2.5亿元",
        "GB/T 29490-2023",
        "GB/T 29490.1-2023",
        "详见http://www.example.gov.cn/a.html。",
        "详见www.example.gov.cn.",
        "请发送至zhang.san@wz.gov.cn.",
        "请发送至12345@163.com。",
        "见附件a.docx",
        "见附件方案.docx",
        "例如e.g.他们",
        "1.加强宣传",
        "  2.完善制度",
        "一.总体情况",
        "附件：1.甲表 2.乙名录",
        "主要有：1.加强宣传；2.完善制度",
        "等等...",
    ],
)
def test_full_stop_left_alone(text):
    assert fullwidth_punctuation(text) == text


def test_numbering_after_halfwidth_colon_keeps_its_dot():
    assert fullwidth_punctuation("附件:1.甲表") == "附件：1.甲表"


def test_a_long_paragraph_with_many_marks_searches_for_urls_once():
    """Each half-width mark asks whether it sits in a URL or e-mail address; searching the whole
    paragraph afresh each time made a 100,000-character field take minutes (found by the
    generated-input suite). The spans are found once per text."""
    from drafter import textfix

    text = "中文,见 http://a.b/c,d 与 x@y.com. 好;" * 3000
    textfix._spans.cache_clear()
    out = textfix.fullwidth_punctuation(text)
    assert out == "中文，见 http://a.b/c,d 与 x@y.com. 好；" * 3000  # the URL and the address untouched
    assert textfix._spans.cache_info().misses <= 2  # the URL spans and the e-mail spans, once each
