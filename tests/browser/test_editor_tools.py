"""Editors' tools in a real browser: Wagtail's user bar on the site's pages (inside the public
Content-Security-Policy), and the analytics chart's lines at 3:1 contrast or more in the
admin's light and dark themes. Screenshots go to $COA_SCREENSHOTS (when set) for review."""

import os
import re
from datetime import datetime
from importlib import import_module
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.test import Client

import pytest
from playwright.sync_api import expect

from members import roles

from ..home.factories import StandardPageFactory
from ..members.factories import member_in
from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourceEventFactory,
    ResourcePageFactory,
    site_home_page,
)
from .csp import RECORD_CSP_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)


#: WCAG contrast of an SVG element's stroke against the first opaque background behind it.
STROKE_CONTRAST = """
(element) => {
  const rgb = (colour) => colour.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  let background = [255, 255, 255];
  for (let behind = element; behind; behind = behind.parentElement) {
    const value = rgb(getComputedStyle(behind).backgroundColor);
    if (value.length === 3 || value[3] > 0) {
      background = value.slice(0, 3);
      break;
    }
  }
  const [light, dark] = [luminance(rgb(getComputedStyle(element).stroke)), luminance(background)]
    .sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}
"""


def screenshot(target, name):
    folder = os.environ.get("COA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        target.screenshot(path=str(Path(folder) / name))


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def about(demo_pages):
    return StandardPageFactory(parent=site_home_page(), title="Our team", slug="our-team")


def test_an_editor_gets_the_userbar_within_the_public_csp(page, live_server, about):
    sign_in(page.context, live_server, member_in(roles.EDITORS))
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    page.goto("/our-team/")
    page.get_by_role("button", name="View Wagtail quick actions").click()

    expect(page.get_by_role("menuitem", name="Edit this page")).to_be_visible()
    expect(page.get_by_role("menuitem", name="Edit this page")).to_have_attribute(
        "href", re.compile(rf"/admin/pages/{about.pk}/edit/$")
    )
    # Wagtail's accessibility checks ran (axe, from Wagtail's static files) and show a count.
    expect(page.get_by_role("menuitem", name=re.compile(r"\d+\s*Checks"))).to_be_visible()
    assert page.evaluate("() => window.__cspViolations") == []
    page.wait_for_timeout(500)  # the menu fades in
    screenshot(page, "editor-userbar.png")


def test_a_visitor_gets_no_userbar(page, about):
    page.goto("/our-team/")

    expect(page.locator("wagtail-userbar")).to_have_count(0)
    assert "userbar" not in page.content()


@pytest.fixture
def chart_data(demo_pages):
    # tests/migration_rows.py puts back the roles after a flush, but not the report permission
    # members' migration 0003 grants the editors: grant it again, as that migration does.
    import_module("members.migrations.0003_role_permissions").grant(apps, None)
    folder = FolderFactory(parent=LibraryFactory(parent=site_home_page()), title="Wellbeing")
    resource = ResourcePageFactory(parent=folder, title="Grounding guide", document=None)
    london = ZoneInfo("Europe/London")
    for day, kind in [(3, "download"), (3, "download"), (9, "preview"), (17, "download")]:
        ResourceEventFactory(
            resource=resource, kind=kind, created_at=datetime(2025, 3, day, 12, tzinfo=london)
        )


@pytest.mark.parametrize(
    ("theme", "colour_scheme"),
    [("light", "light"), ("dark", "light"), ("system", "dark")],
    ids=["light", "dark", "system-set-to-dark"],
)
def test_the_chart_lines_have_3_to_1_contrast_in_each_admin_theme(
    browser, live_server, chart_data, theme, colour_scheme
):
    from wagtail.users.models import UserProfile

    editor = member_in(roles.EDITORS)
    profile = UserProfile.get_for_user(editor)
    profile.theme = theme
    profile.save()
    context = browser.new_context(
        base_url=live_server.url,
        color_scheme=colour_scheme,
        viewport={"width": 1280, "height": 900},
    )
    sign_in(context, live_server, editor)
    page = context.new_page()

    page.goto("/admin/resource-analytics/?start=2025-03-01&end=2025-03-31")
    chart = page.locator("svg.coa-analytics__chart")
    contrasts = {
        line: chart.locator(f"polyline.{line}").evaluate(STROKE_CONTRAST)
        for line in ["downloads", "previews"]
    }

    assert min(contrasts.values()) >= 3, contrasts
    screenshot(chart, f"analytics-chart-{theme}-{colour_scheme}.png")
    context.close()
