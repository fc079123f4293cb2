"""Webinar times are UK time with the zone said (GMT or BST), right across a clock change,
and "upcoming" and "past" follow the moment the page is asked for."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from webinars.models import AgendaItem, WebinarPage
from webinars.templatetags.webinar_tags import clock, duration_words, time_range

from ..home.markup import parse
from .factories import WebinarFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def words(element):
    return " ".join(element.get_text(" ", strip=True).split())


def webinar_at(listing, start, **kwargs):
    return WebinarFactory(parent=listing, start=start, **kwargs)


def shown_time(client, webinar):
    return words(parse(client.get(webinar.url)).select_one("[data-time]"))


def listed_when(client, listing):
    when = parse(client.get(listing.url)).select_one("[data-upcoming] .coa-webinar-when")
    return " ".join(when.get_text().split())


def with_true_end(webinar):
    """The end worked out in UTC, as it should be, whatever save() made of it (see the
    expected failure below): these tests are about what the pages say."""
    end = webinar.start.astimezone(UTC) + timedelta(minutes=webinar.duration)
    WebinarPage.objects.filter(pk=webinar.pk).update(end=end)
    webinar.end = end
    return webinar


# On the pages ---------------------------------------------------------------------------


def test_a_winter_webinar_is_in_gmt(client, listing):
    webinar = webinar_at(listing, datetime(2030, 1, 15, 13, 0, tzinfo=LONDON), duration=90)

    assert shown_time(client, webinar) == "1pm to 2:30pm GMT"
    assert listed_when(client, listing) == (
        "Tuesday 15 January 2030, 1pm to 2:30pm GMT (1 hour 30 minutes)"
    )
    stamp = parse(client.get(webinar.url)).select_one("main time")["datetime"]
    assert stamp == "2030-01-15T13:00:00+00:00"


def test_a_summer_webinar_is_in_bst(client, listing):
    webinar = webinar_at(listing, datetime(2030, 7, 16, 13, 0, tzinfo=LONDON), duration=90)

    assert shown_time(client, webinar) == "1pm to 2:30pm BST"
    assert listed_when(client, listing) == (
        "Tuesday 16 July 2030, 1pm to 2:30pm BST (1 hour 30 minutes)"
    )
    stamp = parse(client.get(webinar.url)).select_one("main time")["datetime"]
    assert stamp == "2030-07-16T13:00:00+01:00"


def test_the_date_is_the_uk_date_not_the_utc_one(client, listing):
    # 23:30 UTC on 16 July is 00:30 BST on the 17th.
    webinar = webinar_at(listing, datetime(2030, 7, 16, 23, 30, tzinfo=UTC), duration=60)

    text = words(parse(client.get(webinar.url)).select_one(".coa-webinar-facts"))

    assert "Wednesday 17 July 2030" in text
    assert "12:30am to 1:30am BST" in text


def test_a_webinar_across_the_autumn_clock_change_gives_each_time_its_own_zone(client, listing):
    # 01:30 BST on 27 October 2030; the clocks go back at 02:00 BST, so 90 minutes later
    # it is 02:00 GMT, not 03:00.
    webinar = with_true_end(
        webinar_at(listing, datetime(2030, 10, 27, 0, 30, tzinfo=UTC), duration=90)
    )

    assert shown_time(client, webinar) == "1:30am BST to 2am GMT"


def test_the_october_2026_clock_change_webinar_shows_the_right_times(client, listing):
    # 25 October 2026, 01:30 BST for an hour: it ends at 01:30 again, in GMT.
    webinar = with_true_end(
        webinar_at(listing, datetime(2026, 10, 25, 0, 30, tzinfo=UTC), duration=60)
    )

    text = words(parse(client.get(webinar.url)).select_one(".coa-webinar-facts"))

    assert "Sunday 25 October 2026" in text
    assert "1:30am BST to 1:30am GMT" in text


def test_a_webinar_across_the_spring_clock_change(client, listing):
    webinar = with_true_end(
        webinar_at(listing, datetime(2030, 3, 31, 0, 30, tzinfo=UTC), duration=60)
    )

    assert shown_time(client, webinar) == "12:30am GMT to 2:30am BST"


def test_agenda_times_are_shown_as_uk_clock_times(client, listing):
    webinar = webinar_at(listing, datetime(2030, 7, 16, 12, 0, tzinfo=LONDON))
    AgendaItem.objects.create(page=webinar, time=time(12, 45), title="Break")
    AgendaItem.objects.create(page=webinar, time=time(12, 0), title="Welcome")

    agenda = parse(client.get(webinar.url)).select(".coa-webinar-agenda dt")

    assert [words(dt) for dt in agenda] == ["midday", "12:45pm"]


@pytest.mark.parametrize(
    "start, minutes",
    [
        (datetime(2030, 10, 27, 0, 30, tzinfo=UTC), 90),  # autumn: it came out 03:00 GMT
        (datetime(2030, 3, 31, 0, 30, tzinfo=UTC), 90),  # spring: the end came out 02:00 BST
    ],
)
def test_a_published_webinar_ends_its_length_after_it_starts_across_a_clock_change(
    listing, start, minutes
):
    webinar = webinar_at(listing, start, duration=minutes)

    assert webinar.end - webinar.start == timedelta(minutes=minutes)


# The words themselves --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, said",
    [
        (time(13, 0), "1pm"),
        (time(14, 30), "2:30pm"),
        (time(9, 5), "9:05am"),
        (time(12, 0), "midday"),
        (time(0, 0), "midnight"),
        (time(0, 30), "12:30am"),
        (time(12, 30), "12:30pm"),
        (datetime(2030, 7, 16, 12, 0, tzinfo=UTC), "1pm"),  # a datetime is said in UK time
    ],
)
def test_clock_says_times_as_people_do(value, said):
    assert clock(value) == said


@pytest.mark.parametrize(
    "minutes, said",
    [(90, "1 hour 30 minutes"), (60, "1 hour"), (45, "45 minutes"), (121, "2 hours 1 minute")],
)
def test_duration_in_words(minutes, said):
    assert duration_words(minutes) == said


def test_time_range_names_one_zone_when_the_clocks_do_not_change():
    webinar = WebinarPage(start=datetime(2030, 1, 15, 13, 0, tzinfo=LONDON), duration=90)
    webinar.end = webinar.start + timedelta(minutes=90)

    assert time_range(webinar) == "1pm to 2:30pm GMT"


# Upcoming and past follow "now" ---------------------------------------------------------


def test_upcoming_and_past_split_at_the_end_of_the_session(listing, request_for):
    start = datetime(2030, 7, 16, 13, 0, tzinfo=LONDON)
    webinar = webinar_at(listing, start, duration=60)

    def sections(now):
        context = listing.listing_context(request_for(), now=now)
        return (
            [w.pk for w in context["upcoming"]],
            [w.pk for w in context["past"]],
        )

    assert sections(start - timedelta(days=1)) == ([webinar.pk], [])
    assert sections(start + timedelta(minutes=30)) == ([webinar.pk], [])  # in progress
    assert sections(start + timedelta(minutes=60)) == ([], [webinar.pk])
    assert sections(start + timedelta(days=1)) == ([], [webinar.pk])


def test_the_page_closes_registration_once_the_session_starts(listing, request_for, member):
    start = datetime(2030, 7, 16, 13, 0, tzinfo=LONDON)
    webinar = webinar_at(listing, start, duration=60)

    before = webinar.page_context(request_for(member), now=start - timedelta(minutes=1))
    during = webinar.page_context(request_for(member), now=start + timedelta(minutes=1))
    after = webinar.page_context(request_for(member), now=start + timedelta(hours=2))

    assert before["upcoming"] and before["why_closed"] == ""
    assert during["upcoming"] and "already started" in str(during["why_closed"])
    assert not after["upcoming"] and "has taken place" in str(after["why_closed"])
    assert before["audience_figure"] is None
