"""Driving the workbench in a real browser: Debian's headless Chromium through selenium (the
driver path is given, so nothing, not even selenium-manager, downloads a browser), and the
waits and actions the browser tests share. Each test module starts ONE browser (`chromium()`)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_S = 20


def wait(driver, condition, timeout=WAIT_S):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # the form is rebuilt after structural edits and fixes: an element found a moment ago may go
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: condition(d))


def css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def field_finding(driver, field, code=None):
    """The finding shown at the field itself (not the summary at the top)."""
    sel = f'.findings .finding[data-field="{field}"]' + (f'[data-code="{code}"]' if code else "")
    return css(driver, sel)


def open_editor(driver, site, file):
    driver.get(site.url + "/")
    row = wait(driver, lambda d: css(d, f'tr[data-file="{file}"]'))[0]
    row.click()
    wait(driver, lambda d: css(d, '[name="proposal.number"]'))
    wait(driver, lambda d: css(d, "#preview .page"))  # the first check and preview are back


def set_value(driver, name, text):
    from selenium.webdriver.common.keys import Keys

    control = css(driver, f'[name="{name}"]')[0]
    control.click()
    control.send_keys(Keys.CONTROL, "a")
    control.send_keys(Keys.DELETE)
    if text:
        control.send_keys(text)
    return control


def save(driver):
    css(driver, "#save")[0].click()
    wait(driver, lambda d: "已保存" in css(d, "#save-state")[0].text)


def settled(driver):
    """No check waiting for the typing to stop and no request on its way."""
    wait(driver, lambda d: css(d, "#save-state")[0].get_attribute("data-busy") == "0")


def click_when_shown(driver, find):
    """Click the element `find` returns as soon as it is there; the findings are redrawn after
    every check, so a button found a moment ago may have been replaced: find it again."""
    def attempt(d):
        found = find(d)
        if not found:
            return False
        found[0].click()
        return True

    wait(driver, attempt)


# Holds the page's requests to the given API paths until released, so a test can type while
# an answer is on its way (what a fast clerk on a slow machine does), without sleeping.
HOLD_JS = """
if (!window.__held) {
  window.__held = {}; window.__hold = [];
  const original = window.fetch;
  window.fetch = function (url, options) {
    const key = String(url).split("?")[0];
    if (!window.__hold.includes(key)) return original(url, options);
    return new Promise((resolve, reject) => {
      (window.__held[key] = window.__held[key] || []).push(() => original(url, options).then(resolve, reject));
    });
  };
  window.__release = (key) => {
    window.__hold = window.__hold.filter((k) => k !== key);
    (window.__held[key] || []).splice(0).forEach((go) => go());
  };
}
window.__hold.push(arguments[0]);
"""


def hold(driver, path):
    driver.execute_script(HOLD_JS, path)


def held(driver, path):
    return driver.execute_script("return (window.__held[arguments[0]] || []).length", path)


def release(driver, path):
    driver.execute_script("window.__release(arguments[0])", path)


@contextlib.contextmanager
def chromium():
    """One headless Chromium with its own profile and download folder, its console recorded."""
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail("需要 Debian 的 chromium 和 chromium-driver：bash scripts/test.sh 会安装它们")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="drafter-chromium-")
    downloads = tempfile.mkdtemp(prefix="drafter-downloads-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={profile}", "--window-size=1500,1000"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.downloads = Path(downloads)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)


def console_errors(driver) -> list[str]:
    """What the page logged as an error since the last call (script errors, failed requests)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def in_view(driver, element) -> bool:
    """The element is inside the window and not under the sticky bar at the top."""
    return driver.execute_script("""
        const r = arguments[0].getBoundingClientRect();
        const bar = document.querySelector('.editbar');
        const top = bar ? bar.getBoundingClientRect().bottom : 0;
        return r.top >= top - 1 && r.bottom <= window.innerHeight + 1 && r.height > 0;""", element)


def focused(driver) -> str:
    """name, id or text of the element that has the keyboard focus."""
    return driver.execute_script(
        "const e = document.activeElement; return e.name || e.id || e.textContent.trim().slice(0, 20);")


# -- fixtures: a browser module imports both -------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the whole test module (starting it is the slow part)."""
    with chromium() as driver:
        yield driver


@pytest.fixture(autouse=True)
def clean_console(browser):
    """Every test leaves the browser console without errors (what earlier tests left is dropped)."""
    console_errors(browser)
    yield
    assert console_errors(browser) == []
