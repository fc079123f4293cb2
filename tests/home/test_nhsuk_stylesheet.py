"""The NHS.UK frontend stylesheet the site serves: the package's own, less its @font-face rules.

Those rules name Frutiger on assets.nhs.uk; with `font-src 'self'` every browser reports a CSP
violation for each of them on every page, used or not (w3c/webappsec-csp#677). The site's copy
(home/static/wagtailnhsukfrontend/css/) takes the package's place because `home` comes before
`wagtailnhsukfrontend` in INSTALLED_APPS. After upgrading wagtail-nhsuk-frontend, make the copy
again from the new file (remove every `@font-face{...}` rule, keep the note after @charset) under
the new file's name.
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

import wagtailnhsukfrontend

STYLESHEET = "wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css"
CHARSET = '@charset "UTF-8";'
OURS = Path(settings.BASE_DIR) / "home" / "static" / STYLESHEET
PACKAGE = Path(wagtailnhsukfrontend.__file__).parent / "static" / STYLESHEET


def without_note(css):
    assert css.startswith(CHARSET + "/*")
    return CHARSET + css[css.index("*/") + 2 :]


def test_the_site_serves_its_own_copy_of_the_nhsuk_stylesheet():
    assert Path(finders.find(STYLESHEET)) == OURS


def test_the_copy_is_the_packages_stylesheet_without_its_font_face_rules():
    package_css = PACKAGE.read_text()

    assert without_note(OURS.read_text()) == re.sub(r"@font-face\{[^}]*\}", "", package_css)


def test_the_copy_loads_nothing_from_another_host():
    css = without_note(OURS.read_text())

    assert "@font-face" not in css
    assert re.findall(r"url\((?!data:)[\"']?https?:", css) == []


def test_every_template_links_the_stylesheet_the_copy_replaces():
    linked = {
        name
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for name in re.findall(
            r"wagtailnhsukfrontend/css/nhsuk-frontend-[\d.]+\.min\.css", path.read_text()
        )
    }

    assert linked == {STYLESHEET}
