"""Reading rendered pages in tests: parse the HTML once, then ask about it."""

from bs4 import BeautifulSoup

FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary"


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def focus_order(soup):
    """Focusable elements in document (tab) order; the page sets no positive tabindex."""
    return soup.select(FOCUSABLE)
