"""The Community impact report: figures each app registers, shown to editors, as CSV too."""

import csv
import io

from django.urls import reverse

from wagtail import hooks

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.reports import IMPACT_FIGURES_HOOK, Figure, collect_figures
from members import roles
from members.models import MemberProfile
from resources.models import ResourceEvent

from ..members.factories import MemberProfileFactory, approved_member, member_in
from ..resources.factories import FolderFactory, ResourceEventFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

REPORT = "impact_report:report"


def figures_by_key():
    return {figure.key: figure.value for figure in collect_figures()}


def partnership_figures():
    """A figure from an app still to come, after every app's own."""
    return [
        Figure(key="partners_reached", label="Partner organisations reached", value=12, order=900)
    ]


@pytest.fixture
def editor():
    return member_in(roles.EDITORS)


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


class TestFigures:
    def test_apps_register_members_library_and_webinar_figures_in_order(self):
        keys = [figure.key for figure in collect_figures()]

        assert keys == [
            "approved_members",
            "documents_and_media",
            "subject_folders",
            "downloads",
            "previews",
            "webinars_held",
            "webinar_audience_total",
            "webinar_audience_min",
            "webinar_audience_max",
            "speakers_expert_by_experience",
            "forum_topics",
            "forum_posts",
            "members_who_posted",
            "stories_blog",
            "stories_case_study",
            "stories_narrative",
            "consensus_studies",
            "consensus_participants",
            "consensus_statements_agreed",
            "evaluation_narratives",
            "evaluation_tellers",
            "organisations_coached",
            "coaching_sessions",
        ]

    def test_a_figure_registered_by_another_app_appears_in_its_place(self):
        with hooks.register_temporarily(IMPACT_FIGURES_HOOK, partnership_figures):
            figures = collect_figures()

        assert [figure.key for figure in figures][-1] == "partners_reached"
        assert figures[-1].value == 12

    def test_approved_members_leave_out_people_waiting_declined_or_closed(self):
        approved_member()
        approved_member()
        closed = approved_member()
        closed.is_active = False
        closed.save()
        MemberProfileFactory()  # waiting
        MemberProfileFactory(status=MemberProfile.Status.DECLINED)

        assert figures_by_key()["approved_members"] == 2

    def test_library_figures_count_from_the_data(self, home_page):
        folder = FolderFactory(title="Workforce wellbeing")
        FolderFactory(parent=folder.get_parent(), title="Trauma and the body")
        guide = ResourcePageFactory(
            parent=folder, document=None, media_url="https://example.org/v"
        )
        ResourcePageFactory(parent=folder, document=None)  # nothing to open
        for kind in ("download", "download", "preview"):
            ResourceEventFactory(resource=guide, kind=kind)

        figures = figures_by_key()

        assert figures["documents_and_media"] == 1
        assert figures["subject_folders"] == 2
        assert figures["downloads"] == 2
        assert figures["previews"] == 1
        assert ResourceEvent.objects.count() == 3


class TestReportPage:
    def test_editor_reads_the_figures(self, signed_in, editor):
        with hooks.register_temporarily(IMPACT_FIGURES_HOOK, partnership_figures):
            response = signed_in(editor).get(reverse(REPORT))

        assertContains(response, "Community impact")
        assertContains(response, "Approved members")
        assertContains(response, "Documents and media")
        assertContains(response, "Subject folders")
        assertContains(response, 'data-impact-figure="webinars_held"')
        assertContains(response, 'data-impact-figure="partners_reached"')
        assertContains(response, "Partner organisations reached")

    def test_editor_finds_it_in_the_reports_menu(self, signed_in, editor):
        response = signed_in(editor).get(reverse("wagtailadmin_home"))

        assertContains(response, reverse(REPORT))

    def test_moderator_cannot_read_it_or_find_it(self, signed_in):
        client = signed_in(member_in(roles.MODERATORS))

        report = client.get(reverse(REPORT))
        home = client.get(reverse("wagtailadmin_home"))

        assert report.status_code == 302
        assert report["Location"] == reverse("wagtailadmin_home")
        assertNotContains(home, reverse(REPORT))

    def test_member_cannot_reach_it(self, signed_in):
        response = signed_in(approved_member()).get(reverse(REPORT))

        assert response.status_code == 403

    def test_visitor_is_sent_to_sign_in(self, client):
        response = client.get(reverse(REPORT))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_csv_has_every_figure(self, signed_in, editor):
        approved_member()
        with hooks.register_temporarily(IMPACT_FIGURES_HOOK, partnership_figures):
            response = signed_in(editor).get(reverse("impact_report:csv"))

        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith(
            'attachment; filename="community-impact-'
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == ["Figure", "Value", "About this figure"]
        values = {row[0]: row[1] for row in rows[1:]}
        assert values["Approved members"] == "2"  # the editor and one more
        assert values["Partner organisations reached"] == "12"
        assert values["Webinars held"] == "0"
        assert values["Downloads"] == "0"

    def test_moderator_cannot_download_the_csv(self, signed_in):
        response = signed_in(member_in(roles.MODERATORS)).get(reverse("impact_report:csv"))

        assert response.status_code == 302
