"""Security headers: the Content-Security-Policy of our pages and of the admins, the
Permissions-Policy, and pages whose markup the policy can enforce (no inline script or style)."""

import re

from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from ..members.factories import UserFactory, add_authenticator_app

PUBLIC_PAGES = ["home", "folder", "sign-in"]
PERMISSIONS = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+=", re.IGNORECASE)


def url_of(name, site):
    if name == "sign-in":
        return reverse("account_login")
    return site[name].url


def directives(response):
    """{directive: [sources]} from the response's Content-Security-Policy."""
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def assert_no_inline_script_or_style(html, where):
    assert not INLINE_SCRIPT.findall(html), f"inline <script> on {where}"
    assert not INLINE_STYLE.findall(html), f"inline style on {where}"
    assert not INLINE_EVENT_HANDLER.findall(html), f"inline event handler on {where}"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_page_forbids_camera_microphone_location_payments_usb_and_ad_topics(
    client, public_site, name
):
    response = client.get(url_of(name, public_site))

    assert response.status_code == 200
    policy = response["Permissions-Policy"]
    for permission in [*PERMISSIONS, "browsing-topics=()"]:
        assert permission in policy


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_send_the_sites_content_security_policy(client, public_site, name):
    response = client.get(url_of(name, public_site))

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert sorted(policy["frame-src"]) == [
        "https://player.vimeo.com",
        "https://www.youtube-nocookie.com",
    ]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_public_policy_never_allows_inline_or_evaluated_code(client, public_site):
    response = client.get(public_site["resource"].url)

    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_redirects_and_not_found_pages_carry_the_headers_too(client, public_site):
    for response in (client.get("/no-such-page/"), client.get(reverse("members:account"))):
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_the_admins_get_their_own_policy_that_allows_their_inline_code(client, db, path):
    admin = UserFactory(is_superuser=True, is_staff=True)
    add_authenticator_app(admin)
    client.force_login(admin)

    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    # The page preview shows the site inside the admin.
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]


PAGES_TO_RENDER = {
    "home": lambda site: site["home"].url,
    "about": lambda site: site["about"].url,
    "library": lambda site: site["library"].url,
    "folder": lambda site: site["folder"].url,
    "folder, filtered": lambda site: site["folder"].url + "?type=guide&tag=grounding",
    "resource": lambda site: site["resource"].url,
    "preview": lambda site: site["resource"].url + "preview/",
    "content note": lambda site: site["noted"].url + "preview/",
    "video preview": lambda site: site["video"].url + "preview/",
    "search": lambda site: "/search/?q=grounding",
    "search, no results": lambda site: "/search/?q=zzzz",
    "sign-in": lambda site: reverse("account_login"),
    "sign-up": lambda site: reverse("account_signup"),
    "sign-in by code": lambda site: reverse("account_request_login_code"),
    "password reset": lambda site: reverse("account_reset_password"),
    "Welsh home": lambda site: "/cy/",
    "not found": lambda site: "/no-such-page/",
}


def test_public_pages_have_no_inline_script_or_style(client, demo_public_site):
    for name, url in PAGES_TO_RENDER.items():
        response = client.get(url(demo_public_site))

        assert response.status_code == (404 if name == "not found" else 200), name
        assert_no_inline_script_or_style(response.content.decode(), name)


def test_members_pages_have_no_inline_script_or_style(client, public_site, member):
    client.force_login(member)

    for url in (reverse("members:account"), reverse("members:edit_profile")):
        response = client.get(url)

        assert response.status_code == 200
        assert_no_inline_script_or_style(response.content.decode(), url)


def test_the_sign_in_code_page_has_no_inline_script_or_style(client, public_site, member):
    client.post(reverse("account_request_login_code"), {"email": member.email})

    response = client.get(reverse("account_confirm_login_code"))

    assert response.status_code == 200
    assert_no_inline_script_or_style(response.content.decode(), "sign-in code")


def test_the_server_error_page_has_no_inline_script_or_style():
    assert_no_inline_script_or_style(render_to_string("500.html"), "500.html")
