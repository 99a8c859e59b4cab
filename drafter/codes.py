"""Every code drafter emits outside the rule families: reading files (IO), the schema (SCH),
import (IM), drafter.toml (CF), templates (TPL) and PDF (PDF). The GB layout codes are
registered by drafter.docxcheck.codes, the rules by drafter.rules; drafter.catalog joins them.

Each entry: code, name, default severity, Chinese message (the usual wording; a finding may
say more), rationale, source. A finding's own severity may differ (IM101 becomes an error
when the schema requires the field), the catalogue gives the usual one.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, FATAL = "error", "warning", "fatal"


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: str
    message: str
    rationale: str
    source: str
    fix: str = "none"  # "none", "safe", "unsafe"
    stage: str = ""  # where it is emitted: 读取、结构、导入、配置、模板、PDF、版式
    good: str = ""
    bad: str = ""


_READ = "drafter 读取草稿时的检查"
_IMPORT = "drafter import 导入时的检查"

IO = [
    Code("IO001", "file-missing", FATAL, "文件不存在，请检查路径",
         "给出的路径找不到文件，无从检查；多半是文件名打错或不在当前文件夹。", _READ),
    Code("IO002", "not-a-file", FATAL, "这是文件夹（或文件夹中没有草稿），请给出文件或含草稿的文件夹",
         "检查、生成的对象是文件；给出的文件夹里一份草稿也没有时也这样报告，免得误以为已经检查过。", _READ),
    Code("IO003", "not-a-draft", FATAL, "不是草稿文件：扩展名应为 .yaml、.yml 或 .json",
         "草稿按扩展名决定用 YAML 还是 JSON 读取；其他文件不是草稿。", _READ),
    Code("IO004", "cannot-read-or-write", FATAL, "无法读取或写入文件，请检查权限",
         "操作系统拒绝读写（没有权限、磁盘已满、文件正在 Word/WPS 中打开等），原因照实说明。", _READ),
    Code("IO005", "too-large", FATAL, "文件过大，不像答复函草稿",
         "一份答复函草稿通常只有 10–60 KB；过大的文件多半给错了，拒绝读取以免耗尽内存。", _READ),
    Code("IO006", "empty", FATAL, "文件是空的；可用 drafter new 生成草稿",
         "空文件或只有注释的文件没有可检查的内容。", _READ),
    Code("IO007", "control-character", FATAL, "文件中有不可见的控制字符，请删除",
         "从网页或其他系统复制时常带进不可见字符，打印后出现乱码或空白，须先删除。", _READ),
    Code("IO008", "too-deep", FATAL, "嵌套层级过深，不像答复函草稿",
         "答复函草稿最多嵌套四层；层级过深的文件不是草稿，拒绝处理以免程序崩溃。", _READ),
    Code("IO009", "bad-encoding", FATAL, "文件不是 UTF-8 或 GBK 编码的文字，请另存为 UTF-8",
         "草稿须是文字文件；UTF-16 或二进制内容无法按文字读取。", _READ),
    Code("IO010", "syntax", FATAL, "YAML/JSON 格式错误",
         "格式错误时无法知道每个字段写的是什么，须先按所指的行改正（缩进、冒号、引号、逗号等）。", _READ),
    Code("IO011", "alias-bomb", FATAL, "文件展开后过大（别名引用层层嵌套），拒绝处理",
         "YAML 别名层层引用可以把很小的文件展开成巨量数据（“十亿笑声”攻击），拒绝处理。", _READ),
    Code("IO015", "too-slow", FATAL, "处理时间超出上限，已放弃这个文件",
         "一份答复函不到一秒就能处理完；一个文件处理 60 秒仍未完成，多半是异常的输入，放弃它以便批量中的其他文件照常处理。",
         _READ),
    Code("IO012", "exists", FATAL, "文件已存在，未覆盖；确需覆盖请加 --force",
         "绝不在未经同意时覆盖已有文件；同一批次中两份输出同名时也这样报告。", "drafter 写文件的约定"),
    Code("IO013", "not-docx", FATAL, "不是有效的 Word 文档（.docx）",
         "文件不存在、无法读取、已损坏或不是 Word 正文时，无法检查其版式和内容。", "drafter 读取 Word 文档时的检查"),
    Code("IO014", "old-word", FATAL, "这是旧版 .doc 格式或加密文档，请另存为 .docx 后再检查",
         "旧版 .doc 和加密文档无法直接读取，另存为 .docx（不加密）即可。", "drafter 读取 Word 文档时的检查"),
    Code("IO101", "gbk", WARNING, "文件是 GBK 编码，已按 GBK 读取；改写时保持 GBK，建议另存为 UTF-8",
         "Windows 记事本等常存为 GBK；能读，但编辑器和其他系统更通用 UTF-8。", _READ),
]

_SCHEMA = "reply.schema.json（drafter schema 输出）"
SCH = [
    Code("SCH001", "required", ERROR, "缺少必填项，请补上",
         "答复函的必备要素（发文机关、编号、主送、落款等）缺一项就不能签发。", _SCHEMA),
    Code("SCH002", "wrong-type", ERROR, "字段的类型不对（应为文字、列表、键值对等）",
         "类型不对时程序无法确定怎样排版，例如列表写成了一段文字。", _SCHEMA),
    Code("SCH003", "unknown-field", ERROR, "未知字段（多半是拼写错误）",
         "拼错的字段名会被悄悄忽略，内容就不会出现在答复函里；给出最接近的正确字段名。", _SCHEMA),
    Code("SCH004", "not-allowed", ERROR, "不是可选的值之一",
         "kind、layout、办理方式等只能取规定的几个值。", _SCHEMA),
    Code("SCH005", "bad-date", ERROR, "不是有效日期，应写作 YYYY-MM-DD",
         "日期要参与期限计算并转成汉字日期，必须是真实存在的日期。", _SCHEMA),
    Code("SCH006", "empty-field", ERROR, "不能为空",
         "空着的必填项打印出来就是空白。", _SCHEMA),
    Code("SCH007", "too-long", ERROR, "过长或超出范围",
         "超出上限的内容多半是粘贴错位（例如把全文粘进了标题）。", _SCHEMA),
    Code("SCH008", "invalid", ERROR, "不符合要求",
         "结构（schema）的其他要求，信息中说明具体哪一条。", _SCHEMA),
    Code("SCH009", "hidden-schema-errors", ERROR, "结构有错误（被 --select/--ignore 略去），草稿无法生成",
         "检查通过的草稿必须能生成；选择规则时略去了全部结构错误，仍要用这一行说明它不能生成。"
         "这一行本身不受 --select/--ignore 影响。", _SCHEMA),
    Code("SCH020", "unprintable", ERROR, "有不能排版的字符（控制字符、不成对的代理字符），请删除",
         "Word 文档（XML）装不下这些字符，印出来也看不见；无论以何种方式写入（转义、导入、编辑器），"
         "检查都报出，保证检查通过的草稿一定能生成。用 --ignore 略去时，仍由 SCH009 说明草稿无法生成。", _SCHEMA),
    Code("SCH021", "over-budget", ERROR, "文字或列表长得不像答复函（超出上限），请核对",
         "一个字段超过 10 万字、一个列表超过 999 项，多半是粘贴或脚本出错；上限集中在 drafter/limits.py。"
         "用 --ignore 略去时，仍由 SCH009 说明草稿无法生成。", _SCHEMA),
]

IM = [
    Code("IM001", "source-missing", FATAL, "要导入的文件不存在，请检查路径",
         "给出的路径找不到文件。", _IMPORT),
    Code("IM002", "source-folder", FATAL, "这是文件夹，请给出要导入的文件",
         "导入一次处理一份答复函。", _IMPORT),
    Code("IM003", "source-type", FATAL, "不能导入此类文件：只支持 .docx、.txt、.html/.htm",
         "其他格式（.doc、.pdf 等）无法可靠地取出文字，请先另存为 .docx 或文本。", _IMPORT),
    Code("IM004", "source-unreadable", FATAL, "无法读取要导入的文件，请检查权限",
         "操作系统拒绝读取，原因照实说明。", _IMPORT),
    Code("IM005", "source-too-large", FATAL, "文件过大，不像一份答复函",
         "拒绝读取明显不是答复函的大文件，以免耗尽内存。", _IMPORT),
    Code("IM006", "source-binary", FATAL, "不是文本文件（图片、Word 文档等改了扩展名），请检查扩展名",
         "把二进制文件当文字读只会得到乱码；按文件开头的标记和控制字符的多少判断。", _IMPORT),
    Code("IM007", "source-broken", FATAL, "无法打开 .docx 文件，文件可能已损坏或不是 Word 文档",
         "损坏的 Word 文件取不出文字。", _IMPORT),
    Code("IM008", "source-empty", FATAL, "文件里没有文字，无法导入",
         "扫描件或空文件里没有可识别的文字。", _IMPORT),
    Code("IM020", "source-utf16-broken", FATAL, "文件标为 UTF-16 编码但内容不完整，请另存为 UTF-8",
         "标记与内容不符的文字文件无法可靠地读出，另存为 UTF-8 即可。", _IMPORT),
    Code("IM030", "pdf-unreadable", FATAL, "无法打开 PDF 文件，文件可能已损坏或加密",
         "损坏或加密的 PDF 取不出文字。", _IMPORT),
    Code("IM031", "pdf-no-text", FATAL, "PDF 没有文字层（可能是扫描件），无法导入",
         "扫描件只有图像没有文字，须先做文字识别（OCR），或改用原始 Word 文件。", _IMPORT),
    Code("IM040", "legacy-needs-libreoffice", FATAL, "导入 .doc/.wps 文件需要 LibreOffice",
         "旧版 Word（.doc）和 WPS（.wps）文件由 LibreOffice 先转成 .docx 再导入；未安装时请在 Word/WPS 中另存为 .docx。", _IMPORT),
    Code("IM041", "legacy-convert-failed", FATAL, "LibreOffice 无法启动或转换超时",
         "转换旧版文件时 LibreOffice 没有完成，原因照实说明；可在 Word/WPS 中另存为 .docx 后导入。", _IMPORT),
    Code("IM042", "legacy-unreadable", FATAL, "LibreOffice 无法读取这个文件，文件可能已损坏",
         "LibreOffice 打不开的旧版文件多半已损坏。", _IMPORT),
    Code("IM010", "not-a-reply", ERROR, "这不是对代表建议或委员提案的答复函",
         "导入只认答复函；新闻、通知等不是答复函的文件拒绝导入，免得生成一份似是而非的草稿。", _IMPORT),
    Code("IM101", "not-found", WARNING, "原文中没有找到某项内容，草稿中未填写，请补填",
         "原文缺的要素不能凭空编造，留给经办人补填；该项为必填时按错误报告。", _IMPORT),
    Code("IM102", "no-signature", WARNING, "没有找到落款的署名机关或成文日期，请补填",
         "落款是签发的要件，找不到时不猜测。", _IMPORT),
    Code("IM104", "unplaced", WARNING, "有一段无法归类，未录入",
         "无法确定归属的段落不放进草稿，以免放错位置；请对照原文手工补上。", _IMPORT),
    Code("IM110", "printing-incomplete", WARNING, "印发行不完整，未录入",
         "印发机关和印发日期须同时具备才能生成版记中的印发行。", _IMPORT),
    Code("IM111", "phone-without-name", WARNING, "电话没有对应的联系人，未录入",
         "联系人和电话成对出现；孤立的电话号码无法判断是谁的。", _IMPORT),
    Code("IM120", "layout-guessed", WARNING, "版式按推断填写，请核对",
         "原文没有直接写明版式（文件式、信函式、无版头），按版头等特征推断。", _IMPORT),
    Code("IM121", "handling-guessed", WARNING, "办理方式按推断填写，请核对",
         "多数答复函不印办理方式，按开头语和主送推断（检查 Word 答复函时按独办或主办检查）。", _IMPORT),
    Code("IM122", "kind-guessed", WARNING, "答复类型（人大建议或政协提案）按全文用语推断，请核对",
         "原文没有直接写明时，按“代表”“委员”“建议”“提案”等用语推断。", _IMPORT),
    Code("IM123", "traditional-converted", WARNING, "原文是繁体字，已转为简体字读出并写入草稿，请核对",
         "答复函按规范汉字（简体）起草，识别也按简体用字；繁体文件（Big5、经繁简转换的网页）先用 OpenCC 转为简体再读，"
         "转换可能改动人名、地名里的异体字，须对照原文核对。", _IMPORT),
]

CF = [
    Code("CF001", "profile-missing", FATAL, "配置文件不存在，请检查 --profile 路径",
         "明确给出的配置文件找不到时不能默默改用默认设置。", "drafter.toml（单位配置）"),
    Code("CF002", "profile-syntax", FATAL, "配置文件格式错误（TOML）或不是 UTF-8 编码",
         "配置文件读不懂时，按它检查的结果不可信，须先改正所指的行。", "drafter.toml（单位配置）；TOML 1.0"),
    Code("CF003", "profile-key", FATAL, "未知的配置段或配置项，或配置值的类型不对",
         "拼错的配置项会被悄悄忽略，设置就不起作用。", "drafter.toml（单位配置）"),
    Code("CF004", "profile-code", FATAL, "select/ignore 中有不存在的代码",
         "写错的代码什么也不会选中或忽略，设置就不起作用；drafter rules 列出全部代码。", "drafter.toml（单位配置）"),
]

TPL = [
    Code("TPL001", "template-broken", FATAL, "单位的句式模板有误，无法使用",
         "模板有语法错误或用了不存在的变量时，生成的固定句式不可信，须先改正模板。",
         "drafter.toml [templates] 指定的模板（Jinja2）"),
]

PDF = [
    Code("PDF001", "no-libreoffice", FATAL, "未安装 LibreOffice，无法生成 PDF",
         "PDF 由 LibreOffice 转换；未安装时仍可先生成 .docx，装好后用 drafter pdf 转换。", "drafter render --pdf / drafter pdf"),
    Code("PDF002", "pdf-failed", FATAL, "LibreOffice 未能生成 PDF",
         "LibreOffice 转换失败或超时，原因照实说明。", "drafter render --pdf / drafter pdf"),
]

_OUT = "drafter render --public / text / form / check --annotate"
OUT = [
    Code("PB101", "public-leak", ERROR, "公开版中仍有按规定不公开的内容（身份证号、个人电话、门牌号等）",
         "公开版在政府网站发布，不得含有代表和其他个人的联系方式、身份证号、住址门牌等；生成后按同样的规则"
         "再查一遍排好的全文，查到就不写出，请在草稿中用 [[…]] 标出或改写。", "政府信息公开条例第十五条；drafter.toml [public]"),
    Code("PB102", "not-publishable", ERROR, "本件标为不予公开，不生成公开版",
         "case.publish.allowed 为 false 的答复不公开发布，也就不需要公开版。", "政府信息公开条例第十五条"),
    Code("PT101", "platform-text-too-long", ERROR, "正文超过平台编辑器的字数上限",
         "代表建议、政协提案办理平台的编辑器只收正文，且常限 2500 字；超出时平台拒收或截断，"
         "上限在 drafter.toml [text] limit 中设置。", "办理平台的录入要求；drafter.toml [text]"),
    Code("FM101", "form-not-applicable", ERROR, "这份文件不寄征求意见表",
         "征求意见表随答复寄给提出建议的代表（委员），由其填写对办理的意见；协办意见写给主办单位，退办函写给交办机关，都不附此表。",
         "通行做法（各地建议办理征求意见表）"),
    Code("RV101", "fix-not-tracked", WARNING, "这处修正未能以修订方式写入，已改为批注",
         "修订稿只在原文里能找到原值的地方标出删改；找不到（例如原值跨段落，或修正涉及整张列表）时改为批注，"
         "提醒经办人手工修改，而不是悄悄略过。", _OUT),
]

# -- the caseload (issue 9): intake of a 交办清单 and the 台账 round trip ---------------------------
_INTAKE = "drafter intake 读取交办清单时的检查"
_LEDGER = "drafter ledger --update 写回台账时的检查"

IN = [
    Code("IN001", "list-unreadable", FATAL, "交办清单无法读取（损坏、有密码保护、不是表格，或不像交办清单）",
         "整个文件读不了时一件也不导入，也不写任何文件；去掉密码或另存为 .xlsx 后再导入，表头不同的在 [intake.columns] 中指定。", _INTAKE),
    Code("IN002", "sheet-skipped", WARNING, "这个工作表没有编号和标题列，不是交办清单，已跳过",
         "平台导出的工作簿常带“填表说明”等工作表；说明跳过了哪一个，免得以为漏导。", _INTAKE),
    Code("IN003", "row-unreadable", ERROR, "这一行有读不了的单元格，该行未导入",
         "日期、人数、办理方式等读错会让期限和统计全错；宁可不导入这一行并指出单元格，其余各行照常导入。", _INTAKE),
    Code("IN004", "duplicate-number", ERROR, "编号与清单中前面一行重复，该行未导入",
         "草稿按编号命名，同一编号只能有一份；重复多半是清单登记错误，须核对后再导入。", _INTAKE),
]

LG = [
    Code("LG001", "ledger-unreadable", FATAL, "台账无法读取，或不是 drafter ledger 导出的台账",
         "写回依靠导出时的工作表、表头和隐藏的“草稿”“指纹”列；读不了时一行也不写回。", _LEDGER),
    Code("LG002", "ledger-draft-missing", ERROR, "找不到这一行的草稿，该行未写回",
         "草稿被移动、改名或删除后无法写回；重新导出台账。", _LEDGER),
    Code("LG003", "ledger-stale", ERROR, "草稿在导出台账之后被改过，该行未写回",
         "台账里的旧值可能覆盖别人刚改的内容；按隐藏的指纹核对，不一致时拒绝写回，重新导出后再改。", _LEDGER),
    Code("LG004", "ledger-bad-value", ERROR, "单元格的值不可用（不是可选的状态、类别，或不是日期），该行未写回",
         "下拉列表之外的状态、写错的日期不能进入草稿，否则期限和统计都会出错。", _LEDGER),
    Code("LG005", "ledger-read-only", WARNING, "只读列被修改，修改未写回",
         "编号、标题、交办信息等只读列来自交办清单和答复函本身，应在草稿中修改。", _LEDGER),
    Code("LG006", "ledger-impossible", ERROR, "修改后办理记录自相矛盾（如反馈早于答复），该行未写回",
         "写回前按结构和 CS 规则检查改后的草稿；会造成矛盾的修改整行拒绝，草稿不动。", _LEDGER),
    Code("LG007", "ledger-policy", WARNING, "已写回，但违反本单位的办理要求（如答复前没有见面记录、超期未说明）",
         "这类要求由 drafter.toml 设定，记录本身并不矛盾：照常写回并提醒补记。", _LEDGER),
]

INT = [
    Code("INT001", "internal-error", FATAL, "内部错误，请报告",
         "drafter 自己出了错（不是草稿的问题）：只影响这一个文件，其余文件照常处理；退出码 3，"
         "与“发现错误”（1）、“无法运行”（2）区分。请把这一行、所用的命令和出错的文件发给维护人员；"
         "加 --debug 可看到 Python 的详细出错信息。", "drafter/guard.py"),
]

STAGES = {"IO": "读取", "SCH": "结构", "IM": "导入", "CF": "配置", "TPL": "模板", "PDF": "PDF",
          "PB": "公开版", "PT": "平台文本", "FM": "征求意见表", "RV": "审阅", "IN": "交办清单", "LG": "台账", "INT": "内部"}

CODES: dict[str, Code] = {}
for _group in (IO, SCH, IM, CF, TPL, PDF, OUT, IN, LG, INT):
    for _c in _group:
        CODES[_c.code] = Code(**{**_c.__dict__, "stage": STAGES[_c.code.rstrip("0123456789")]})
