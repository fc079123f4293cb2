"""The editors' admin for consensus studies: who gets in, making a study, its sections and
statements, its rounds (add, open now, close now), the timer command, and that no admin
page names a participant."""

import re
from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from consensus import rounds
from consensus.models import Round, RoundStatement, Section, Statement, Study

from ..members.factories import MemberProfileFactory, approved_member
from .factories import ParticipantFactory, RoundFactory, SectionFactory, StatementFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def url(name, *args):
    return reverse(f"consensus_studies:{name}", args=args)


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def study_data(**changes):
    data = {
        "title": "Safety in supervision",
        "slug": "safety-in-supervision",
        "purpose": "We ask what good supervision looks like, to write our guidance.",
        "audience": Study.Audience.MEMBERS,
        "scale_max": 9,
        "disagree_up_to": 3,
        "agree_from": 7,
        "agree_at_least": 70,
        "disagree_below": 15,
    }
    return {**data, **changes}


def rate(study, round, values, comment=""):
    """One participant per value, each rating every statement of `round` with it."""
    asked = rounds.open_round(round)
    people = []
    for value in values:
        participant = ParticipantFactory(study=study)
        people.append(participant)
        for item in asked:
            rounds.save_rating(participant, item, value, comment)
    return people


@pytest.fixture
def open_round(study):
    """Round 1, open now, its statements fixed."""
    round = RoundFactory(study=study)
    rounds.open_round(round)
    return round


# Who gets in ---------------------------------------------------------------------------


@pytest.fixture
def admin_pages(study):
    """Every admin GET page for consensus studies (a round open now, nothing asked yet in
    a section of its own so it can be deleted)."""
    round = RoundFactory(study=study)
    section = study.sections.first()
    statement = section.statements.first()
    return [
        url("index"),
        url("add"),
        url("edit", study.pk),
        url("statements", study.pk),
        url("edit_section", section.pk),
        url("delete_section", section.pk),
        url("edit_statement", statement.pk),
        url("delete_statement", statement.pk),
        url("rounds", study.pk),
        url("round", round.pk),
        url("close_round", round.pk),
    ]


@pytest.fixture
def admin_posts(study):
    """Every POST-only action: (url, data)."""
    round = RoundFactory(study=study, opens_at=timezone.now() + DAY)
    section = study.sections.first()
    statement = section.statements.last()
    return [
        (url("add_section", study.pk), {"title": "A new section"}),
        (url("add_statement", section.pk), {f"section-{section.pk}-text": "A new one."}),
        (url("move_section", section.pk), {"direction": "down"}),
        (url("move_statement", statement.pk), {"direction": "up"}),
        (url("open_round", round.pk), {}),
        (url("close_round", round.pk), {}),
    ]


class TestWhoGetsIn:
    def test_a_visitor_is_sent_to_sign_in(self, client, admin_pages, admin_posts):
        login = resolve_url(settings.LOGIN_URL)
        for page in admin_pages:
            response = client.get(page)
            assert response.status_code == 302, page
            assert response["Location"].startswith(login), page
        for page, data in admin_posts:
            response = client.post(page, data)
            assert response["Location"].startswith(login), page

    @pytest.mark.parametrize("who", ["member", "pending", "declined", "suspended"])
    def test_members_are_refused(self, signed_in, people, who, admin_pages, admin_posts):
        client = signed_in(people[who])
        for page in admin_pages:
            assert client.get(page).status_code == 403, page
        for page, data in admin_posts:
            assert client.post(page, data).status_code == 403, page

    def test_a_moderator_is_turned_away_and_changes_nothing(
        self, signed_in, moderator, study, admin_pages, admin_posts
    ):
        client = signed_in(moderator)
        for page in admin_pages:
            response = client.get(page)
            assert response.status_code == 302, page
            assert response["Location"] == reverse("wagtailadmin_home"), page
        before = (
            Section.objects.count(),
            Statement.objects.count(),
            RoundStatement.objects.count(),
        )
        for page, data in admin_posts:
            assert client.post(page, data)["Location"] == reverse("wagtailadmin_home"), page
        after = (
            Section.objects.count(),
            Statement.objects.count(),
            RoundStatement.objects.count(),
        )
        assert after == before
        assert not Round.objects.filter(closed_at__isnull=False).exists()

    def test_an_editor_opens_every_page(self, signed_in, editor, admin_pages):
        client = signed_in(editor)
        for page in admin_pages:
            assert client.get(page).status_code == 200, page

    def test_an_editors_actions_go_back_to_the_study(self, signed_in, editor, admin_posts):
        client = signed_in(editor)
        for page, data in admin_posts:
            assert client.post(page, data).status_code == 302, page

    def test_actions_are_posts_only(self, signed_in, editor, admin_posts):
        client = signed_in(editor)
        for page, _data in admin_posts:
            if "close" not in page:
                assert client.get(page).status_code == 405, page

    def test_the_menu_item_is_for_editors_only(self, signed_in, editor, moderator):
        assertContains(signed_in(editor).get(reverse("wagtailadmin_home")), url("index"))
        assertNotContains(signed_in(moderator).get(reverse("wagtailadmin_home")), url("index"))

    def test_an_editor_cannot_delete_a_study(self, signed_in, editor, study):
        response = signed_in(editor).post(url("delete", study.pk))
        assert response["Location"] == reverse("wagtailadmin_home")
        assert Study.objects.filter(pk=study.pk).exists()

    def test_ratings_and_participants_have_no_admin_listing(self, signed_in, editor):
        client = signed_in(editor)
        for path in (
            "/admin/snippets/consensus/rating/",
            "/admin/snippets/consensus/participant/",
        ):
            assert client.get(path).status_code == 404


# The study -----------------------------------------------------------------------------


class TestTheStudyForm:
    def test_an_editor_creates_a_study(self, signed_in, editor):
        response = signed_in(editor).post(url("add"), study_data())

        assert response.status_code == 302
        study = Study.objects.get(slug="safety-in-supervision")
        assert study.title == "Safety in supervision"
        assert study.rule().agree_from == 7

    def test_the_form_explains_the_default_scale_and_rule(self, signed_in, editor):
        response = signed_in(editor).get(url("add"))

        assertContains(response, "Rating scale and consensus rule")
        assertContains(response, "at least 70%")
        assertContains(response, "under 15%")

    def test_a_bad_rule_is_shown_again_with_the_error(self, signed_in, editor):
        response = signed_in(editor).post(url("add"), study_data(disagree_up_to=7, agree_from=5))

        assert response.status_code == 200
        assertContains(response, "Check the scale and the rule")
        assertContains(response, 'value="Safety in supervision"')
        assert not Study.objects.exists()

    def test_a_panel_study_chooses_among_approved_members_only(
        self, signed_in, editor, member, pending_member
    ):
        client = signed_in(editor)
        form = client.get(url("add"))
        assertContains(form, member.email)
        assertNotContains(form, pending_member.email)

        client.post(
            url("add"),
            study_data(audience=Study.Audience.PANEL, panel=[str(member.pk)]),
        )
        assert list(Study.objects.get().panel.all()) == [member]

        refused = client.post(
            url("add"),
            study_data(
                slug="other", audience=Study.Audience.PANEL, panel=[str(pending_member.pk)]
            ),
        )
        assert refused.status_code == 200
        assert Study.objects.count() == 1

    def test_a_panel_study_needs_a_panel(self, signed_in, editor):
        response = signed_in(editor).post(url("add"), study_data(audience=Study.Audience.PANEL))

        assertContains(response, "Invite at least one approved member")
        assert not Study.objects.exists()

    def test_the_listing_shows_audience_rounds_and_state(self, signed_in, editor, open_round):
        response = signed_in(editor).get(url("index"))

        assertContains(response, "Principles of trauma-informed care")
        assertContains(response, "Every approved member")
        assertContains(response, "Round 1 open")
        assertContains(response, url("statements", open_round.study_id))
        assertContains(response, url("rounds", open_round.study_id))


# Sections and statements ---------------------------------------------------------------


class TestSectionsAndStatements:
    def test_the_page_lists_sections_in_order_with_their_statements(
        self, signed_in, editor, study
    ):
        response = signed_in(editor).get(url("statements", study.pk))

        html = response.content.decode()
        order = ["Section 1", "Statement 1.1", "Statement 1.3", "Section 2", "Statement 2.1"]
        positions = [html.index(text) for text in order]
        assert positions == sorted(positions)
        assertContains(response, "Not asked yet", count=6)

    def test_an_editor_adds_a_section_and_a_statement(self, signed_in, editor, study):
        client = signed_in(editor)
        client.post(url("add_section", study.pk), {"title": "Choice"})
        section = study.sections.get(title="Choice")
        assert section.sort_order > study.sections.exclude(pk=section.pk).last().sort_order

        client.post(url("add_statement", section.pk), {f"section-{section.pk}-text": "Ask first."})

        assert list(section.statements.values_list("text", flat=True)) == ["Ask first."]

    def test_an_empty_section_or_statement_is_not_added(self, signed_in, editor, study):
        client = signed_in(editor)
        section = study.sections.first()
        client.post(url("add_section", study.pk), {"title": ""})
        client.post(url("add_statement", section.pk), {f"section-{section.pk}-text": " "})

        assert study.sections.count() == 2
        assert section.statements.count() == 3

    def test_an_editor_reorders_statements_and_sections(self, signed_in, editor, study):
        client = signed_in(editor)
        first, second = study.sections.all()[:2]
        statement = first.statements.get(text="Statement 1.3")

        client.post(url("move_statement", statement.pk), {"direction": "up"})
        client.post(url("move_section", second.pk), {"direction": "up"})

        texts = list(first.statements.order_by("sort_order").values_list("text", flat=True))
        assert texts == ["Statement 1.1", "Statement 1.3", "Statement 1.2"]
        assert list(study.sections.order_by("sort_order")) == [second, first]

    def test_an_editor_revises_a_statement_and_an_open_round_keeps_its_wording(
        self, signed_in, editor, study, open_round
    ):
        statement = Statement.objects.get(text="Statement 1.1")
        response = signed_in(editor).post(
            url("edit_statement", statement.pk),
            {"text": "Statement 1.1, revised", "section": statement.section_id},
        )

        assert response.status_code == 302
        statement.refresh_from_db()
        assert statement.text == "Statement 1.1, revised"
        assert open_round.asked.get(statement=statement).text == "Statement 1.1"

    def test_a_statement_cannot_move_to_another_studys_section(self, signed_in, editor, study):
        statement = Statement.objects.get(text="Statement 1.1")
        elsewhere = SectionFactory()
        response = signed_in(editor).post(
            url("edit_statement", statement.pk), {"text": "Moved", "section": elsewhere.pk}
        )

        assert response.status_code == 200
        statement.refresh_from_db()
        assert statement.section.study == study

    def test_an_unasked_statement_is_deleted(self, signed_in, editor, study):
        statement = StatementFactory(section=study.sections.first())
        signed_in(editor).post(url("delete_statement", statement.pk))

        assert not Statement.objects.filter(pk=statement.pk).exists()

    def test_an_asked_statement_or_its_section_is_kept(self, signed_in, editor, study, open_round):
        client = signed_in(editor)
        statement = Statement.objects.get(text="Statement 1.1")

        client.post(url("delete_statement", statement.pk))
        client.post(url("delete_section", statement.section_id))

        assert Statement.objects.filter(pk=statement.pk).exists()
        assert Section.objects.filter(pk=statement.section_id).exists()

    def test_each_statement_shows_its_rounds_and_consensus(self, signed_in, editor, study):
        round = RoundFactory(study=study)
        asked = rounds.open_round(round)
        for participant in ParticipantFactory.create_batch(5, study=study):
            for item in asked:
                rounds.save_rating(participant, item, 8 if item.text == "Statement 1.1" else 5)
        rounds.close_round(round)

        response = signed_in(editor).get(url("statements", study.pk))

        assertContains(response, "consensus</strong>", count=1)
        assertContains(response, "no consensus", count=5)


# Rounds --------------------------------------------------------------------------------


class TestRounds:
    def test_an_editor_adds_rounds_numbered_in_turn(self, signed_in, editor, study):
        client = signed_in(editor)
        now = timezone.now()
        client.post(
            url("rounds", study.pk),
            {"opens_at": local(now + DAY), "closes_at": local(now + 8 * DAY)},
        )
        client.post(
            url("rounds", study.pk),
            {"opens_at": local(now + 9 * DAY), "closes_at": local(now + 16 * DAY)},
        )

        assert list(study.rounds.values_list("number", flat=True)) == [1, 2]

    def test_a_round_closing_before_it_opens_is_refused(self, signed_in, editor, study):
        now = timezone.now()
        response = signed_in(editor).post(
            url("rounds", study.pk),
            {"opens_at": local(now + 2 * DAY), "closes_at": local(now + DAY)},
        )

        assert response.status_code == 200
        assertContains(response, "A round closes after it opens.")
        assert not study.rounds.exists()

    def test_a_round_opening_before_the_last_one_closes_is_refused(
        self, signed_in, editor, study, open_round
    ):
        response = signed_in(editor).post(
            url("rounds", study.pk),
            {
                "opens_at": local(open_round.closes_at - DAY),
                "closes_at": local(open_round.closes_at + DAY),
            },
        )

        assertContains(response, "Round 1 closes")
        assert study.rounds.count() == 1

    def test_open_now_brings_the_opening_forward_and_fixes_the_statements(
        self, signed_in, editor, study
    ):
        round = RoundFactory(study=study, opens_at=timezone.now() + DAY)

        response = signed_in(editor).post(url("open_round", round.pk))

        assert response.status_code == 302
        round.refresh_from_db()
        assert round.opens_at <= timezone.now()
        assert round.is_open()
        assert round.asked.count() == 6

    def test_the_next_round_waits_until_the_last_one_closes(
        self, signed_in, editor, study, open_round
    ):
        second = RoundFactory(
            study=study, opens_at=timezone.now() + 10 * DAY, closes_at=timezone.now() + 20 * DAY
        )

        signed_in(editor).post(url("open_round", second.pk))

        second.refresh_from_db()
        assert not second.asked.exists()
        assert second.opens_at > timezone.now()

    def test_close_now_asks_first_then_stores_the_results(self, signed_in, editor, study):
        round = RoundFactory(study=study)
        rate(study, round, [8, 8, 8, 9, 7, 2])
        client = signed_in(editor)

        confirm = client.get(url("close_round", round.pk))
        assertContains(confirm, "Close it now?")
        assertContains(confirm, 'method="post"')
        round.refresh_from_db()
        assert not round.is_closed

        response = client.post(url("close_round", round.pk))

        assert response["Location"] == url("round", round.pk)
        round.refresh_from_db()
        assert round.is_closed
        asked = round.asked.all()
        assert all(item.raters == 6 for item in asked)
        assert all(item.consensus is False for item in asked)  # 1 in 6 disagrees: 16.7%

    def test_the_results_page_shows_consensus_yes_or_no_and_no_raters(
        self, signed_in, editor, study, member
    ):
        round = RoundFactory(study=study)
        asked = rounds.open_round(round)
        agreed = next(item for item in asked if item.text == "Statement 1.1")
        raters = [ParticipantFactory(study=study, member=member)] + [
            ParticipantFactory(study=study) for _ in range(5)
        ]
        for participant in raters:
            for item in asked:
                value = 8 if item == agreed else 5
                rounds.save_rating(participant, item, value, "Felt right to me")
        signed_in(editor).post(url("close_round", round.pk))

        response = signed_in(editor).get(url("round", round.pk))

        assertContains(response, 'data-consensus="yes"', count=1)
        assertContains(response, 'data-consensus="no"', count=5)
        assertContains(response, "Felt right to me")
        for participant in raters:
            user = participant.member
            assertNotContains(response, user.email)
            assertNotContains(response, user.get_full_name())

    def test_results_of_too_few_raters_are_not_shown(self, signed_in, editor, study):
        round = RoundFactory(study=study)
        rate(study, round, [8, 8, 8], comment="Only three of us")
        rounds.close_round(round)

        response = signed_in(editor).get(url("round", round.pk))

        assertContains(response, "Fewer than 5 opinions: not shown", count=6)
        assertNotContains(response, "Only three of us")


# The timer -----------------------------------------------------------------------------


class TestTheTimerCommand:
    def run(self):
        out = StringIO()
        call_command("run_consensus_rounds", stdout=out)
        return out.getvalue()

    def test_it_opens_due_rounds_and_closes_past_ones_once(self, study):
        now = timezone.now()
        due = RoundFactory(study=study)
        finished = RoundFactory(
            study=StatementFactory().section.study,
            opens_at=now - 10 * DAY,
            closes_at=now - DAY,
        )
        later = RoundFactory(
            study=study, number=2, opens_at=now + 10 * DAY, closes_at=now + 20 * DAY
        )

        output = self.run()

        assert "Rounds opened: 2" in output
        assert "Rounds closed, their results stored: 1" in output
        assert due.asked.count() == 6
        finished.refresh_from_db()
        assert finished.is_closed and finished.asked.count() == 1
        assert not later.asked.exists()

        closed_at = finished.closed_at
        again = self.run()

        assert "Rounds opened: 0" in again
        assert "Rounds closed, their results stored: 0" in again
        finished.refresh_from_db()
        assert finished.closed_at == closed_at
        assert due.asked.count() == 6


# Privacy -------------------------------------------------------------------------------


def test_no_admin_page_names_a_participant(signed_in, editor, study, member):
    """Every admin page about a study with results and comments, but its form: that lists
    every approved member one may invite to a panel (the next test)."""
    first = RoundFactory(study=study)
    asked = rounds.open_round(first)
    participants = [ParticipantFactory(study=study, member=member)] + [
        ParticipantFactory(study=study) for _ in range(5)
    ]
    for participant in participants:
        for item in asked:
            rounds.save_rating(participant, item, 8, "A comment")
    rounds.close_round(first)
    second = RoundFactory(study=study)
    rounds.open_round(second)
    section = study.sections.first()
    statement = section.statements.first()
    client = signed_in(editor)
    pages = [
        url("index"),
        url("statements", study.pk),
        url("edit_section", section.pk),
        url("edit_statement", statement.pk),
        url("rounds", study.pk),
        url("round", first.pk),
        url("round", second.pk),
        url("close_round", second.pk),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        for participant in participants:
            user = participant.member
            assertNotContains(response, user.email)
            assertNotContains(response, user.get_full_name())


def test_the_study_form_says_nothing_of_who_took_part(signed_in, editor, study, member):
    """The edit form lists every approved member as someone one may invite; it marks none
    of them as having taken part (Jo, who rated, and Sam, who did not, look the same)."""
    other = approved_member(user__first_name="Sam", user__last_name="Rivers")
    MemberProfileFactory()  # pending: not listed
    round = RoundFactory(study=study)
    participant = ParticipantFactory(study=study, member=member)
    rounds.save_rating(participant, rounds.open_round(round)[0], 8, "")

    html = signed_in(editor).get(url("edit", study.pk)).content.decode()

    assert html.count(member.email) == html.count(other.email) > 0
    assert "Participant" not in html
    checkbox = re.compile(r'<input type="checkbox" name="panel" value="(\d+)"[^>]*>')
    boxes = {tag.group(1): tag.group(0) for tag in checkbox.finditer(html)}
    assert set(boxes) == {str(member.pk), str(other.pk), str(editor.pk)}
    assert not any("checked" in tag for tag in boxes.values())
