"""A real way to ask again: the editors' contact details (core.ContactSettings) in the decline
and suspension emails, on the account page and as every email's Reply-To; without them, no
promise that nobody can keep ("reply to this email" from a no-reply address)."""

from django.urls import reverse

from wagtail.models import Locale, Site

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.models import ContactSettings
from members import roles
from members.emails import send_membership_declined, send_membership_suspended

from ..home.factories import StandardPageFactory
from ..resources.factories import site_home_page
from .factories import MemberProfileFactory, approved_member, member_in

pytestmark = pytest.mark.django_db

CONTACT = "core-group@community.example.org"
NO_REPLY_PROMISE = "reply to"


@pytest.fixture
def site():
    site_home_page()
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def contact(site):
    """Contact details with an address set; tests add a page where they need one."""
    settings = ContactSettings.for_site(site)
    settings.contact_email = CONTACT
    settings.save()
    return settings


def declined_member(reason="The community is for people working in the UK."):
    profile = MemberProfileFactory()
    profile.decline(by=None, reason=reason, notify=False)
    return profile


def suspended_member():
    user = approved_member()
    user.member_profile.suspend(by=None, reason="Posts in the Practice board.", notify=False)
    return user.member_profile


class TestEditorsSetThem:
    @pytest.fixture(autouse=True)
    def _password_only_admin(self, settings):
        # The two-factor rule has its own tests; here only the setting's permission matters.
        settings.COA_REQUIRE_STAFF_MFA = False

    def test_editor_sets_the_contact_address(self, client, site):
        client.force_login(member_in(roles.EDITORS))
        url = f"/admin/settings/core/contactsettings/{site.pk}/"

        assert client.get(url).status_code == 200
        response = client.post(url, {"contact_email": CONTACT})

        assert response.status_code == 302
        assert ContactSettings.for_site(site).contact_email == CONTACT

    def test_moderator_cannot_open_the_contact_setting(self, client, site):
        client.force_login(member_in(roles.MODERATORS))

        response = client.get(f"/admin/settings/core/contactsettings/{site.pk}/")

        assert response.status_code in {302, 403}
        assert b"contact_email" not in response.content


class TestDeclineEmail:
    def test_with_an_address_it_says_how_to_ask_again_and_replies_reach_it(
        self, contact, mailoutbox
    ):
        send_membership_declined(declined_member())

        email = mailoutbox[0]
        assert email.reply_to == [CONTACT]
        assert "we will look again" in email.body
        assert f"reply to this email or write to {CONTACT}" in email.body
        assert f'href="mailto:{CONTACT}"' in email.alternatives[0][0]

    def test_without_one_it_promises_no_reply_and_points_to_the_account_page(
        self, site, mailoutbox
    ):
        send_membership_declined(declined_member())

        email = mailoutbox[0]
        assert email.reply_to == []
        assert NO_REPLY_PROMISE not in email.body
        assert "we will look again" not in email.body
        assert "sign in at any time to see your account page" in email.body
        assert reverse("members:account") in email.body

    def test_a_contact_page_is_linked_with_the_sites_address(self, contact, mailoutbox, settings):
        page = StandardPageFactory(parent=site_home_page(), title="Contact us", slug="contact")
        contact.contact_page = page
        contact.save()

        send_membership_declined(declined_member())

        full_url = settings.WAGTAILADMIN_BASE_URL + page.url
        assert f"use our contact page: {full_url}" in mailoutbox[0].body


class TestSuspensionEmail:
    def test_with_an_address_replies_reach_a_person(self, contact, mailoutbox):
        send_membership_suspended(suspended_member())

        email = mailoutbox[0]
        assert email.reply_to == [CONTACT]
        assert "an editor will get back to you" in email.body
        assert CONTACT in email.body

    def test_without_one_it_promises_no_reply(self, site, mailoutbox):
        send_membership_suspended(suspended_member())

        email = mailoutbox[0]
        assert NO_REPLY_PROMISE not in email.body
        assert "get back to you" not in email.body
        assert reverse("members:account") in email.body


class TestAccountPage:
    def test_declined_member_sees_the_address_to_ask_again(self, client, contact):
        profile = declined_member()
        client.force_login(profile.user)

        response = client.get(reverse("members:account"))

        assertContains(response, "we will look again")
        assertContains(response, f'<a href="mailto:{CONTACT}">{CONTACT}</a>', html=True)
        assertNotContains(response, "reply to the email")

    def test_declined_member_without_an_address_is_told_what_they_can_do_here(self, client, site):
        profile = declined_member()
        client.force_login(profile.user)

        response = client.get(reverse("members:account"))

        assertContains(response, "check, change or delete your details below")
        assertNotContains(response, "we will look again")
        assertNotContains(response, "reply to the email")

    def test_suspended_member_sees_the_address_and_the_contact_page(self, client, contact):
        page = StandardPageFactory(parent=site_home_page(), title="Contact us", slug="contact")
        contact.contact_page = page
        contact.save()
        profile = suspended_member()
        client.force_login(profile.user)

        response = client.get(reverse("members:account"))

        assertContains(response, "an editor will get back to you")
        assertContains(response, f'href="mailto:{CONTACT}"')
        assertContains(response, f'href="{page.url}"')

    def test_suspended_member_without_an_address_is_promised_nothing(self, client, site):
        client.force_login(suspended_member().user)

        response = client.get(reverse("members:account"))

        assertContains(response, "Your membership is paused")
        assertNotContains(response, "get back to you")
        assertNotContains(response, "reply to the email")

    def test_a_welsh_page_links_the_welsh_contact_page(self, client, contact):
        home = site_home_page()
        page = StandardPageFactory(parent=home, title="Contact us", slug="contact")
        welsh = Locale.objects.get_or_create(language_code="cy")[0]
        home.copy_for_translation(welsh).save_revision().publish()
        page_cy = page.copy_for_translation(welsh)
        page_cy.save_revision().publish()
        page_cy.refresh_from_db()
        contact.contact_page = page
        contact.save()
        client.force_login(suspended_member().user)

        response = client.get("/cy/members/account/")

        assertContains(response, f'href="{page_cy.url}"')
        assert page_cy.url.startswith("/cy/")

    def test_an_unpublished_contact_page_is_not_linked(self, client, contact):
        page = StandardPageFactory(parent=site_home_page(), title="Contact us", slug="contact")
        page.unpublish()
        contact.contact_page = page
        contact.save()
        client.force_login(suspended_member().user)

        response = client.get(reverse("members:account"))

        assertContains(response, f'href="mailto:{CONTACT}"')
        assertNotContains(response, "contact page")


def test_allauth_emails_reply_to_the_contact_address_too(client, contact, mailoutbox):
    member = approved_member()

    client.post(reverse("account_reset_password"), {"email": member.email})

    assert mailoutbox[0].reply_to == [CONTACT]
