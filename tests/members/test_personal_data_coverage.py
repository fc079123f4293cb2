"""Every field of ours that points at a person is in their data download and dealt with when
their account is erased; the resource library's previews and downloads are the first case."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains

from members import personal_data
from members.personal_data import DOWNLOAD, ERASURE, covered_fields
from resources.models import ResourceEvent

from ..resources.factories import (
    ResourceDocumentFactory,
    ResourceEventFactory,
    ResourcePageFactory,
)
from .factories import PASSWORD, MemberProfileFactory, approved_member

PROJECT = Path(settings.BASE_DIR).resolve()


def our_app_configs():
    """The apps in this project's folder (core, home, members, resources, search, and any
    app added later), not those installed in the virtualenv."""
    ours = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(PROJECT) and ".venv" not in path.relative_to(PROJECT).parts:
            ours.append(config)
    return ours


def fields_pointing_at_people():
    """Every field on our models' own tables that links to a user. Fields a page inherits
    from Wagtail's Page (owner, locked_by) live in Wagtail's table, kept for the anonymised
    row like Wagtail's revisions and logs, so they are not ours to cover."""
    user_model = get_user_model()
    labels = set()
    for config in our_app_configs():
        for model in config.get_models():
            for field in model._meta.get_fields():
                if (
                    field.concrete
                    and field.is_relation
                    and not field.auto_created
                    and field.model is model
                    and field.related_model is user_model
                ):
                    labels.add(f"{model._meta.label}.{field.name}")
    return labels


class TestCoverage:
    def test_the_apps_checked_are_ours(self):
        labels = {config.label for config in our_app_configs()}

        assert {"core", "home", "members", "resources", "site_search"} <= labels
        assert not labels & {"wagtailcore", "auth", "account", "mfa", "taggit"}

    def test_the_fields_we_know_of_are_found(self):
        assert {
            "members.MemberProfile.user",
            "members.MemberProfile.decided_by",
            "resources.ResourceEvent.member",
            "resources.ResourceDocument.uploaded_by_user",
        } <= fields_pointing_at_people()

    @pytest.mark.parametrize("purpose", [DOWNLOAD, ERASURE])
    def test_every_field_naming_a_person_has_a_receiver(self, purpose):
        missing = fields_pointing_at_people() - covered_fields(purpose)

        assert not missing, (
            f"No {purpose} receiver covers {sorted(missing)}: connect one with "
            f"members.personal_data.{'exports' if purpose == DOWNLOAD else 'erases'}(...)"
        )

    @pytest.mark.parametrize("purpose", [DOWNLOAD, ERASURE])
    def test_every_declared_field_exists_and_names_a_person(self, purpose):
        stale = covered_fields(purpose) - fields_pointing_at_people()

        assert not stale


@pytest.mark.django_db
class TestResourceHistory:
    def test_the_download_lists_each_preview_and_download_with_titles_and_time(self, signed_in):
        member = approved_member()
        resource = ResourcePageFactory(title="Grounding techniques")
        preview = ResourceEventFactory(
            resource=resource, member=member, kind=ResourceEvent.Kind.PREVIEW
        )
        ResourceEventFactory(resource=resource, member=member, kind=ResourceEvent.Kind.DOWNLOAD)
        ResourceEventFactory(resource=resource, member=approved_member())  # someone else's

        data = signed_in(member).get(reverse("members:download_data")).json()

        history = data["resource_history"]
        assert [(row["kind"], row["resource"]) for row in history] == [
            ("preview", "Grounding techniques"),
            ("download", "Grounding techniques"),
        ]
        assert history[0]["document"] == resource.document.title
        assert history[0]["time"].startswith(preview.created_at.isoformat()[:16])

    def test_a_person_with_no_history_gets_an_empty_list(self, signed_in):
        member = approved_member()

        data = signed_in(member).get(reverse("members:download_data")).json()

        assert data["resource_history"] == []

    def test_history_of_a_deleted_resource_is_still_listed(self):
        member = approved_member()
        event = ResourceEventFactory(member=member)
        ResourceEvent.objects.filter(pk=event.pk).update(resource=None, document=None)

        data = personal_data.export(member)

        assert data["resource_history"][0]["resource"] is None

    def test_erasing_keeps_the_counts_but_unlinks_the_person(self, client):
        member = approved_member()
        other = approved_member()
        mine = ResourceEventFactory.create_batch(2, member=member)
        theirs = ResourceEventFactory(member=other)
        client.force_login(member)

        client.post(reverse("members:delete_account"), {"password": PASSWORD})

        assert ResourceEvent.objects.filter(pk__in=[e.pk for e in mine], member=None).count() == 2
        assert ResourceEvent.objects.get(pk=theirs.pk).member == other

    def test_the_delete_page_says_what_happens_to_the_history(self, signed_in):
        response = signed_in(approved_member()).get(reverse("members:delete_account"))

        assertContains(response, "previewed or downloaded")
        assertContains(response, "We remove the link to you")


@pytest.mark.django_db
class TestWhatEditorsLeaveBehind:
    def test_an_editors_download_lists_their_uploads_and_decisions(self, editor):
        document = ResourceDocumentFactory(title="Safe spaces guide", uploaded_by_user=editor)
        MemberProfileFactory().approve(by=editor, notify=False)

        data = personal_data.export(editor)

        assert [row["title"] for row in data["documents_uploaded"]] == [document.title]
        assert [row["decision"] for row in data["membership_decisions"]] == ["Approved"]

    def test_erasing_an_editor_keeps_documents_and_decisions_without_them(self, editor):
        document = ResourceDocumentFactory(uploaded_by_user=editor)
        decided = MemberProfileFactory()
        decided.approve(by=editor, notify=False)

        personal_data.erase_account(editor, by=editor)

        document.refresh_from_db()
        decided.refresh_from_db()
        assert document.uploaded_by_user is None
        assert (decided.status, decided.decided_by) == ("approved", None)
