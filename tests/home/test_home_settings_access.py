"""Who may change the exit page and support signposting setting in the admin."""

import pytest

from home.models import SafetySettings
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
    form = client.get(settings_url(site))
    assert form.status_code == 200

    response = client.post(
        settings_url(site),
        {
            "exit_url": "https://www.bbc.co.uk/weather",
            "support_heading": "Help is here",
            "support_text": '{"blocks": [{"key": "a", "text": "Call Samaritans on 116 123.", '
            '"type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
            '"entityMap": {}}',
        },
    )

    assert response.status_code == 302
    assert SafetySettings.for_site(site).support_heading == "Help is here"
    assert "Help is here" in client.get("/").content.decode()


def test_moderator_cannot_open_the_safety_setting(client, site):
    client.force_login(member_in(roles.MODERATORS))

    response = client.get(settings_url(site))

    assert response.status_code in {302, 403}
    assert b"support_heading" not in response.content
