"""The admin's "Coaching requests": who gets in to which page (editors: every request; a
coach: only theirs; everyone else: nobody), the listing's filters, search and query count,
and the edit form: matching, declining, completing and recording sessions, with the emails
each change sends once."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from coaching.models import CoachingRequest, CoachingSession, Theme
from members import roles

from ..members.factories import add_authenticator_app, approved_member, member_in
from .factories import CoachingRequestFactory, CoachingSessionFactory

pytestmark = pytest.mark.django_db

Status = CoachingRequest.Status


def url(name, *args):
    return reverse(f"coaching_requests:{name}", args=args)


def object_pages(coaching_request):
    return [url(name, coaching_request.pk) for name in ("edit", "history", "usage")]


def every_page(coaching_request):
    return [
        url("index"),
        url("index_results"),
        url("add"),
        *object_pages(coaching_request),
        url("delete", coaching_request.pk),
    ]


def html_of(message):
    (alternative,) = message.alternatives
    return alternative[0]


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def form_data(coaching_request, sessions=(), **changes):
    """The edit form as posted: the request's status, coach and reason (with `changes`),
    and `sessions`, dicts of a session's fields (with "id" for one already saved)."""
    data = {
        "status": coaching_request.status,
        "coach": coaching_request.coach_id or "",
        "decline_reason": coaching_request.decline_reason,
        "sessions-TOTAL_FORMS": len(sessions),
        "sessions-INITIAL_FORMS": sum(1 for session in sessions if session.get("id")),
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
    }
    for index, session in enumerate(sessions):
        for field, value in session.items():
            data[f"sessions-{index}-{field}"] = value
    data.update(changes)
    return data


@pytest.fixture
def superuser(db):
    user = get_user_model().objects.create_superuser(
        email="root@example.org", password="a-long-test-password-42"
    )
    add_authenticator_app(user)
    return user


@pytest.fixture
def post(signed_in, django_capture_on_commit_callbacks):
    """post(user, request, **changes): the edit form as `user`, running what happens on
    commit (the emails)."""

    def send(user, coaching_request, sessions=(), **changes):
        client = signed_in(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                url("edit", coaching_request.pk),
                form_data(coaching_request, sessions, **changes),
            )

    return send


# Who gets in ---------------------------------------------------------------------------


def assert_turned_away(response, page):
    """Refused without a page of its own: the admin's home (with a message), forbidden, or
    not found; never the page, never an error."""
    assert response.status_code in (302, 403, 404), page
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), page


class TestWhoGetsIn:
    def test_a_visitor_is_sent_to_sign_in(self, client, matched):
        login = resolve_url(settings.LOGIN_URL)
        for page in every_page(matched):
            response = client.get(page)
            assert response.status_code == 302, page
            assert response["Location"].startswith(login), page

    @pytest.mark.parametrize("who", ["pending", "member"])
    def test_members_are_refused(self, signed_in, people, who, matched):
        client = signed_in(people[who])
        for page in every_page(matched):
            assert client.get(page).status_code == 403, page

    def test_a_moderator_is_turned_away(self, signed_in, moderator, matched):
        client = signed_in(moderator)
        for page in every_page(matched):
            assert_turned_away(client.get(page), page)

    def test_a_coach_opens_the_listing_and_their_request(self, signed_in, coach, matched):
        client = signed_in(coach)
        for page in [url("index"), url("index_results"), *object_pages(matched)]:
            assert client.get(page).status_code == 200, page

    def test_a_coach_cannot_add_or_delete(self, signed_in, coach, matched):
        client = signed_in(coach)
        for page in [url("add"), url("delete", matched.pk)]:
            assert_turned_away(client.get(page), page)
            assert_turned_away(client.post(page, {}), page)
        assert CoachingRequest.objects.filter(pk=matched.pk).exists()

    def test_another_coachs_request_is_not_found(self, signed_in, other_coach, matched):
        client = signed_in(other_coach)
        for page in object_pages(matched):
            assert client.get(page).status_code == 404, page
        assert_turned_away(client.get(url("delete", matched.pk)), "delete")

    def test_a_request_not_yet_matched_is_not_found_for_a_coach(self, signed_in, coach, unmatched):
        client = signed_in(coach)
        for page in object_pages(unmatched):
            assert client.get(page).status_code == 404, page

    def test_an_editor_opens_every_request_but_adds_and_deletes_none(
        self, signed_in, editor, matched, others, unmatched
    ):
        client = signed_in(editor)
        assert client.get(url("index")).status_code == 200
        for coaching_request in (matched, others, unmatched):
            for page in object_pages(coaching_request):
                assert client.get(page).status_code == 200, page
        for page in [url("add"), url("delete", matched.pk)]:
            assert_turned_away(client.get(page), page)

    def test_a_superuser_may_add_and_delete(self, signed_in, superuser, matched):
        client = signed_in(superuser)
        assertContains(client.get(url("index")), f'href="{url("add")}"')
        assert client.get(url("add")).status_code == 200
        assert client.get(url("delete", matched.pk)).status_code == 200
        client.post(url("delete", matched.pk))
        assert not CoachingRequest.objects.filter(pk=matched.pk).exists()

    @pytest.mark.parametrize("who", ["visitor", "member", "moderator", "other_coach"])
    def test_nobody_else_changes_a_request(self, request, people, post, who, matched):
        user = people.get(who) if who in people else request.getfixturevalue(who)
        response = post(user, matched, status=Status.DECLINED, decline_reason="Taken over")

        assert response.status_code in (302, 403, 404)
        matched.refresh_from_db()
        assert matched.status == Status.MATCHED
        assert mail.outbox == []

    def test_the_menu_shows_coaching_requests_to_a_coach(self, signed_in, coach):
        response = signed_in(coach).get(reverse("wagtailadmin_home"))

        assert response.status_code == 200
        assertContains(response, url("index"))

    def test_the_menu_does_not_show_it_to_a_moderator(self, signed_in, moderator):
        response = signed_in(moderator).get(reverse("wagtailadmin_home"))

        assertNotContains(response, url("index"))


# The listing ---------------------------------------------------------------------------


class TestListing:
    def test_a_coach_lists_only_the_requests_matched_to_them(
        self, signed_in, coach, matched, others, unmatched
    ):
        client = signed_in(coach)
        for page in (url("index"), url("index_results")):
            response = client.get(page)
            assertContains(response, matched.reference)
            assertNotContains(response, others.reference)
            assertNotContains(response, unmatched.reference)
        assertContains(response, f'href="{url("edit", matched.pk)}"')

    def test_a_coach_with_no_requests_is_told_so_kindly(self, signed_in, other_coach, matched):
        response = signed_in(other_coach).get(url("index"))

        assertContains(response, "No requests are matched to you yet.")
        assertNotContains(response, matched.reference)

    def test_a_coach_cannot_find_another_request_by_searching(
        self, signed_in, coach, matched, others
    ):
        response = signed_in(coach).get(url("index"), {"q": others.reference})

        assertNotContains(response, others.reference + "<")
        assertNotContains(response, others.organisation)

    def test_a_coach_is_not_shown_the_other_coaches(
        self, signed_in, coach, matched, others, other_coach
    ):
        response = signed_in(coach).get(url("index"))

        assertNotContains(response, "Olu")
        assertNotContains(response, "Any coach")

    def test_an_editor_lists_every_request_with_its_details(
        self, signed_in, editor, matched, others, unmatched
    ):
        response = signed_in(editor).get(url("index"))

        for coaching_request in (matched, others, unmatched):
            assertContains(response, coaching_request.reference)
            assertContains(response, coaching_request.organisation)
        assertContains(response, f'href="{url("edit", matched.pk)}"')
        assertNotContains(response, f'href="{url("add")}"')
        assertContains(response, "Casey Coach")
        assertContains(response, "Not matched yet")
        assertContains(response, "Housing")
        assertContains(response, "Matched with a coach")

    @pytest.mark.parametrize(
        "query, shown",
        [
            ({"status": Status.NEW}, "unmatched"),
            ({"sector": "justice"}, "others"),
            ({"coach": "COACH"}, "matched"),
            ({"coach": "null"}, "unmatched"),
            ({"q": "Hillside"}, "matched"),
        ],
    )
    def test_an_editor_filters_and_searches(
        self, request, signed_in, editor, coach, matched, others, unmatched, query, shown
    ):
        if query.get("coach") == "COACH":
            query = {"coach": coach.pk}
        response = signed_in(editor).get(url("index"), query)

        everyone = {"matched": matched, "others": others, "unmatched": unmatched}
        for name, coaching_request in everyone.items():
            if name == shown:
                assertContains(response, coaching_request.reference)
            else:
                assertNotContains(response, coaching_request.reference)

    @pytest.mark.parametrize(
        "query",
        [
            {"p": "abc"},
            {"p": "999"},
            {"status": "bogus"},
            {"coach": "abc"},
            {"coach": "999999"},
            {"sector": "nowhere"},
            {"ordering": "contact_email"},
        ],
    )
    def test_odd_query_strings_do_not_break_the_listing(self, signed_in, editor, matched, query):
        assert signed_in(editor).get(url("index"), query).status_code == 200

    def test_its_query_count_does_not_grow_with_the_requests(
        self, signed_in, editor, coach, other_coach, django_assert_max_num_queries
    ):
        client = signed_in(editor)

        def queries_for(count):
            CoachingRequest.objects.all().delete()
            for number in range(count):
                CoachingRequestFactory(
                    coach=(coach, other_coach, None)[number % 3],
                    status=(Status.MATCHED, Status.IN_PROGRESS, Status.NEW)[number % 3],
                )
            client.get(url("index"))  # warm the caches (site, menu)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url("index"))
            assert response.status_code == 200
            return len(queries)

        few, many = queries_for(3), queries_for(12)
        assert many == few
        with django_assert_max_num_queries(15):
            client.get(url("index"))

    def test_a_coachs_listing_query_count_is_small_too(
        self, signed_in, coach, django_assert_max_num_queries
    ):
        for _ in range(5):
            CoachingRequestFactory(coach=coach, status=Status.MATCHED)
        client = signed_in(coach)
        client.get(url("index"))
        with django_assert_max_num_queries(15):
            client.get(url("index"))


# The edit form: the editors ------------------------------------------------------------


class TestEditorsWorkARequest:
    def test_the_page_shows_the_request_as_sent(self, signed_in, editor, unmatched):
        response = signed_in(editor).get(url("edit", unmatched.pk))

        assertContains(response, "The request as sent")
        assertContains(response, unmatched.reference)
        assertContains(response, "want to know what to change first")
        assertContains(response, "sam@example.org")

    def test_only_coaches_are_offered_as_coach(
        self, signed_in, editor, coach, other_coach, unmatched
    ):
        approved_member(user__first_name="Nora", user__last_name="Notacoach")

        response = signed_in(editor).get(url("edit", unmatched.pk))

        assertContains(response, "Casey Coach (casey.coach@example.org)")
        assertContains(response, "Olu Other (olu.other@example.org)")
        assertNotContains(response, "Notacoach")

    def test_a_member_who_does_not_coach_cannot_be_chosen(self, post, editor, unmatched):
        member = approved_member()

        response = post(editor, unmatched, status=Status.MATCHED, coach=member.pk)

        assert response.status_code == 200
        unmatched.refresh_from_db()
        assert unmatched.coach is None
        assert mail.outbox == []

    def test_matching_a_coach_emails_the_coach_and_the_organisation(
        self, post, editor, coach, unmatched
    ):
        response = post(editor, unmatched, status=Status.MATCHED, coach=coach.pk)

        assert response.status_code == 302
        unmatched.refresh_from_db()
        assert unmatched.status == Status.MATCHED
        assert unmatched.coach == coach
        (to_coach,) = emails_to(coach.email)
        (to_contact,) = emails_to("sam@example.org")
        for message in (to_coach, to_contact):
            assert unmatched.reference in message.subject
            for text in (message.body, html_of(message)):
                assert unmatched.reference in text
                assert unmatched.organisation in text
        assert "want to know what to change first" in to_coach.body
        edit_page = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url("edit", unmatched.pk)
        assert edit_page in to_coach.body
        assert coach.email not in to_contact.body
        messages = [str(m) for m in response.wsgi_request._messages]
        assert any("We have emailed the coach and the organisation." in m for m in messages)

    def test_saving_it_again_sends_nothing(self, post, editor, coach, unmatched):
        post(editor, unmatched, status=Status.MATCHED, coach=coach.pk)
        unmatched.refresh_from_db()
        post(editor, unmatched)

        assert len(mail.outbox) == 2

    def test_matching_without_a_coach_shows_an_error_and_saves_nothing(
        self, post, editor, unmatched
    ):
        response = post(editor, unmatched, status=Status.MATCHED)

        assertContains(response, "Choose the coach first.")
        unmatched.refresh_from_db()
        assert unmatched.status == Status.NEW
        assert mail.outbox == []

    def test_declining_without_a_reason_shows_an_error_and_saves_nothing(
        self, post, editor, unmatched
    ):
        response = post(
            editor,
            unmatched,
            [{"held_on": "2026-11-20", "minutes": 60, "notes": "A first call"}],
            status=Status.DECLINED,
            decline_reason="  ",
        )

        assertContains(response, "Say kindly why we cannot help")
        unmatched.refresh_from_db()
        assert unmatched.status == Status.NEW
        assert not unmatched.sessions.exists()
        assert mail.outbox == []

    def test_declining_sends_the_reason(self, post, editor, unmatched):
        reason = "We are sorry: we have no coach near you just now. Please ask again in spring."

        response = post(editor, unmatched, status=Status.DECLINED, decline_reason=reason)

        assert response.status_code == 302
        (message,) = mail.outbox
        assert message.to == ["sam@example.org"]
        assert reason in message.body
        assert unmatched.organisation in message.body

    def test_completing_sends_the_feedback_form_once(self, post, editor, matched):
        post(editor, matched, status=Status.COMPLETED)
        matched.refresh_from_db()
        post(editor, matched)
        post(editor, matched, status=Status.COMPLETED)

        matched.refresh_from_db()
        assert matched.status == Status.COMPLETED
        assert matched.completed_at is not None
        assert matched.feedback_requested_at is not None
        (message,) = emails_to(matched.contact_email)
        feedback = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "coaching:feedback", kwargs={"token": matched.feedback_token}
        )
        assert feedback in message.body
        assert feedback in html_of(message)

    def test_sessions_are_saved_with_their_themes(self, post, editor, matched):
        response = post(
            editor,
            matched,
            [
                {
                    "held_on": "2026-11-20",
                    "minutes": 90,
                    "themes": [Theme.QUICK_WINS, Theme.STAFF_WELLBEING],
                    "notes": "Started with supervision.",
                }
            ],
        )

        assert response.status_code == 302
        (session,) = matched.sessions.all()
        assert session.minutes == 90
        assert session.themes == [Theme.QUICK_WINS, Theme.STAFF_WELLBEING]
        assert session.notes == "Started with supervision."

    def test_a_sessions_saved_themes_are_ticked_on_the_form(self, signed_in, editor, matched):
        CoachingSessionFactory(request=matched, themes=[Theme.LEADERSHIP])

        response = signed_in(editor).get(url("edit", matched.pk))

        content = response.content.decode()
        box = r'<input[^>]*name="sessions-0-themes"[^>]*value="(\w+)"[^>]*checked'
        ticked = re.findall(box, content)
        assert ticked == [Theme.LEADERSHIP]

    @pytest.mark.parametrize(
        "session",
        [
            {"held_on": "2026-11-20", "minutes": 0},
            {"held_on": "2026-11-20", "minutes": 601},
            {"held_on": "not a date", "minutes": 60},
            {"held_on": "2026-11-20", "minutes": 60, "themes": ["astrology"]},
        ],
    )
    def test_a_wrong_session_shows_an_error_and_saves_nothing(
        self, post, editor, matched, session
    ):
        response = post(editor, matched, [session])

        assert response.status_code == 200
        assert not CoachingSession.objects.exists()

    def test_a_session_can_be_changed_and_removed(self, post, editor, matched):
        kept = CoachingSessionFactory(request=matched, minutes=60)
        removed = CoachingSessionFactory(request=matched)

        post(
            editor,
            matched,
            [
                {"id": kept.pk, "held_on": "2026-11-20", "minutes": 45, "themes": []},
                {"id": removed.pk, "held_on": "2026-11-21", "minutes": 60, "DELETE": "1"},
            ],
        )

        assert list(matched.sessions.values_list("pk", "minutes")) == [(kept.pk, 45)]


class TestASuperuserAddsARequest:
    FIELDS = {
        "organisation": "Meadow Lane Care Home",
        "team": "",
        "sector": "social_care",
        "help_wanted": "Our night staff would like ideas for calmer evenings.",
        "preferred_format": "in_person",
        "contact_name": "Ash Example",
        "contact_email": "ash@example.org",
        "decline_reason": "",
        "sessions-TOTAL_FORMS": 0,
        "sessions-INITIAL_FORMS": 0,
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
    }

    def test_a_new_request_is_saved_and_nobody_is_emailed(
        self, signed_in, superuser, django_capture_on_commit_callbacks
    ):
        client = signed_in(superuser)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("add"), {**self.FIELDS, "status": Status.NEW, "coach": ""})

        assert response.status_code == 302
        added = CoachingRequest.objects.get(organisation="Meadow Lane Care Home")
        assert added.reference.startswith("COA-")
        assert mail.outbox == []

    def test_one_added_as_matched_emails_the_coach_and_the_contact(
        self, signed_in, superuser, coach, django_capture_on_commit_callbacks
    ):
        client = signed_in(superuser)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("add"), {**self.FIELDS, "status": Status.MATCHED, "coach": coach.pk})

        added = CoachingRequest.objects.get(organisation="Meadow Lane Care Home")
        assert added.coach == coach
        (to_coach,) = emails_to(coach.email)
        assert added.reference in to_coach.body
        assert len(emails_to("ash@example.org")) == 1

    def test_an_editor_cannot_add_one(self, signed_in, editor):
        response = signed_in(editor).post(url("add"), {**self.FIELDS, "status": Status.NEW})

        assert_turned_away(response, "add")
        assert not CoachingRequest.objects.exists()


# The edit form: a coach ----------------------------------------------------------------


class TestACoachWorksTheirRequest:
    def test_they_record_a_session_and_move_it_on(self, post, coach, matched):
        response = post(
            coach,
            matched,
            [{"held_on": "2026-11-20", "minutes": 60, "themes": [Theme.LESSONS_LEARNT]}],
            status=Status.IN_PROGRESS,
        )

        assert response.status_code == 302
        matched.refresh_from_db()
        assert matched.status == Status.IN_PROGRESS
        assert matched.sessions.get().themes == [Theme.LESSONS_LEARNT]

    def test_they_complete_it_and_the_organisation_is_asked_for_feedback(
        self, post, coach, matched
    ):
        post(coach, matched, status=Status.COMPLETED)

        matched.refresh_from_db()
        assert matched.status == Status.COMPLETED
        (message,) = emails_to(matched.contact_email)
        assert matched.feedback_token in message.body

    def test_they_cannot_change_the_coach(self, post, coach, other_coach, matched):
        post(coach, matched, status=Status.IN_PROGRESS, coach=other_coach.pk)

        matched.refresh_from_db()
        assert matched.coach == coach
        assert emails_to(other_coach.email) == []

    @pytest.mark.parametrize("status", [Status.DECLINED, Status.NEW])
    def test_they_cannot_decline_or_unmatch(self, post, coach, matched, status):
        response = post(coach, matched, status=status, decline_reason="Not for me")

        assert response.status_code == 200
        matched.refresh_from_db()
        assert matched.status == Status.MATCHED
        assert matched.decline_reason == ""
        assert mail.outbox == []

    def test_their_form_offers_only_their_statuses_and_no_other_coach(
        self, signed_in, coach, other_coach, matched
    ):
        response = signed_in(coach).get(url("edit", matched.pk))

        assertContains(response, 'value="in_progress"')
        assertNotContains(response, 'value="declined"')
        assertNotContains(response, 'value="new"')
        assertContains(response, "Casey Coach")
        assertNotContains(response, "Olu")
        assertNotContains(response, "olu.other@example.org")


def test_a_coach_opens_the_admin_home(signed_in):
    coach = member_in(roles.COACHES)

    assert signed_in(coach).get(reverse("wagtailadmin_home")).status_code == 200


class TestWhatEditorsRead:
    def test_the_organisations_feedback_is_on_the_request(self, signed_in, editor, matched):
        from coaching.models import Feedback

        matched.status = CoachingRequest.Status.COMPLETED
        matched.save()
        Feedback.objects.create(
            request=matched,
            helpful=Feedback.Helpful.VERY,
            what_changed="We now ask people what helps before a meeting.",
            would_recommend=True,
        )
        response = signed_in(editor).get(url("edit", matched.pk))
        assertContains(response, "Very helpful")
        assertContains(response, "We now ask people what helps before a meeting.")
        assertContains(response, "they would recommend it to another organisation")

    def test_a_suspended_member_is_not_offered_as_a_coach(self, coach, other_coach):
        from coaching.workflow import coaches
        from members.models import MemberProfile

        MemberProfile.objects.filter(user=other_coach).update(
            status=MemberProfile.Status.SUSPENDED
        )
        assert list(coaches()) == [coach]
