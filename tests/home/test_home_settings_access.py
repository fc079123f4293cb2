"""Who may change the exit page and support signposting setting in the admin."""

from wagtail.models import Locale

import pytest

from home.models import SafetySettings, SupportMessage
from members import roles
from tests.members.factories import member_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _password_only_admin(settings):
    # The two-factor rule has its own tests; here only the setting's permission matters.
    settings.COA_REQUIRE_STAFF_MFA = False


def settings_url(site):
    return f"/admin/settings/home/safetysettings/{site.pk}/"


def test_editor_changes_the_support_signposting_shown_in_the_footer(client, site):
    client.force_login(member_in(roles.EDITORS))
    message = SupportMessage.objects.create(
        heading="If you need support now", text="<p>Call 999.</p>", locale=Locale.get_default()
    )
    form = client.get(settings_url(site))
    assert form.status_code == 200

    chosen = client.post(
        settings_url(site),
        {"exit_url": "https://www.bbc.co.uk/weather", "support_message": message.pk},
    )
    edited = client.post(
        f"/admin/snippets/home/supportmessage/edit/{message.pk}/",
        {
            "heading": "Help is here",
            "text": '{"blocks": [{"key": "a", "text": "Call Samaritans on 116 123.", '
            '"type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
            '"entityMap": {}}',
        },
    )

    assert chosen.status_code == 302
    assert edited.status_code == 302
    assert SafetySettings.for_site(site).support_message.heading == "Help is here"
    assert "Help is here" in client.get("/").content.decode()


def test_moderator_cannot_open_the_safety_setting(client, site):
    client.force_login(member_in(roles.MODERATORS))

    response = client.get(settings_url(site))

    assert response.status_code in {302, 403}
    assert b"support_message" not in response.content
