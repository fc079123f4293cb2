"""The site search finds resources by their words and their files' text, and never shows a
members-only resource, not even its title, to someone who may not open it."""

import pytest

from resources.models import ResourceLibraryPage

from ..home.markup import parse
from .factories import ResourceDocumentFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [a.get_text(strip=True) for a in parse(response).select("main .nhsuk-list h2 a")]


@pytest.fixture
def secret(members_folder):
    document = ResourceDocumentFactory()
    document.extracted_text = "Inside the file: quillwort supervision"
    document.save()
    return ResourcePageFactory(
        parent=members_folder,
        title="Practice notes on quillwort",
        summary="A summary about quillwort.",
        document=document,
    )


@pytest.fixture
def public(public_folder):
    return ResourcePageFactory(
        parent=public_folder, title="Sleep and shift work", summary="About rest.", tags=["sleep"]
    )


@pytest.mark.parametrize(
    "query",
    ["Sleep", "rest", "sleep"],
    ids=["title", "summary", "tag"],
)
def test_a_public_resource_is_found_by_its_title_summary_and_tags(client, public, query):
    assert result_titles(client.get("/search/", {"q": query})) == ["Sleep and shift work"]


def test_a_resource_is_found_by_the_text_inside_its_document(signed_in, member, secret):
    response = signed_in(member).get("/search/", {"q": "supervision"})

    assert result_titles(response) == ["Practice notes on quillwort"]


def test_a_resource_is_found_by_its_description(client, public_folder):
    ResourcePageFactory(
        parent=public_folder, title="Grounding", description="<p>Breathing with xylophones</p>"
    )

    assert result_titles(client.get("/search/", {"q": "xylophones"})) == ["Grounding"]


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_a_members_only_resource_is_not_found_by_someone_who_may_not_open_it(
    signed_in, pending_member, secret, who
):
    client = signed_in(pending_member if who == "pending" else None)

    response = client.get("/search/", {"q": "quillwort"})

    html = response.content.decode()
    assert result_titles(response) == []
    assert "Practice notes on quillwort" not in html
    assert "A summary about quillwort." not in html


def test_a_member_finds_the_members_only_resource(signed_in, member, secret):
    response = signed_in(member).get("/search/", {"q": "quillwort"})

    assert result_titles(response) == ["Practice notes on quillwort"]


def test_nothing_under_a_members_only_library_is_found_by_a_visitor(
    client, library, public_folder, public
):
    ResourceLibraryPage.objects.filter(pk=library.pk).update(members_only=True)

    response = client.get("/search/", {"q": "sleep"})

    assert result_titles(response) == []


def test_the_type_facet_counts_only_what_the_reader_may_see(client, public_folder, members_folder):
    ResourcePageFactory(parent=public_folder, title="Calm guide", resource_type="guide")
    ResourcePageFactory(parent=public_folder, title="Calm report", resource_type="report")
    ResourcePageFactory(parent=members_folder, title="Calm secret", resource_type="report")

    response = client.get("/search/", {"q": "calm"})

    facets = [
        li.get_text(" ", strip=True) for li in parse(response).select(".coa-search-facets li")
    ]
    assert facets == ["Guide (1)", "Report (1)"]


def test_choosing_a_type_narrows_the_results_to_resources_of_that_type(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Calm guide", resource_type="guide")
    ResourcePageFactory(parent=public_folder, title="Calm report", resource_type="report")

    response = client.get("/search/", {"q": "calm", "type": "report"})

    assert result_titles(response) == ["Calm report"]


def test_an_unknown_type_is_ignored(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Calm guide", resource_type="guide")

    response = client.get("/search/", {"q": "calm", "type": "bogus"})

    assert result_titles(response) == ["Calm guide"]


def test_a_resource_is_found_by_the_words_of_a_new_file_put_in_place_of_the_old(
    client, public, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from .factories import pdf_bytes

    document = public.document
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("new.pdf", ContentFile(pdf_bytes(["Notes on marram grass"])))

    assert result_titles(client.get("/search/", {"q": "marram"})) == ["Sleep and shift work"]
