"""The webinars' demo content: the seed workspace's nine webinars and their audiences, two
webinars to come (one full), speakers and their consent, and a second run that adds nothing.

The home, members and webinars demos are built once for the module, inside a transaction
rolled back at the end; each test runs in a savepoint inside it.
"""

from datetime import date, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.db.models import Max, Min
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale, ReferenceIndex
from wagtail_localize.models import Translation

import pytest

from members import demo as members_demo
from webinars import demo as webinars_demo
from webinars.consent import Use
from webinars.models import (
    ConsentRecord,
    Involvement,
    Registration,
    Speaker,
    WebinarIndexPage,
    WebinarPage,
)

from ..home.markup import parse

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")


def webinars():
    return WebinarPage.objects.live().filter(locale=Locale.get_default())


def grace():
    return Speaker.objects.get(name="Grace Mensah", locale=Locale.get_default())


# The seed workspace's webinars -----------------------------------------------------------


def test_nine_webinars_were_held_monthly_from_june_2020_to_may_2021(demo):
    held = list(webinars().held().order_by("start"))

    assert len(held) == 9
    days = [webinar.start.astimezone(UK).date() for webinar in held]
    assert date(2020, 6, 1) <= days[0] and days[-1] <= date(2021, 5, 31)
    assert len({(day.year, day.month) for day in days}) == 9
    assert all(webinar.start.astimezone(UK).hour == 13 for webinar in held)


def test_audiences_run_from_57_to_245(demo):
    audiences = webinars().held().aggregate(low=Min("audience"), high=Max("audience"))

    assert audiences == {"low": 57, "high": 245}
    assert not webinars().held().filter(audience=None).exists()


def test_the_themes_are_the_seed_workspaces(demo):
    titles = " ".join(webinars().values_list("title", flat=True)).lower()

    for theme in [
        "historic trauma associated with race",
        "older people through a covid lens",
        "complex needs",
        "lived experience leadership",
        "trauma-informed care research",
    ]:
        assert theme in titles


def test_every_webinar_has_an_expert_by_experience_taking_part(demo):
    for webinar in webinars():
        assert any(s.expert_by_experience for s in webinar.appearing_speakers()), webinar.slug


def test_distressing_webinars_carry_a_content_note(demo):
    noted = set(webinars().exclude(content_note="").values_list("slug", flat=True))

    assert {
        "historic-trauma-associated-with-race",
        "older-people-through-a-covid-lens",
        "people-with-complex-needs",
        "trauma-informed-justice",
    } <= noted
    assert "trauma-informed-care-research" not in noted


def test_a_recording_is_offered_only_where_everyone_taking_part_agreed(demo):
    recorded = webinars().exclude(recording_url="")

    assert recorded.count() >= 4
    for webinar in recorded:
        assert webinar.recording_allowed(), webinar.slug
        assert webinar.recording_embed_url().startswith("https://www.youtube-nocookie.com/")
    complex_needs = webinars().get(slug="people-with-complex-needs")
    assert not complex_needs.recording_allowed()
    assert complex_needs.recording_url == ""


def test_no_demo_webinar_shows_anything_without_consent(demo):
    assert [(w.slug, w.consent_problems()) for w in webinars() if w.consent_problems()] == []


# Coming webinars -------------------------------------------------------------------------


def test_two_webinars_are_still_to_come_at_1pm_uk_time(demo):
    now = timezone.now()
    coming = list(webinars().upcoming(now))

    assert len(coming) >= 2
    for webinar in coming:
        local = webinar.start.astimezone(UK)
        assert (local.hour, local.minute) == (13, 0)
        assert now + timedelta(weeks=3) <= webinar.start <= now + timedelta(weeks=7)
        assert webinar.registration_open and webinar.joining_link


def test_one_coming_webinar_is_full_with_a_waiting_list_of_three(demo):
    full = webinars().get(slug="reflective-leadership-circles")
    registrations = Registration.objects.filter(webinar=full)

    assert registrations.confirmed().count() == full.capacity == 12
    assert registrations.waiting().count() == 3
    assert max(r.queued_at for r in registrations.confirmed()) < min(
        r.queued_at for r in registrations.waiting()
    )


def test_the_other_has_places_left_and_none_for_the_demo_sign_ins(demo):
    housing = webinars().get(slug="trauma-informed-housing")
    registrations = Registration.objects.filter(webinar=housing)
    sign_ins = [row[1] for row in members_demo.DEMO_LOGINS]

    assert 0 < registrations.confirmed().count() < housing.capacity
    assert registrations.filter(status=Registration.Status.CANCELLED).exists()
    assert not registrations.filter(member__email__in=sign_ins).exists()
    assert all(r.member.is_approved_member for r in registrations.select_related("member"))


# Speakers and consent -------------------------------------------------------------------


def test_a_dozen_speakers_from_research_practice_and_lived_experience(demo):
    # Resources and stories credit people of their own: these are the webinars' speakers.
    speakers = Speaker.objects.filter(
        locale=Locale.get_default(), involvements__isnull=False
    ).distinct()

    assert 10 <= speakers.count() <= 12
    assert speakers.filter(expert_by_experience=True).count() >= 4
    assert speakers.filter(role__icontains="research").exists()
    assert speakers.filter(photo__isnull=False).count() >= 8


def test_a_speaker_withdrew_her_photo_and_keeps_the_record_of_both(demo):
    speaker = grace()
    records = ConsentRecord.objects.filter(speaker=speaker, use=Use.PHOTO).order_by("agreed_on")

    assert [(r.given, r.agreed_on.year) for r in records] == [(True, 2020), (False, 2023)]
    assert speaker.photo_id is not None
    assert not speaker.consent_photo
    assert speaker.consent_name and speaker.consent_bio
    assert speaker.shown().photo is None


def test_the_admin_knows_where_each_photo_is_used(demo):
    photo = grace().photo

    used_by = {(ref.model_name, ref.object_id) for ref in ReferenceIndex.get_references_to(photo)}

    assert ("speaker", str(grace().pk)) in used_by


def test_partial_consent_is_kept_use_by_use(demo):
    english = Speaker.objects.filter(locale=Locale.get_default())
    unlabelled = english.get(name="Lena Novak")
    no_bio = english.get(name="Bernadette Quinn")

    assert unlabelled.expert_by_experience and not unlabelled.consent_label
    assert unlabelled.shown().expert_by_experience is False
    assert no_bio.consent_name and not no_bio.consent_bio
    assert no_bio.shown().bio == ""


def test_some_webinars_are_chaired_by_an_expert_by_experience(demo):
    chaired = [
        w for w in webinars().select_related("chair") if w.shown_chair().expert_by_experience
    ]

    assert len(chaired) >= 3
    assert "reflective-leadership-circles" in {w.slug for w in chaired}


def test_every_part_taken_has_an_involvement_record(demo):
    for webinar in webinars():
        recorded = set(
            Involvement.objects.filter(webinar=webinar).values_list("speaker_id", flat=True)
        )
        assert recorded == {s.pk for s in webinar.appearing_speakers()}, webinar.slug
    payments = set(Involvement.objects.values_list("payment", flat=True))
    assert {"accepted", "declined", "not_offered", "offered"} <= payments
    assert Involvement.objects.filter(expenses__gt=0, expenses_paid=True).exists()
    assert Involvement.objects.filter(part=Involvement.Part.CHAIR).count() == webinars().count()


# Pages -----------------------------------------------------------------------------------


def test_the_public_listing_shows_coming_and_past_webinars(demo, client):
    listing = WebinarIndexPage.objects.get(locale=Locale.get_default())

    response = client.get("/webinars/")

    assert listing.url == "/webinars/" and not listing.members_only
    assert response.status_code == 200
    text = parse(response).get_text(" ", strip=True)
    assert "Leading with care: reflective leadership circles" in text
    assert "Historic trauma associated with race" in text


def test_the_withdrawn_photo_is_shown_on_none_of_her_pages(demo, client, settings):
    settings.MEDIA_ROOT = demo["media"]
    pages = [w for w in webinars() if grace() in w.appearing_speakers()]

    assert len(pages) >= 3
    for webinar in pages:
        response = client.get(webinar.url)
        soup = parse(response)
        photos = " ".join(img["src"] for img in soup.select(".coa-speakers img"))
        assert response.status_code == 200
        assert "Grace Mensah" in soup.select_one(".coa-speakers").get_text(" ")
        assert "speaker-grace-mensah" not in photos, webinar.slug
        # The others who agreed to their photo are shown with it.
        shown = [s for s in webinar.appearing_speakers() if s.consent_photo and s.photo_id]
        assert shown, webinar.slug
        for speaker in shown:
            assert photo_file_stem(speaker) in photos, (webinar.slug, speaker.name)
        assert "/media/not-found" not in photos


def photo_file_stem(speaker):
    """`speaker-<key>`, the demo's photo file name, which its resized copies keep."""
    return speaker.photo.file.name.rsplit("/", 1)[-1].removesuffix(".png")


# Welsh -----------------------------------------------------------------------------------


def test_the_listing_webinars_and_speakers_are_translated_into_welsh(demo):
    welsh = Locale.objects.get(language_code="cy")
    listing = WebinarIndexPage.objects.live().get(locale=welsh)
    copies = WebinarPage.objects.live().filter(locale=welsh)

    assert (listing.title, listing.slug) == ("Gweminarau", "gweminarau")
    assert copies.child_of(listing).count() == 11
    race = copies.get(slug="trawma-hanesyddol-a-hil")
    assert race.title == "Trawma hanesyddol sy'n gysylltiedig â hil"
    assert race.content_note.startswith("hiliaeth")
    assert race.chair.locale == welsh
    assert race.chair.role == "Cyd-gadeirydd y grŵp gweithredu craidd"
    assert Speaker.objects.filter(locale=welsh).count() == 12
    assert Translation.objects.filter(target_locale=welsh, enabled=True).count() >= 24


def test_welsh_copies_keep_the_english_registrations_times_and_consent(demo):
    welsh_circles = WebinarPage.objects.get(
        locale__language_code="cy", slug="cylchoedd-arweinyddiaeth-myfyriol"
    )
    english = welsh_circles.registration_webinar()

    assert english.slug == "reflective-leadership-circles"
    assert welsh_circles.start == english.start
    assert welsh_circles.joining_link == english.joining_link
    assert not Registration.objects.filter(webinar=welsh_circles).exists()
    assert welsh_circles.chair.shown().photo is None  # the withdrawal holds in Welsh too


def test_the_welsh_webinar_page_is_in_welsh(demo, client, settings):
    settings.MEDIA_ROOT = demo["media"]

    response = client.get("/cy/gweminarau/trawma-hanesyddol-a-hil/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "cy"
    assert soup.find("h1").get_text(strip=True) == "Trawma hanesyddol sy'n gysylltiedig â hil"
    assert "Arbenigwr drwy brofiad" in soup.get_text(" ")


# Running again ---------------------------------------------------------------------------


def test_a_second_run_creates_nothing_and_says_so(demo):
    def counts():
        return [
            model.objects.count()
            for model in (
                WebinarPage,
                WebinarIndexPage,
                Speaker,
                ConsentRecord,
                Registration,
                Involvement,
                get_image_model(),
            )
        ]

    before = counts()
    output = StringIO()

    webinars_demo.build(output)

    assert counts() == before
    assert (
        "(0 new webinars, 0 new speakers, 0 new registrations, 0 new involvement records, "
        "0 new Welsh translations)" in output.getvalue()
    )
    assert "11 new webinars" in demo["output"]
    assert "24 new Welsh translations" in demo["output"]


def test_coming_webinars_fall_on_a_wednesday_three_and_five_weeks_on():
    first = webinars_demo.coming_start(date(2026, 12, 1), 3, "13:00")
    second = webinars_demo.coming_start(date(2026, 12, 1), 5, "13:00")

    assert first.astimezone(UK).strftime("%A %d %B %Y %H:%M") == "Wednesday 23 December 2026 13:00"
    assert second.astimezone(UK).date() == date(2027, 1, 6)
    summer = webinars_demo.coming_start(date(2027, 6, 1), 3, "13:00")
    assert summer.utcoffset() == timedelta(hours=1)  # BST
