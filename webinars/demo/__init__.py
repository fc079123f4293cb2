"""Demo content for webinars: the seed workspace's nine webinars, two to come, and speakers.

`build(stdout)` is called by `manage.py demo_content` after the home and members demos (it
needs the home page, and gives places at the coming webinars to approved demo members). It
creates:

- the public listing "Webinars" at /webinars/, in the menu;
- 12 speakers (researchers, practitioners and experts by experience) with the history of
  their consent: most agreed to everything; one agreed to her name but not her biography
  or photo; one expert by experience never agreed to the label; one gave consent to her
  photo in 2020 and withdrew it in 2023, and keeps her photo (so hiding it matters). Each
  photo is drawn here (`photos`);
- 9 past webinars, monthly from June 2020 to May 2021, with audiences of 57 to 245 (the seed
  workspace's figures); a recording link only where everyone taking part agreed to it;
- 2 webinars 3 and 5 weeks after the day the demo is built (the Wednesday of that week, at
  1pm UK time), one with places left and one full, with a waiting list of 3;
- an involvement record (part, payment, expenses) for each speaker's part in each webinar;
- the listing, the webinars and the speakers in Welsh, translated through wagtail-localize
  as an editor would (core.demo_translation);
- credits (co-authors and contributors) where a webinar's data lists them. The resources
  and stories demos credit their pages too, through `credits_from`, with the contributors
  of `data/contributors.json`: people who are credited but do not speak, one named, one
  named with the label, one under a pseudonym and one who withdrew their name.

Places go to generated members, never to the role sign-ins (members.demo.DEMO_LOGINS), so
the demo member can register by hand. The words are in `data/` (see `data/README.md`). It
is idempotent: the listing and webinars are found by their place in the tree and their
slug, speakers by their name, translations by their source; consent, photos and
registrations are only added to what this run creates, and involvement records are looked
up before they are made, so a second run creates nothing.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.demo import find_or_create_page, find_page, read_data
from core.demo_translation import translate
from home.models import HomePage
from members.demo import DEMO_LOGINS
from members.models import MemberProfile, User

from ..consent import CONSENT_TEXTS, Use
from ..models import (
    AgendaItem,
    Credit,
    Involvement,
    Registration,
    Speaker,
    WebinarIndexPage,
    WebinarPage,
    WebinarQuote,
    WebinarSpeaker,
    record_consent,
)
from ..models.pages import DEFAULT_IF_DIFFICULT
from .photos import speaker_photo

SEED = 2026
EDITOR_EMAIL = "editor@example.org"
#: Coming webinars are on this weekday (Wednesday, as the past ones were).
WEEKDAY = 2
#: Members registered for a coming webinar did so over this many days before the build.
REGISTERED_OVER_DAYS = 14
WELSH = "cy"


def build(stdout):
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        stdout.write("  No home page yet: the home demo makes it. Webinars skipped.\n")
        return

    specs = {
        "listing": read_data(__package__, "listing.json"),
        "speakers": read_data(__package__, "speakers.json")["speakers"],
        "webinars": [
            *read_data(__package__, "past.json")["webinars"],
            *read_data(__package__, "upcoming.json")["webinars"],
        ],
    }
    now = timezone.now()
    for spec in specs["webinars"]:
        if "weeks_ahead" in spec:
            spec["start"] = coming_start(
                timezone.localdate(now), spec["weeks_ahead"], spec["time"]
            )
    # Wagtail updates its reference index ("where is this used") after every save, child
    # rows included; done once at the end instead, the build takes half the time.
    with disable_reference_index_auto_update():
        listing, webinars, counts = ensure_everything(home, specs, now, stdout)
    for instance in demo_objects(listing):
        ReferenceIndex.create_or_update_for_object(instance)

    coming = sum(1 for webinar in webinars if webinar.is_upcoming(now))
    stdout.write(
        f"Webinars: {len(webinars)} webinars ({len(webinars) - coming} past, {coming} to come), "
        f"{len(specs['speakers'])} speakers ({counts['webinars']} new webinars, "
        f"{counts['speakers']} new speakers, {counts['registrations']} new registrations, "
        f"{counts['involvements']} new involvement records, "
        f"{counts['translations']} new Welsh translations).\n"
    )


def ensure_everything(home, specs, now, stdout):
    """(listing, webinars, counts): the listing, speakers, webinars, their involvement
    records and registrations, and the Welsh, each made where it is missing."""
    counts = dict.fromkeys(("speakers", "webinars", "registrations", "involvements"), 0)
    listing_spec = specs["listing"]
    listing, _created = find_or_create_page(
        home,
        WebinarIndexPage,
        listing_spec["slug"],
        title=listing_spec["title"],
        summary=listing_spec["summary"],
        intro=listing_spec["intro"],
        members_only=False,
        show_in_menus=True,
    )
    speakers = ensure_speakers(specs["speakers"], counts)
    terms = {spec["key"]: spec["payment"] for spec in specs["speakers"]}
    webinars = []
    for spec in specs["webinars"]:
        webinar, created = ensure_webinar(
            listing, spec, speakers, listing_spec["wellbeing_contacts"]
        )
        counts["webinars"] += created
        for problem in webinar.consent_problems():
            stdout.write(f"  '{webinar.title}': {problem}\n")
        webinars.append((webinar, spec))
    members = demo_members()
    for number, (webinar, spec) in enumerate(webinars):
        counts["involvements"] += ensure_involvements(webinar, spec, speakers, terms)
        if "registrations" in spec:
            counts["registrations"] += ensure_registrations(
                webinar, spec["registrations"], members, random.Random(SEED + number), now
            )
    counts["translations"] = ensure_welsh(
        listing, listing_spec, specs["speakers"], speakers, webinars, stdout
    )
    return listing, [webinar for webinar, _spec in webinars], counts


def demo_objects(listing):
    """The listing and webinars in every language, and every speaker's copies."""
    pages = WebinarPage.objects.filter(
        translation_key__in=WebinarPage.objects.child_of(listing).values("translation_key")
    )
    return [
        *WebinarIndexPage.objects.filter(translation_key=listing.translation_key),
        *pages.specific(),
        *Speaker.objects.all(),
    ]


# Dates ---------------------------------------------------------------------------------


def coming_start(today, weeks_ahead, at):
    """`weeks_ahead` weeks from `today`, moved on to that week's webinar day, at `at` (UK)."""
    day = today + timedelta(weeks=weeks_ahead)
    day += timedelta(days=(WEEKDAY - day.weekday()) % 7)
    return uk_time(datetime.combine(day, time.fromisoformat(at)))


def uk_time(naive):
    return timezone.make_aware(naive, timezone.get_default_timezone())


def consent_version(on):
    """The consent wording in use on the day `on` (the newest introduced by then)."""
    return [text for text in CONSENT_TEXTS if text.introduced <= on][-1].version


# Speakers ------------------------------------------------------------------------------


def ensure_speakers(specs, counts):
    """{key: Speaker}, making each speaker who is missing, with their photo and consent."""
    locale = Locale.get_default()
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    speakers = {}
    for spec in specs:
        speaker = Speaker.objects.filter(name=spec["name"], locale=locale).first()
        if speaker is None:
            speaker = new_speaker(spec, locale, editor)
            counts["speakers"] += 1
        speakers[spec["key"]] = speaker
    return speakers


def new_speaker(spec, locale, editor):
    speaker = Speaker.objects.create(
        locale=locale,
        name=spec["name"],
        role=spec["role"],
        organisation=spec["organisation"],
        pseudonym=spec.get("pseudonym", ""),
        bio=spec["bio"],
        expert_by_experience=spec["expert_by_experience"],
        photo=speaker_photo(spec["key"], spec["name"], spec["photo"]) if spec["photo"] else None,
    )
    # The history in the order it happened: a withdrawal is a later record, never an edit.
    for record in sorted(spec["consent"], key=lambda record: record["on"]):
        on = date.fromisoformat(record["on"])
        record_consent(
            speaker,
            [Use(use) for use in record["uses"]],
            given=record["given"],
            agreed_on=on,
            version=consent_version(on),
            how=record["how"],
            by=editor,
        )
    speaker.refresh_from_db()
    return speaker


# Credits -------------------------------------------------------------------------------


def credits_from(specs, people=None):
    """Unsaved Credit rows for `specs` (`person`: a key, `role`: a CreditRole value) in their
    order, for a new page. A key is one of `people` ({key: Speaker}) or of the contributors
    in `data/contributors.json`, each found by name or made, with their consent history."""
    people = dict(people or {})
    wanted = {spec["person"] for spec in specs} - set(people)
    if wanted:
        people.update(ensure_contributors(wanted))
    return [Credit(person=people[spec["person"]], role=spec["role"]) for spec in specs]


def ensure_contributors(keys):
    """{key: Speaker} for the contributors with these keys, making those who are missing."""
    specs = [
        {**spec, "bio": "", "photo": None}
        for spec in read_data(__package__, "contributors.json")["contributors"]
        if spec["key"] in keys
    ]
    return ensure_speakers(specs, {"speakers": 0})


# Webinars ------------------------------------------------------------------------------


def ensure_webinar(listing, spec, speakers, contacts):
    """(webinar, created): the webinar with the spec's slug, or a new published one."""
    webinar = find_page(listing, WebinarPage, spec["slug"])
    if webinar is not None:
        return webinar, False
    start = spec["start"]
    if isinstance(start, str):
        start = uk_time(datetime.fromisoformat(start))
    contact = contacts[spec["wellbeing"]]
    webinar = WebinarPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        description=spec["description"],
        content_note=spec["content_note"],
        start=start,
        duration=spec["duration"],
        chair=speakers[spec["chair"]],
        capacity=spec["capacity"],
        joining_link=f"https://meet.example.org/coa/{spec['slug']}",
        will_be_recorded=spec["will_be_recorded"],
        recording_url=spec.get("recording_url", ""),
        captions=spec["captions"],
        bsl=spec["bsl"],
        transcript_offered=spec["transcript_offered"],
        accessibility_notes=spec["accessibility_notes"],
        wellbeing_contact_name=contact["name"],
        wellbeing_contact_email=contact["email"],
        audience=spec.get("audience"),
    )
    webinar.themes.add(*spec["themes"])
    for key in spec["speakers"]:
        webinar.speakers.add(WebinarSpeaker(speaker=speakers[key]))
    for item in spec["agenda"]:
        webinar.agenda_items.add(
            AgendaItem(
                time=time.fromisoformat(item["time"]),
                title=item["title"],
                speaker=speakers[item["speaker"]] if item["speaker"] else None,
            )
        )
    for quote in spec.get("quotes", []):
        webinar.quotes.add(WebinarQuote(speaker=speakers[quote["speaker"]], text=quote["text"]))
    webinar.credits = credits_from(spec.get("credits", []), speakers)
    listing.add_child(instance=webinar)
    webinar.save_revision().publish()
    webinar.refresh_from_db()
    return webinar, True


def ensure_involvements(webinar, spec, speakers, terms):
    """One record per speaker per part (chair, speaker, panellist, planning); how many new.

    A speaker's usual payment terms (`terms`, from speakers.json) apply unless the webinar's
    `payments` says otherwise; `expenses` go on the speaker's part in the session itself.
    """
    parts = [(spec["chair"], Involvement.Part.CHAIR)]
    parts += [
        (key, spec.get("parts", {}).get(key, Involvement.Part.SPEAKER)) for key in spec["speakers"]
    ]
    parts += [(key, Involvement.Part.CO_PRODUCER) for key in spec.get("co_producers", [])]
    new = 0
    for key, part in parts:
        agreed = {**terms[key], **spec.get("payments", {}).get(key, {})}
        expenses = spec.get("expenses", {}).get(key)
        if part == Involvement.Part.CO_PRODUCER:
            expenses = None
        notes = [agreed.get("notes", "")]
        defaults = {
            "payment": agreed["payment"],
            "fee": Decimal(agreed["fee"]) if agreed.get("fee") else None,
        }
        if expenses:
            defaults["expenses"] = Decimal(expenses["amount"])
            defaults["expenses_paid"] = expenses["paid"]
            notes.append(expenses["notes"])
        defaults["notes"] = " ".join(note for note in notes if note)
        _record, created = Involvement.objects.get_or_create(
            webinar=webinar, speaker=speakers[key], part=part, defaults=defaults
        )
        new += created
    return new


# Registrations -------------------------------------------------------------------------


def demo_members():
    """Approved generated members, in a fixed order; the role sign-ins are left free, so
    the demo member can register by hand (and the browser journey does)."""
    return list(
        User.objects.filter(is_active=True, member_profile__status=MemberProfile.Status.APPROVED)
        .exclude(email__in=[row[1] for row in DEMO_LOGINS])
        .order_by("pk")
    )


def ensure_registrations(webinar, wanted, members, rng, now):
    """Places, a waiting list and a few cancellations, unless the webinar has registrations.

    Members registered over the last fortnight, places first come first served: the first
    `confirmed` have a place, the next `waiting` are queued, the rest cancelled.
    """
    if Registration.objects.filter(webinar=webinar).exists():
        return 0
    total = wanted["confirmed"] + wanted["waiting"] + wanted["cancelled"]
    if len(members) < total:
        return 0
    chosen = rng.sample(members, total)
    times = sorted(
        now - timedelta(minutes=rng.randint(60, REGISTERED_OVER_DAYS * 24 * 60))
        for _member in chosen
    )
    statuses = (
        [Registration.Status.CONFIRMED] * wanted["confirmed"]
        + [Registration.Status.WAITING] * wanted["waiting"]
        + [Registration.Status.CANCELLED] * wanted["cancelled"]
    )
    rows = []
    for member, when, status in zip(chosen, times, statuses, strict=True):
        cancelled = status == Registration.Status.CANCELLED
        rows.append(
            Registration(
                webinar=webinar,
                member=member,
                status=status,
                created_at=when,
                queued_at=when,
                confirmed_at=when if status != Registration.Status.WAITING else None,
                cancelled_at=when + (now - when) / 2 if cancelled else None,
            )
        )
    return len(Registration.objects.bulk_create(rows))


# Welsh ---------------------------------------------------------------------------------


def ensure_welsh(listing, listing_spec, speaker_specs, speakers, webinars, stdout):
    """Translate the speakers, then the listing, then each webinar: how many were new.

    Speakers go first because a webinar's chair is translated with it (wagtail-localize
    points the Welsh webinar at the Welsh copy of its chair), and the listing before the
    webinars so that they land under it. Agenda, speakers' places and quotes are copied
    as they are. The Welsh locale comes from the home demo; without it nothing is done.
    """
    welsh = Locale.objects.filter(language_code=WELSH).first()
    if welsh is None:
        return 0
    words = listing_spec[WELSH]
    objects = [
        (speakers[spec["key"]], Speaker(name=spec["name"], **spec[WELSH]))
        for spec in speaker_specs
    ]
    objects.append(
        (
            listing,
            WebinarIndexPage(**{key: words[key] for key in ("title", "slug", "summary", "intro")}),
        )
    )
    for webinar, spec in webinars:
        objects.append((webinar, WebinarPage(**webinar_words(webinar, spec[WELSH], words, spec))))
    new = 0
    for instance, translated_words in objects:
        if not instance.has_translation(welsh) and translate(
            instance, translated_words, welsh, stdout
        ):
            new += 1
    return new


def webinar_words(webinar, words, listing_words, spec):
    """A webinar's Welsh texts; its wellbeing contact's role, and the words for a difficult
    moment when the webinar still has the default ones (an editor may have written others)."""
    fields = {
        key: words[key]
        for key in (
            "title",
            "slug",
            "summary",
            "description",
            "content_note",
            "accessibility_notes",
        )
    }
    fields["wellbeing_contact_name"] = listing_words["wellbeing_contacts"][spec["wellbeing"]]
    if webinar.if_difficult == str(DEFAULT_IF_DIFFICULT):
        fields["if_difficult"] = listing_words["if_difficult"]
    else:
        fields["if_difficult"] = webinar.if_difficult
    return fields
