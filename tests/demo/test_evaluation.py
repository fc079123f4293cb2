"""The narrative evaluation's demo content: one evaluation open now with about 60 stories
sent, every answer one a teller could give, patterns an editor would notice on the plots,
the demo member's own two stories, and a second run that adds nothing.

The members and evaluation demos are built once for the module, inside a transaction rolled
back at the end; each test runs in a savepoint inside it.
"""

from datetime import timedelta
from io import StringIO
from statistics import mean

from django.utils import timezone

import pytest

from evaluation import demo as evaluation_demo
from evaluation.models import Answer, Evaluation, Response, Signifier
from members.demo import DEMO_LOGINS
from members.models import User

pytestmark = pytest.mark.django_db

SLUG = "making-a-difference"


def signifier(question):
    return Signifier.objects.get(evaluation__slug=SLUG, question=question)


def sent_stories():
    return Response.objects.filter(evaluation__slug=SLUG, submitted_at__isnull=False)


def stories_answering(question, choice):
    return Answer.objects.filter(signifier=signifier(question), choice=choice).values("response")


def mean_of(question, field, stories):
    """The mean `field` of the answers to `question` of `stories`, not counting "does not
    apply"."""
    values = Answer.objects.filter(
        signifier=signifier(question), response__in=stories, not_applicable=False
    ).values_list(field, flat=True)
    assert len(values) >= 5
    return mean(values)


MATTERED = "In my story, what mattered most was…"
GAVE = "What the community gave me here was…"
CHANGE = "How much did it change what you do?"
FELT = "How did it feel at the time?"
SECTOR = "Which sector do you work in?"
WHERE = "Where did it happen?"
NOW = "How do you feel about this story now?"


def test_the_demo_makes_one_evaluation_open_now(demo):
    evaluation = Evaluation.objects.get(slug=SLUG)

    assert evaluation.is_open()
    assert evaluation.opens_at < timezone.now() - timedelta(days=14)
    assert evaluation.closes_at > timezone.now() + timedelta(days=14)
    assert "at least 5" in evaluation.introduction or "at least five" in evaluation.introduction
    assert "Narrative evaluations: 1 evaluation (1 new)" in demo["output"]


def test_its_signifiers_are_two_triads_two_sliders_and_three_choices_in_order(demo):
    evaluation = Evaluation.objects.get(slug=SLUG)
    signifiers = list(evaluation.signifiers.order_by("sort_order"))

    assert [item.question for item in signifiers] == [
        MATTERED,
        GAVE,
        CHANGE,
        FELT,
        SECTOR,
        WHERE,
        NOW,
    ]
    assert [item.kind for item in signifiers] == ["triad"] * 2 + ["slider"] * 2 + ["choice"] * 3
    assert signifiers[0].labels == ["Safety", "Trust", "Choice"]
    assert signifiers[6].option_list == ["Positive", "Mixed", "Negative"]
    for item in signifiers:
        item.full_clean()


def test_about_60_stories_were_sent_over_the_weeks_by_members(demo):
    evaluation = Evaluation.objects.get(slug=SLUG)
    stories = sent_stories()
    role_sign_ins = [row[1] for row in DEMO_LOGINS if row[0] != "Member"]

    assert 55 <= stories.count() <= 65
    assert len(set(stories.values_list("story", flat=True))) >= 30
    assert not stories.filter(title="").exists()
    assert all(
        evaluation.opens_at < story.created_at <= story.submitted_at <= timezone.now()
        for story in stories
    )
    assert (
        stories.filter(created_at__lt=evaluation.opens_at + timedelta(days=7)).exists()
        and stories.filter(created_at__gt=timezone.now() - timedelta(days=7)).exists()
    )
    assert all(story.updated_at == story.submitted_at for story in stories)
    assert not stories.filter(respondent__email__in=role_sign_ins).exists()
    tellers = list(stories.values_list("respondent", flat=True))
    assert len(set(tellers)) < len(tellers)  # some told more than one


def test_every_sent_story_answers_every_signifier_as_a_teller_could(demo):
    evaluation = Evaluation.objects.get(slug=SLUG)
    signifiers = list(evaluation.signifiers.all())

    for story in sent_stories().prefetch_related("answers"):
        answers = {answer.signifier_id: answer for answer in story.answers.all()}
        assert set(answers) == {item.pk for item in signifiers}
        for item in signifiers:
            answer = answers[item.pk]
            if answer.not_applicable:
                assert item.allow_not_applicable
                assert (answer.weights, answer.value, answer.choice) == (None, None, "")
            elif item.kind == Signifier.Kind.TRIAD:
                assert sum(answer.weights) == 100
                assert all(0 <= weight <= 100 for weight in answer.weights)
            elif item.kind == Signifier.Kind.SLIDER:
                assert 0 <= answer.value <= 100
            else:
                assert answer.choice in item.option_list


def test_a_few_answers_say_it_does_not_apply(demo):
    not_applicable = Answer.objects.filter(response__in=sent_stories(), not_applicable=True)

    assert 3 <= not_applicable.count() <= 20
    assert not_applicable.filter(signifier=signifier(SECTOR)).exists()
    assert not_applicable.filter(signifier=signifier(GAVE)).exists()


def test_every_option_is_chosen_by_at_least_a_group_of_stories(demo):
    for question in (SECTOR, WHERE, NOW):
        for option in signifier(question).option_list:
            chosen = Answer.objects.filter(signifier=signifier(question), choice=option)
            assert chosen.count() >= Evaluation.MIN_GROUP, (question, option)


def test_webinar_stories_lean_towards_trust_and_learning(demo):
    webinars = stories_answering(WHERE, "A webinar")
    others = sent_stories().exclude(pk__in=webinars)

    assert mean_of(MATTERED, "b", webinars) > mean_of(MATTERED, "b", others) + 12
    assert mean_of(GAVE, "a", webinars) > mean_of(GAVE, "a", others) + 10


def test_forum_stories_lean_towards_connection(demo):
    forums = stories_answering(WHERE, "The forums")
    others = sent_stories().exclude(pk__in=forums)

    assert mean_of(GAVE, "b", forums) > mean_of(GAVE, "b", others) + 15


def test_justice_stories_lean_towards_safety(demo):
    justice = stories_answering(SECTOR, "Justice")
    others = sent_stories().exclude(pk__in=justice)

    assert mean_of(MATTERED, "a", justice) > mean_of(MATTERED, "a", others) + 15


def test_negative_stories_changed_little_and_felt_hard(demo):
    negative = stories_answering(NOW, "Negative")
    positive = stories_answering(NOW, "Positive")

    assert mean_of(CHANGE, "value", negative) < mean_of(CHANGE, "value", positive) - 30
    assert mean_of(FELT, "value", negative) < mean_of(FELT, "value", positive) - 30
    assert mean_of(FELT, "value", negative) < 35


def test_the_demo_member_has_one_story_sent_and_one_not_finished(demo):
    member = User.objects.get(email="member@example.org")
    stories = Response.objects.filter(evaluation__slug=SLUG, respondent=member)

    assert stories.count() == 2
    sent = stories.get(submitted_at__isnull=False)
    unfinished = stories.get(submitted_at__isnull=True)
    assert sent.answers.count() == Evaluation.objects.get(slug=SLUG).signifiers.count()
    assert not unfinished.answers.exists()
    assert unfinished.title and unfinished.story


def test_running_it_again_creates_nothing(demo):
    counts = (Evaluation.objects.count(), Response.objects.count(), Answer.objects.count())
    output = StringIO()

    evaluation_demo.build(output)

    assert (Evaluation.objects.count(), Response.objects.count(), Answer.objects.count()) == counts
    assert "Narrative evaluations: 1 evaluation (0 new)" in output.getvalue()


def test_building_it_takes_a_few_queries_not_thousands(demo, django_assert_max_num_queries):
    Evaluation.objects.filter(slug=SLUG).delete()

    with django_assert_max_num_queries(30):
        evaluation_demo.build(StringIO())

    assert 55 <= sent_stories().count() <= 65
