"""The feedback form at /coaching/feedback/<token>/: the token is the key (no sign-in), it
opens when the coaching is completed, it takes one answer per request and never shows it
again; and the impact figures count organisations coached and sessions held."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from coaching.impact import coaching_figures
from coaching.models import CoachingRequest, CoachingSession, Feedback, Theme
from core.reports import collect_figures

pytestmark = pytest.mark.django_db

Status = CoachingRequest.Status

ANSWERS = {
    "helpful": "4",
    "what_changed": "We now start every team meeting with a check-in.",
    "could_be_better": "More time between sessions.",
    "would_recommend": "yes",
}


def coaching_request(organisation="Northfield Community Mental Health Team", **fields):
    fields = {"sector": "health", "help_wanted": "Where to start.", **fields}
    return CoachingRequest.objects.create(
        organisation=organisation,
        contact_name="Sam Example",
        contact_email="sam@example.org",
        **fields,
    )


@pytest.fixture
def completed():
    return coaching_request(status=Status.COMPLETED, completed_at=timezone.now())


def url(request):
    return reverse("coaching:feedback", kwargs={"token": request.feedback_token})


# The form ------------------------------------------------------------------------------


def test_the_link_opens_the_form_with_the_organisation_and_reference(client, completed):
    response = client.get(url(completed))

    assert response.status_code == 200
    assertContains(response, "Northfield Community Mental Health Team")
    assertContains(response, completed.reference)
    assertContains(response, "How helpful was the coaching?")
    assertContains(response, "Very helpful")
    assertContains(response, "What has changed for you since?")
    assertContains(response, "What could we do better?")
    assertContains(response, "Would you recommend it to another organisation?")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_tokens_are_long_and_differ_between_requests(completed):
    other = coaching_request("Westmoor Primary School")

    assert len(completed.feedback_token) >= 32
    assert completed.feedback_token != other.feedback_token


def test_the_answers_are_kept_and_the_page_says_thank_you(client, completed):
    response = client.post(url(completed), ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == url(completed)
    feedback = Feedback.objects.get(request=completed)
    assert feedback.helpful == Feedback.Helpful.VERY
    assert feedback.what_changed == ANSWERS["what_changed"]
    assert feedback.could_be_better == ANSWERS["could_be_better"]
    assert feedback.would_recommend is True
    thanks = client.get(url(completed))
    assertContains(thanks, "Thank you for telling us how the coaching went")


def test_only_how_helpful_it_was_must_be_answered(client, completed):
    client.post(url(completed), {"helpful": "2"})

    feedback = Feedback.objects.get(request=completed)
    assert (feedback.helpful, feedback.what_changed, feedback.would_recommend) == (2, "", None)


def test_no_is_kept_as_no(client, completed):
    client.post(url(completed), {**ANSWERS, "would_recommend": "no"})

    assert Feedback.objects.get(request=completed).would_recommend is False


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"helpful": ""}, "helpful_0", "Choose how helpful the coaching was"),
        ({"helpful": "9"}, "helpful_0", "Choose how helpful the coaching was"),
        ({"would_recommend": "maybe"}, "would_recommend_0", "Choose yes or no"),
        ({"what_changed": "x" * 3001}, "what_changed", "up to 3000 characters"),
    ],
)
def test_bad_answers_come_back_with_the_error_linked_and_the_rest_kept(
    client, completed, changes, field, message
):
    response = client.post(url(completed), {**ANSWERS, **changes})

    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, f'href="#id_{field}"')
    assertContains(response, message)
    assertContains(response, "More time between sessions.")
    assert not Feedback.objects.exists()


# Once only -----------------------------------------------------------------------------


def test_a_second_visit_says_thank_you_and_shows_nothing_of_the_answers(client, completed):
    client.post(url(completed), ANSWERS)

    from django.test import Client

    stranger = Client().get(url(completed))

    assert stranger.status_code == 200
    assertContains(stranger, "Thank you for telling us how the coaching went")
    assertContains(stranger, "The form can be filled in once only")
    for answer in (
        "check-in",
        "More time between sessions",
        "Very helpful",
        "data-coaching-feedback",
    ):
        assertNotContains(stranger, answer)
    assert "no-store" in stranger["Cache-Control"]


def test_sending_again_changes_nothing(client, completed):
    client.post(url(completed), ANSWERS)

    response = client.post(url(completed), {**ANSWERS, "helpful": "1", "what_changed": "Other"})

    assert response.status_code == 200
    assert Feedback.objects.count() == 1
    assert Feedback.objects.get().helpful == 4


# Not yet, and not found ----------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.NEW, Status.MATCHED, Status.IN_PROGRESS])
def test_before_the_coaching_ends_a_kind_page_says_when_the_form_opens(client, status):
    request = coaching_request(status=status)

    response = client.get(url(request))
    posted = client.post(url(request), ANSWERS)

    assert response.status_code == 200
    assertContains(response, "The feedback form is not open yet")
    assertContains(response, "The form opens when your coaching ends")
    assertNotContains(response, "data-coaching-feedback")
    assert posted.status_code == 200
    assert not Feedback.objects.exists()


def test_a_declined_request_has_no_feedback_to_give(client):
    request = coaching_request(status=Status.DECLINED, decline_reason="We are full.")

    response = client.get(url(request))

    assertContains(response, "There is no feedback to give for this request")
    assertNotContains(response, "We are full.")


@pytest.mark.parametrize("token", ["not-a-token", "x" * 32])
def test_an_unknown_token_is_not_found(client, completed, token):
    response = client.get(reverse("coaching:feedback", kwargs={"token": token}))

    assert response.status_code == 404


def test_the_reference_is_not_a_key(client, completed):
    response = client.get(reverse("coaching:feedback", kwargs={"token": completed.reference}))

    assert response.status_code == 404


# Impact figures ------------------------------------------------------------------------


def figures():
    return {figure.key: figure for figure in coaching_figures()}


def session(request, days_ago, **fields):
    return CoachingSession.objects.create(
        request=request,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        themes=[Theme.QUICK_WINS],
        **fields,
    )


def test_organisations_coached_counts_sessions_held_or_completed_each_organisation_once():
    session(coaching_request("Northfield Council", team="Housing"), 30)
    session(coaching_request(" NORTHFIELD council ", team="Adult social care"), 10)
    coaching_request("Westmoor Primary School", status=Status.COMPLETED)
    session(coaching_request("Harbourside Trust", status=Status.IN_PROGRESS), 0)  # today
    session(coaching_request("Later Ltd", status=Status.MATCHED), -7)  # planned, not held
    coaching_request("New Charity")
    coaching_request("Declined Group", status=Status.DECLINED, decline_reason="Full")

    result = figures()

    assert result["organisations_coached"].value == 3
    assert str(result["organisations_coached"].label) == "Organisations coached"
    assert result["organisations_coached"].order == 120


def test_coaching_sessions_counts_those_held_up_to_today():
    request = coaching_request(status=Status.IN_PROGRESS)
    for days_ago in (60, 30, 0, -1, -14):
        session(request, days_ago)

    result = figures()

    assert result["coaching_sessions"].value == 3
    assert result["coaching_sessions"].order == 121


def test_with_no_coaching_the_figures_are_nought():
    assert {key: figure.value for key, figure in figures().items()} == {
        "organisations_coached": 0,
        "coaching_sessions": 0,
    }


def test_the_figures_take_two_queries(django_assert_num_queries):
    request = coaching_request(status=Status.COMPLETED)
    session(request, 3)

    with django_assert_num_queries(2):
        coaching_figures()


def test_the_figures_are_registered_last_in_the_community_impact_report():
    keys = [figure.key for figure in collect_figures()]

    assert keys[-2:] == ["organisations_coached", "coaching_sessions"]
