"""The site's stylesheet prints pages plainly, and keeps preview pages' text readable.

What a browser makes of these rules is checked in tests/browser/test_preview_and_print.py;
this says the rules are there, without a browser.
"""

import re
from pathlib import Path

from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "home" / "static" / "home" / "css" / "site.css"


def print_rules():
    """Every rule inside the stylesheet's `@media print` blocks."""
    css = STYLESHEET.read_text()
    return "\n".join(re.findall(r"@media print \{\n(.*?)\n\}\n", css, re.S))


def rule_for(rules, selector):
    """The declarations of the rule whose selector list includes `selector`."""
    for selectors, declarations in re.findall(r"([^{}]+)\{([^{}]*)\}", rules):
        if selector in [s.strip() for s in selectors.split(",")]:
            return declarations
    raise AssertionError(f"no rule for {selector}")


def test_printing_hides_buttons_and_controls():
    rules = print_rules()

    for selector in [".nhsuk-button", "button", ".coa-exit-this-page", ".coa-resource-filters"]:
        assert "display: none" in rule_for(rules, selector)


def test_printing_shows_no_address_after_our_own_links_but_keeps_other_websites():
    rules = print_rules()

    for selector in ['a[href^="/"]::after', 'a[href^="?"]::after', 'a[href^="#"]::after']:
        assert "content: none" in rule_for(rules, selector)
    assert "https" not in rules


def test_printing_is_on_white():
    declarations = rule_for(print_rules(), "html")

    assert "background: #fff" in declarations


def test_the_text_under_each_preview_page_keeps_a_readable_line_length():
    assert "max-width: 40em" in rule_for(STYLESHEET.read_text(), ".coa-preview-page__details")
