"""What the search finds and in what order: every word by default, any word as a labelled
fallback, and title matches before summary matches before matches in the text, resources
before other pages. The same on SQLite and PostgreSQL (search/ranking.py says why it is not
left to the backends' scores)."""

from django.test import override_settings

import pytest

from resources.models import ResourcePage

from ..home.factories import StandardPageFactory, stream
from ..home.markup import parse
from ..resources.factories import ResourceDocumentFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

ANY_WORD_NOTICE = "No results with all of your words. Showing results with any of them."
#: A database backend whose query compiler cannot sort by expressions, as Elasticsearch's
#: and OpenSearch's cannot.
RELEVANCE_ONLY_BACKEND = {"default": {"BACKEND": "tests.search.relevance_only_backend"}}


def result_titles(response):
    return [a.get_text(strip=True) for a in parse(response).select("main .nhsuk-list h2 a")]


def document_with_text(text):
    document = ResourceDocumentFactory()
    document.extracted_text = text
    document.save()
    return document


@pytest.fixture
def trauma_results(home_page, public_folder):
    """Where "trauma" appears: in titles, summaries, a description, a document, a page's text."""
    StandardPageFactory(
        parent=home_page,
        title="About us",
        summary="Who we are: a community for trauma-informed care.",
        body=stream(("paragraph", "<p>Trauma, trauma and trauma again: trauma is our work.</p>")),
    )
    StandardPageFactory(
        parent=home_page,
        title="Trauma and us",
        summary="Why we started.",
        body=stream(("paragraph", "<p>Our story.</p>")),
    )
    ResourcePageFactory(
        parent=public_folder,
        title="In the document only",
        summary="A guide.",
        document=document_with_text("Notes on trauma at work."),
    )
    ResourcePageFactory(
        parent=public_folder,
        title="In the description only",
        summary="A guide.",
        description="<p>About trauma.</p>",
    )
    ResourcePageFactory(
        parent=public_folder, title="Summary match", summary="Secondary trauma in teams."
    )
    ResourcePageFactory(
        parent=public_folder, title="Trauma-informed leadership", summary="For managers."
    )


def test_resources_rank_by_title_then_summary_then_text_and_before_pages(client, trauma_results):
    titles = result_titles(client.get("/search/", {"q": "trauma"}))

    assert titles[:4] == [
        "Trauma-informed leadership",  # title, resource
        "Trauma and us",  # title, page
        "Summary match",  # summary, resource
        "About us",  # summary, page (however often its text repeats the word)
    ]
    assert set(titles[4:6]) == {"In the document only", "In the description only"}
    assert titles.index("About us") > titles.index("Trauma-informed leadership")


def test_within_each_tier_the_newest_resource_comes_first(client, public_folder):
    ResourcePageFactory(
        parent=public_folder, title="Grounding one", published_date="2023-05-01", summary="."
    )
    ResourcePageFactory(
        parent=public_folder, title="Grounding two", published_date="2025-01-10", summary="."
    )

    assert result_titles(client.get("/search/", {"q": "grounding"})) == [
        "Grounding two",
        "Grounding one",
    ]


def test_every_word_must_match(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Sleep and shift work", summary="Rest.")
    ResourcePageFactory(parent=public_folder, title="Sleep hygiene", summary="Rest.")
    ResourcePageFactory(parent=public_folder, title="Shift handovers", summary="Teams.")

    response = client.get("/search/", {"q": "sleep shift"})

    assert result_titles(response) == ["Sleep and shift work"]
    assert ANY_WORD_NOTICE not in response.content.decode()


def test_a_two_word_title_finds_that_resource_and_not_ones_with_one_of_the_words(
    client, public_folder
):
    ResourcePageFactory(parent=public_folder, title="Grounding exercises", summary="Calm.")
    ResourcePageFactory(parent=public_folder, title="Grounding walk", summary="Outdoors.")
    ResourcePageFactory(parent=public_folder, title="Breathing exercises", summary="Calm.")

    response = client.get("/search/", {"q": "Grounding exercises"})

    assert result_titles(response) == ["Grounding exercises"]


def test_the_title_with_every_word_comes_first_even_where_common_words_are_ignored(
    client, public_folder
):
    # PostgreSQL's English search leaves out common words such as "being", so there a
    # resource with only "believed" matches too; it still comes after the exact title.
    ResourcePageFactory(parent=public_folder, title="Believed at last", summary="Justice.")
    ResourcePageFactory(parent=public_folder, title="Being believed", summary="A narrative.")

    titles = result_titles(client.get("/search/", {"q": "Being believed"}))

    assert titles[0] == "Being believed"
    assert set(titles) <= {"Being believed", "Believed at last"}


def test_when_no_result_has_every_word_results_with_any_are_shown_and_labelled(
    client, public_folder
):
    ResourcePageFactory(parent=public_folder, title="Sleep hygiene", summary="Rest.")
    ResourcePageFactory(parent=public_folder, title="Shift handovers", summary="Teams.")

    response = client.get("/search/", {"q": "sleep xylophone"})

    main = parse(response).find("main")
    assert result_titles(response) == ["Sleep hygiene"]
    assert main.select_one(".coa-search-any-word").get_text(" ", strip=True) == (
        "Information: " + ANY_WORD_NOTICE
    )


def test_any_word_results_put_the_resource_with_most_in_its_title_first(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Shift handovers", summary="Teams.")
    ResourcePageFactory(parent=public_folder, title="Notes", summary="Sleep well.")

    titles = result_titles(client.get("/search/", {"q": "sleep shift xylophone"}))

    assert titles == ["Shift handovers", "Notes"]


def test_no_match_for_any_word_shows_no_results_without_the_any_word_label(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Sleep hygiene", summary="Rest.")

    response = client.get("/search/", {"q": "xylophone quillwort"})

    html = response.content.decode()
    assert result_titles(response) == []
    assert "No results for “xylophone quillwort”" in html
    assert ANY_WORD_NOTICE not in html


def test_the_any_word_fallback_never_shows_a_members_only_resource_to_a_visitor(
    client, public_folder, members_folder
):
    ResourcePageFactory(parent=members_folder, title="Quillwort supervision", summary="Secret.")
    ResourcePageFactory(parent=public_folder, title="Supervision basics", summary="Open.")

    response = client.get("/search/", {"q": "quillwort supervision"})

    assert result_titles(response) == ["Supervision basics"]
    assert "Quillwort" not in response.content.decode()


def test_the_any_word_fallback_keeps_the_chosen_type(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Calm guide", resource_type="guide")
    ResourcePageFactory(parent=public_folder, title="Calm report", resource_type="report")

    response = client.get("/search/", {"q": "calm xylophone", "type": "report"})

    assert result_titles(response) == ["Calm report"]
    assert ANY_WORD_NOTICE in response.content.decode()


def test_a_quoted_phrase_is_searched_as_a_phrase(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Reflective practice groups", summary=".")
    ResourcePageFactory(parent=public_folder, title="Practice that is reflective", summary=".")

    response = client.get("/search/", {"q": '"reflective practice"'})

    assert result_titles(response) == ["Reflective practice groups"]


def test_the_fields_boosts_put_title_above_summary_above_description_and_document_text():
    boosts = {
        field.field_name: field.boost
        for field in ResourcePage.get_searchable_search_fields()
        if field.field_name in {"title", "summary", "description", "document_text"}
    }

    assert boosts["title"] > boosts["summary"] > boosts["description"]
    assert boosts["description"] == boosts["document_text"]


@override_settings(WAGTAILSEARCH_BACKENDS=RELEVANCE_ONLY_BACKEND)
def test_a_backend_that_cannot_sort_by_expressions_still_finds_and_describes_results(
    client, trauma_results
):
    response = client.get("/search/", {"q": "trauma"})

    titles = result_titles(response)
    assert len(titles) == 7  # the six pages above and the home page
    assert "Trauma-informed leadership" in titles
    assert "Folder: Workforce wellbeing" in parse(response).find("main").get_text()
