"""Playwright driving Debian's Chromium against pytest-django's live server, plus axe checks."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def serious_axe_violations(page):
    """Run axe-core on the page; return the serious and critical violations, summarised."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def demo_pages(transactional_db):
    """The demo site tree (home, About, Accessibility, Privacy, Welsh translations)."""
    from io import StringIO

    from django.core.cache import cache

    from home import demo

    cache.clear()
    demo.build(StringIO())
    yield
    cache.clear()


@pytest.fixture
def neutral_site(page):
    """Answer for the neutral site the exit control opens, as the network here is closed."""
    page.context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body="<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>",
        ),
    )
    return "https://www.bbc.co.uk/weather"
