"""The HTML shells of the three pages. Draft text never passes through a template engine:
the page is fixed markup, the draft's data goes in once as escaped JSON (a data block the
browser does not run), and the page's scripts build the form from it with DOM calls."""

from __future__ import annotations

import html
import json
import re
from typing import Any

_SLOT = re.compile(r"@@(\w+)@@")

_SHELL = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="drafter-token" content="@@token@@">
<title>@@title@@ · drafter 工作台</title>
<link rel="stylesheet" href="/static/app.css">
@@head@@
</head>
<body class="@@page@@">
<header class="top">
  <a class="brand" href="/">drafter 工作台</a>
  <span class="folder" title="所服务的文件夹">@@folder@@</span>
  @@nav@@
</header>
<main id="main">@@body@@</main>
<script type="application/json" id="boot">@@boot@@</script>
@@scripts@@
</body>
</html>
"""


def _json_block(value: Any) -> str:
    """JSON that cannot end the <script> element it sits in, whatever the draft says."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _fill(shell: str, slots: dict[str, str]) -> str:
    """One pass: a value put into the page is never searched for slots itself."""
    return _SLOT.sub(lambda m: slots.get(m.group(1), ""), shell)


def page(kind: str, title: str, token: str, folder: str, boot: Any, body: str, scripts: list[str],
         nav: str = "", head: str = "") -> str:
    return _fill(_SHELL, {
        "token": html.escape(token),
        "title": html.escape(title),
        "folder": html.escape(folder),
        "page": kind,
        "boot": _json_block(boot),
        "body": body,
        "nav": nav,
        "head": head,
        "scripts": "\n".join(f'<script src="/static/{html.escape(s)}"></script>' for s in scripts),
    })


LIST_BODY = """
<section class="toolbar">
  <input type="search" id="filter" name="filter" placeholder="筛选：编号、标题、代表、状态……" aria-label="筛选">
  <button type="button" id="new-open">新建答复函</button>
  <label class="upload">导入来函/答复函<input type="file" id="import-file" name="import"
    accept=".docx,.doc,.wps,.pdf,.txt,.html,.htm"></label>
  <label class="upload" id="intake-label" hidden>导入交办清单<input type="file" id="intake-file" name="intake"
    accept=".xlsx,.xls,.csv"></label>
  <span id="list-status" class="status" role="status"></span>
</section>
<div id="report" class="dialog" hidden role="status"></div>
<form id="new-form" class="dialog" hidden>
  <h2>新建答复函</h2>
  <p class="help">按本单位配置（drafter.toml）预先填好机关名称、抄送、联系人等；未填的内容显示为【待填：…】。</p>
  <label>文件名 <input name="name" required placeholder="如 2025-0185"></label>
  <label>文种 <select name="type"><option value="reply">答复函</option><option value="opinion">协办/会办意见（致主办单位）</option>
    <option value="return">退办函</option><option value="extension">延期说明</option></select></label>
  <label>类型 <select name="kind"><option value="npc">人大代表建议</option><option value="cppcc">政协委员提案</option></select></label>
  <label>版式 <select name="layout"><option value="">按本单位配置</option><option value="file">文件式</option>
    <option value="letter">信函式</option><option value="plain">无版头（套印）</option></select></label>
  <label>届次会次 <input name="session" placeholder="如 市十六届人大五次会议"></label>
  <label>编号 <input name="number" placeholder="如 0185"></label>
  <label>代表（委员） <input name="deputies" placeholder="多人用顿号或逗号分开，领衔者在前"></label>
  <label>办理方式 <select name="handling"><option>独办</option><option>主办</option><option>协办</option>
    <option>会办</option><option>分办</option></select></label>
  <div class="buttons"><button type="submit" id="new-create">创建并打开</button>
    <button type="button" id="new-cancel">取消</button></div>
  <p class="error" id="new-error" role="alert"></p>
</form>
<table id="cases" class="cases">
  <thead><tr>
    <th data-sort="number">编号</th><th data-sort="title">标题</th><th data-sort="deputies">代表（委员）</th>
    <th data-sort="kind">类别</th><th data-sort="type">文种</th><th data-sort="status">状态</th>
    <th data-sort="due">下一期限</th><th data-sort="errors">错误</th><th data-sort="warnings">警告</th>
  </tr></thead>
  <tbody></tbody>
</table>
<p id="empty" class="help" hidden>文件夹中还没有草稿。点“新建答复函”，或导入一份已有的答复函。</p>
"""

EDITOR_BODY = """
<section class="editbar">
  <span class="file" id="file-name"></span>
  <span id="save-state" class="status" role="status"></span>
  <span id="counts" class="counts"></span>
  <button type="button" id="save">保存</button>
  <a class="button" id="download-docx" download>下载 Word</a>
  <a class="button" id="download-pdf" download>下载 PDF</a>
  <span id="downloads-more"></span>
</section>
<div id="conflict" class="dialog modal" hidden role="alertdialog" aria-labelledby="conflict-title">
  <h2 id="conflict-title">文件在打开后被别人（或别的程序）改过，未保存</h2>
  <p>下面是磁盘上现在的内容与您要保存的内容的差异。可以重新载入（放弃您的修改），或确认后仍然保存（覆盖磁盘上的修改）。</p>
  <pre id="conflict-diff"></pre>
  <div class="buttons"><button type="button" id="conflict-reload">重新载入</button>
    <button type="button" id="conflict-force">仍然保存</button>
    <button type="button" id="conflict-close">关闭</button></div>
</div>
<div class="workspace">
  <section class="form-pane">
    <div id="all-findings" class="all-findings"></div>
    <form id="draft-form" autocomplete="off" novalidate></form>
  </section>
  <section class="preview-pane">
    <div class="tabs">
      <button type="button" id="tab-preview" class="active">预览</button>
      <button type="button" id="tab-exact">精确预览</button>
    </div>
    <p class="label" id="preview-label">预览：与 Word 文档同一份排版（每一行、每一页都相同），字体用的是浏览器里有的；送签以 Word 文档为准。</p>
    <div id="preview" class="preview"></div>
    <div id="exact" class="exact" hidden></div>
  </section>
</div>
"""

LOGIN_BODY = """
<form id="login-form" class="dialog login">
  <h2>登录 drafter 工作台</h2>
  <p class="help">本工作台在局域网上开放，须输入启动时设定的密码。</p>
  <label>密码 <input type="password" name="password" autofocus required></label>
  <div class="buttons"><button type="submit">登录</button></div>
  <p class="error" id="login-error" role="alert"></p>
</form>
"""
