"""Fonts: the fontTable Word and WPS substitute by, and the one-line note when --pdf lacks families."""

from __future__ import annotations

import zipfile

from lxml import etree

from drafter.render.pdf import installed_families, missing_families, missing_fonts_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_font_table_names_charset_and_alternates(render_docs):
    with zipfile.ZipFile(render_docs["wenzhou-2019"].path) as z:
        assert "word/fontTable.xml" in z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        table = etree.fromstring(z.read("word/fontTable.xml"))
    assert "fontTable.xml" in rels and "fontTable+xml" in types
    fonts = {f.get(W + "name"): f for f in table.findall(W + "font")}
    for name, alt in (("仿宋", "FangSong"), ("楷体", "KaiTi"), ("黑体", "SimHei"), ("方正小标宋简体", "FZXiaoBiaoSong-B05S")):
        f = fonts[name]
        assert f.find(W + "charset").get(W + "val") == "86"          # GB2312
        assert f.find(W + "altName").get(W + "val") == alt


def test_missing_families_are_named_in_one_line():
    assert missing_families(["FangSong", "KaiTi", "SimHei", "方正小标宋简体", "SimSun"]) == []
    assert missing_families(["仿宋_GB2312", "楷体_GB2312", "Noto Sans CJK SC"]) == ["黑体", "小标宋"]
    line = missing_fonts_line(["DejaVu Sans"])
    assert line and "\n" not in line and all(x in line for x in ("仿宋", "楷体", "黑体", "小标宋"))
    assert missing_fonts_line(["FangSong", "KaiTi", "SimHei", "FZXiaoBiaoSong-B05S"]) is None


def test_this_machine_is_told_what_it_lacks():
    """The test machine has only free fonts (fonts.conf maps the names for measuring), so fc-list
    knows none of the four families and the note names all four."""
    names = installed_families()
    assert names                                   # fontconfig is an install step of the tests
    assert missing_families(names) == ["仿宋", "楷体", "黑体", "小标宋"]
