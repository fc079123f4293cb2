"""The public shell around every page: headings, skip link, exit control, header, footer."""

from wagtail.models import Locale, Page

import pytest

from home.models import DEFAULT_EXIT_URL, SafetySettings, SupportMessage

from .factories import StandardPageFactory, stream
from .markup import focus_order, parse

pytestmark = pytest.mark.django_db

PAGE_PATHS = ["/", "/about/", "/accessibility-statement/", "/privacy-notice/"]
# Site; Wagtail's routing to the home page (locale, page, aliases) and its view restrictions;
# then one each for the language switcher, SafetySettings, the menu and the footer links.
# Nothing is queried per menu item.
# One more than before core.access: the closed areas of the tree (members only, privacy).
# One more for the upcoming webinars: looking for the webinar listing (with a listing, three
# more however many webinars it has: tests/webinars/test_query_counts.py).
# One more for the latest stories: looking for the stories listing (with a listing, one
# more however many stories it has: tests/stories/test_ownership.py).
HOME_PAGE_QUERIES = 12


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_public_page_has_one_h1_and_the_skip_link_first(client, footer_pages, path):
    response = client.get(path)

    soup = parse(response)
    assert response.status_code == 200
    assert len(soup.find_all("h1")) == 1
    first = focus_order(soup)[0]
    assert first["href"] == "#maincontent"
    assert "nhsuk-skip-link" in first["class"]
    assert soup.find("main", id="maincontent") is not None


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_exit_control_comes_straight_after_the_skip_link_and_goes_to_the_setting(
    client, footer_pages, path
):
    response = client.get(path)

    exit_link = focus_order(parse(response))[1]
    assert exit_link.get_text(" ", strip=True) == "Exit this page"
    assert exit_link["href"] == DEFAULT_EXIT_URL
    assert exit_link["rel"] == ["noreferrer"]
    assert exit_link.has_attr("aria-describedby")


def test_focus_order_is_skip_link_exit_control_header_navigation_then_main(client, footer_pages):
    soup = parse(client.get("/"))

    order = focus_order(soup)
    service_name = soup.select_one("header .nhsuk-header__service-name")
    search_box = soup.select_one("header input[name=q]")
    first_menu_link = soup.select_one(".nhsuk-header__navigation a")
    first_main_link = soup.select_one("main a[href]")
    assert order[0]["href"] == "#maincontent"
    assert "coa-exit-this-page__button" in order[1]["class"]
    assert (
        1
        < order.index(service_name)
        < order.index(search_box)
        < order.index(first_menu_link)
        < order.index(first_main_link)
    )


def test_exit_control_follows_the_editors_setting(client, site, footer_pages):
    settings = SafetySettings.for_site(site)
    settings.exit_url = "https://www.example.org/"
    settings.save()

    soup = parse(client.get("/"))

    assert soup.select_one("[data-coa-exit-link]")["href"] == "https://www.example.org/"


def test_exit_script_is_a_static_file_not_inline(client, footer_pages):
    soup = parse(client.get("/"))

    scripts = soup.find_all("script")
    assert any(script.get("src", "").endswith("home/js/exit-this-page.js") for script in scripts)
    assert all(script.get("src") for script in scripts)


def test_footer_shows_the_support_signposting_from_the_setting(client, footer_pages):
    soup = parse(client.get("/about/"))

    footer = soup.find("footer")
    text = footer.get_text(" ", strip=True)
    assert "999" in text
    assert "116 123" in text
    assert "85258" in text
    assert "NHS 111" in text


def test_changing_the_signposting_setting_changes_the_footer(client, site, footer_pages):
    settings = SafetySettings.for_site(site)
    settings.support_message = SupportMessage.objects.create(
        heading="Talk to someone tonight",
        text="<p>Call the night line on 0800 000 0000.</p>",
        locale=Locale.get_default(),
    )
    settings.save()

    footer = parse(client.get("/")).find("footer")

    assert "Talk to someone tonight" in footer.get_text()
    assert "0800 000 0000" in footer.get_text()
    assert "Samaritans" not in footer.get_text()


def test_a_page_can_show_the_signposting_in_its_body(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Getting help",
        body=stream(("paragraph", "<p>Some support.</p>"), ("support_signposting", None)),
    )

    main = parse(client.get("/getting-help/")).find("main")

    assert "116 123" in main.get_text()


def test_footer_links_to_about_accessibility_and_privacy(client, footer_pages):
    footer = parse(client.get("/")).find("footer")

    links = {a.get_text(strip=True): a["href"] for a in footer.select(".nhsuk-footer__meta a")}
    assert links == {
        "About us": "/about/",
        "Accessibility statement": "/accessibility-statement/",
        "Privacy notice": "/privacy-notice/",
    }


def test_primary_navigation_lists_live_menu_pages_under_home(client, home_page, footer_pages):
    StandardPageFactory(parent=home_page, title="Draft", show_in_menus=True, publish=False)
    StandardPageFactory(parent=footer_pages["about"], title="Deeper page", show_in_menus=True)

    nav = parse(client.get("/")).select_one(".nhsuk-header__navigation")

    assert [a.get_text(strip=True) for a in nav.select("a")] == ["About us"]


def test_navigation_marks_the_current_page(client, footer_pages):
    nav = parse(client.get("/about/")).select_one(".nhsuk-header__navigation")

    assert nav.select_one("a[aria-current=page]")["href"] == "/about/"


def test_breadcrumbs_show_on_pages_below_home_but_not_on_home(client, footer_pages):
    StandardPageFactory(parent=footer_pages["about"], title="Our team", slug="our-team")

    home = parse(client.get("/"))
    team = parse(client.get("/about/our-team/"))

    assert home.select_one(".nhsuk-breadcrumb") is None
    crumbs = team.select(".nhsuk-breadcrumb__list a")
    assert [(a.get_text(strip=True), a["href"]) for a in crumbs] == [
        ("Home", "/"),
        ("About us", "/about/"),
    ]


def test_signed_out_visitor_sees_sign_in_and_join(client, footer_pages):
    account = parse(client.get("/")).select_one(".nhsuk-header__account")

    labels = [a.get_text(strip=True) for a in account.select("a:not([data-language-switch])")]
    assert labels == ["Sign in", "Join"]
    assert account.find("form") is None


def test_signed_in_member_sees_their_account_and_a_sign_out_form(client, footer_pages):
    from members.models import User

    user = User.objects.create_user(email="sam@example.org", password="x" * 12)
    client.force_login(user)

    account = parse(client.get("/")).select_one(".nhsuk-header__account")

    assert "Your account" in account.get_text()
    assert "Admin" not in account.get_text()
    form = account.find("form")
    assert form["method"] == "post"
    assert form["action"] == "/accounts/logout/"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None


def test_admin_link_shows_for_people_who_may_use_the_admin(client, footer_pages):
    from members.models import User

    admin = User.objects.create_superuser(email="ed@example.org", password="x" * 12)
    client.force_login(admin)

    account = parse(client.get("/")).select_one(".nhsuk-header__account")

    assert account.find("a", string="Admin")["href"] == "/admin/"


def test_home_page_tells_visitors_how_to_join(client, footer_pages):
    soup = parse(client.get("/"))

    join = soup.select_one("main .nhsuk-card--feature")
    assert join is not None
    assert join.find("a", href="/accounts/signup/") is not None


def test_home_page_has_no_empty_placeholders_for_later_sections(client, footer_pages):
    headings = [h.get_text(strip=True).lower() for h in parse(client.get("/")).select("main h2")]

    assert not [h for h in headings if "webinar" in h or "resource" in h]


def test_messages_show_as_an_nhs_notification_banner(rf, footer_pages):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "Your profile was saved.")

    html = render_to_string("components/messages.html", request=request)

    banner = parse_html(html).select_one(".nhsuk-notification-banner--success")
    assert "Your profile was saved." in banner.get_text()
    assert banner["role"] == "alert"


def parse_html(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_home_page_query_count_stays_flat_as_the_menu_grows(
    client, home_page, footer_pages, django_assert_max_num_queries
):
    client.get("/")  # warms Wagtail's site root paths cache, as in production
    with django_assert_max_num_queries(HOME_PAGE_QUERIES):
        client.get("/")
    for n in range(6):
        StandardPageFactory(parent=home_page, title=f"Section {n}", show_in_menus=True)
    client.get("/")

    with django_assert_max_num_queries(HOME_PAGE_QUERIES):
        response = client.get("/")

    assert len(parse(response).select(".nhsuk-header__navigation-item")) == 7


def test_welsh_page_without_welsh_home_still_serves_with_lang_cy(client, home_page):
    Locale.objects.get_or_create(language_code="cy")

    response = client.get("/cy/")

    assert response.status_code == 200
    assert parse(response).html["lang"] == "cy"
    assert Page.objects.filter(locale__language_code="cy").count() == 0


def test_editor_changes_the_safety_settings_in_the_admin(client, site, footer_pages, settings):
    from django.urls import reverse

    from members.models import User

    settings.COA_REQUIRE_STAFF_MFA = False
    admin = User.objects.create_superuser(email="admin@example.org", password="x" * 12)
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["home", "safetysettings", site.pk])
    form = client.get(url)

    message = SupportMessage.objects.create(
        heading="Help now", text="<p>Call 999.</p>", locale=Locale.get_default()
    )

    response = client.post(
        url, {"exit_url": "https://www.example.com/news", "support_message": message.pk}
    )

    assert form.status_code == 200
    assert response.status_code == 302
    page = parse(client.get("/"))
    assert page.select_one("[data-coa-exit-link]")["href"] == "https://www.example.com/news"
    assert "Call 999." in page.find("footer").get_text()
