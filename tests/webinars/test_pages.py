"""What people see on the webinar listing, on a webinar's page and on "Your webinars".

The listing: upcoming first, then past; filters; pages of past webinars; places left and
the person's own place. A webinar's page: every section, what each kind of person can do
about registering, the joining link only with a place, and what is shown after the event.
"""

from datetime import time, timedelta

from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from webinars.consent import Use
from webinars.models import (
    AgendaItem,
    CalendarToken,
    Registration,
    WebinarDocument,
    WebinarPage,
    WebinarQuote,
    WebinarSpeaker,
)

from ..home.markup import parse
from ..members.factories import approved_member
from ..resources.factories import ResourceDocumentFactory
from .factories import SpeakerFactory, WebinarFactory, register

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=abcdefghijk"
NOCOOKIE = "https://www.youtube-nocookie.com/embed/abcdefghijk"


# Helpers -------------------------------------------------------------------------------


def words(element):
    return " ".join(element.get_text(" ", strip=True).split()) if element else ""


def main_text(response):
    return words(parse(response).select_one("main"))


def titles(response, section):
    """The webinar titles listed under `section` ("upcoming" or "past"), in order."""
    return [words(h3) for h3 in parse(response).select(f"main [data-{section}] li > h3")]


def photo(title="Portrait"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def with_themes(webinar, *names):
    webinar.themes.add(*names)
    webinar.save_revision().publish()
    webinar.refresh_from_db()
    return webinar


def registration_box(response):
    return parse(response).select_one("#registration")


# The listing ---------------------------------------------------------------------------


def test_listing_shows_upcoming_soonest_first_then_past_newest_first(client, listing):
    WebinarFactory(parent=listing, title="In a fortnight", starts_in=timedelta(days=14))
    WebinarFactory(parent=listing, title="Next week", starts_in=timedelta(days=7))
    WebinarFactory(parent=listing, title="Last month", starts_in=-timedelta(days=30))
    WebinarFactory(parent=listing, title="Two months ago", starts_in=-timedelta(days=60))

    response = client.get(listing.url)

    assert response.status_code == 200
    assert titles(response, "upcoming") == ["Next week", "In a fortnight"]
    assert titles(response, "past") == ["Last month", "Two months ago"]
    headings = [words(h2) for h2 in parse(response).select("main h2")]
    assert headings.index("Upcoming webinars") < headings.index("Past webinars")


def test_listing_item_says_when_in_uk_time_how_long_who_and_places_left(client, listing):
    speaker = SpeakerFactory(name="Priya Shah")
    chair = SpeakerFactory(name="Dana Okafor")
    webinar = WebinarFactory(
        parent=listing,
        title="Trauma and housing",
        starts_in=timedelta(days=10),
        duration=75,
        capacity=10,
        speakers=[speaker],
        chair=chair,
    )
    with_themes(webinar, "Housing")
    for _ in range(3):
        register(webinar, approved_member())

    item = parse(client.get(listing.url)).select_one("main [data-upcoming] li")
    text = words(item)

    start = webinar.local_start()
    assert item.select_one("h3 a")["href"] == webinar.url
    assert start.strftime("%A %-d %B %Y") in text
    assert start.tzname() in text  # GMT or BST, whichever applies on the day
    assert "(1 hour 15 minutes)" in text
    assert "Speaker: Priya Shah" in text
    assert "Chair: Dana Okafor" in text
    assert "Housing" in text
    assert "7 places left" in text
    assert item.select_one("time")["datetime"] == start.isoformat()


def test_a_full_webinar_says_its_waiting_list_is_open(client, listing):
    webinar = WebinarFactory(parent=listing, capacity=1)
    register(webinar, approved_member())

    text = words(parse(client.get(listing.url)).select_one("main [data-upcoming] li"))

    assert "Full: waiting list open" in text
    assert "places left" not in text


def test_a_member_sees_which_webinars_they_have_a_place_at(signed_in, listing, member):
    placed = WebinarFactory(parent=listing, title="Placed", starts_in=timedelta(days=3))
    waiting = WebinarFactory(parent=listing, title="Waiting", starts_in=timedelta(days=4))
    WebinarFactory(parent=listing, title="Not registered", starts_in=timedelta(days=5))
    register(placed, member)
    register(waiting, member, status=Registration.Status.WAITING)

    items = parse(signed_in(member).get(listing.url)).select("main [data-upcoming] li")

    marks = {words(li.h3): words(li.select_one(".coa-webinar-tags")) for li in items}
    assert "You have a place" in marks["Placed"]
    assert "You are on the waiting list" in marks["Waiting"]
    assert "You have" not in marks["Not registered"]
    assert "waiting list" not in marks["Not registered"]


def test_a_cancelled_registration_is_not_marked_as_a_place(signed_in, listing, member):
    webinar = WebinarFactory(parent=listing, title="Changed my mind")
    register(webinar, member, status=Registration.Status.CANCELLED)

    text = words(parse(signed_in(member).get(listing.url)).select_one("[data-upcoming] li"))

    assert "You have a place" not in text


def test_filter_by_theme_lists_only_that_theme(client, listing):
    with_themes(WebinarFactory(parent=listing, title="About race"), "Race")
    with_themes(WebinarFactory(parent=listing, title="About housing"), "Housing")
    with_themes(
        WebinarFactory(parent=listing, title="Old race one", starts_in=-timedelta(days=9)), "Race"
    )

    response = client.get(listing.url, {"theme": "race"})

    assert titles(response, "upcoming") == ["About race"]
    assert titles(response, "past") == ["Old race one"]
    chosen = parse(response).select_one("#filter-theme option[selected]")
    assert chosen["value"] == "race"
    assert parse(response).find("a", string="Clear the filters")["href"] == listing.url


def test_filter_by_year_lists_only_that_year(client, listing):
    recent = WebinarFactory(parent=listing, title="Recent", starts_in=-timedelta(days=30))
    WebinarFactory(parent=listing, title="Long ago", starts_in=-timedelta(days=400))

    response = client.get(listing.url, {"year": recent.local_start().year})

    assert titles(response, "past") == ["Recent"]
    years = [option["value"] for option in parse(response).select("#filter-year option")]
    assert str(recent.local_start().year) in years
    assert len(years) == 3  # "All years" and the two years that have webinars


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "no-such-theme"},
        {"year": "abc"},
        {"year": "1999"},
        {"page": "abc"},
        {"page": "-1"},
        {"sort": "title", "q": "<script>"},
    ],
)
def test_unknown_or_invalid_parameters_are_ignored_not_errors(client, listing, query):
    WebinarFactory(parent=listing, title="Coming up")
    WebinarFactory(parent=listing, title="Been and gone", starts_in=-timedelta(days=5))

    response = client.get(listing.url, query)

    assert response.status_code == 200
    assert titles(response, "upcoming") == ["Coming up"]
    assert titles(response, "past") == ["Been and gone"]
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_past_webinars_come_in_pages_of_ten_and_keep_the_filter(client, listing):
    for day in range(1, 13):
        with_themes(
            WebinarFactory(
                parent=listing, title=f"Past {day:02d}", starts_in=-timedelta(days=day)
            ),
            "Practice",
        )
    WebinarFactory(parent=listing, title="Coming up")

    first = client.get(listing.url, {"theme": "practice"})
    second = client.get(listing.url, {"theme": "practice", "page": 2})
    beyond = client.get(listing.url, {"page": 99})

    assert titles(first, "past") == [f"Past {day:02d}" for day in range(1, 11)]
    assert titles(second, "past") == ["Past 11", "Past 12"]
    assert titles(beyond, "past") == ["Past 11", "Past 12"]
    next_link = parse(first).select_one(".nhsuk-pagination__link--next")
    assert next_link["href"] == "?theme=practice&page=2"


def test_listing_offers_the_calendar_and_feeds_in_the_page_and_its_head(client, listing):
    soup = parse(client.get(listing.url))

    rss = soup.select_one('head link[rel=alternate][type="application/rss+xml"]')
    atom = soup.select_one('head link[rel=alternate][type="application/atom+xml"]')
    assert rss["href"] == listing.url + "feed/"
    assert atom["href"] == listing.url + "feed/atom/"
    links = {a["href"] for a in soup.select("main a")}
    assert {listing.url + "calendar/", listing.url + "feed/", listing.url + "feed/atom/"} <= links
    subscribe = soup.select_one("[data-subscribe]")["href"]
    assert subscribe.startswith("webcal://") and subscribe.endswith(listing.url + "calendar/")


def test_past_webinars_say_when_a_recording_is_available(client, listing, speaker):
    WebinarFactory(
        parent=listing, title="Recorded", starts_in=-timedelta(days=3), recording_url=YOUTUBE
    )
    shy = SpeakerFactory(consent=[Use.NAME])
    unpublishable = WebinarFactory(
        parent=listing, title="Not agreed", starts_in=-timedelta(days=4), recording_url=YOUTUBE
    )
    AgendaItem.objects.create(page=unpublishable, time=time(13), title="Talk", speaker=shy)

    items = parse(client.get(listing.url)).select("main [data-past] li")

    marks = {words(li.h3): words(li) for li in items}
    assert "Recording available" in marks["Recorded"]
    assert "Recording available" not in marks["Not agreed"]


# A webinar's page: what it says ---------------------------------------------------------


@pytest.fixture
def full_webinar(listing):
    """An upcoming webinar with every section filled in."""
    chair = SpeakerFactory(name="Dana Okafor", role="Director", organisation="Open Door")
    first = SpeakerFactory(
        name="Priya Shah", bio="Priya runs a peer support group.", expert_by_experience=True
    )
    first.photo = photo("Priya")
    first.save()
    second = SpeakerFactory(name="Tom Reid", bio="Tom is a housing officer.")
    webinar = WebinarFactory(
        parent=listing,
        title="Trauma and housing",
        summary="How housing teams can work in a trauma-informed way.",
        starts_in=timedelta(days=10),
        speakers=[first, second],
        chair=chair,
        content_note="homelessness, domestic abuse",
        will_be_recorded=True,
        captions=True,
        bsl=True,
        transcript_offered=True,
        accessibility_notes="Slides are sent a week before.",
        wellbeing_contact_name="Sam Taylor",
        wellbeing_contact_email="wellbeing@example.org",
        if_difficult="Step away whenever you need to; Sam is on hand.",
    )
    AgendaItem.objects.create(page=webinar, time=time(13, 0), title="Welcome", speaker=chair)
    AgendaItem.objects.create(
        page=webinar, time=time(13, 10), title="Finding a home", speaker=first
    )
    AgendaItem.objects.create(page=webinar, time=time(14, 0), title="Questions")
    WebinarQuote.objects.create(page=webinar, speaker=first, text="Being believed changed it.")
    WebinarDocument.objects.create(
        page=webinar, title="Slides", document=ResourceDocumentFactory(title="Slides file")
    )
    return webinar


def test_webinar_page_shows_every_section_before_anyone_registers(client, full_webinar):
    response = client.get(full_webinar.url)
    soup = parse(response)
    text = main_text(response)

    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "Trauma and housing"
    assert "How housing teams can work in a trauma-informed way." in text
    assert "This covers: homelessness, domestic abuse." in words(soup.select_one("#content-note"))
    assert full_webinar.local_start().strftime("%A %-d %B %Y") in text
    assert "1 hour 30 minutes" in text
    # Agenda: timed items with their speakers.
    agenda = [words(row) for row in soup.select(".coa-webinar-agenda .nhsuk-summary-list__row")]
    assert agenda == [
        "1pm Welcome Dana Okafor",
        "1:10pm Finding a home Priya Shah",
        "2pm Questions",
    ]
    # Chair and speakers with photo and short biography.
    speakers = soup.select(".coa-speaker")
    assert [words(li.h3) for li in speakers] == ["Chair: Dana Okafor", "Priya Shah", "Tom Reid"]
    assert "Director, Open Door" in words(speakers[0])
    assert "Priya runs a peer support group." in words(speakers[1])
    assert "Expert by experience" in words(speakers[1])
    assert "Expert by experience" not in words(speakers[2])
    portrait = speakers[1].select_one("img")
    assert portrait["alt"] == "Priya Shah"
    assert "fill-160x160" in portrait["src"]
    assert speakers[2].select_one("img") is None
    assert "Being believed changed it." in words(soup.select_one(".coa-quote"))
    # Accessibility, recording, wellbeing: all there for a visitor, before registering.
    assert "Live captions Yes" in text
    assert "British Sign Language interpreter Yes" in text
    assert "Transcript afterwards Yes" in text
    assert "Slides are sent a week before." in text
    assert "This session will be recorded." in words(soup.select_one("[data-recording-notice]"))
    wellbeing = words(soup.select_one("#wellbeing"))
    assert "The wellbeing contact for this session is Sam Taylor" in wellbeing
    assert "Step away whenever you need to; Sam is on hand." in wellbeing
    assert soup.select_one('#wellbeing a[href="mailto:wellbeing@example.org"]') is not None
    item = full_webinar.documents.get()
    link = soup.find("a", href=f"{full_webinar.url}files/{item.pk}/")
    assert link is not None and "Slides" in words(link)


def test_slides_download_through_the_page_route(client, full_webinar):
    item = full_webinar.documents.get()

    response = client.get(f"{full_webinar.url}files/{item.pk}/")

    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert body.startswith(b"%PDF")


def test_a_session_that_will_not_be_recorded_says_so(client, upcoming):
    notice = parse(client.get(upcoming.url)).select_one("[data-recording-notice]")

    assert words(notice) == "This session will not be recorded."


def test_themes_link_back_to_the_filtered_listing(client, listing, upcoming):
    with_themes(upcoming, "Older people")

    link = parse(client.get(upcoming.url)).find("a", string="Older people")

    assert link["href"] == listing.url + "?theme=older-people"


# A webinar's page: registering --------------------------------------------------------


def test_visitor_is_asked_to_sign_in_and_comes_back_to_the_webinar(client, upcoming):
    box = registration_box(client.get(upcoming.url))

    link = box.select_one("a.nhsuk-button")
    assert words(link) == f"Sign in to register for {upcoming.title}"
    assert link["href"] == "/accounts/login/?next=" + upcoming.url.replace("/", "%2F")
    assert box.select_one("form") is None
    assert upcoming.joining_link not in str(box)


@pytest.mark.parametrize(
    "who, says",
    [
        ("pending", "Your membership is waiting for approval"),
        ("declined", "we were not able to approve your membership"),
        ("suspended", "Your membership is paused at the moment"),
    ],
)
def test_people_who_cannot_register_see_where_they_really_stand(
    signed_in, people, upcoming, who, says
):
    response = signed_in(people[who]).get(upcoming.url)
    box = registration_box(response)

    assert says in words(box)
    assert box.select_one(f'form[action="{upcoming.url}register/"]') is None
    assert upcoming.joining_link not in response.content.decode()


@pytest.mark.parametrize("who", ["member", "editor"])
def test_approved_member_registers_with_one_click_and_then_sees_the_joining_link(
    signed_in, people, upcoming, who
):
    client = signed_in(people[who])
    before = client.get(upcoming.url)
    form = registration_box(before).select_one(f'form[action="{upcoming.url}register/"]')
    assert form["method"] == "post"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert [words(b) for b in form.select("button")] == [f"Register for {upcoming.title}"]
    assert upcoming.joining_link not in before.content.decode()

    posted = client.post(upcoming.url + "register/", follow=True)

    box = registration_box(posted)
    assert "You have a place" in words(box)
    assert box.select_one("[data-joining-link]")["href"] == upcoming.joining_link
    assert "You have a place." in main_text(posted)  # the message after registering
    assert Registration.objects.get(member=people[who]).has_place


def test_member_with_a_place_can_cancel_and_loses_the_joining_link(signed_in, member, upcoming):
    register(upcoming, member)
    client = signed_in(member)
    form = registration_box(client.get(upcoming.url)).select_one(
        f'form[action="{upcoming.url}cancel-registration/"]'
    )
    assert form is not None and form.select_one("input[name=csrfmiddlewaretoken]")

    after = client.post(upcoming.url + "cancel-registration/", follow=True)

    assert "Your registration is cancelled." in main_text(after)
    assert upcoming.joining_link not in after.content.decode()
    assert registration_box(after).select_one(f'form[action="{upcoming.url}register/"]')


def test_when_full_a_member_joins_the_waiting_list_and_sees_their_place_in_it(
    signed_in, listing, member
):
    webinar = WebinarFactory(parent=listing, capacity=1)
    register(webinar, approved_member())
    register(
        webinar,
        approved_member(),
        status=Registration.Status.WAITING,
        queued_at=timezone.now() - timedelta(hours=1),
    )
    client = signed_in(member)
    box = registration_box(client.get(webinar.url))
    assert "This webinar is full" in words(box)
    assert "1 person is waiting." in words(box)
    button = box.select_one(f'form[action="{webinar.url}register/"] button')
    assert words(button).startswith("Join the waiting list")

    after = client.post(webinar.url + "register/", follow=True)

    box = registration_box(after)
    assert "You are number 2 on the waiting list" in words(box)
    assert box.select_one(f'form[action="{webinar.url}cancel-registration/"]') is not None
    assert webinar.joining_link not in after.content.decode()


def test_a_past_webinar_says_why_registration_is_closed(signed_in, member, past):
    response = signed_in(member).get(past.url)
    box = registration_box(response)

    assert "This webinar has taken place, so it is not taking registrations." in words(box)
    assert box.select_one("form") is None


def test_a_cancelled_webinar_says_so_and_why(signed_in, member, upcoming):
    register(upcoming, member)
    WebinarPage.objects.filter(pk=upcoming.pk).update(
        cancelled=True, cancelled_reason="The speaker is unwell."
    )

    response = signed_in(member).get(upcoming.url)

    callout = parse(response).select_one("[data-cancelled]")
    assert "This webinar has been cancelled" in words(callout)
    assert "The speaker is unwell." in words(callout)
    assert "has been cancelled, so it is not taking registrations" in words(
        registration_box(response)
    )
    assert upcoming.joining_link not in response.content.decode()


def test_a_webinar_in_progress_still_gives_its_joining_link_to_those_with_a_place(
    signed_in, member, listing
):
    webinar = WebinarFactory(parent=listing, starts_in=-timedelta(minutes=10))
    register(webinar, member)

    box = registration_box(signed_in(member).get(webinar.url))

    assert box.select_one("[data-joining-link]")["href"] == webinar.joining_link
    assert box.select_one("form") is None  # too late to cancel


# A webinar's page: after the event -----------------------------------------------------


def test_recording_is_embedded_privately_only_after_the_event(client, listing, speaker):
    before = WebinarFactory(parent=listing, speakers=[speaker], recording_url=YOUTUBE)
    after = WebinarFactory(
        parent=listing, speakers=[speaker], recording_url=YOUTUBE, starts_in=-timedelta(days=2)
    )

    assert parse(client.get(before.url)).select_one("iframe") is None
    frame = parse(client.get(after.url)).select_one("[data-recording] iframe")
    assert frame["src"] == NOCOOKIE
    assert frame["title"] == f"Recording: {after.title}"


def test_with_a_content_note_the_recording_waits_behind_a_choice(client, listing, speaker):
    webinar = WebinarFactory(
        parent=listing,
        speakers=[speaker],
        recording_url=YOUTUBE,
        content_note="suicide",
        starts_in=-timedelta(days=2),
    )

    soup = parse(client.get(webinar.url))

    choice = soup.select_one("details[data-recording-choice]")
    assert choice is not None and "open" not in choice.attrs
    assert choice.select_one("summary").get_text(strip=True) == "Watch the recording"
    assert "It covers: suicide." in choice.get_text(" ")
    assert choice.select_one("iframe")["loading"] == "lazy"


def test_recording_is_not_shown_unless_every_speaker_agreed(client, listing, speaker):
    shy = SpeakerFactory(name="Shy", consent=[Use.NAME])
    webinar = WebinarFactory(
        parent=listing,
        speakers=[speaker, shy],
        recording_url=YOUTUBE,
        recording_document=ResourceDocumentFactory(),
        starts_in=-timedelta(days=2),
    )

    response = client.get(webinar.url)

    assert parse(response).select_one("iframe") is None
    assert parse(response).select_one("[data-recording-file]") is None
    assert "There is no recording of this session to share." in main_text(response)
    assert client.get(webinar.url + "recording/").status_code == 404


def test_recording_file_is_for_members(signed_in, member, listing, speaker):
    webinar = WebinarFactory(
        parent=listing,
        speakers=[speaker],
        recording_document=ResourceDocumentFactory(),
        starts_in=-timedelta(days=2),
    )
    client = signed_in(member)

    link = parse(client.get(webinar.url)).select_one("[data-recording-file]")

    assert link["href"] == webinar.url + "recording/"
    assert client.get(link["href"]).status_code == 200
    assert signed_in(None).get(link["href"]).status_code == 302


def test_transcript_is_linked_after_the_event_only(client, listing, speaker):
    transcript = ResourceDocumentFactory(title="Transcript")
    before = WebinarFactory(parent=listing, speakers=[speaker], transcript_document=transcript)
    after = WebinarFactory(
        parent=listing,
        speakers=[speaker],
        transcript_document=transcript,
        starts_in=-timedelta(days=2),
    )

    assert parse(client.get(before.url)).select_one("[data-transcript]") is None
    assert client.get(before.url + "transcript/").status_code == 404
    link = parse(client.get(after.url)).select_one("[data-transcript]")
    assert link["href"] == after.url + "transcript/"
    assert client.get(link["href"]).status_code == 200


def test_audience_figure_is_the_editors_or_else_the_attendance_marked(client, listing, past):
    counted = WebinarFactory(parent=listing, starts_in=-timedelta(days=3), audience=None)
    for attended in (True, True, True, False):
        register(counted, approved_member(), attended=attended)

    assert "120 people took part." in words(parse(client.get(past.url)).select_one("#afterwards"))
    assert "3 people took part." in words(parse(client.get(counted.url)).select_one("#afterwards"))


def test_no_audience_figure_before_the_event(client, upcoming):
    WebinarPage.objects.filter(pk=upcoming.pk).update(audience=40)

    assert "took part" not in main_text(client.get(upcoming.url))


# Your webinars --------------------------------------------------------------------------


@pytest.fixture
def my_webinars_url():
    return "/my-webinars/"


def test_my_webinars_lists_upcoming_and_past_registrations_with_their_status(
    signed_in, member, listing, upcoming, past, my_webinars_url
):
    waiting = WebinarFactory(parent=listing, title="Waiting one", starts_in=timedelta(days=20))
    WebinarFactory(parent=listing, title="Not mine")
    register(upcoming, member)
    register(waiting, member, status=Registration.Status.WAITING)
    register(past, member, attended=True)

    soup = parse(signed_in(member).get(my_webinars_url))

    coming = {words(li.h3): li for li in soup.select("[data-upcoming] > li")}
    assert list(coming) == [upcoming.title, "Waiting one"]
    assert "You have a place" in words(coming[upcoming.title])
    assert "On the waiting list" in words(coming["Waiting one"])
    form = coming[upcoming.title].select_one("form")
    assert form["action"] == upcoming.url + "cancel-registration/"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert (
        coming["Waiting one"].select_one("form")["action"] == waiting.url + "cancel-registration/"
    )
    assert [words(li.h3) for li in soup.select("[data-past] > li")] == [past.title]
    assert soup.select_one("[data-past] form") is None


def test_cancelling_from_my_webinars_gives_up_the_place(
    signed_in, member, upcoming, my_webinars_url
):
    register(upcoming, member)
    client = signed_in(member)
    action = parse(client.get(my_webinars_url)).select_one("[data-upcoming] form")["action"]

    client.post(action)

    assert Registration.objects.get(member=member).status == Registration.Status.CANCELLED
    assert parse(client.get(my_webinars_url)).select_one("[data-upcoming]") is None


def test_my_webinars_gives_the_personal_calendar_address_and_how_to_use_it(
    signed_in, member, my_webinars_url
):
    soup = parse(signed_in(member).get(my_webinars_url))

    token = CalendarToken.objects.get(member=member).token
    address = words(soup.select_one("[data-calendar-url]"))
    assert address.endswith(f"/calendar/{token}/webinars.ics")
    assert address.startswith("http")
    webcal = soup.select_one("[data-webcal-url]")["href"]
    assert webcal == "webcal://" + address.split("://", 1)[1]
    text = words(soup.select_one("main"))
    assert "Google Calendar" in text and "Outlook" in text
    assert "The old one stops working straight away" in text


def test_resetting_the_address_changes_it_and_the_old_one_stops_working(
    signed_in, member, upcoming, my_webinars_url
):
    register(upcoming, member)
    client = signed_in(member)
    form = (
        parse(client.get(my_webinars_url))
        .find("button", string="Reset this address")
        .find_parent("form")
    )
    assert form["method"] == "post"
    assert form.select_one("input[name=action]")["value"] == "reset"
    old = CalendarToken.objects.get(member=member).token
    assert client.get(f"/calendar/{old}/webinars.ics").status_code == 200

    after = client.post(form["action"], {"action": "reset"}, follow=True)

    new = CalendarToken.objects.get(member=member).token
    assert new != old
    assert "The old one no longer works" in main_text(after)
    assert new in words(parse(after).select_one("[data-calendar-url]"))
    assert client.get(f"/calendar/{old}/webinars.ics").status_code == 404
    assert client.get(f"/calendar/{new}/webinars.ics").status_code == 200


def test_my_webinars_asks_a_visitor_to_sign_in(client, my_webinars_url):
    response = client.get(my_webinars_url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_pending_member_is_told_why_they_have_no_webinars(
    signed_in, pending_member, my_webinars_url
):
    text = main_text(signed_in(pending_member).get(my_webinars_url))

    assert "Your membership is waiting for approval" in text


def test_account_page_links_to_my_webinars(signed_in, member, my_webinars_url):
    soup = parse(signed_in(member).get("/members/account/"))

    assert soup.select_one(f'main a[href="{my_webinars_url}"]') is not None


def test_listing_links_a_signed_in_member_to_their_webinars(signed_in, member, listing):
    soup = parse(signed_in(member).get(listing.url))

    assert soup.select_one('main a[href="/my-webinars/"]') is not None


def test_the_webinar_page_links_to_its_calendar_file(client, upcoming):
    link = parse(client.get(upcoming.url)).select_one("#registration [data-calendar-link]")

    assert link["href"] == upcoming.url + "calendar/"
    assert client.get(link["href"])["Content-Type"].startswith("text/calendar")


# The home page --------------------------------------------------------------------------


def home_block(response):
    return parse(response).select_one("main .coa-upcoming-webinars")


def test_home_page_shows_the_next_three_webinars_and_links_to_the_listing(client, listing):
    for days in (9, 2, 5, 30):
        WebinarFactory(parent=listing, title=f"In {days} days", starts_in=timedelta(days=days))
    WebinarFactory(parent=listing, title="Already held", starts_in=-timedelta(days=2))
    cancelled = WebinarFactory(parent=listing, title="Called off", starts_in=timedelta(days=1))
    WebinarPage.objects.filter(pk=cancelled.pk).update(cancelled=True)

    block = home_block(client.get("/"))

    assert [words(h3) for h3 in block.select("h3")] == ["In 2 days", "In 5 days", "In 9 days"]
    assert block.select_one("h3 a")["href"] == WebinarPage.objects.get(title="In 2 days").url
    assert block.select_one(".coa-webinar-when time") is not None
    assert block.find("a", href=listing.url) is not None


def test_home_page_has_no_webinar_heading_when_none_are_coming_up(client, listing, past):
    assert home_block(client.get("/")) is None


@pytest.mark.parametrize("who, shown", [("visitor", False), ("pending", False), ("member", True)])
def test_home_page_lists_members_only_webinars_only_to_members(
    signed_in, people, listing, upcoming, who, shown
):
    type(listing).objects.filter(pk=listing.pk).update(members_only=True)

    response = signed_in(people[who]).get("/")

    assert (upcoming.title in response.content.decode()) == shown


# An editor's preview ---------------------------------------------------------------------


def preview(page, user, request_for):
    request = request_for(user)
    request.is_preview = True
    response = page.serve_preview(request, page.default_preview_mode)
    return response.render() if hasattr(response, "render") else response


def test_preview_of_a_new_webinar_shows_it_before_it_is_saved(listing, editor, request_for):
    first = SpeakerFactory(name="Priya Shah")
    page = WebinarPage(
        title="Not saved yet",
        slug="not-saved-yet",
        start=timezone.now() + timedelta(days=3),
        duration=60,
        capacity=20,
        wellbeing_contact_name="Sam Taylor",
        path=listing.path + "9999",
        depth=listing.depth + 1,
        url_path=listing.url_path + "not-saved-yet/",
    )
    page.end = page.start + timedelta(minutes=60)
    page.speakers.add(WebinarSpeaker(speaker=first))

    response = preview(page, editor, request_for)

    text = main_text(response)
    assert response.status_code == 200
    assert "Priya Shah" in text
    assert "20 places left" in text


def test_preview_shows_the_editors_unsaved_speakers(upcoming, editor, request_for):
    upcoming.speakers.add(WebinarSpeaker(speaker=SpeakerFactory(name="Added in the editor")))

    response = preview(upcoming, editor, request_for)

    assert "Added in the editor" in main_text(response)
