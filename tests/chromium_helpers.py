"""Headless Debian Chromium driven by Playwright, shared by the browser tests (HTML report, serve page).

Importing this module skips the importing test module with a reason when playwright or
/usr/bin/chromium is missing (CI installs both, see .ci/run)."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api", reason="Python-pakket playwright ontbreekt (pip install playwright)")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} ontbreekt (apt-get install chromium)", allow_module_level=True)


def launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def watch(page):
    """Record console errors, page errors and every requested URL on `page.errors`/`page.requests`."""
    page.errors, page.requests = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    return page
