"""The resource library's demo content: the seed workspace's figures, computed from the data.

The home, members and resources demos are built once for the module (about ten seconds),
inside a transaction rolled back at the end; each test runs in a savepoint inside it.
"""

import time
from datetime import timedelta
from io import StringIO

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

import pytest

from home import demo as home_demo
from members import demo as members_demo
from resources import analytics
from resources import demo as resources_demo
from resources.models import (
    AlternativeFormat,
    DocumentPreviewPage,
    ResourceDocument,
    ResourceEvent,
    ResourcePage,
    ResourceType,
    SubjectFolderPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            home_demo.build(StringIO())
            members_demo.build(StringIO())
            output = StringIO()
            started = time.perf_counter()
            resources_demo.build(output)
            yield {
                "output": output.getvalue(),
                "seconds": time.perf_counter() - started,
                "media": media,
            }
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


def test_the_impact_figures_are_the_seed_workspaces(demo):
    figures = analytics.library_figures()

    assert figures == {"resources": 34, "folders": 7, "downloads": 405, "previews": 943}


def test_seven_folders_of_which_two_are_for_members_only(demo):
    folders = SubjectFolderPage.objects.live()

    assert folders.count() == 7
    assert set(folders.filter(members_only=True).values_list("title", flat=True)) == {
        "Lived experience and co-production",
        "Research and evaluation",
    }


def test_every_resource_is_a_document_or_a_video_link(demo):
    resources = ResourcePage.objects.live()

    assert resources.count() == 34
    videos = resources.filter(resource_type=ResourceType.VIDEO)
    assert videos.count() == 2
    assert all(v.media_url.startswith("https://www.youtube.com/") for v in videos)
    assert not videos.filter(document__isnull=False).exists()
    assert resources.exclude(resource_type=ResourceType.VIDEO).filter(document=None).count() == 0


def test_resources_use_every_type_and_spread_over_every_folder(demo):
    types = set(ResourcePage.objects.values_list("resource_type", flat=True))
    per_folder = [f.get_children().live().count() for f in SubjectFolderPage.objects.all()]

    assert types == set(ResourceType.values)
    assert min(per_folder) >= 4


def test_distressing_resources_carry_a_content_note(demo):
    noted = set(ResourcePage.objects.exclude(content_note="").values_list("slug", flat=True))

    assert {
        "being-believed",
        "what-helped-in-crisis",
        "understanding-county-lines",
        "adverse-childhood-experiences-evidence",
    } <= noted
    assert "glossary-of-terms" not in noted


def test_two_resources_have_an_easy_read_version(demo):
    formats = AlternativeFormat.objects.select_related("document", "page")

    assert formats.count() == 2
    assert {f.kind for f in formats} == {AlternativeFormat.Kind.EASY_READ}
    assert all(f.document.page_count and f.document.extracted_text for f in formats)


def test_every_demo_pdf_has_two_to_six_pages_of_text_and_its_previews(demo):
    documents = ResourceDocument.objects.all()

    assert documents.count() == 34  # 32 resources' files and 2 easy read versions
    for document in documents:
        assert document.file.name.endswith(".pdf")
        assert 2 <= document.page_count <= 6, document
        assert document.preview_status == ResourceDocument.PreviewStatus.READY
        assert document.preview_pages.count() == document.page_count
    words = ResourceDocument.objects.get(title__startswith="Understanding county lines")
    assert "What county lines means" in words.extracted_text


def test_preview_pages_are_images_with_the_pages_text(demo):
    page = DocumentPreviewPage.objects.filter(
        document__title__startswith="Glossary", number=2
    ).get()

    assert (demo["media"] / page.image.name).stat().st_size > 1000
    assert page.width >= 900
    assert "Window of tolerance" in page.text


def test_events_are_spread_over_the_last_18_months(demo):
    now = timezone.now()
    events = ResourceEvent.objects.all()

    oldest = events.order_by("created_at").first().created_at
    assert now - timedelta(days=549) <= oldest <= now - timedelta(days=400)
    assert events.filter(created_at__gte=now - timedelta(days=30)).exists()
    months = {(e.year, e.month) for e in events.datetimes("created_at", "month")}
    assert len(months) >= 18


def test_events_on_members_only_resources_all_have_a_member(demo):
    members_only = ResourceEvent.objects.filter(folder__members_only=True)

    assert members_only.exists()
    assert not members_only.filter(member=None).exists()
    assert ResourceEvent.objects.filter(folder__members_only=False, member=None).exists()
    assert all(
        e.member.is_approved_member
        for e in members_only.select_related("member__member_profile")[:50]
    )


def test_downloads_are_of_documents_and_some_resources_are_more_popular(demo):
    downloads = ResourceEvent.objects.downloads()
    counts = sorted(
        downloads.values("resource").order_by().annotate(n=Count("pk")).values_list("n", flat=True)
    )

    assert not downloads.filter(document=None).exists()
    assert counts[-1] >= 3 * counts[0]


def test_demo_resources_are_found_by_text_inside_their_documents(demo):
    results = ResourcePage.objects.live().search("kerb")

    assert [r.slug for r in results] == ["what-helped-in-crisis"]


def test_a_second_run_creates_nothing_and_says_so(demo):
    before = (
        ResourcePage.objects.count(),
        ResourceDocument.objects.count(),
        ResourceEvent.objects.count(),
        DocumentPreviewPage.objects.count(),
    )
    output = StringIO()

    resources_demo.build(output)

    after = (
        ResourcePage.objects.count(),
        ResourceDocument.objects.count(),
        ResourceEvent.objects.count(),
        DocumentPreviewPage.objects.count(),
    )
    assert after == before
    assert "(0 new folders, 0 new resources, 0 new documents, 0 new events)" in output.getvalue()
    assert "34 new resources" in demo["output"]


def test_the_resources_demo_builds_in_well_under_a_minute(demo):
    assert demo["seconds"] < 60
