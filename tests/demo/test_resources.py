"""The resource library's demo content: the seed workspace's figures, computed from the data,
and its Welsh translation (the library, folders and resources, through wagtail-localize).

The home, members and resources demos are built once for the module (about half a minute),
inside a transaction rolled back at the end; each test runs in a savepoint inside it.
"""

from datetime import date, timedelta
from io import StringIO
from urllib.parse import urljoin

from django.db.models import Count, F
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

import pytest

from home.models import HomePage, StandardPage
from resources import analytics
from resources import demo as resources_demo
from resources.models import (
    AlternativeFormat,
    DocumentPreviewPage,
    ResourceDocument,
    ResourceEvent,
    ResourceLibraryPage,
    ResourcePage,
    ResourceType,
    SubjectFolderPage,
)
from tests.home.markup import parse

pytestmark = pytest.mark.django_db


def test_the_impact_figures_are_the_seed_workspaces(demo):
    figures = analytics.library_figures()

    assert figures == {"resources": 34, "folders": 7, "downloads": 405, "previews": 943}


def in_english(model):
    return model.objects.live().filter(locale=Locale.get_default())


def in_welsh(model):
    return model.objects.live().filter(locale__language_code="cy")


def test_seven_folders_of_which_two_are_for_members_only(demo):
    folders = in_english(SubjectFolderPage)

    assert folders.count() == 7
    assert set(folders.filter(members_only=True).values_list("title", flat=True)) == {
        "Lived experience and co-production",
        "Research and evaluation",
    }


def test_every_resource_is_a_document_or_a_video_link(demo):
    resources = in_english(ResourcePage)

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
    formats = AlternativeFormat.objects.filter(page__locale=Locale.get_default()).select_related(
        "document", "page"
    )
    welsh = AlternativeFormat.objects.filter(page__locale__language_code="cy")

    assert formats.count() == 2
    assert {f.document_id for f in welsh} == {f.document_id for f in formats}
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
    results = in_english(ResourcePage).search("kerb")

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
    assert (
        "(0 new folders, 0 new resources, 0 new documents, 0 new events, "
        "0 new Welsh translations)" in output.getvalue()
    )
    assert "34 new resources" in demo["output"]
    assert "42 new Welsh translations" in demo["output"]


# Welsh ---------------------------------------------------------------------------------


def test_library_folders_and_resources_are_translated_into_welsh(demo):
    library = in_welsh(ResourceLibraryPage).get()
    folders = in_welsh(SubjectFolderPage)
    resources = in_welsh(ResourcePage)

    assert (library.title, library.slug) == ("Adnoddau", "adnoddau")
    assert library.show_in_menus
    assert folders.count() == 7
    assert set(folders.child_of(library).values_list("slug", flat=True)) >= {
        "deall-trawma",
        "llesiant-y-gweithlu",
    }
    assert resources.count() == 34
    glossary = resources.get(slug="geirfa-termau")
    assert glossary.title == "Geirfa termau gofal wedi'i lywio gan drawma"
    assert glossary.get_parent().title == "Deall trawma"
    assert "Diffiniadau clir" in glossary.summary
    assert glossary.organisation == "Cymuned Weithredu"


def test_welsh_copies_are_wagtail_localize_translations_open_in_the_translate_screen(demo):
    welsh = Locale.objects.get(language_code="cy")
    translations = Translation.objects.filter(target_locale=welsh, enabled=True)
    library = in_english(ResourceLibraryPage).get()
    sources = set(translations.values_list("source__object_id", flat=True))

    assert library.translation_key in sources
    assert set(in_english(SubjectFolderPage).values_list("translation_key", flat=True)) <= sources
    assert set(in_english(ResourcePage).values_list("translation_key", flat=True)) <= sources
    assert StringTranslation.objects.filter(locale=welsh, data="Deall trawma").exists()


def test_welsh_folders_keep_the_members_only_switch_of_the_english_ones(demo):
    closed = in_welsh(SubjectFolderPage).filter(members_only=True)

    assert set(closed.values_list("title", flat=True)) == {
        "Profiad bywyd a chydgynhyrchu",
        "Ymchwil a gwerthuso",
    }


def test_welsh_resources_offer_the_english_documents_and_keep_their_content_notes(demo):
    english = {p.translation_key: p for p in in_english(ResourcePage)}

    for welsh in in_welsh(ResourcePage):
        source = english[welsh.translation_key]
        assert welsh.document_id == source.document_id
        assert welsh.media_url == source.media_url
        assert bool(welsh.content_note) == bool(source.content_note), source.slug
        assert welsh.title != source.title


def test_welsh_folder_page_lists_welsh_titles_and_says_the_documents_are_english(client, demo):
    response = client.get("/cy/adnoddau/deall-trawma/")
    english = parse(client.get("/resources/understanding-trauma/"))

    soup = parse(response)
    titles = [h2.get_text(strip=True) for h2 in soup.select(".coa-resource-list h2")]
    assert response.status_code == 200
    assert soup.html["lang"] == "cy"
    assert soup.find("h1").get_text(strip=True) == "Deall trawma"
    assert "Geirfa termau gofal wedi'i lywio gan drawma" in titles
    assert len(titles) == 6
    assert soup.select_one("[data-documents-language]") is not None
    assert english.select_one("[data-documents-language]") is None


def test_welsh_menu_links_to_the_welsh_sections(client, demo):
    links = parse(client.get("/cy/")).select(".nhsuk-header__navigation a")

    assert [(a["href"], a.get("lang")) for a in links] == [
        ("/cy/amdanom-ni/", None),
        ("/cy/adnoddau/", None),
        ("/cy/gweminarau/", None),
        ("/cy/fforymau/", None),
        ("/cy/straeon/", None),
    ]


# Dates ---------------------------------------------------------------------------------


def test_demo_resources_were_published_in_the_last_two_years_and_reviews_mostly_come_later(
    demo,
):
    today = timezone.localdate()
    resources = ResourcePage.objects.filter(locale__language_code="en-gb")

    published = list(resources.values_list("published_date", flat=True))
    assert all(today - timedelta(days=730) <= day < today for day in published)
    assert max(published) >= today - timedelta(days=60)
    assert resources.filter(review_date__gt=today).count() == resources.count() - 2


def test_two_demo_resources_are_overdue_for_review_on_purpose(demo):
    overdue = ResourcePage.objects.filter(locale__language_code="en-gb").due_for_review()

    assert set(overdue.values_list("slug", flat=True)) == {
        "glossary-of-terms",
        "consensus-exercise-report",
    }
    assert all(page.published_date < page.review_date for page in overdue)


def test_no_demo_event_comes_before_its_resource_was_published(demo):
    early = ResourceEvent.objects.filter(created_at__date__lt=F("resource__published_date"))

    assert not early.exists()


def test_dates_are_moved_to_fit_the_day_the_demo_is_built():
    folders = [
        {
            "resources": [
                {"published": "2020-01-01", "review": "2023-01-01"},
                {"published": "2021-01-01", "review": "2026-01-01"},
                {"published": "2020-06-01", "review": "2023-06-01", "review_overdue_days": 30},
            ]
        }
    ]
    today = date(2030, 6, 15)

    resources_demo.move_dates_to_today(folders, today)

    oldest, newest, overdue = folders[0]["resources"]
    assert newest["published"] == "2030-05-25"  # three weeks ago
    assert oldest["published"] == (today - timedelta(days=721)).isoformat()
    assert oldest["published"] < overdue["published"] < newest["published"]
    assert date.fromisoformat(newest["review"]) - date.fromisoformat(newest["published"]) == (
        date(2026, 1, 1) - date(2021, 1, 1)
    )
    assert overdue["review"] == "2030-05-16"


# Links ---------------------------------------------------------------------------------


def test_no_demo_page_links_to_a_page_that_is_not_there(demo, client):
    """Copy may promise webinars and forums before they exist, but never link to them."""
    seeds = [
        page.url
        for page in Page.objects.live()
        .type(HomePage, StandardPage, ResourceLibraryPage, SubjectFolderPage)
        .specific()
    ]
    links = set()
    for url in seeds:
        response = client.get(url)
        assert response.status_code == 200, url
        for anchor in parse(response).select("a[href]"):
            href = urljoin(url, anchor["href"].split("#")[0])
            if href.startswith("/") and not href.startswith("//"):
                links.add(href)

    broken = {link: client.get(link).status_code for link in sorted(links)}
    broken = {link: status for link, status in broken.items() if status in (404, 500)}

    assert len(links) > 50
    assert broken == {}
