"""A clerk's day in the workbench, in real Chromium, on a folder of 200 drafts with Chinese file
names in two sub-folders: the list, the keyboard, two tabs on one draft, a file changed or
deleted on disk while open, refusals in one Chinese line, intake. One browser for the module;
after every test the page's console holds no error."""

from __future__ import annotations

from pathlib import Path

import pytest
# browser, clean_console: fixtures (one Chromium a module, its console checked after each test)
from browser_support import (browser, clean_console, click_when_shown, css, focused, hold, held,  # noqa: F401
                             in_view, open_editor, release, set_value, settled, wait)
from web_support import EXAMPLES, running

SUBFOLDERS = ("人大建议", "政协提案")


def _folder(root: Path) -> list[str]:
    """200 drafts, copies of the examples, named as an office names them."""
    examples = sorted(EXAMPLES.glob("*.yaml"))
    names = []
    for i in range(200):
        source = examples[i % len(examples)]
        sub = root / SUBFOLDERS[i % 2]
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"第{i:03d}号 答复（{source.stem}）.yaml"
        path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        names.append(path.relative_to(root).as_posix())
    return names


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    root = tmp_path_factory.mktemp("web-workflows") / "2025年 答复函"
    names = _folder(root)
    with running(root) as server:
        server.names = names
        yield server


def _keys(driver, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(driver)
    for k in keys:
        chain.send_keys(k)
    chain.perform()


def _ctrl(driver, key):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()


def _status(driver) -> str:
    return css(driver, "#save-state")[0].text


def _one_line(text: str) -> bool:
    return bool(text.strip()) and "\n" not in text.strip()


def test_the_list_of_200_drafts_and_the_keyboard(browser, office):
    from selenium.webdriver.common.keys import Keys

    browser.get(office.url + "/")
    rows = wait(browser, lambda d: len(css(d, "#cases tbody tr[data-file]")) == 200 and css(d, "#cases tbody tr"))
    assert sorted(r.get_attribute("data-file") for r in rows) == sorted(office.names)
    assert "共 200 件" in css(browser, "#list-status")[0].text
    # sorted by 编号 (as numbers, "0185" after "192" never), the header toggles the order
    numbers = [r.text.split()[0] for r in css(browser, "#cases tbody tr")]
    assert numbers == sorted(numbers, key=int)
    css(browser, '#cases th[data-sort="number"]')[0].click()
    numbers = [r.text.split()[0] for r in css(browser, "#cases tbody tr")]
    assert numbers == sorted(numbers, key=int, reverse=True)
    assert css(browser, '#cases th[data-sort="number"]')[0].get_attribute("aria-sort") == "descending"
    _keys(browser, Keys.ENTER)                         # the header has the focus: Enter sorts too
    numbers = [r.text.split()[0] for r in css(browser, "#cases tbody tr")]
    assert numbers == sorted(numbers, key=int)
    # filter on a Chinese file name
    css(browser, "#filter")[0].send_keys("第007号")
    wait(browser, lambda d: len(css(d, "#cases tbody tr")) == 1)
    wanted = css(browser, "#cases tbody tr")[0].get_attribute("data-file")
    assert wanted.startswith("政协提案/第007号") or wanted.startswith("人大建议/第007号")
    # Tab: filter → 新建 → 导入来函 → 导入交办清单 → each column header → the row's link; Enter opens it
    headers = [th.text.strip(" ▲▼") for th in css(browser, "#cases th")]
    stops = []
    for _ in range(4 + len(headers)):
        _keys(browser, Keys.TAB)
        stops.append(focused(browser))
    assert stops[:3] == ["new-open", "import", "intake"], stops
    assert stops[3:-1] == headers, stops
    assert stops[-1] == css(browser, "#cases tbody tr a")[0].text[:20]
    _keys(browser, Keys.ENTER)
    wait(browser, lambda d: css(d, '[name="proposal.number"]'))
    assert css(browser, "#file-name")[0].text == wanted
    settled(browser)


def test_keyboard_editing_tab_order_save_and_fields_in_view(browser, office):
    from selenium.webdriver.common.keys import Keys

    name = office.names[4]                     # a 文件式 example in a sub-folder
    open_editor(browser, office, name)
    path = office.settings.root / name
    settled(browser)
    css(browser, '[name="organ"]')[0].click()
    # Tab moves field by field; each field reached is in view, not under the sticky bar
    seen = []
    for _ in range(12):
        _keys(browser, Keys.TAB)
        seen.append(focused(browser))
        active = browser.switch_to.active_element
        assert in_view(browser, active), seen[-1]
    assert "proposal.number" in seen
    # type into the focused field and save with Ctrl+S, keyboard only
    browser.find_element("css selector", '[name="proposal.number"]').click()
    _keys(browser, Keys.END, "8")
    _ctrl(browser, "s")
    wait(browser, lambda d: "已保存" in _status(d))
    settled(browser)
    from drafter.drafts import load_draft

    assert str(load_draft(path)[0].data["proposal"]["number"]).endswith("8")


def test_two_tabs_on_one_draft_the_second_save_is_refused(browser, office):
    """Two tabs (or two colleagues) edit the same draft: the first save wins, the second is
    refused with what changed, in a dialog in view wherever the page is scrolled; nothing of the
    first save is lost; 重新载入 shows the saved content."""
    from selenium.webdriver.common.keys import Keys

    name = office.names[10]
    path = office.settings.root / name
    open_editor(browser, office, name)
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    open_editor(browser, office, name)
    second = browser.current_window_handle
    set_value(browser, "signature.leader", "甲同志")
    settled(browser)
    _ctrl(browser, "s")
    wait(browser, lambda d: "已保存" in _status(d))
    settled(browser)
    saved = path.read_bytes()

    browser.switch_to.window(first)
    control = set_value(browser, "signature.organ", "乙机关")   # low in the form: the page is scrolled
    settled(browser)
    assert browser.execute_script("return window.scrollY") > 0
    _ctrl(browser, "s")
    dialog = wait(browser, lambda d: [e for e in css(d, "#conflict") if e.is_displayed()])[0]
    assert in_view(browser, dialog)
    title = css(browser, "#conflict-title")[0].text
    assert _one_line(title) and "改过" in title
    assert "+  leader: 甲同志" in css(browser, "#conflict-diff")[0].text
    assert focused(browser) == "conflict-reload"
    assert path.read_bytes() == saved                       # the first tab's save stands
    _keys(browser, Keys.ESCAPE)                             # closes the dialog, nothing written
    wait(browser, lambda d: not css(d, "#conflict")[0].is_displayed())
    assert path.read_bytes() == saved and control.get_attribute("value") == "乙机关"
    assert "未保存" in _status(browser)
    # 重新载入: the saved content (the unsaved edit is given up only because the clerk asked)
    _ctrl(browser, "s")
    wait(browser, lambda d: css(d, "#conflict")[0].is_displayed())
    css(browser, "#conflict-reload")[0].click()
    wait(browser, lambda d: css(d, '[name="signature.leader"]') and
         css(d, '[name="signature.leader"]')[0].get_attribute("value") == "甲同志")
    settled(browser)
    browser.switch_to.window(second)
    browser.close()
    browser.switch_to.window(first)


def test_a_draft_deleted_on_disk_while_open(browser, office):
    """Refused in one line naming what happened; 仍然保存 (after the confirmation) writes the
    clerk's content back, comments included."""
    name = office.names[20]
    path = office.settings.root / name
    comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    open_editor(browser, office, name)
    set_value(browser, "signature.leader", "丙同志")
    settled(browser)
    path.unlink()
    css(browser, "#save")[0].click()
    wait(browser, lambda d: css(d, "#conflict")[0].is_displayed())
    title = css(browser, "#conflict-title")[0].text
    assert _one_line(title) and "删除" in title
    assert not path.exists()
    css(browser, "#conflict-force")[0].click()
    alert = wait(browser, lambda d: d.switch_to.alert)
    assert "覆盖" in alert.text
    alert.accept()
    wait(browser, lambda d: "已保存" in _status(d))
    settled(browser)
    text = path.read_text(encoding="utf-8")
    assert "leader: 丙同志" in text and all(c in text for c in comments)


def test_refusals_are_one_chinese_line(browser, office, tmp_path):
    """Whatever the clerk gets wrong is answered in the page in one Chinese line, and nothing is
    written: a name already taken or with a folder in it, a file that is no letter, a list that
    is no 交办清单, a download of a draft with errors, a fix that no longer applies."""
    from selenium.webdriver.common.keys import Keys

    root = office.settings.root
    status, made = office.json("POST", "/api/new", {"name": "已有的"})
    assert status == 200 and made["file"] == "已有的.yaml"
    before = sorted(root.rglob("*"))
    browser.get(office.url + "/")
    wait(browser, lambda d: css(d, "#cases tbody tr"))
    css(browser, "#new-open")[0].click()
    _keys(browser, Keys.ESCAPE)                        # Esc closes the 新建 form, focus back on its button
    wait(browser, lambda d: not css(d, "#new-form")[0].is_displayed())
    assert focused(browser) == "new-open"
    css(browser, "#new-open")[0].click()
    for wanted, says in (("已有的", "已有同名文件"), ("子/文件", "文件名"), (".隐藏", "文件名")):
        box = css(browser, '#new-form [name="name"]')[0]
        box.clear()
        box.send_keys(wanted)
        css(browser, "#new-create")[0].click()
        wait(browser, lambda d: says in css(d, "#new-error")[0].text)
        assert _one_line(css(browser, "#new-error")[0].text)
        browser.execute_script("document.getElementById('new-error').textContent = ''")
    css(browser, "#new-cancel")[0].click()
    bad = tmp_path / "不是信.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip at all")
    css(browser, "#import-file")[0].send_keys(str(bad))
    wait(browser, lambda d: "未导入" in css(d, "#list-status")[0].text)
    assert _one_line(css(browser, "#list-status")[0].text)
    sheet = tmp_path / "随便一张表.csv"
    sheet.write_text("甲,乙\n1,2\n", encoding="utf-8")
    css(browser, "#intake-file")[0].send_keys(str(sheet))
    wait(browser, lambda d: "未导入" in css(d, "#list-status")[0].text)
    assert _one_line(css(browser, "#list-status")[0].text)
    assert sorted(root.rglob("*")) == before            # nothing written by any of them
    (root / "已有的.yaml").unlink()

    # a saved draft with an error: 下载 Word says why in one line and downloads nothing
    name = office.names[30]
    open_editor(browser, office, name)
    set_value(browser, "proposal.number", "")
    settled(browser)
    css(browser, "#save")[0].click()
    wait(browser, lambda d: "已保存" in _status(d))
    settled(browser)
    for old in browser.downloads.glob("*"):
        old.unlink()
    css(browser, "#download-docx")[0].click()
    wait(browser, lambda d: "错误" in _status(d))
    assert _one_line(_status(browser)) and "不能生成" in _status(browser)
    settled(browser)
    assert not list(browser.downloads.glob("*"))
    # a fix that no longer applies (the text changed meanwhile): one line, the latest check shown
    set_value(browser, "doc_number", "温市监函[2019]40号")
    settled(browser)
    hold(browser, "/api/fix")
    click_when_shown(browser, lambda d: css(d, '.findings .finding[data-field="doc_number"][data-code="DN101"] button.fix'))
    wait(browser, lambda d: held(d, "/api/fix") == 1)
    set_value(browser, "doc_number", "温市监函〔2019〕40号")  # the clerk corrected it by hand
    release(browser, "/api/fix")
    settled(browser)
    wait(browser, lambda d: not css(d, '.findings .finding[data-code="DN101"]'))
    assert css(browser, '[name="doc_number"]')[0].get_attribute("value") == "温市监函〔2019〕40号"
    assert _one_line(_status(browser))


def test_intake_from_the_list(browser, office, tmp_path):
    """A 交办清单 uploaded from the list: a draft a row, the report in the page, the list updated."""
    from selenium.webdriver.common.keys import Keys

    root = office.settings.root
    sheet = tmp_path / "2025年交办清单.csv"
    sheet.write_text("市十六届人大五次会议代表建议交办清单\n建议编号,建议标题,领衔代表,交办日期,办理方式\n"
                     "0901,关于加快建设口袋公园的建议,林某某,2025-03-03,独办\n", encoding="utf-8-sig")
    browser.get(office.url + "/")
    wait(browser, lambda d: len(css(d, "#cases tbody tr")) >= 200)
    css(browser, "#intake-file")[0].send_keys(str(sheet))
    report = wait(browser, lambda d: [e for e in css(d, "#report") if e.is_displayed()])[0]
    assert "新建 1 份草稿" in report.text
    _keys(browser, Keys.ESCAPE)                        # Esc (or 关闭) puts the report away
    wait(browser, lambda d: not css(d, "#report")[0].is_displayed())
    wait(browser, lambda d: any("0901" in r.text for r in css(d, "#cases tbody tr")))
    made = [p for p in root.glob("*.yaml") if "0901" in p.name]
    assert len(made) == 1
    made[0].unlink()


def test_new_draft_and_its_documents_with_chinese_names(browser, office):
    """新建 with a Chinese file name opens the editor on it; the other documents of a draft in a
    sub-folder download under Chinese names and open; a document the 文种 has not is refused in
    one line and nothing is downloaded."""
    import docx

    browser.get(office.url + "/")
    wait(browser, lambda d: css(d, "#cases tbody tr"))
    css(browser, "#new-open")[0].click()
    form = css(browser, "#new-form")[0]
    form.find_element("name", "name").send_keys("2025年第0300号（张三 李四）")
    form.find_element("name", "number").send_keys("0300")
    form.find_element("name", "deputies").send_keys("张三、李四")
    css(browser, "#new-create")[0].click()
    wait(browser, lambda d: css(d, "#file-name") and css(d, "#file-name")[0].text == "2025年第0300号（张三 李四）.yaml")
    assert (office.settings.root / "2025年第0300号（张三 李四）.yaml").is_file()
    settled(browser)

    name = next(n for n in office.names if n.endswith("（cixi-2023）.yaml"))
    open_editor(browser, office, name)
    settled(browser)
    stem = Path(name).stem
    for label, suffix in (("下载 Word", ".docx"), ("公开版", "-公开版.docx"), ("平台正文", "-正文.txt")):
        for old in browser.downloads.glob("*"):
            old.unlink()
        button = next(a for a in css(browser, ".editbar a.button") if a.text == label)
        button.click()
        target = browser.downloads / (stem + suffix)
        wait(browser, lambda d: target.exists() and not list(browser.downloads.glob("*.crdownload")), timeout=60)
        if suffix.endswith(".docx"):
            text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
            assert "慈溪市市场监督管理局" in text
        else:
            assert target.stat().st_size > 200
        wait(browser, lambda d: "已下载" in _status(d))
    opinion = next(n for n in office.names if n.endswith("（opinion-2025）.yaml"))
    open_editor(browser, office, opinion)
    settled(browser)
    for old in browser.downloads.glob("*"):
        old.unlink()
    next(a for a in css(browser, ".editbar a.button") if a.text == "征求意见表").click()
    wait(browser, lambda d: "未生成征求意见表" in _status(d))
    assert _one_line(_status(browser))
    settled(browser)
    assert not list(browser.downloads.glob("*"))


def test_lan_login_in_the_browser(browser, tmp_path):
    """Serving an office LAN: a page asks for the password first; a wrong one is one line (and
    a clean console), the right one opens the list."""
    folder = tmp_path / "局域网"
    folder.mkdir()
    (folder / "温州答复.yaml").write_text((EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with running(folder, password="正确的密码 2025") as server:
        browser.get(server.url + "/")
        box = wait(browser, lambda d: css(d, '#login-form [name="password"]'))[0]
        box.send_keys("错的")
        css(browser, '#login-form button[type="submit"]')[0].click()
        wait(browser, lambda d: "密码不对" in css(d, "#login-error")[0].text)
        assert _one_line(css(browser, "#login-error")[0].text)
        box.clear()
        box.send_keys("正确的密码 2025")
        css(browser, '#login-form button[type="submit"]')[0].click()
        row = wait(browser, lambda d: css(d, 'tr[data-file="温州答复.yaml"]'))
        assert row
        settled_list = css(browser, "#list-status")[0].text
        assert "共 1 件" in settled_list
