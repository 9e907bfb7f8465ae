"""A real server (the `sicrm` command, demo data, its own SQLite file) and headless
Debian Chromium driven by Playwright."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("SICRM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


#: the live server's environment (its database), for tests that run sicrm commands on it
SERVER_ENV: dict = {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    sicrm = str(Path(sys.executable).parent / "sicrm")
    env = {**os.environ, "SICRM_INSTANCE_DIR": str(folder),
           "SICRM_DATABASE_URL": f"sqlite:///{folder / 'live.db'}",
           "SICRM_RATELIMIT_ENABLED": "0"}  # the browser tests log in often
    SERVER_ENV.update(env)
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([sicrm, *command], env=env, check=True, capture_output=True)
    port = _free_port()
    log = open(folder / "server.log", "w")
    server = subprocess.Popen([sicrm, "run", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError((folder / "server.log").read_text())
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.exit(f"Chromium is missing at {CHROMIUM} in CI", returncode=3)
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        page.screenshot(path=str(Path("/tmp") / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def as_user(browser, live_server):
    contexts = []

    def login(username):
        context = browser.new_context(locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(live_server + "/login")
        page.fill("#username", username)
        page.fill("#password", "demo1234")
        page.click("main button[type=submit]")
        expect(page.locator("#user-menu")).to_be_visible()
        # whatever an earlier test left as this user's language, read English here
        choose_language(page, "English")
        return page

    yield login
    for context in contexts:
        context.close()


def choose_language(page, name: str) -> None:
    """Switch language with the navigation bar's menu; the menu is opened again if the
    first click came before Bootstrap's script was ready."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_load_state("load")
    item = page.locator(f".dropdown-menu button[lang]:has-text('{name}')")
    for _ in range(3):
        page.click("#language-menu")
        try:
            item.wait_for(state="visible", timeout=2_000)
            break
        except PlaywrightTimeout:
            continue
    item.click()
    expect(page.locator("#language-menu")).to_contain_text(name)
