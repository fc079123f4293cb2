"""Production security settings: the site's own https address, and the client address that
sign-in rate limits count by behind the proxy."""

import pytest

from ..site.test_settings import PRODUCTION_ENV, manage

PRINT_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.WAGTAILADMIN_BASE_URL, settings.ALLAUTH_TRUSTED_PROXY_COUNT, "
    "settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
)


def production_settings(**env):
    result = manage("shell", "--no-imports", "-c", PRINT_SETTINGS, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_refuses_to_start_without_the_sites_address():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "WAGTAILADMIN_BASE_URL"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "Set the WAGTAILADMIN_BASE_URL environment variable" in result.stderr


def test_production_refuses_a_site_address_without_https():
    result = manage("check", env={**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": "http://x.example"})

    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must start with https://" in result.stderr


def test_production_trusts_one_proxy_unless_told_otherwise():
    base_url, proxy_count, header = production_settings()

    assert base_url == "https://community.example.org"
    assert proxy_count == "1"
    assert header == "None"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"ALLAUTH_TRUSTED_PROXY_COUNT": "2"}, ["2", "None"]),
        ({"ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}, ["1", "X-Real-IP"]),
    ],
)
def test_production_reads_the_proxy_set_up_from_the_environment(env, expected):
    assert production_settings(**env)[1:] == expected


def test_production_refuses_a_proxy_count_that_is_not_a_number():
    result = manage("check", env={**PRODUCTION_ENV, "ALLAUTH_TRUSTED_PROXY_COUNT": "one"})

    assert result.returncode != 0
    assert "ALLAUTH_TRUSTED_PROXY_COUNT must be a whole number" in result.stderr
