"""Publishing a webinar that would show something without its speakers' consent is refused
in the admin, with the reason; a draft can always be saved."""

from datetime import timedelta
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains

from webinars.consent import Use
from webinars.models import WebinarPage

from .factories import SpeakerFactory, WebinarFactory

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """What a browser would submit from the page editor's form, as a dict of lists."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self.in_form = False
        self.textarea = None
        self.select = None
        self.in_template = 0

    def add(self, name, value):
        if name and "__prefix__" not in name and not self.in_template:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-edit-form" in attrs:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.in_template += 1
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(attrs.get("name"), attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.add(attrs.get("name"), attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]
        elif tag == "select":
            self.select = {"name": attrs.get("name"), "chosen": []}
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self.select["chosen"].append(attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "template":
            self.in_template -= 1
        elif tag == "textarea" and self.textarea is not None:
            self.add(self.textarea[0], self.textarea[1].removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            for value in self.select["chosen"]:
                self.add(self.select["name"], value)
            self.select = None
        elif tag == "form":
            self.in_form = False


def edit_form_data(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    assert "title" in parser.data, "the editor form was not found"
    return parser.data


def add_speaker_row(data, speaker):
    count = int(data["speakers-TOTAL_FORMS"][0])
    data["speakers-TOTAL_FORMS"] = [str(count + 1)]
    data[f"speakers-{count}-speaker"] = [str(speaker.pk)]
    data[f"speakers-{count}-id"] = [""]
    data[f"speakers-{count}-ORDER"] = [str(count + 1)]
    return data


def submit(client, page, data, action):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, action: ["1"]}, follow=True
    )


@pytest.fixture
def draft(listing):
    return WebinarFactory(parent=listing, title="Working with shame", publish=False)


@pytest.fixture
def unnamed():
    return SpeakerFactory(name="Robin Hale", consent=[Use.BIO, Use.PHOTO])


class TestPublishing:
    def test_publishing_with_a_speaker_who_has_not_agreed_to_their_name_is_refused(
        self, signed_in, editor, draft, unnamed
    ):
        client = signed_in(editor)
        data = add_speaker_row(edit_form_data(client, draft), unnamed)

        response = submit(client, draft, data, "action-publish")

        assertContains(response, "This webinar cannot be published yet")
        assertContains(response, "Robin Hale has not agreed to their name being shown.")
        draft.refresh_from_db()
        assert not draft.live
        assert not draft.speakers.exists()

    def test_the_same_webinar_can_be_saved_as_a_draft(self, signed_in, editor, draft, unnamed):
        client = signed_in(editor)
        data = add_speaker_row(edit_form_data(client, draft), unnamed)

        response = submit(client, draft, data, "action-save-draft")

        assert response.status_code == 200
        draft.refresh_from_db()
        assert not draft.live
        revision = draft.get_latest_revision().as_object()
        assert [item.speaker for item in revision.speakers.all()] == [unnamed]

    def test_with_the_speakers_consent_it_publishes(self, signed_in, editor, draft, speaker):
        client = signed_in(editor)
        data = add_speaker_row(edit_form_data(client, draft), speaker)

        submit(client, draft, data, "action-publish")

        draft.refresh_from_db()
        assert draft.live
        assert [item.speaker for item in draft.speakers.all()] == [speaker]

    def test_a_recording_needs_every_speakers_consent_to_it(
        self, signed_in, editor, listing, speaker
    ):
        no_recording = SpeakerFactory(
            name="Kit Ames", consent=[Use.NAME, Use.BIO, Use.PHOTO, Use.QUOTES]
        )
        page = WebinarFactory(parent=listing, speakers=[speaker, no_recording], publish=False)
        client = signed_in(editor)
        data = edit_form_data(client, page)
        data["recording_url"] = ["https://www.youtube.com/watch?v=abc123"]

        response = submit(client, page, data, "action-publish")

        assertContains(response, "Kit Ames has not agreed to the recording being published.")
        assert "Alex Morgan has not agreed" not in response.content.decode()
        page.refresh_from_db()
        assert not page.live

    def test_submitting_for_moderation_is_refused_too(self, signed_in, editor, draft, unnamed):
        client = signed_in(editor)
        data = add_speaker_row(edit_form_data(client, draft), unnamed)

        response = submit(client, draft, data, "action-submit")

        assertContains(response, "Robin Hale has not agreed to their name being shown.")

    def test_scheduling_it_for_later_is_refused_too(self, signed_in, editor, draft, unnamed):
        client = signed_in(editor)
        data = add_speaker_row(edit_form_data(client, draft), unnamed)
        data["go_live_at"] = [
            (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
        ]

        response = submit(client, draft, data, "action-publish")

        assertContains(response, "Robin Hale has not agreed to their name being shown.")
        assert not draft.revisions.filter(approved_go_live_at__isnull=False).exists()

    def test_removing_the_speaker_lets_it_publish(self, signed_in, editor, listing, unnamed):
        page = WebinarFactory(parent=listing, speakers=[unnamed], publish=False)
        client = signed_in(editor)
        data = edit_form_data(client, page)
        data["speakers-0-DELETE"] = ["1"]

        submit(client, page, data, "action-publish")

        page.refresh_from_db()
        assert page.live
        assert not page.speakers.exists()


class TestWhileEditing:
    def test_each_speaker_shows_what_they_have_agreed_to(self, signed_in, editor, listing):
        unnamed = SpeakerFactory(name="Robin Hale", consent=[Use.BIO])
        page = WebinarFactory(parent=listing, speakers=[unnamed], publish=False)

        response = signed_in(editor).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

        assertContains(response, "Robin Hale’s consent: agreed to Biography.")
        assertContains(response, "Not agreed (not shown anywhere): Name, role and organisation;")


class TestBulkPublish:
    def bulk_publish_url(self, page):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        return f"{url}?id={page.pk}"

    def test_the_confirmation_says_which_webinar_is_left_out_and_why(
        self, signed_in, editor, listing, unnamed
    ):
        page = WebinarFactory(parent=listing, speakers=[unnamed], publish=False)

        response = signed_in(editor).get(self.bulk_publish_url(page))

        assertContains(response, "will not be published")
        assertContains(response, "Robin Hale has not agreed to their name being shown.")

    def test_confirming_leaves_it_unpublished_and_publishes_the_others(
        self, signed_in, editor, listing, unnamed, speaker
    ):
        refused = WebinarFactory(parent=listing, speakers=[unnamed], publish=False)
        fine = WebinarFactory(parent=listing, speakers=[speaker], publish=False)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

        signed_in(editor).post(f"{url}?id={refused.pk}&id={fine.pk}", {})

        assert not WebinarPage.objects.get(pk=refused.pk).live
        assert WebinarPage.objects.get(pk=fine.pk).live
