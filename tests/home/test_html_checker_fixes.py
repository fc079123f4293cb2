"""Markup the Nu HTML Checker reported: `role="text"` (not an ARIA role) on warning headings,
and an empty `action=""` on the folder's filter form. Neither may come back."""

from pathlib import Path

from django.conf import settings

import pytest

from ..members.factories import approved_member
from ..resources.factories import FolderFactory, LibraryFactory, ResourcePageFactory
from .factories import StandardPageFactory, stream
from .markup import parse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_no_template_of_ours_uses_role_text():
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if 'role="text"' in path.read_text()
    ]

    assert offenders == []


def test_a_warning_callout_block_has_its_hidden_prefix_and_no_role_text(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Before a session",
        slug="before-a-session",
        body=stream(
            (
                "warning_callout",
                {"title": "Take care", "heading_level": 2, "body": "<p>Some of this is hard.</p>"},
            )
        ),
    )

    response = client.get("/before-a-session/")

    html = response.content.decode()
    heading = parse(response).select_one(".nhsuk-card--warning h2")
    assert 'role="text"' not in html
    assert " ".join(heading.get_text(" ").split()) == "Important: Take care"
    assert heading.select_one(".nhsuk-u-visually-hidden").get_text() == "Important: "


def test_the_delete_account_warning_has_its_hidden_prefix_and_no_role_text(client, home_page):
    client.force_login(approved_member())

    response = client.get("/members/account/delete/")

    heading = parse(response).select_one(".nhsuk-warning-callout__label")
    assert 'role="text"' not in response.content.decode()
    assert " ".join(heading.get_text(" ").split()) == "Important: This cannot be undone"


def test_the_folder_filter_form_submits_to_the_folder_not_an_empty_action(client, home_page):
    library = LibraryFactory(parent=home_page)
    folder = FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")
    ResourcePageFactory(parent=folder, title="Sleep guide", resource_type="guide")

    response = client.get(folder.url)

    form = parse(response).select_one("form.coa-resource-filters")
    assert 'action=""' not in response.content.decode()
    assert form["action"] == "/resources/workforce-wellbeing/"
