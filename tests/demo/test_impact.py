"""The Community impact report on the whole demo shows the seed workspace's figures."""

from django.urls import reverse

import pytest

from core.reports import collect_figures
from members import roles

from ..members.factories import member_in

pytestmark = pytest.mark.django_db


def test_demo_figures_are_the_seed_workspaces(demo):
    figures = {figure.key: figure.value for figure in collect_figures()}

    assert figures == {
        # The seed workspace's own figures (May 2021).
        "approved_members": 635,
        "documents_and_media": 34,
        "subject_folders": 7,
        "downloads": 405,
        "previews": 943,
        "webinars_held": 9,
        "webinar_audience_min": 57,
        "webinar_audience_max": 245,
        # The rest of the demo: what the seed says in words ("over 60 members have posted").
        "webinar_audience_total": 1225,
        "speakers_expert_by_experience": 4,
        "forum_topics": 43,
        "forum_posts": 313,
        "members_who_posted": 82,
        "stories_blog": 4,
        "stories_case_study": 4,
        "stories_narrative": 4,
        "consensus_studies": 1,
        "consensus_participants": 55,
        "consensus_statements_agreed": 21,
        "evaluation_narratives": 61,
        "evaluation_tellers": 56,
        # "Coaching ... delivered to over 10 organisations".
        "organisations_coached": 11,
        "coaching_sessions": 36,
    }


def test_the_report_page_shows_them(demo, client):
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
