"""Error pages (400, 403, the CSRF 403, 404, 500) are the site's own: its layout with the exit
control, plain words about what happened and what to do, in English and in Welsh, with DEBUG
off (as in every test)."""

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from ..members.factories import PASSWORD, approved_member
from ..resources.factories import site_home_page

pytestmark = pytest.mark.django_db

EXIT_CONTROL = "data-coa-exit-link"
TYPED_SECRET = "my-typed-password-123"


@pytest.fixture(autouse=True)
def home(db):
    return site_home_page()


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.core.error_urls"


def in_welsh(message):
    with translation.override("cy"):
        return gettext(message)


def assert_site_page(response, status, heading, language="en-gb"):
    """The response is our page in `language`, with the exit control and `heading`."""
    assert response.status_code == status
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert EXIT_CONTROL in content
    expected = in_welsh(heading) if language == "cy" else heading
    assert f"<h1>{expected}</h1>" in content


class TestFormLeftOpenTooLong:
    def test_sign_in_without_a_valid_token_gets_our_page_not_djangos(self, csrf_client):
        response = csrf_client.post(
            reverse("account_login"), {"login": "someone@example.org", "password": TYPED_SECRET}
        )

        assert_site_page(response, 403, "Your form was not sent")
        assertContains(response, "nothing was saved", status_code=403)
        assertContains(response, "What you typed may still be there", status_code=403)
        assertNotContains(response, "CSRF", status_code=403)

    def test_nothing_that_was_typed_is_shown_again(self, csrf_client):
        response = csrf_client.post(
            reverse("account_login"), {"login": "someone@example.org", "password": TYPED_SECRET}
        )

        assertNotContains(response, TYPED_SECRET, status_code=403)
        assertNotContains(response, "someone@example.org", status_code=403)

    def test_the_link_goes_back_to_the_form_it_came_from(self, csrf_client):
        form_url = "http://testserver" + reverse("account_login")

        response = csrf_client.post(
            reverse("account_login"), {"login": "a@example.org"}, HTTP_REFERER=form_url
        )

        assertContains(response, f'<a href="{form_url}">Open the form again</a>', status_code=403)

    def test_a_link_from_another_website_is_not_offered(self, csrf_client):
        response = csrf_client.post(
            reverse("account_login"),
            {"login": "a@example.org"},
            HTTP_REFERER="https://elsewhere.example/phish",
        )

        assertNotContains(response, "elsewhere.example", status_code=403)
        assertNotContains(response, "Open the form again", status_code=403)

    def test_a_signed_in_member_whose_page_went_stale_gets_the_same_page(self, csrf_client):
        csrf_client.force_login(approved_member())

        response = csrf_client.post(reverse("members:delete_account"), {"password": PASSWORD})

        assert_site_page(response, 403, "Your form was not sent")

    def test_in_welsh_the_page_is_welsh(self, csrf_client):
        response = csrf_client.post("/cy/accounts/login/", {"login": "a@example.org"})

        assert_site_page(response, 403, "Your form was not sent", language="cy")


class TestBadRequest:
    """A request we cannot read, here a Host header we do not serve (ALLOWED_HOSTS), which
    Django answers with 400 before any view runs."""

    @pytest.mark.parametrize(
        ("path", "language"), [("/", "en-gb"), ("/cy/", "cy")], ids=["english", "welsh"]
    )
    def test_a_host_we_do_not_serve_gets_our_400_page(self, path, language):
        response = Client(HTTP_HOST="not-our-site.example").get(path)

        assert_site_page(response, 400, "Sorry, we could not open that page", language=language)
        assertNotContains(response, "not-our-site.example", status_code=400)


@pytest.mark.usefixtures("failing_urls")
class TestForbidden:
    @pytest.mark.parametrize(
        ("path", "language"),
        [("/test-forbidden/", "en-gb"), ("/cy/test-forbidden/", "cy")],
        ids=["english", "welsh"],
    )
    def test_a_page_someone_may_not_open_says_so_kindly(self, client, path, language):
        response = client.get(path)

        assert_site_page(response, 403, "This page is not open to you", language=language)


class TestNotFound:
    @pytest.mark.parametrize(
        ("path", "language"),
        [("/no-such-page/", "en-gb"), ("/cy/no-such-page/", "cy")],
        ids=["english", "welsh"],
    )
    def test_a_missing_page_gets_our_404_page(self, client, path, language):
        response = client.get(path)

        assert_site_page(response, 404, "Page not found", language=language)


class TestServerError:
    @pytest.mark.usefixtures("failing_urls")
    @pytest.mark.parametrize(
        ("path", "language"),
        [("/test-broken/", "en-gb"), ("/cy/test-broken/", "cy")],
        ids=["english", "welsh"],
    )
    def test_a_failure_gets_our_500_page(self, path, language):
        response = Client(raise_request_exception=False).get(path)

        assert_site_page(
            response, 500, "Sorry, there is a problem with the service", language=language
        )
        assertNotContains(response, "A failure for the 500 page test", status_code=500)
        # That it needs no database or request: tests/home/test_home_errors.py.
