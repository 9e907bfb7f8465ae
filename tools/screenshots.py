"""Screenshots of the main pages for people to look at (`make screenshots`).

Loads the demo into a throwaway instance, serves it on a free local port, and writes a
PNG of each main page, as a user of the given role, in English and Chinese, at desktop
width (1366 px) and phone width (390 px), into a folder (default `screenshots/`):

    python tools/screenshots.py [--out DIR] [--user admin] [--width 1366 --width 390]
                                [--page NAME=/path …] [--chromium /usr/bin/chromium]

File names are `<lang>-<width>-<page>.png`. The instance is deleted afterwards.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SICRM = [sys.executable, "-c", "from sicrm.cli import main; main()"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-dev-shm-usage"]
#: name → address; "{project}" and "{org}" are filled with the demo's first ones
PAGES = {
    "home": "/",
    "projects": "/projects/",
    "project": "/projects/{project}",
    "project-stages": "/projects/{project}#tab-stages",
    "board": "/projects/board",
    "funnel": "/projects/funnel",
    "organisations": "/organizations/",
    "organisation": "/organizations/{org}",
    "knowledge": "/knowledge/",
    "forum": "/forum/",
    "calendar": "/calendar/",
    "alarms": "/alarms/",
    "reviews": "/reviews/",
    "admin": "/admin/users/",
    "notification-preferences": "/notifications/preferences",
}
LANGUAGES = {"en": "en", "zh": "zh_CN"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(folder: Path):
    env = {**os.environ, "SICRM_INSTANCE_DIR": str(folder),
           "SICRM_DATABASE_URL": f"sqlite:///{folder / 'sicrm.db'}",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([*SICRM, *command], env=env, check=True, capture_output=True, cwd=ROOT)
    port = _free_port()
    log = open(folder / "server.log", "w")
    server = subprocess.Popen([*SICRM, "run", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return server, url, env
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit((folder / "server.log").read_text())
            time.sleep(0.3)


def _first_ids(env) -> dict:
    from sqlalchemy import create_engine, text

    engine = create_engine(env["SICRM_DATABASE_URL"])
    with engine.connect() as connection:
        project = connection.execute(text(
            "SELECT id FROM projects WHERE status = 'active' ORDER BY id LIMIT 1")).scalar()
        org = connection.execute(text(
            "SELECT customer_id FROM projects WHERE id = :id"), {"id": project}).scalar()
    engine.dispose()
    return {"project": project, "org": org}


def _set_language(page, url: str, locale: str) -> None:
    page.goto(url + "/")
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.evaluate("""(locale) => {
            const input = document.querySelector(
                'form[action$="/language"] input[name=locale][value="' + locale + '"]');
            setTimeout(() => input.form.submit(), 0);
        }""", locale)
    page.wait_for_load_state("load")


def shoot(out: Path, user: str, widths: list[int], pages: dict, chromium: str) -> list[Path]:
    written = []
    folder = Path(tempfile.mkdtemp(prefix="sicrm-screens-"))
    server = None
    try:
        server, url, env = _serve(folder)
        ids = _first_ids(env)
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                                 args=CHROMIUM_ARGS)
            for lang, locale in LANGUAGES.items():
                for width in widths:
                    context = browser.new_context(
                        viewport={"width": width, "height": 900 if width > 600 else 844},
                        locale="zh-CN" if lang == "zh" else "en-US")
                    page = context.new_page()
                    page.goto(url + "/login")
                    page.fill("#username", user)
                    page.fill("#password", "demo1234")
                    page.click("main button[type=submit]")
                    page.wait_for_load_state("load")
                    _set_language(page, url, locale)
                    for name, path in pages.items():
                        address = url + path.format(**ids)
                        page.goto(address)
                        page.wait_for_load_state("networkidle")
                        if "#tab-" in path:
                            tab = page.locator(f"[data-bs-target='#{path.split('#')[1]}']")
                            if tab.count():
                                tab.first.click()
                                page.wait_for_timeout(300)
                        target = out / f"{lang}-{width}-{name}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written.append(target)
                    context.close()
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--user", default="admin", help="demo user to sign in as")
    parser.add_argument("--width", type=int, action="append",
                        help="viewport width (repeatable; default 1366 and 390)")
    parser.add_argument("--page", action="append", metavar="NAME=/PATH",
                        help="only these pages (repeatable; default: the main pages)")
    parser.add_argument("--chromium", default=os.environ.get("SICRM_CHROMIUM",
                                                              "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    pages = dict(PAGES)
    if args.page:
        pages = {}
        for item in args.page:
            name, _, path = item.partition("=")
            pages[name] = path or PAGES[name]
    written = shoot(Path(args.out), args.user, args.width or [1366, 390], pages, args.chromium)
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
