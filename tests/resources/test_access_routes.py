"""core.access on every route to a resource's file: the rules that used to leak.

Wagtail's own Privacy, translations, pages that are not live, documents no live page uses,
documents shared by an open and a closed page, collection privacy; and the caching,
sitemap and search answers that go with them.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction, Locale, PageViewRestriction

import pytest

from resources.models import ResourceEvent, SubjectFolderPage

from ..members.factories import approved_member
from .factories import ResourceDocumentFactory, ResourcePageFactory, ready_previews

pytestmark = pytest.mark.django_db


def file_urls(resource):
    """Every URL that answers with this resource's document or its preview images."""
    document = resource.document
    ready_previews(document)
    return {
        "download": resource.url + "download/",
        "document URL": document.url,
        "preview image": reverse("resources:preview_image", args=[document.pk, 1]),
    }


def sends_the_file(response):
    return response.status_code == 200 and response.get("Content-Type", "").startswith(
        ("application/pdf", "image/png")
    )


def restrict(page, restriction_type, **kwargs):
    groups = kwargs.pop("groups", ())
    rule = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **kwargs
    )
    rule.groups.set(groups)
    return rule


# Wagtail's Privacy control -------------------------------------------------------------


def test_a_folder_private_to_signed_in_people_keeps_its_files_from_visitors(
    client, signed_in, public_folder, member
):
    resource = ResourcePageFactory(parent=public_folder)
    urls = file_urls(resource)
    restrict(public_folder, PageViewRestriction.LOGIN)

    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert reverse("account_login") in response["Location"], name
    member_client = signed_in(member)
    assert all(sends_the_file(member_client.get(url)) for url in urls.values())


def test_a_folder_private_to_a_group_keeps_its_files_from_members_outside_it(
    signed_in, public_folder, member
):
    resource = ResourcePageFactory(parent=public_folder)
    urls = file_urls(resource)
    insiders = Group.objects.create(name="Research group")
    restrict(public_folder, PageViewRestriction.GROUPS, groups=[insiders])
    insider = approved_member()
    insider.groups.add(insiders)

    outsider_client = signed_in(member)
    for name, url in urls.items():
        assert not sends_the_file(outsider_client.get(url)), name
    insider_client = signed_in(insider)
    assert all(sends_the_file(insider_client.get(url)) for url in urls.values())


def test_a_password_protected_folder_keeps_its_files_from_everyone_without_the_password(
    client, signed_in, public_folder, member
):
    resource = ResourcePageFactory(parent=public_folder)
    urls = file_urls(resource)
    restrict(public_folder, PageViewRestriction.PASSWORD, password="shared-secret")

    for person in (None, member):
        person_client = signed_in(person)
        for name, url in urls.items():
            assert not sends_the_file(person_client.get(url)), (person, name)
    assert ResourceEvent.objects.count() == 0


# Translations --------------------------------------------------------------------------


@pytest.fixture
def welsh(db):
    return Locale.objects.get_or_create(language_code="cy")[0]


def translate(page, locale):
    """A published copy of `page` in `locale`, as an editor's translation makes one (its
    parents must be translated first)."""
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


def translate_with_parents(page, locale):
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        if not ancestor.get_translations().filter(locale=locale).exists():
            translate(ancestor.specific, locale)
    return translate(page, locale)


def test_a_welsh_copy_of_a_members_only_folder_does_not_open_its_files_even_unsynced(
    client, members_folder, welsh
):
    english = ResourcePageFactory(parent=members_folder)
    welsh_resource = translate_with_parents(english, welsh)
    welsh_folder = welsh_resource.get_parent().specific
    # An editor's translation that was never re-synced, with the switch off.
    SubjectFolderPage.objects.filter(pk=welsh_folder.pk).update(members_only=False)
    welsh_resource.refresh_from_db()

    response = client.get(welsh_resource.url + "download/")
    page = client.get(welsh_resource.url)

    assert response.status_code == 302
    assert "accounts/login/?next=" in page.content.decode()
    assert welsh_resource.url + "download/" not in page.content.decode()
    assert not sends_the_file(client.get(english.document.url))


def test_the_members_only_switch_follows_the_english_folder_into_its_translations(
    members_folder, public_folder, welsh
):
    welsh_folder = translate_with_parents(public_folder, welsh)

    public_folder.members_only = True
    public_folder.save_revision().publish()
    welsh_folder.refresh_from_db()
    assert welsh_folder.members_only is True

    welsh_folder.members_only = False
    welsh_folder.save_revision().publish()
    welsh_folder.refresh_from_db()
    assert welsh_folder.members_only is True


# Pages that are not live ---------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_a_document_only_a_page_that_is_not_live_uses_is_for_the_admin_only(
    client, signed_in, public_folder, member, editor, state
):
    if state == "draft":
        resource = ResourcePageFactory(parent=public_folder, publish=False)
    elif state == "scheduled":
        resource = ResourcePageFactory(parent=public_folder, publish=False)
        resource.go_live_at = timezone.now() + timedelta(days=3)
        resource.save_revision().publish()  # Wagtail keeps it unpublished until then
    else:
        resource = ResourcePageFactory(parent=public_folder)
        type(resource).objects.filter(pk=resource.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
    document_url = resource.document.url

    assert client.get(document_url).status_code == 404
    assert signed_in(member).get(document_url).status_code == 404
    assert sends_the_file(signed_in(editor).get(document_url))


def test_an_expired_page_is_not_found_before_the_expiry_job_runs(client, public_folder):
    resource = ResourcePageFactory(parent=public_folder)
    type(resource).objects.filter(pk=resource.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    assert client.get(resource.url).status_code == 404
    assert client.get(resource.url + "download/").status_code == 404


def test_a_fresh_upload_no_page_uses_is_not_served_to_members(signed_in, member, editor):
    document = ResourceDocumentFactory()

    assert signed_in(member).get(document.url).status_code == 404
    assert sends_the_file(signed_in(editor).get(document.url))


# Documents used by more than one page --------------------------------------------------


def test_a_document_a_public_and_a_members_only_resource_share_is_as_closed_as_the_strictest(
    client, public_folder, members_folder
):
    shared = ResourceDocumentFactory()
    public = ResourcePageFactory(parent=public_folder, document=shared)
    ResourcePageFactory(parent=members_folder, document=shared)

    generic = client.get(shared.url)
    own_route = client.get(public.url + "download/")

    assert generic.status_code == 302
    assert reverse("account_login") in generic["Location"]
    assert sends_the_file(own_route)


def test_a_document_linked_only_from_a_members_only_resources_text_stays_closed(
    client, signed_in, members_folder, member
):
    linked = ResourceDocumentFactory()
    ResourcePageFactory(
        parent=members_folder,
        description=f'<p>See <a linktype="document" id="{linked.pk}">the slides</a>.</p>',
    )

    assert client.get(linked.url).status_code == 302
    assert sends_the_file(signed_in(member).get(linked.url))


def test_a_documents_collection_privacy_applies_on_the_resources_own_route(
    client, signed_in, public_folder, member
):
    private = Collection.get_first_root_node().add_child(name="Private papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    resource = ResourcePageFactory(
        parent=public_folder, document=ResourceDocumentFactory(collection=private)
    )

    response = client.get(resource.url + "download/")

    assert response.status_code == 302
    assert sends_the_file(signed_in(member).get(resource.url + "download/"))


# Declined people see their real status -------------------------------------------------


def test_a_declined_person_is_told_their_membership_was_not_approved_not_to_wait(
    signed_in, members_folder
):
    from ..members.factories import MemberProfileFactory

    declined = MemberProfileFactory(status="declined").user
    resource = ResourcePageFactory(parent=members_folder)
    person = signed_in(declined)

    folder = person.get(members_folder.url).content.decode()
    refused = person.get(resource.url + "download/")

    assert "we were not able to approve your membership" in folder
    assert "waiting for approval" not in folder
    assert refused.status_code == 403
    assert "we were not able to approve your membership" in refused.content.decode()


# Caching, sitemap, search --------------------------------------------------------------


def test_members_only_pages_and_files_are_never_stored_by_a_cache_or_browser(
    client, signed_in, public_folder, members_folder, member
):
    closed = ResourcePageFactory(parent=members_folder)
    urls = [members_folder.url, closed.url, *file_urls(closed).values()]
    open_page = client.get(public_folder.url)

    member_client = signed_in(member)
    for url in urls:
        response = member_client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
    assert "no-store" not in open_page.get("Cache-Control", "")


def test_the_sitemap_lists_no_members_only_or_expired_resource(
    client, public_folder, members_folder
):
    listed = ResourcePageFactory(parent=public_folder, slug="listed-resource")
    ResourcePageFactory(parent=members_folder, slug="closed-resource")
    expired = ResourcePageFactory(parent=public_folder, slug="expired-resource")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    sitemap = client.get("/sitemap.xml").content.decode()

    assert listed.slug in sitemap
    assert "closed-resource" not in sitemap
    assert "expired-resource" not in sitemap


def test_search_never_shows_a_private_folders_resources(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Grounding techniques for staff")
    restrict(public_folder, PageViewRestriction.LOGIN)

    response = client.get("/search/", {"q": "grounding"})

    assert "Grounding techniques" not in response.content.decode()


def test_publishing_indexes_a_pages_documents_before_the_worker_runs(
    client, settings, public_folder, members_folder
):
    """Wagtail indexes references in a background task; publishing does it at once, so a
    document moved from a public resource to a members-only one closes straight away."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    moved = ResourceDocumentFactory()
    public = ResourcePageFactory(parent=public_folder, document=moved)
    closed = ResourcePageFactory(parent=members_folder, document=None)

    public.document = ResourceDocumentFactory()
    public.save_revision().publish()
    closed.document = moved
    closed.save_revision().publish()

    response = client.get(moved.url)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
