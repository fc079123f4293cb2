"""A subject folder lists its resources: facts, counts, content notes, filters, sort, pages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from resources.models import ResourceEvent

from ..home.markup import parse
from .factories import (
    ResourceDocumentFactory,
    ResourceEventFactory,
    ResourcePageFactory,
    ready_previews,
)

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return [h2.get_text(strip=True) for h2 in parse(response).select("main .coa-resource-list h2")]


def test_a_folder_lists_each_resource_with_what_to_know_before_opening_it(client, public_folder):
    resource = ResourcePageFactory(
        parent=public_folder,
        title="Sleep and shift work",
        resource_type="toolkit",
        published_date=datetime.date(2024, 3, 5),
        content_note="suicide",
    )
    ready_previews(resource.document)
    ResourceEventFactory.create_batch(3, resource=resource, kind=ResourceEvent.Kind.DOWNLOAD)
    ResourceEventFactory.create_batch(5, resource=resource, kind=ResourceEvent.Kind.PREVIEW)

    response = client.get(public_folder.url)

    item = parse(response).select_one("main .coa-resource-list li")
    text = " ".join(item.get_text(" ", strip=True).split())
    assert response.status_code == 200
    assert item.find("a")["href"] == resource.url
    assert "Toolkit" in text
    assert "Published 5 March 2024" in text
    assert "PDF, 1.0 KB, 2 pages" in text
    assert "5 previews" in text
    assert "3 downloads" in text
    assert "Content note: suicide" in text


def test_only_live_resources_are_listed(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Published")
    ResourcePageFactory(parent=public_folder, title="Draft", publish=False)

    assert listed_titles(client.get(public_folder.url)) == ["Published"]


def test_filter_by_type(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="A guide", resource_type="guide")
    ResourcePageFactory(parent=public_folder, title="A report", resource_type="report")

    assert listed_titles(client.get(public_folder.url, {"type": "report"})) == ["A report"]


def test_an_unknown_type_or_tag_is_ignored(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="A guide", resource_type="guide")

    response = client.get(public_folder.url, {"type": "bogus", "tag": "<script>", "sort": "x"})

    assert response.status_code == 200
    assert listed_titles(response) == ["A guide"]


def test_filter_by_tag(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="About sleep", tags=["sleep"])
    ResourcePageFactory(parent=public_folder, title="About anger", tags=["anger"])

    response = client.get(public_folder.url, {"tag": "sleep"})

    assert listed_titles(response) == ["About sleep"]
    options = [o.get_text(strip=True) for o in parse(response).select("#filter-tag option")]
    assert options == ["All topics", "anger (1)", "sleep (1)"]


def test_sort_newest_first_by_published_date(client, public_folder):
    ResourcePageFactory(
        parent=public_folder, title="Old", published_date=datetime.date(2020, 1, 1)
    )
    ResourcePageFactory(
        parent=public_folder, title="New", published_date=datetime.date(2025, 1, 1)
    )
    ResourcePageFactory(parent=public_folder, title="Undated", published_date=None)

    assert listed_titles(client.get(public_folder.url)) == ["New", "Old", "Undated"]


def test_sort_most_downloaded_first(client, public_folder):
    less = ResourcePageFactory(parent=public_folder, title="Less")
    more = ResourcePageFactory(parent=public_folder, title="More")
    ResourceEventFactory(resource=less)
    ResourceEventFactory.create_batch(2, resource=more)
    ResourceEventFactory.create_batch(4, resource=less, kind=ResourceEvent.Kind.PREVIEW)

    response = client.get(public_folder.url, {"sort": "downloads"})

    assert listed_titles(response) == ["More", "Less"]


def test_pages_of_ten_and_a_page_that_is_not_a_number_shows_the_first(client, public_folder):
    for n in range(12):
        ResourcePageFactory(
            parent=public_folder,
            title=f"Resource {n:02}",
            published_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )

    first = client.get(public_folder.url, {"page": "abc"})
    second = client.get(public_folder.url, {"page": "2"})

    assert len(listed_titles(first)) == 10
    assert listed_titles(first)[0] == "Resource 11"
    assert listed_titles(second) == ["Resource 01", "Resource 00"]
    next_link = parse(first).select_one(".nhsuk-pagination__link--next")["href"]
    assert next_link == "?page=2"


def test_pagination_keeps_the_filters(client, public_folder):
    for n in range(11):
        ResourcePageFactory(parent=public_folder, title=f"Report {n}", resource_type="report")

    response = client.get(public_folder.url, {"type": "report", "sort": "downloads"})

    next_link = parse(response).select_one(".nhsuk-pagination__link--next")["href"]
    assert next_link == "?type=report&sort=downloads&page=2"


def test_a_visitor_sees_only_titles_and_sign_in_in_a_members_only_folder(client, members_folder):
    ResourcePageFactory(
        parent=members_folder,
        title="Supervision notes",
        summary="A secret summary",
        content_note="a secret note",
    )

    response = client.get(members_folder.url)

    html = response.content.decode()
    item = parse(response).select_one("main .coa-resource-list li")
    assert listed_titles(response) == ["Supervision notes"]
    assert item.find("a").get_text(" ", strip=True) == "Sign in to open Supervision notes"
    assert item.find("a")["href"].startswith("/accounts/login/?next=%2Fresources%2F")
    assert "A secret summary" not in html
    assert "a secret note" not in html
    assert "download" not in html.lower()


def test_a_signed_out_visitor_is_offered_both_sign_in_and_ask_to_join(client, members_folder):
    ResourcePageFactory(parent=members_folder, title="Supervision notes")

    response = client.get(members_folder.url)

    notice = parse(response).select_one("main .nhsuk-inset-text")
    links = {a.get_text(" ", strip=True): a["href"] for a in notice.find_all("a")}
    assert links["Sign in to open"].startswith("/accounts/login/?next=%2Fresources%2F")
    assert links["Ask to join the community"] == "/accounts/signup/"
    assert "This is for approved members of the community." in notice.get_text()


def test_a_pending_member_is_told_their_membership_is_waiting(
    signed_in, pending_member, members_folder
):
    ResourcePageFactory(
        parent=members_folder, title="Supervision notes", summary="A secret summary"
    )

    response = signed_in(pending_member).get(members_folder.url)

    item = parse(response).select_one("main .coa-resource-list li")
    assert "Your membership is waiting for approval" in item.get_text()
    assert "A secret summary" not in response.content.decode()


def test_a_member_sees_the_full_listing_of_a_members_only_folder(
    signed_in, member, members_folder
):
    ResourcePageFactory(parent=members_folder, title="Supervision notes", summary="The summary")

    response = signed_in(member).get(members_folder.url)

    assert "The summary" in response.content.decode()


def count_queries(client, url):
    client.get(url)  # the first request fills per-process caches (sites, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def make_resources(folder, count):
    for n in range(count):
        resource = ResourcePageFactory(
            parent=folder,
            tags=[f"tag {n % 3}"],
            document=ResourceDocumentFactory(),
            content_note="a note" if n % 2 else "",
        )
        ResourceEventFactory(resource=resource)


@pytest.mark.parametrize("folder_name", ["public_folder", "members_folder"])
def test_the_folder_listing_costs_the_same_queries_for_3_or_10_resources(
    signed_in, member, folder_name, request
):
    folder = request.getfixturevalue(folder_name)
    client = signed_in(member)
    make_resources(folder, 3)
    with_three = count_queries(client, folder.url)
    make_resources(folder, 12)

    with_a_full_page = count_queries(client, folder.url)

    assert with_a_full_page == with_three
    assert with_a_full_page <= 30  # routing, session, layout and about 6 for the listing


def test_the_restricted_listing_costs_the_same_queries_for_3_or_10_resources(
    client, members_folder
):
    make_resources(members_folder, 3)
    with_three = count_queries(client, members_folder.url)
    make_resources(members_folder, 12)

    assert count_queries(client, members_folder.url) == with_three
