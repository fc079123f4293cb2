"""Counts stay exact when many people download at once (PostgreSQL, against a live server)."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection

import pytest
import requests

from resources.models import ResourceEvent

from .factories import FolderFactory, LibraryFactory, ResourcePageFactory, site_home_page

CLIENTS = 8
DOWNLOADS_EACH = 40

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_resource(transactional_db):
    """A public resource in a tree made afresh (transactional tests flush every table)."""
    folder = FolderFactory(parent=LibraryFactory(parent=site_home_page()))
    return ResourcePageFactory(parent=folder)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite in memory cannot take concurrent writers; runs in the PostgreSQL pass",
)
def test_eight_clients_downloading_forty_times_each_record_exactly_320(live_server, live_resource):
    url = live_server.url + live_resource.url + "download/"
    with live_resource.document.open_file() as f:
        expected = f.read()

    def download_many(_client):
        with requests.Session() as session:
            statuses = []
            for _ in range(DOWNLOADS_EACH):
                response = session.get(url, timeout=30)
                statuses.append((response.status_code, response.content == expected))
            return statuses

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = [s for batch in pool.map(download_many, range(CLIENTS)) for s in batch]

    assert results == [(200, True)] * (CLIENTS * DOWNLOADS_EACH)
    assert ResourceEvent.objects.downloads().filter(resource=live_resource).count() == 320


def test_wagtails_document_url_streams_the_whole_file_through_a_real_server(
    live_server, live_resource
):
    """The hook's response goes through the WSGI server's file wrapper, as in production."""
    with live_resource.document.open_file() as f:
        expected = f.read()

    response = requests.get(live_server.url + live_resource.document.url, timeout=30)

    assert response.status_code == 200
    assert response.content == expected
    assert response.headers["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    assert ResourceEvent.objects.downloads().count() == 1
