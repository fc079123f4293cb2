"""Editors find the resources due for review in the Wagtail admin's Reports menu."""

from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from members import roles

from ..members.factories import member_in
from ..resources.factories import FolderFactory, LibraryFactory, ResourcePageFactory
from .admin import restore_editors_permissions, screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_opens_the_report_from_the_reports_menu(page, live_server, demo_pages):
    restore_editors_permissions()
    today = timezone.localdate()
    library = LibraryFactory()
    folder = FolderFactory(parent=library, title="Understanding trauma")
    ResourcePageFactory(
        parent=folder, title="Glossary of terms", review_date=today - timedelta(days=45)
    )
    ResourcePageFactory(
        parent=folder, title="The four Rs", review_date=today + timedelta(days=400)
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, member_in(roles.EDITORS))

    page.goto("/admin/")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Resources due for review").click()

    row = page.locator("tbody tr", has_text="Glossary of terms")
    expect(row).to_contain_text("Understanding trauma")
    expect(page.locator("main")).not_to_contain_text("The four Rs")
    screenshot(page, "overdue-report.png")
