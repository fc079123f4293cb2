"""NUL bytes and other control characters in query strings and form fields: never a 500.

Databases refuse NUL in a query (SQLite: "unterminated string"; PostgreSQL: "cannot contain
NUL"), so the query string is cleaned before any view reads it, and forms reject NUL with a
message.
"""

from django.http import QueryDict
from django.urls import reverse

import pytest

from core.middleware import without_control_characters

from ..members.factories import PASSWORD


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=a%00b&page=%00", "q=%01%1f%7f", "q%00=x", "q=grounding&type=%00guide"],
)
def test_search_with_control_characters_answers_normally(client, public_site, query):
    response = client.get(f"/search/?{query}")

    assert response.status_code == 200


def test_search_ignores_the_control_characters_and_finds_the_words(client, public_site):
    response = client.get("/search/?q=ground%00ing")

    assert response.status_code == 200
    assert "Grounding guide" in response.content.decode()


@pytest.mark.parametrize("query", ["type=%00", "tag=%00&sort=%00", "page=%00", "type=guide%00"])
def test_a_folder_page_with_control_characters_in_its_filters_answers_normally(
    client, public_site, query
):
    response = client.get(f"{public_site['folder'].url}?{query}")

    assert response.status_code == 200


def test_an_address_with_a_control_character_in_its_path_is_not_found(client, public_site):
    response = client.get(public_site["folder"].url + "%00/")

    assert response.status_code == 404


def test_a_sign_in_with_a_nul_byte_is_shown_again_with_an_error(client, public_site, member):
    response = client.post(
        reverse("account_login"), {"login": member.email + "\x00", "password": PASSWORD + "\x00"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not response.wsgi_request.user.is_authenticated


def test_a_sign_in_with_a_nul_byte_in_the_next_address_is_not_an_error(client, member):
    response = client.post(
        reverse("account_login") + "?next=/members/%00account/",
        {"login": member.email, "password": PASSWORD},
    )

    assert response.status_code == 302
    assert "\x00" not in response["Location"]


def test_a_sign_up_with_a_nul_byte_is_shown_again_with_an_error(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Ada\x00",
            "last_name": "Lovelace",
            "email": "ada@example.org",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
            "job_role": "Nurse",
            "organisation": "Riverside",
            "sector": "health",
        },
    )

    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors


def test_keys_and_values_lose_their_control_characters_and_keep_everything_else():
    cleaned = without_control_characters(QueryDict("q=caf%C3%A9%00&ta%00g=a&tag=b&x=%09y"))

    assert cleaned.getlist("q") == ["café"]
    assert cleaned.getlist("tag") == ["a", "b"]
    assert cleaned["x"] == "y"
