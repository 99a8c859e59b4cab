"""The workbench in a real browser: Debian's headless Chromium driven by selenium against the
real server. One browser for the whole module; the driver path is given, so nothing (no
selenium-manager) downloads a browser. After every test the page's console holds no error."""

from __future__ import annotations

import pytest
# browser, clean_console: fixtures (one Chromium a module, its console checked after each test)
from browser_support import (browser, clean_console, click_when_shown, css, field_finding,  # noqa: F401
                             hold, held, open_editor, release, save, set_value, settled, wait)
from web_support import copy_examples, running


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = copy_examples(tmp_path_factory.mktemp("web-browser") / "drafts")
    with running(folder) as server:
        yield server


def test_case_list_shows_every_draft(browser, site):
    browser.get(site.url + "/")
    rows = wait(browser, lambda d: css(d, "#cases tbody tr[data-file]"))
    assert sorted(r.get_attribute("data-file") for r in rows) == sorted(p.name for p in site.settings.root.glob("*.yaml"))
    text = {r.get_attribute("data-file"): r.text for r in rows}
    assert "0185" in text["xiamen-2025.yaml"] and "郭晓珍" in text["xiamen-2025.yaml"]
    assert css(browser, "#intake-label")[0].is_displayed()  # the 交办清单 upload
    css(browser, "#filter")[0].send_keys("郭晓珍")
    wait(browser, lambda d: len(css(d, "#cases tbody tr[data-file]")) == 1)
    css(browser, '#cases th[data-sort="number"]')[0].click()


def test_blank_required_field_shows_its_finding(browser, site):
    open_editor(browser, site, "wenzhou-2019.yaml")
    assert not field_finding(browser, "proposal.number")
    set_value(browser, "proposal.number", "")
    shown = wait(browser, lambda d: field_finding(d, "proposal.number"))
    assert shown[0].get_attribute("data-code").startswith("SCH")
    assert "编号" in shown[0].text
    # the finding sits inside the field's own box, next to its control
    box = shown[0].find_element("xpath", "ancestor::*[@data-path='proposal.number']")
    assert box.find_elements("css selector", '[name="proposal.number"]')
    set_value(browser, "proposal.number", "242")
    wait(browser, lambda d: not field_finding(d, "proposal.number"))


def test_fix_button_applies_the_fix_then_save_keeps_comments(browser, site):
    path = site.settings.root / "xiamen-2025.yaml"
    open_editor(browser, site, "xiamen-2025.yaml")
    set_value(browser, "doc_number", "厦市监函[2025]59号")
    settled(browser)   # the finding shown is the one for the whole typed value
    click_when_shown(browser, lambda d: css(d, '.findings .finding[data-field="doc_number"][data-code="DN101"] button.fix'))
    wait(browser, lambda d: css(d, '[name="doc_number"]')[0].get_attribute("value") == "厦市监函〔2025〕59号")
    wait(browser, lambda d: not field_finding(d, "doc_number", "DN101"))
    set_value(browser, "signature.leader", "洪志新同志")
    save(browser)
    text = path.read_text(encoding="utf-8")
    assert "doc_number: 厦市监函〔2025〕59号" in text
    assert "leader: 洪志新同志" in text
    for comment in ("# 发文字号：取自网页元数据", "# 开头语：照录原文", "# 结束语：照录原文",
                    "  - 市人大常委会代表工委  # 补填"):
        assert comment in text  # the file's own comments survive the save
    assert text.startswith("# yaml-language-server: $schema=")


def test_body_structure_edits_are_saved(browser, site):
    from drafter.drafts import load_draft

    path = site.settings.root / "cixi-2023.yaml"
    open_editor(browser, site, "cixi-2023.yaml")
    before, _ = load_draft(path)
    measures = css(browser, '[data-path="measures"]')[0]
    adds = measures.find_elements("css selector", ":scope > .adds button.add")
    adds[0].click()  # ＋段落 at the end of 措施与成效
    n = len(before.data["measures"])
    new = wait(browser, lambda d: css(d, f'[name="measures[{n}]"]'))[0]
    new.send_keys("新增的一段措施。")
    # move it up one place, then turn the item above it into its parent (降级)
    card = css(browser, f'[data-path="measures[{n}]"]')[0]
    card.find_element("css selector", 'button[title="上移"]').click()
    wait(browser, lambda d: css(d, f'[name="measures[{n - 1}]"]'))
    save(browser)
    after, _ = load_draft(path)
    assert after.data["measures"][n - 1] == "新增的一段措施。"
    assert after.data["measures"][n] == before.data["measures"][n - 1]
    assert "# " in path.read_text(encoding="utf-8")


def test_save_refuses_when_changed_on_disk(browser, site):
    path = site.settings.root / "wenzhou-2019.yaml"
    open_editor(browser, site, "wenzhou-2019.yaml")
    set_value(browser, "proposal.number", "243")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "# 别处加的一行\n", encoding="utf-8")
    changed = path.read_bytes()
    css(browser, "#save")[0].click()
    dialog = wait(browser, lambda d: [e for e in css(d, "#conflict") if e.is_displayed()])[0]
    assert "+# 别处加的一行" in css(browser, "#conflict-diff")[0].text  # what changed on disk
    assert path.read_bytes() == changed
    assert dialog.is_displayed()


def test_new_draft_from_the_scaffold(browser, site):
    browser.get(site.url + "/")
    wait(browser, lambda d: css(d, "#cases tbody tr"))
    css(browser, "#new-open")[0].click()
    form = css(browser, "#new-form")[0]
    form.find_element("name", "name").send_keys("2025-0300")
    form.find_element("name", "number").send_keys("0300")
    form.find_element("name", "deputies").send_keys("张三、李四")
    css(browser, "#new-create")[0].click()
    wait(browser, lambda d: css(d, '[name="proposal.number"]'))
    path = site.settings.root / "2025-0300.yaml"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server:") and "【待填" in text
    assert css(browser, '[name="proposal.number"]')[0].get_attribute("value") == "0300"
    assert css(browser, '[name="addressee.deputies[1]"]')[0].get_attribute("value") == "李四"
    wait(browser, lambda d: css(d, '.findings .finding[data-code="TX101"]'))  # placeholders reported


def test_import_an_uploaded_letter(browser, site, tmp_path):
    from drafter.api import Workspace
    from drafter.drafts import load_draft

    letter = tmp_path / "来函-温州.docx"
    letter.write_bytes(Workspace().open(site.settings.root / "wenzhou-2019.yaml").docx())
    browser.get(site.url + "/")
    wait(browser, lambda d: css(d, "#cases tbody tr"))
    css(browser, "#import-file")[0].send_keys(str(letter))
    wait(browser, lambda d: "来函-温州.yaml" in d.current_url or "%E6%9D%A5" in d.current_url)
    wait(browser, lambda d: css(d, '[name="proposal.number"]'))
    draft, _ = load_draft(site.settings.root / "来函-温州.yaml")
    assert draft.data["proposal"]["number"] == "242"
    assert css(browser, '[name="organ"]')[0].get_attribute("value") == "温州市市场监督管理局"


def test_download_the_docx(browser, site):
    import docx

    open_editor(browser, site, "cixi-2023.yaml")
    for old in browser.downloads.glob("*"):
        old.unlink()
    css(browser, "#download-docx")[0].click()
    target = browser.downloads / "cixi-2023.docx"
    wait(browser, lambda d: target.exists() and not list(browser.downloads.glob("*.crdownload")), timeout=30)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "慈溪市市场监督管理局" in text and "章卫军代表" in text


def test_preview_follows_typing(browser, site):
    open_editor(browser, site, "wenzhou-2019.yaml")
    pages = int(css(browser, "#preview")[0].get_attribute("data-pages"))
    assert pages >= 1
    set_value(browser, "signature.organ", "温州市市场监督管理局办公室")
    wait(browser, lambda d: "温州市市场监督管理局办公室" in css(d, "#preview")[0].text)
    assert "预览" in css(browser, "#preview-label")[0].text


def test_exact_preview_and_pdf_download(browser, site):
    """精确预览 (LibreOffice → page images) has as many pages as the HTML preview and the PDF."""
    import pdfplumber

    open_editor(browser, site, "cixi-2023.yaml")
    html_pages = int(css(browser, "#preview")[0].get_attribute("data-pages"))
    css(browser, "#tab-exact")[0].click()
    assert "精确预览" in css(browser, "#preview-label")[0].text
    images = wait(browser, lambda d: css(d, "#exact img.exact-page"), timeout=180)
    assert len(images) == html_pages
    assert all(img.get_attribute("src").startswith("data:image/png;base64,") for img in images)
    for old in browser.downloads.glob("*"):
        old.unlink()
    css(browser, "#download-pdf")[0].click()
    target = browser.downloads / "cixi-2023.pdf"
    wait(browser, lambda d: target.exists() and not list(browser.downloads.glob("*.crdownload")), timeout=180)
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == html_pages
        assert "慈溪市市场监督管理局" in pdf.pages[0].extract_text().replace(" ", "")


def test_typing_while_a_fix_is_on_its_way_is_kept(browser, site):
    """The fix's answer is for the data as it was sent: what the clerk typed meanwhile in
    another field survives, and the fix is applied as well."""
    open_editor(browser, site, "xiamen-2025.yaml")
    set_value(browser, "doc_number", "厦市监函[2025]60号")
    settled(browser)
    hold(browser, "/api/fix")
    click_when_shown(browser, lambda d: css(d, '.findings .finding[data-field="doc_number"][data-code="DN101"] button.fix'))
    wait(browser, lambda d: held(d, "/api/fix") == 1)
    set_value(browser, "signature.leader", "快手同志")
    release(browser, "/api/fix")
    wait(browser, lambda d: css(d, '[name="doc_number"]')[0].get_attribute("value") == "厦市监函〔2025〕60号")
    settled(browser)
    assert css(browser, '[name="signature.leader"]')[0].get_attribute("value") == "快手同志"
    # the focus and caret stayed in the field being typed in: typing on (to whatever has the
    # focus, as a keyboard does) continues its text
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).send_keys("甲").perform()
    assert css(browser, '[name="signature.leader"]')[0].get_attribute("value") == "快手同志甲"
    save(browser)
    text = (site.settings.root / "xiamen-2025.yaml").read_text(encoding="utf-8")
    assert "doc_number: 厦市监函〔2025〕60号" in text and "leader: 快手同志甲" in text


def test_typing_while_saving_stays_unsaved_and_double_save_is_no_conflict(browser, site):
    """Edits made while a save is on its way are not marked saved (closing the tab would lose
    them); pressing save twice quickly saves twice, not "changed on disk"."""
    path = site.settings.root / "cixi-2023.yaml"
    open_editor(browser, site, "cixi-2023.yaml")
    set_value(browser, "signature.leader", "第一次")
    settled(browser)
    hold(browser, "/api/save")
    css(browser, "#save")[0].click()
    wait(browser, lambda d: held(d, "/api/save") == 1)
    css(browser, '[name="signature.leader"]')[0].send_keys("又改")
    release(browser, "/api/save")
    wait(browser, lambda d: "leader: 第一次" in path.read_text(encoding="utf-8"))
    settled(browser)
    assert "有未保存的修改" in css(browser, "#save-state")[0].text
    hold(browser, "/api/save")
    css(browser, "#save")[0].click()
    css(browser, "#save")[0].click()       # a second click before the first answer
    wait(browser, lambda d: held(d, "/api/save") == 1)
    release(browser, "/api/save")
    wait(browser, lambda d: "已保存" in css(d, "#save-state")[0].text)
    settled(browser)
    assert not [e for e in css(browser, "#conflict") if e.is_displayed()]
    assert "leader: 第一次又改" in path.read_text(encoding="utf-8")
