"""Speakers' consent in the admin: the history, recording a change, and a withdrawal taking
effect at once everywhere (every language copy, the search index)."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from members import roles
from webinars.consent import CONSENT_TEXTS, CURRENT_VERSION, Use
from webinars.models import ConsentRecord, Speaker, WebinarPage, record_consent

from ..members.factories import member_in
from .factories import SpeakerFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def consent_url(speaker):
    return reverse(Speaker.snippet_viewset.get_url_name("consent"), args=[speaker.pk])


def record(client, speaker, *, uses, decision="given", agreed_on=None, **extra):
    data = {
        "uses": [str(use) for use in uses],
        "decision": decision,
        "agreed_on": (agreed_on or timezone.localdate()).isoformat(),
        "version": CURRENT_VERSION,
        "how": "",
        **extra,
    }
    return client.post(consent_url(speaker), data)


def found_speakers(words):
    return list(get_search_backend().search(words, Speaker))


class TestWhoMayRecordConsent:
    def test_a_moderator_is_turned_away(self, signed_in, speaker):
        response = signed_in(member_in(roles.MODERATORS)).get(consent_url(speaker))

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_a_moderator_cannot_record_a_change(self, signed_in, speaker):
        record(
            signed_in(member_in(roles.MODERATORS)), speaker, uses=[Use.NAME], decision="withdrawn"
        )

        speaker.refresh_from_db()
        assert speaker.consent_name

    def test_a_member_cannot_reach_it(self, signed_in, member, speaker):
        assert signed_in(member).get(consent_url(speaker)).status_code == 403

    def test_an_editor_finds_the_consent_page_from_the_speakers_list(self, signed_in, editor):
        unnamed = SpeakerFactory(name="Robin Hale", consent=[])

        response = signed_in(editor).get(
            reverse(Speaker.snippet_viewset.get_url_name("list")), {"q": "Robin"}
        )

        # Found by name although the name may not be shown (nor indexed) on the site.
        assertContains(response, "Robin Hale")
        assertContains(response, consent_url(unnamed))
        assertContains(response, "Nothing yet")


class TestTheConsentPage:
    def test_it_shows_what_holds_now_the_history_and_the_wording(self, signed_in, editor):
        speaker = SpeakerFactory(name="Alex Morgan", consent=[Use.NAME, Use.BIO])

        response = signed_in(editor).get(consent_url(speaker))

        html = response.content.decode()
        assert html.count("data-record=") == 2
        assertContains(response, 'data-use="photo"')
        assertContains(response, "No: never given")
        for text in CONSENT_TEXTS:
            assertContains(response, f'id="wording-{text.version}"')
        assertContains(response, str(CONSENT_TEXTS[-1].text)[:60])

    def test_choosing_an_older_version_shows_its_wording_beside_the_form(
        self, signed_in, editor, speaker
    ):
        older = CONSENT_TEXTS[0]

        response = signed_in(editor).get(consent_url(speaker), {"version": older.version})

        assertContains(response, f"The wording of version {older.version}:")
        assertContains(response, f'<option value="{older.version}" selected>', html=False)

    def test_an_unknown_version_asked_for_falls_back_to_the_current_one(
        self, signed_in, editor, speaker
    ):
        response = signed_in(editor).get(consent_url(speaker), {"version": "<b>"})

        assertContains(response, f"The wording of version {CURRENT_VERSION}:")


class TestRecording:
    def test_giving_consent_is_recorded_with_its_date_wording_and_who(self, signed_in, editor):
        speaker = SpeakerFactory(name="Sam Okafor", consent=[])
        client = signed_in(editor)

        response = record(
            client,
            speaker,
            uses=[Use.NAME, Use.PHOTO],
            agreed_on=date(2026, 11, 3),
            how="signed form",
        )

        assert response.status_code == 302
        speaker.refresh_from_db()
        assert speaker.consent_name and speaker.consent_photo and not speaker.consent_bio
        newest = speaker.consent_records.get(use=Use.PHOTO)
        assert (newest.given, newest.agreed_on, newest.how, newest.recorded_by) == (
            True,
            date(2026, 11, 3),
            "signed form",
            editor,
        )
        assert newest.consent_text_version == CURRENT_VERSION
        page = client.get(consent_url(speaker))
        assertContains(page, "Recorded: Sam Okafor gave consent for")
        assertContains(page, "signed form")

    def test_a_withdrawal_keeps_the_earlier_records_as_history(self, signed_in, editor, speaker):
        before = ConsentRecord.objects.filter(speaker=speaker).count()

        record(signed_in(editor), speaker, uses=[Use.PHOTO], decision="withdrawn", how="phone")

        records = ConsentRecord.objects.filter(speaker=speaker, use=Use.PHOTO)
        assert ConsentRecord.objects.filter(speaker=speaker).count() == before + 1
        assert sorted(records.values_list("given", flat=True)) == [False, True]
        speaker.refresh_from_db()
        assert not speaker.consent_photo
        assert speaker.consent_name  # the other uses stand

    def test_a_withdrawal_changes_every_language_copy_at_once(self, signed_in, editor, speaker):
        welsh = Locale.objects.create(language_code="cy")
        welsh_copy = speaker.copy_for_translation(welsh)
        welsh_copy.save()

        record(signed_in(editor), welsh_copy, uses=[Use.NAME], decision="withdrawn")

        assert not Speaker.objects.get(pk=speaker.pk).consent_name
        assert not Speaker.objects.get(pk=welsh_copy.pk).consent_name
        # Recorded once, on the default language's copy.
        assert ConsentRecord.objects.filter(speaker=welsh_copy).count() == 0

    def test_a_withdrawn_name_is_taken_out_of_search_at_once(
        self, signed_in, editor, listing, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            speaker = SpeakerFactory(name="Alex Morgan")
            webinar = WebinarFactory(parent=listing, title="Older people", speakers=[speaker])
        assert found_speakers("Morgan") == [speaker]
        assert [page.pk for page in WebinarPage.objects.live().search("Morgan")] == [webinar.pk]

        with django_capture_on_commit_callbacks(execute=True):
            record(signed_in(editor), speaker, uses=[Use.NAME], decision="withdrawn")

        assert found_speakers("Morgan") == []
        assert list(WebinarPage.objects.live().search("Morgan")) == []
        # The webinar itself is still found by its title.
        assert [page.pk for page in WebinarPage.objects.live().search("Older")] == [webinar.pk]

    def test_consent_given_before_the_wording_existed_is_refused(self, signed_in, editor, speaker):
        client = signed_in(editor)
        current = CONSENT_TEXTS[-1]

        response = record(
            client,
            speaker,
            uses=[Use.QUOTES],
            agreed_on=current.introduced - timedelta(days=1),
        )

        assert response.status_code == 200
        assertContains(response, "Nothing was recorded")
        assertContains(response, f"Version {current.version} of the wording was first used on")
        assert ConsentRecord.objects.filter(speaker=speaker, use=Use.QUOTES).count() == 1

    def test_a_date_in_the_future_is_refused(self, signed_in, editor, speaker):
        response = record(
            signed_in(editor),
            speaker,
            uses=[Use.NAME],
            decision="withdrawn",
            agreed_on=timezone.localdate() + timedelta(days=2),
        )

        assertContains(response, "The date cannot be in the future.")
        speaker.refresh_from_db()
        assert speaker.consent_name

    def test_at_least_one_use_is_needed(self, signed_in, editor, speaker):
        response = record(signed_in(editor), speaker, uses=[])

        assertContains(response, "Choose at least one use.")
        assertNotContains(response, "Recorded:")


class TestScheduledPublication:
    def test_a_withdrawal_takes_a_scheduled_publication_that_needs_it_off_the_schedule(
        self, upcoming, speaker, django_capture_on_commit_callbacks
    ):
        draft = upcoming.save_revision()
        draft.approved_go_live_at = timezone.now() + timedelta(days=1)
        draft.save()

        with django_capture_on_commit_callbacks(execute=True):
            record_consent(speaker, [Use.NAME], given=False)

        draft.refresh_from_db()
        assert draft.approved_go_live_at is None

    def test_a_withdrawal_the_schedule_does_not_need_leaves_it(
        self, upcoming, speaker, django_capture_on_commit_callbacks
    ):
        draft = upcoming.save_revision()
        when = timezone.now() + timedelta(days=1)
        draft.approved_go_live_at = when
        draft.save()

        with django_capture_on_commit_callbacks(execute=True):
            record_consent(speaker, [Use.PHOTO], given=False)

        draft.refresh_from_db()
        assert draft.approved_go_live_at == when
