"""What each library route costs in queries, for a visitor and for a member, asserted exactly.

A change that adds a query to these routes changes a number here, on purpose. The routes
are the ones a crowd hits: a folder listing, a resource page, its counted download, and the
same document through Wagtail's /documents/ URL. Each number holds however many resources
the folder has (the listing tests in test_pages_folder.py show that).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from .factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

#: (route, person) -> queries. Visitors see the public folder; members the members-only one.
#: Signed-in requests also load the session, the user and their membership.
EXPECTED = {
    ("folder", "visitor"): 20,
    # A resource page: also the forum settings with their discussion board ("Discuss this"),
    # and its credits with their people.
    ("resource", "visitor"): 24,
    ("download", "visitor"): 16,
    ("document URL", "visitor"): 8,
    ("folder", "member"): 25,
    ("resource", "member"): 29,
    ("download", "member"): 19,
    ("document URL", "member"): 11,
}


@pytest.fixture
def routes(public_folder, members_folder):
    def urls(folder):
        resources = [ResourcePageFactory(parent=folder) for _ in range(3)]
        resource, other = resources[0], resources[1]
        return {
            "folder": (folder.url, folder.url),
            "resource": (resource.url, resource.url),
            # Warmed on another resource's file: the same one again would be a reload,
            # which is not counted (no INSERT), and this measures a counted download.
            "download": (resource.url + "download/", other.url + "download/"),
            "document URL": (resource.document.url, other.document.url),
        }

    return {"visitor": urls(public_folder), "member": urls(members_folder)}


@pytest.mark.parametrize("route, person", list(EXPECTED))
def test_each_route_costs_a_fixed_number_of_queries(route, person, routes, signed_in, member):
    client = signed_in(member if person == "member" else None)
    url, warm_up_url = routes[person][route]
    client.get(warm_up_url)  # warm Wagtail's per-process caches (site root paths)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)

    assert response.status_code == 200
    assert len(captured) == EXPECTED[route, person]
