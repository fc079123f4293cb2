"""The library and resource pages, the content note before the preview, and the preview."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.embeds import privacy_enhanced_embed_url
from resources.models import ResourceDocument, ResourceLibraryPage

from ..home.markup import parse
from .factories import (
    AlternativeFormatFactory,
    FolderFactory,
    RelatedResourceFactory,
    ResourcePageFactory,
    ready_previews,
)

pytestmark = pytest.mark.django_db


def main_text(response):
    return " ".join(parse(response).find("main").get_text(" ", strip=True).split())


# Library -------------------------------------------------------------------------------


def test_the_library_lists_folders_with_how_many_resources_and_which_are_members_only(
    client, library, public_folder, members_folder
):
    ResourcePageFactory.create_batch(2, parent=public_folder)
    ResourcePageFactory(parent=public_folder, publish=False)
    ResourcePageFactory(parent=members_folder)

    response = client.get(library.url)

    cards = {
        card.find("a").get_text(strip=True): " ".join(card.get_text(" ", strip=True).split())
        for card in parse(response).select("main .nhsuk-card")
    }
    assert cards == {
        "Practice notes": "Practice notes 1 resource · Members only",
        "Workforce wellbeing": "Workforce wellbeing 2 resources",
    }


def test_in_a_members_only_library_every_folder_is_marked(client, library, public_folder):
    ResourceLibraryPage.objects.filter(pk=library.pk).update(members_only=True)

    response = client.get(library.url)

    assert "Members only" in parse(response).select_one("main .nhsuk-card").get_text()


def test_the_library_counts_resources_in_one_query_whatever_the_number_of_folders(client, library):
    FolderFactory(parent=library)
    client.get(library.url)
    with CaptureQueriesContext(connection) as one_folder:
        client.get(library.url)
    FolderFactory.create_batch(4, parent=library)
    with CaptureQueriesContext(connection) as five_folders:
        client.get(library.url)

    assert len(five_folders) == len(one_folder)


# Resource page -------------------------------------------------------------------------


@pytest.fixture
def full_resource(public_folder):
    resource = ResourcePageFactory(
        parent=public_folder,
        title="Trauma-informed supervision",
        summary="How supervisors can notice and respond.",
        description="<p>Practical steps for a first conversation.</p>",
        authors="A. Author, B. Author",
        organisation="Riverside NHS Foundation Trust",
        published_date=datetime.date(2024, 6, 1),
        review_date=datetime.date(2026, 6, 1),
        tags=["supervision"],
    )
    AlternativeFormatFactory(page=resource, kind="large_print")
    return resource


def test_a_resource_page_shows_what_the_resource_is(client, full_resource):
    response = client.get(full_resource.url)

    text = main_text(response)
    assert response.status_code == 200
    for expected in [
        "How supervisors can notice and respond.",
        "Practical steps for a first conversation.",
        "A. Author, B. Author",
        "Riverside NHS Foundation Trust",
        "Published 1 June 2024",
        "Next review 1 June 2026",
        "supervision",
        "Large print version, download (PDF, 1.0 KB, 2 pages)",
    ]:
        assert expected in text
    soup = parse(response)
    assert (
        soup.find("a", string="supervision")["href"]
        == "/resources/workforce-wellbeing/?tag=supervision"
    )
    assert soup.select_one("a[href$='/download/']")


def test_related_resources_show_only_those_the_reader_may_open(
    client, full_resource, members_folder, public_folder
):
    RelatedResourceFactory(
        page=full_resource, resource=ResourcePageFactory(parent=public_folder, title="Open one")
    )
    RelatedResourceFactory(
        page=full_resource, resource=ResourcePageFactory(parent=members_folder, title="Hidden one")
    )

    text = main_text(client.get(full_resource.url))

    assert "Open one" in text
    assert "Hidden one" not in text


def test_a_members_only_resource_shows_a_visitor_its_title_and_how_to_sign_in_only(
    client, members_folder
):
    resource = ResourcePageFactory(
        parent=members_folder,
        title="Supervision notes",
        summary="secret summary",
        description="<p>secret description</p>",
        content_note="secret note",
        authors="secret author",
    )

    response = client.get(resource.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert parse(response).find("h1").get_text(strip=True) == "Supervision notes"
    assert "Sign in to open" in html
    for secret in [
        "secret summary",
        "secret description",
        "secret note",
        "secret author",
        "download/",
    ]:
        assert secret not in html


def test_a_pending_member_is_told_their_membership_is_waiting_on_the_resource_page(
    signed_in, pending_member, members_folder
):
    resource = ResourcePageFactory(parent=members_folder, summary="secret summary")

    html = signed_in(pending_member).get(resource.url).content.decode()

    assert "Your membership is waiting for approval" in html
    assert "secret summary" not in html


def test_the_resource_page_costs_the_same_queries_with_more_formats_related_and_tags(
    client, public_folder
):
    resource = ResourcePageFactory(parent=public_folder, tags=["one"])
    AlternativeFormatFactory(page=resource)
    RelatedResourceFactory(page=resource, resource=ResourcePageFactory(parent=public_folder))
    client.get(resource.url)
    with CaptureQueriesContext(connection) as few:
        client.get(resource.url)
    resource.tags.add("two", "three")
    resource.save()
    AlternativeFormatFactory.create_batch(3, page=resource)
    for _ in range(3):
        RelatedResourceFactory(page=resource, resource=ResourcePageFactory(parent=public_folder))
    with CaptureQueriesContext(connection) as many:
        response = client.get(resource.url)

    assert main_text(response).count("version, download") == 4
    assert len(many) == len(few)


# Content note and preview ---------------------------------------------------------------


@pytest.fixture
def noted_resource(public_folder):
    resource = ResourcePageFactory(parent=public_folder, content_note="childhood abuse")
    ready_previews(resource.document, ["Words on page one", "Words on page two"])
    return resource


def test_the_content_note_comes_before_the_preview_with_a_choice_to_continue(
    client, noted_resource
):
    response = client.get(noted_resource.url)

    soup = parse(response)
    note = soup.select_one("#content-note")
    assert "This covers: childhood abuse." in note.get_text()
    continue_link = note.find("a", string="Continue to the preview")
    assert continue_link["href"] == noted_resource.url + "preview/?shown=1"
    assert note.select_one("a[href$='/download/']")
    assert not soup.select("img.coa-preview-page__image")


def test_the_preview_without_choosing_to_continue_shows_the_note_again_not_the_pages(
    client, noted_resource
):
    response = client.get(noted_resource.url + "preview/")

    soup = parse(response)
    assert response.status_code == 200
    assert "This covers: childhood abuse." in soup.select_one("#content-note").get_text()
    assert not soup.select("img.coa-preview-page__image")
    assert "Words on page one" not in response.content.decode()


def test_after_choosing_to_continue_each_page_shows_with_its_text(client, noted_resource):
    response = client.get(noted_resource.url + "preview/", {"shown": "1"})

    soup = parse(response)
    images = soup.select("img.coa-preview-page__image")
    assert [img["alt"] for img in images] == ["Page 1 of 2", "Page 2 of 2"]
    assert images[0]["src"] == f"/resources/previews/{noted_resource.document_id}/1.png"
    texts = [d.get_text(" ", strip=True) for d in soup.select(".coa-preview-page details")]
    assert texts == ["Text of page 1 Words on page one", "Text of page 2 Words on page two"]
    assert not soup.select("#content-note")


def test_preview_pages_take_the_full_width_not_the_two_thirds_column(client, noted_resource):
    response = client.get(noted_resource.url + "preview/", {"shown": "1"})

    soup = parse(response)
    assert soup.select_one("main > ol.coa-preview-pages")
    assert not soup.select(".nhsuk-grid-column-two-thirds .coa-preview-page")
    assert soup.select_one(".nhsuk-grid-column-two-thirds h1").get_text() == noted_resource.title


def test_a_resource_without_a_note_previews_straight_away(client, public_folder):
    resource = ResourcePageFactory(parent=public_folder)
    ready_previews(resource.document)

    response = client.get(resource.url + "preview/")

    assert len(parse(response).select("img.coa-preview-page__image")) == 2


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("pending", "The preview is being prepared; you can download the file now."),
        ("failed", "We could not make a preview of this file. You can still download it."),
    ],
)
def test_a_preview_that_is_not_ready_says_so_and_offers_the_download(
    client, public_folder, status, message
):
    resource = ResourcePageFactory(parent=public_folder)
    ResourceDocument.objects.filter(pk=resource.document_id).update(preview_status=status)

    response = client.get(resource.url + "preview/")

    assert message in main_text(response)
    assert parse(response).select_one("main a[href$='/download/']")


def test_an_unavailable_preview_gives_the_reason_in_the_readers_language(client, public_folder):
    resource = ResourcePageFactory(parent=public_folder)
    ResourceDocument.objects.filter(pk=resource.document_id).update(
        preview_status="unavailable",
        preview_message="Slides can be previewed once LibreOffice is installed.",
    )

    response = client.get(resource.url + "preview/")

    # The reason is given in the reader's language, not the stored English message.
    text = main_text(response)
    assert "A preview is not available for this type of file. You can download it." in text
    assert "LibreOffice" not in text


def test_a_video_is_embedded_from_its_privacy_enhanced_address(client, public_folder):
    video = ResourcePageFactory(
        parent=public_folder,
        title="Grounding",
        document=None,
        resource_type="video",
        media_url="https://youtu.be/dQw4w9WgXcQ",
    )

    iframe = parse(client.get(video.url + "preview/")).find("iframe")

    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert iframe["title"] == "Video: Grounding"


def test_a_video_somewhere_else_is_a_link(client, public_folder):
    video = ResourcePageFactory(
        parent=public_folder, document=None, media_url="https://example.org/talk.mp4"
    )

    soup = parse(client.get(video.url + "preview/"))

    assert soup.find("iframe") is None
    assert soup.select_one("main a[href='https://example.org/talk.mp4']")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ('https://www.youtube.com/watch?v=bad"><script>', ""),
        ("https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ", ""),
        ("", ""),
    ],
)
def test_privacy_enhanced_embed_url(url, expected):
    assert privacy_enhanced_embed_url(url) == expected
