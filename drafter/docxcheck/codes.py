"""The GB/T 9704-2012 layout checks of a Word letter, registered like the rules: one entry per
code with its severity, message, rationale and clause. drafter.docxcheck.checks emits them;
selection (--select GB, ignore = ["GB102"]) applies to them as to every other code."""

from __future__ import annotations

from drafter.codes import ERROR, WARNING, Code

_STD = "GB/T 9704-2012《党政机关公文格式》"


def _gb(code: str, name: str, severity: str, message: str, rationale: str, clause: str) -> Code:
    return Code(code, name, severity, message, rationale, f"{_STD} {clause}", stage="版式")


LAYOUT_CODES: dict[str, Code] = {c.code: c for c in (
    _gb("GB101", "page-size", ERROR, "纸张大小应为 A4（210×297 mm）",
        "公文用纸为 A4 型；其他纸张打印时会缩放或裁切。", "5.2.1 幅面尺寸"),
    _gb("GB102", "page-margins", ERROR, "页边距不符（天头 37 mm，订口 28 mm，版心 156×225 mm）",
        "版心位置和大小由标准规定，装订和归档依此留白。", "5.2.2 版面"),
    _gb("GB111", "body-font", ERROR, "正文字体应为仿宋（3 号仿宋体字）",
        "正文一般用 3 号仿宋体字；换了字体即不合公文格式。", "5.2.3 字体和字号、7.3.3 正文"),
    _gb("GB112", "body-size", ERROR, "正文字号应为三号（16 磅）",
        "正文一般用 3 号字，字号不对则每页行数、每行字数都会变。", "5.2.3 字体和字号、7.3.3 正文"),
    _gb("GB113", "title-format", WARNING, "标题应为二号小标宋，居中",
        "标题一般用 2 号小标宋体字，编排于红色分隔线下空二行位置，居中排布。", "7.3.1 标题"),
    _gb("GB114", "heading1-font", WARNING, "一级标题应为黑体",
        "结构层次序数第一层用黑体字。", "7.3.3 正文"),
    _gb("GB115", "heading2-font", WARNING, "二级标题应为楷体",
        "结构层次序数第二层用楷体字。", "7.3.3 正文"),
    _gb("GB116", "heading3-font", WARNING, "三、四级标题应为仿宋",
        "结构层次序数第三层和第四层用仿宋体字。", "7.3.3 正文"),
    _gb("GB121", "line-spacing", WARNING, "正文行距应使每页 22 行（固定值约 28–29 磅或文档网格）",
        "标准规定一般每面排 22 行、每行排 28 个字。", "5.2.4 行数和字数"),
    _gb("GB122", "first-line-indent", WARNING, "正文首行应缩进 2 字",
        "每个自然段左空二字，回行顶格。", "7.3.3 正文"),
    _gb("GB131", "page-number-missing", WARNING, "页脚没有页码",
        "公文页码一般用 4 号半角宋体阿拉伯数字，编排在版心下边缘之下。", "7.5 页码"),
    _gb("GB132", "page-number-side", WARNING, "页码应单页居右、双页居左（奇偶页不同）",
        "单页码居右空一字，双页码居左空一字。", "7.5 页码"),
    _gb("GB133", "page-number-format", WARNING, "页码应为 4 号半角宋体阿拉伯数字，数字左右各放一条一字线",
        "页码的字体、字号和一字线由标准规定。", "7.5 页码"),
    _gb("GB141", "red-rule", WARNING, "版头下应有红色分隔线",
        "发文字号之下 4 mm 处居中印一条与版心等宽的红色分隔线。", "7.2.5 版头中的分隔线"),
    _gb("GB142", "organ-mark-red", WARNING, "发文机关标志应为红色",
        "发文机关标志居中排布，使用小标宋体字，颜色为红色。", "7.2.1 发文机关标志"),
)}
