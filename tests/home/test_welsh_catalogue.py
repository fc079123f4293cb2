"""The project's one Welsh catalogue (locale/cy) is complete, compiled, and used by the site."""

from pathlib import Path

import django
from django.conf import settings

import polib
import pytest

from .markup import parse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"
DJANGO_WELSH = Path(django.__file__).parent / "conf/locale/cy/LC_MESSAGES/django.po"


def translations(catalogue):
    """Each message's key and its translation(s), as gettext will look them up."""
    found = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
        if entry.msgid_plural:
            found[key] = tuple(entry.msgstr_plural[form] for form in sorted(entry.msgstr_plural))
        else:
            found[key] = entry.msgstr
    return found


def labels(soup):
    return [label.get_text(" ", strip=True) for label in soup.select("label.nhsuk-label")]


def test_every_welsh_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO_FILE))

    assert len(catalogue) > 0
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert "fuzzy" not in catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []


def test_the_welsh_plural_rule_is_djangos_own():
    ours = polib.pofile(str(PO_FILE)).metadata["Plural-Forms"]
    djangos = polib.pofile(str(DJANGO_WELSH)).metadata["Plural-Forms"]

    assert ours.split() == djangos.split()


def test_the_compiled_catalogue_matches_the_po_file(tmp_path):
    catalogue = polib.pofile(str(PO_FILE))
    fresh = tmp_path / "django.mo"
    catalogue.save_as_mofile(str(fresh))

    committed = polib.mofile(str(MO_FILE))

    assert translations(committed) == translations(polib.mofile(str(fresh)))
    assert committed.metadata["Plural-Forms"].split() == catalogue.metadata["Plural-Forms"].split()


def test_the_apps_have_no_catalogues_of_their_own():
    apps = ["home", "members", "resources", "site"]

    assert [app for app in apps if (Path(settings.BASE_DIR) / app / "locale").exists()] == []


@pytest.mark.django_db
def test_a_visitor_joining_in_welsh_sees_a_welsh_heading_and_field_labels(client, demo_site):
    response = client.get("/cy/accounts/signup/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "cy"
    assert soup.find("h1").get_text(strip=True) == "Ymuno â’r gymuned"
    assert {
        "Enw cyntaf",
        "Cyfenw",
        "Cyfeiriad e-bost",
        "Cadarnhau cyfrinair",
        "Rôl swydd",
        "Sefydliad",
        "Sector",
    } <= set(labels(soup))
    assert soup.select_one("main button[type=submit]").get_text(strip=True) == "Gofyn i ymuno"


@pytest.mark.django_db
def test_a_visitor_signing_in_in_welsh_sees_a_welsh_heading(client, demo_site):
    response = client.get("/cy/accounts/login/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.find("h1").get_text(strip=True) == "Mewngofnodi"
    assert "Cyfeiriad e-bost" in labels(soup)
    assert soup.find("a", string="Wedi anghofio eich cyfrinair?") is not None


@pytest.mark.django_db
def test_the_skip_link_and_exit_control_on_the_welsh_home_page_are_in_welsh(client, demo_site):
    soup = parse(client.get("/cy/"))

    skip_link = soup.select_one("a.nhsuk-skip-link")
    exit_control = soup.select_one("[data-coa-exit-this-page]")
    assert skip_link.get_text(strip=True) == "Neidio i’r prif gynnwys"
    assert skip_link["href"] == "#maincontent"
    assert exit_control["aria-label"] == "Gadael y wefan hon yn gyflym"
    assert exit_control.select_one("[data-coa-exit-link]").get_text(strip=True) == (
        "Gadael y dudalen hon"
    )
    hint = exit_control.select_one("#coa-exit-this-page-hint")
    assert hint.get_text(strip=True) == (
        "Yn gadael y wefan hon ar unwaith ac yn agor gwefan nad yw’n gysylltiedig."
    )
    assert hint["data-shift-hint"] == "Gallwch chi hefyd bwyso’r fysell Shift 3 gwaith."
