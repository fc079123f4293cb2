"""Telling a story in a narrative evaluation: the story, then its signifiers, as a member
would, and every way in for anyone else."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from evaluation.models import Answer, Response

from .factories import EvaluationFactory, StoryFactory, answered

pytestmark = pytest.mark.django_db


def signifier_data(evaluation, triad=("2", "1", "1"), value="70", sector="Health", **extra):
    triad_signifier, slider_signifier, choice_signifier = evaluation.signifiers.all()
    data = {
        f"signifier_{triad_signifier.pk}_0": triad[0],
        f"signifier_{triad_signifier.pk}_1": triad[1],
        f"signifier_{triad_signifier.pk}_2": triad[2],
        f"signifier_{slider_signifier.pk}": value,
        f"signifier_{choice_signifier.pk}": sector,
    }
    data.update(extra)
    return data


def test_a_member_tells_a_story_then_places_it(signed_in, member, evaluation):
    client = signed_in(member)
    page = client.get(reverse("evaluation:evaluation", args=[evaluation.slug]))
    assert page.status_code == 200
    assert "Tell your story" in page.text

    told = client.post(
        reverse("evaluation:tell", args=[evaluation.slug]),
        {"title": "The first webinar", "story": "It changed how I greet people."},
    )
    story = Response.objects.get(respondent=member)
    assert told.url == reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    assert not story.is_submitted

    form = client.get(told.url)
    assert "Safety" in form.text and "Not at all" in form.text and "Social care" in form.text

    sent = client.post(told.url, signifier_data(evaluation), follow=True)
    assert "Thank you" in sent.text
    story.refresh_from_db()
    assert story.is_submitted
    triad_answer, slider_answer, choice_answer = Answer.objects.filter(response=story).order_by(
        "signifier__sort_order"
    )
    assert triad_answer.weights == (50, 25, 25)
    assert slider_answer.value == 70
    assert choice_answer.choice == "Health"


def test_changing_the_answers_keeps_one_answer_a_signifier(signed_in, member, evaluation):
    story = StoryFactory(evaluation=evaluation, respondent=member)
    client = signed_in(member)
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    client.post(url, signifier_data(evaluation))
    client.post(url, signifier_data(evaluation, triad=("0", "0", "5"), value="10"))
    assert Answer.objects.filter(response=story).count() == 3
    triad_answer = Answer.objects.get(response=story, signifier__kind="triad")
    assert triad_answer.weights == (0, 0, 100)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("triad", "value", "sector", "message"),
    [
        (("0", "0", "0"), "50", "Health", "Give at least one of the three qualities some weight."),
        (("101", "0", "0"), "50", "Health", "Ensure this value is less than or equal to 100."),
        (("1", "", "1"), "50", "Health", "Give each of the three qualities a number"),
        (("1", "1", "1"), "500", "Health", "Ensure this value is less than or equal to 100."),
        (("1", "1", "1"), "50", "Farming", "Select a valid choice."),
    ],
)
def test_bad_answers_are_shown_again_with_a_message(
    signed_in, member, evaluation, triad, value, sector, message
):
    story = StoryFactory(evaluation=evaluation, respondent=member)
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    page = signed_in(member).post(url, signifier_data(evaluation, triad, value, sector))
    assert page.status_code == 200
    assert message in page.text
    assert "There is a problem" in page.text
    assert not Answer.objects.exists()


def test_an_unplaced_triad_needs_a_placement_or_does_not_apply(signed_in, member, evaluation):
    story = StoryFactory(evaluation=evaluation, respondent=member)
    triad_signifier = evaluation.signifiers.get(kind="triad")
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    client = signed_in(member)
    page = client.post(url, signifier_data(evaluation, triad=("", "", "")))
    assert "Does not apply to my story" in page.text
    assert not Answer.objects.exists()

    client.post(
        url,
        signifier_data(
            evaluation,
            triad=("", "", ""),
            **{f"signifier_{triad_signifier.pk}_not_applicable": "on"},
        ),
    )
    answer = Answer.objects.get(response=story, signifier=triad_signifier)
    assert answer.not_applicable and answer.weights is None


def test_someone_elses_story_is_not_found(signed_in, member, evaluation):
    story = StoryFactory(evaluation=evaluation)
    client = signed_in(member)
    for name in ("story", "signifiers", "delete"):
        url = reverse(f"evaluation:{name}", args=[evaluation.slug, story.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"story": "Mine now"}).status_code == 404
    story.refresh_from_db()
    assert story.story != "Mine now"


def test_a_story_under_another_evaluation_is_not_found(signed_in, member, evaluation):
    story = StoryFactory(respondent=member)
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    assert signed_in(member).get(url).status_code == 404


def test_a_closed_evaluation_keeps_what_was_written_and_saves_nothing(signed_in, member):
    evaluation = EvaluationFactory(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    page = signed_in(member).post(
        reverse("evaluation:tell", args=[evaluation.slug]), {"story": "Something I wrote."}
    )
    assert page.status_code == 200
    assert "This evaluation has closed" in page.text
    assert "Something I wrote." in page.text
    assert not Response.objects.exists()


def test_an_evaluation_not_open_yet_is_not_found(signed_in, member):
    evaluation = EvaluationFactory(opens_at=timezone.now() + timedelta(days=1))
    assert (
        signed_in(member).get(reverse("evaluation:evaluation", args=[evaluation.slug])).status_code
        == 404
    )


def test_a_member_deletes_their_story_and_its_answers(signed_in, member, evaluation):
    story = answered(
        StoryFactory(evaluation=evaluation, respondent=member),
        {evaluation.signifiers.get(kind="slider"): 40},
    )
    client = signed_in(member)
    url = reverse("evaluation:delete", args=[evaluation.slug, story.pk])
    assert "Are you sure" in client.get(url).text
    client.post(url)
    assert not Response.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize("person", ["visitor", "pending", "declined", "suspended"])
def test_only_approved_members_take_part(signed_in, people, evaluation, person):
    client = signed_in(people[person])
    for url in (
        reverse("evaluation:evaluations"),
        reverse("evaluation:evaluation", args=[evaluation.slug]),
        reverse("evaluation:tell", args=[evaluation.slug]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert client.post(
        reverse("evaluation:tell", args=[evaluation.slug]), {"story": "x"}
    ).status_code in (302, 403)
    assert not Response.objects.exists()


def test_a_slider_sent_unmoved_is_not_taken_as_the_middle(signed_in, member, evaluation):
    """The slider's script sends "_moved=0" until it is moved: the form asks again rather
    than store 50; without the script (no "_moved") the range input's value is the answer."""
    story = StoryFactory(evaluation=evaluation, respondent=member)
    slider_signifier = evaluation.signifiers.get(kind="slider")
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    client = signed_in(member)

    unmoved = {f"signifier_{slider_signifier.pk}_moved": "0"}
    page = client.post(url, signifier_data(evaluation, value="50", **unmoved))
    assert "Move the slider to where your story sits" in page.text
    assert "data-untouched" in page.text
    assert not Answer.objects.exists()

    moved = {f"signifier_{slider_signifier.pk}_moved": "1"}
    client.post(url, signifier_data(evaluation, value="50", **moved))
    assert Answer.objects.get(response=story, signifier=slider_signifier).value == 50


def test_a_choice_left_out_is_linked_from_the_error_summary(signed_in, member, evaluation):
    story = StoryFactory(evaluation=evaluation, respondent=member)
    choice_signifier = evaluation.signifiers.get(kind="choice")
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    page = signed_in(member).post(url, signifier_data(evaluation, sector=""))
    first_radio = f"id_signifier_{choice_signifier.pk}_0"
    assert f'href="#{first_radio}"' in page.text
    assert f'id="{first_radio}"' in page.text
