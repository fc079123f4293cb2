"""The Community impact report on the demo content shows the seed workspace's figures."""

from io import StringIO

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

import pytest

from core.reports import collect_figures
from members import roles

from ..members.factories import member_in

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """Home, members and the resource library as `demo_content` builds them, once for the
    module, inside a transaction rolled back at the end (as conftest's `demo_site`)."""
    from home import demo as home_demo
    from members import demo as members_demo
    from resources import demo as resources_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            for build in (home_demo.build, members_demo.build, resources_demo.build):
                build(StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


def test_demo_figures_are_the_seed_workspaces(demo_content):
    figures = {figure.key: figure.value for figure in collect_figures()}

    assert figures == {
        "approved_members": 635,
        "documents_and_media": 34,
        "subject_folders": 7,
        "downloads": 405,
        "previews": 943,
        # The webinars demo is not built in this module (tests/webinars/test_demo.py).
        "webinars_held": 0,
        "webinar_audience_total": 0,
        "webinar_audience_min": 0,
        "webinar_audience_max": 0,
        "speakers_expert_by_experience": 0,
        "forum_topics": 0,
        "forum_posts": 0,
        "members_who_posted": 0,
        # Nor the stories demo (tests/stories/test_demo.py).
        "stories_blog": 0,
        "stories_case_study": 0,
        "stories_narrative": 0,
        # Nor the consensus demo (tests/consensus).
        "consensus_studies": 0,
        "consensus_participants": 0,
        "consensus_statements_agreed": 0,
    }


def test_the_report_page_shows_them(demo_content, client):
    client.force_login(member_in(roles.EDITORS))

    response = client.get(reverse("impact_report:report"))

    html = response.content.decode()
    for key, value in [
        ("documents_and_media", "34"),
        ("subject_folders", "7"),
        ("downloads", "405"),
        ("previews", "943"),
    ]:
        row = html.split(f'data-impact-figure="{key}"', 1)[1].split("</tr>", 1)[0]
        assert f"<strong>{value}</strong>" in row
