"""The webinars' figures in the Community impact report."""

from datetime import timedelta

from django.urls import reverse

from wagtail.models import Locale

import pytest

from webinars.consent import Use
from webinars.models import Registration, WebinarPage

from ..members.factories import approved_member
from .factories import SpeakerFactory, WebinarFactory, register

pytestmark = pytest.mark.django_db

KEYS = (
    "webinars_held",
    "webinar_audience_total",
    "webinar_audience_min",
    "webinar_audience_max",
    "speakers_expert_by_experience",
)


def figures(client):
    response = client.get(reverse("impact_report:report"))
    return {figure.key: figure.value for figure in response.context["figures"]}


def held_webinar(listing, **kwargs):
    return WebinarFactory(parent=listing, starts_in=-timedelta(days=10), **kwargs)


@pytest.fixture
def welsh():
    return Locale.objects.create(language_code="cy")


def test_the_report_shows_every_webinar_figure_in_its_place(signed_in, editor, listing):
    response = signed_in(editor).get(reverse("impact_report:report"))

    shown = [figure for figure in response.context["figures"] if figure.key in KEYS]
    assert [figure.key for figure in shown] == list(KEYS)
    assert all(60 <= figure.order <= 79 for figure in shown)
    assert b'data-impact-figure="webinars_held"' in response.content


def test_webinars_held_counts_each_past_webinar_once(signed_in, editor, listing, past, welsh):
    welsh_copy = past.copy_for_translation(welsh, copy_parents=True)
    welsh_copy.save_revision().publish()
    held_webinar(listing, title="Called off", audience=500)
    WebinarPage.objects.filter(title="Called off").update(cancelled=True)
    held_webinar(listing, title="Never published", publish=False)
    WebinarFactory(parent=listing, starts_in=timedelta(days=3), audience=40)

    result = figures(signed_in(editor))

    assert result["webinars_held"] == 1
    assert result["webinar_audience_total"] == 120


def test_audiences_use_the_editors_figure_else_the_attendance_marked(
    signed_in, editor, listing, past
):
    marked = held_webinar(listing, title="Marked only")
    for attended in (True, True, False):
        row = register(marked, approved_member())
        Registration.objects.filter(pk=row.pk).update(attended=attended)
    held_webinar(listing, title="Nothing known")

    result = figures(signed_in(editor))

    assert result["webinars_held"] == 3
    assert result["webinar_audience_total"] == 122
    assert result["webinar_audience_min"] == 2
    assert result["webinar_audience_max"] == 120


def test_with_no_audience_known_the_figures_are_zero(signed_in, editor, listing):
    held_webinar(listing)

    result = figures(signed_in(editor))

    assert result["webinars_held"] == 1
    assert result["webinar_audience_min"] == result["webinar_audience_max"] == 0


def test_experts_by_experience_are_counted_only_with_consent_to_the_label(
    signed_in, editor, listing, speaker, welsh
):
    without_label = SpeakerFactory(
        name="Jo Reyes", expert_by_experience=True, consent=[Use.NAME, Use.BIO]
    )
    not_an_expert = SpeakerFactory(name="Dr Lee")
    only_upcoming = SpeakerFactory(name="Pat Quinn", expert_by_experience=True)
    held = held_webinar(listing, speakers=[speaker, without_label, not_an_expert])
    held_webinar(listing, chair=speaker)
    WebinarFactory(parent=listing, starts_in=timedelta(days=5), speakers=[only_upcoming])
    welsh_copy = held.copy_for_translation(welsh, copy_parents=True)
    welsh_copy.save_revision().publish()

    assert figures(signed_in(editor))["speakers_expert_by_experience"] == 1


def test_a_chair_who_is_an_expert_by_experience_counts(signed_in, editor, listing):
    chair = SpeakerFactory(name="Ife Ade", expert_by_experience=True)
    held_webinar(listing, chair=chair)

    assert figures(signed_in(editor))["speakers_expert_by_experience"] == 1
