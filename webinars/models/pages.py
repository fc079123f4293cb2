"""The webinar pages: the listing (WebinarIndexPage) and one webinar (WebinarPage).

Who may open a page is core.access's answer; what of a speaker is shown is the speaker's
consent (`Speaker.shown()`). Registrations, calendars and feeds hang off these pages'
routes; the work behind them is in webinars.registration and webinars.calendars.
"""

import hashlib
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import document_served
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core import access, serving
from core.embeds import privacy_enhanced_embed_url
from core.pages import BasePage, ContentNoteMixin, ListingPage, MembersOnlyMixin

from .. import calendars, feeds, registration
from ..admin_forms import WebinarPageForm
from .credits import credited_names
from .registrations import Registration
from .speakers import Speaker

WEBINARS_PER_PAGE = 10

DEFAULT_IF_DIFFICULT = _(
    "You can leave the session at any time, turn off your camera and microphone, or step "
    "away and come back. If something in the session has upset you, the wellbeing contact "
    "is there for you during and after it: send them a private message in the meeting, or "
    "email them. If you need help now, the support page lists people you can talk to."
)


class WebinarPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Webinars that have not ended yet (one in progress still counts), soonest first."""
        now = now or timezone.now()
        return self.filter(end__gt=now).order_by("start", "pk")

    def past(self, now=None):
        """Webinars that have ended, newest first."""
        now = now or timezone.now()
        return self.filter(end__lte=now).order_by("-start", "-pk")

    def held(self, now=None):
        """Past webinars that were not cancelled, one per webinar (the default language's)."""
        return self.past(now).filter(cancelled=False, locale=Locale.get_default())


def speakers_in_own_language(webinars, relations=("speakers", "agenda_items", "quotes")):
    """Show each webinar's speakers in the webinar's language, where a translation exists.

    A translated webinar's speaker rows may still point at the source language's speakers
    (a copy made before the speaker was translated, or rows wagtail-localize synchronised
    as they were); here they are swapped, in memory, for the translations: one query for
    every webinar given, none when nothing needs swapping. Consent is the same on every
    copy of a speaker.
    """
    wanted = {}
    for webinar in webinars:
        for holder, field in webinar.speaker_holders(relations):
            speaker = getattr(holder, field)
            if speaker is not None and speaker.locale_id != webinar.locale_id:
                wanted.setdefault(webinar.locale_id, set()).add(speaker.translation_key)
    if not wanted:
        return
    query = models.Q()
    for locale_id, keys in wanted.items():
        query |= models.Q(locale_id=locale_id, translation_key__in=keys)
    copies = {
        (copy.locale_id, copy.translation_key): copy
        for copy in Speaker.objects.filter(query).select_related("photo")
    }
    for webinar in webinars:
        for holder, field in webinar.speaker_holders(relations):
            speaker = getattr(holder, field)
            if speaker is not None:
                copy = copies.get((webinar.locale_id, speaker.translation_key))
                if copy is not None:
                    setattr(holder, field, copy)


class WebinarIndexPage(MembersOnlyMixin, RoutablePageMixin, ListingPage):
    """Upcoming webinars first, then past ones; filters by theme and year. Sub-URLs: the
    public calendar (`calendar/`) and feeds (`feed/`, `feed/atom/`)."""

    template = "webinars/webinar_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["webinars.WebinarPage"]
    max_count_per_parent = 1
    page_description = _("The webinars listing: holds every webinar.")

    class Meta:
        verbose_name = _("webinar listing")

    def webinars(self):
        """Live webinars below this page that Wagtail's privacy does not close."""
        return WebinarPage.objects.child_of(self).live().public()

    def listing_context(self, request, now=None):
        """Upcoming webinars (all of them, soonest first), then past ones (paginated).

        The same number of queries however many webinars are shown: speakers, chair and
        themes are prefetched, places taken are counted in the listing's own query.
        """
        now = now or timezone.now()
        verdict = access.page_verdict(request, self)
        webinars = self.webinars()
        theme_options = list(
            WebinarPageTag.objects.filter(content_object__in=webinars.values("pk"))
            .values("tag__slug", "tag__name")
            .annotate(n=Count("content_object", distinct=True))
            .order_by("tag__name")
        )
        year_options = sorted(
            {
                row["year"]
                for row in webinars.order_by()
                .annotate(year=ExtractYear("start", tzinfo=timezone.get_current_timezone()))
                .values("year")
            },
            reverse=True,
        )
        # Only values offered on the page are used; anything else is ignored, not an error.
        chosen_theme = request.GET.get("theme", "")
        if chosen_theme not in {option["tag__slug"] for option in theme_options}:
            chosen_theme = ""
        chosen_year = request.GET.get("year", "")
        if not chosen_year.isdigit() or int(chosen_year) not in year_options:
            chosen_year = ""
        if chosen_theme:
            webinars = webinars.filter(tagged_items__tag__slug=chosen_theme)
        if chosen_year:
            webinars = webinars.filter(start__year=int(chosen_year))
        webinars = self.for_listing(webinars)
        upcoming = list(webinars.upcoming(now))
        # Past webinars say whether their recording may be shown: every speaker's consent,
        # agenda speakers included (one more query, for the page of past webinars).
        past_page = Paginator(
            webinars.past(now).prefetch_related(
                Prefetch(
                    "agenda_items", queryset=AgendaItem.objects.select_related("speaker__photo")
                )
            ),
            WEBINARS_PER_PAGE,
        ).get_page(request.GET.get("page"))
        kept = {"theme": chosen_theme, "year": chosen_year}
        mine = {}
        if verdict.allowed and request.user.is_authenticated:
            shown = [webinar.translation_key for webinar in [*upcoming, *past_page]]
            mine = dict(
                Registration.objects.filter(
                    member=request.user, webinar__translation_key__in=shown
                )
                .active()
                .values_list("webinar__translation_key", "status")
            )
        for webinar in [*upcoming, *past_page]:
            webinar.my_status = mine.get(webinar.translation_key, "")
            if webinar.capacity is not None:
                webinar.places_left = max(webinar.capacity - webinar.taken, 0)
            else:
                webinar.places_left = None
        for webinar in past_page:
            webinar.recording_available = webinar.has_recording() and webinar.recording_allowed()
        speakers_in_own_language([*upcoming, *past_page], relations=("speakers",))
        return {
            "allowed": verdict.allowed,
            "refusal": "" if verdict.allowed else str(verdict),
            "upcoming": upcoming,
            "past": past_page,
            "theme_options": theme_options,
            "year_options": year_options,
            "chosen_theme": chosen_theme,
            "chosen_year": chosen_year,
            "filtered": bool(chosen_theme or chosen_year),
            "query_string": urlencode({key: value for key, value in kept.items() if value}),
            "calendar_url": self.url + self.reverse_subpage("calendar"),
            "rss_url": self.url + self.reverse_subpage("rss"),
            "atom_url": self.url + self.reverse_subpage("atom"),
        }

    @staticmethod
    def for_listing(webinars):
        """What a listing shows of each webinar, fetched in a fixed number of queries."""
        taken = (
            Registration.objects.filter(
                webinar__translation_key=OuterRef("translation_key"),
                status=Registration.Status.CONFIRMED,
            )
            .order_by()
            .values("webinar__translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            webinars.defer_streamfields()
            # With the photos: a ShownSpeaker carries the photo when consent allows it.
            .select_related("chair__photo")
            .prefetch_related(
                Prefetch(
                    "speakers",
                    queryset=WebinarSpeaker.objects.select_related("speaker__photo").order_by(
                        "sort_order"
                    ),
                ),
                "themes",
            )
            .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))
        )

    # Routes ------------------------------------------------------------------------------

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """Every upcoming webinar the person asking may open (a calendar app: a visitor)."""
        if request.method not in serving.SAFE_METHODS:
            return HttpResponseNotAllowed(serving.SAFE_METHODS)
        # A sub-route skips serve(): asking marks a members-only listing's response private.
        access.page_verdict(request, self)
        webinars = access.exclude_closed(request, self.for_listing(self.webinars().upcoming()))
        return calendars.ics_response(list(webinars), str(self.title), "webinars.ics")

    @path("feed/", name="rss")
    def rss(self, request):
        return feeds.WebinarFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        return feeds.WebinarAtomFeed(self)(request)


class WebinarPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "webinars.WebinarPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class WebinarPage(ContentNoteMixin, RoutablePageMixin, BasePage):
    """One webinar. Sub-URLs: `register/`, `cancel/`, `calendar/`, `files/<id>/`,
    `recording/` and `transcript/` (webinars.routes)."""

    start = models.DateTimeField(
        _("starts"), help_text=_("UK time. The listing and emails say whether it is GMT or BST.")
    )
    duration = models.PositiveSmallIntegerField(
        _("length in minutes"), default=90, help_text=_("How long the session lasts.")
    )
    # Kept from start and duration on save, so "upcoming" and "past" are one query.
    end = models.DateTimeField(editable=False, db_index=True)
    themes = ClusterTaggableManager(
        _("themes"), through=WebinarPageTag, blank=True, help_text=_("For the listing's filter.")
    )
    description = RichTextField(
        _("about this webinar"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    chair = models.ForeignKey(
        Speaker,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Taking part
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When it is full, members join a waiting list."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    joining_link = models.URLField(
        _("joining link"),
        blank=True,
        help_text=_("Shown only to members who have a place, and sent in their emails."),
    )
    will_be_recorded = models.BooleanField(
        _("this session will be recorded"),
        default=False,
        help_text=_("Said on the page and in emails before anyone registers."),
    )
    captions = models.BooleanField(_("live captions"), default=True)
    bsl = models.BooleanField(_("British Sign Language interpreter"), default=False)
    transcript_offered = models.BooleanField(_("transcript afterwards"), default=True)
    accessibility_notes = models.TextField(_("other access needs"), blank=True)
    wellbeing_contact_name = models.CharField(_("wellbeing contact"), max_length=120)
    wellbeing_contact_email = models.EmailField(_("wellbeing contact's email"), blank=True)
    if_difficult = models.TextField(
        _("if the session becomes difficult"), default=DEFAULT_IF_DIFFICULT
    )

    # Afterwards
    recording_url = models.URLField(
        _("recording link"),
        blank=True,
        help_text=_("YouTube or Vimeo: shown with the privacy-enhanced player."),
    )
    recording_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("recording file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An audio or video file, for members only."),
    )
    transcript_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("transcript"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.PositiveIntegerField(
        _("audience"),
        null=True,
        blank=True,
        help_text=_("How many people attended. Leave empty to count the attendance marked."),
    )

    # Cancelling (from the admin's "Cancel this webinar", which emails everyone registered)
    cancelled = models.BooleanField(_("cancelled"), default=False, editable=False)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)
    # Bumped whenever the time, place or status changes: calendar apps update their copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # What registrants' calendars were last given (time, length, title, joining link), so a
    # publish that changes any of them bumps `sequence` and tells them (signal_handlers).
    calendar_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("duration")]), FieldPanel("themes")],
            heading=_("When"),
        ),
        FieldPanel("content_note"),
        FieldPanel("description"),
        FieldPanel("chair"),
        InlinePanel("speakers", heading=_("Speakers"), label=_("speaker")),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("agenda item")),
        InlinePanel("quotes", heading=_("Quotes"), label=_("quote")),
        InlinePanel("credits", heading=_("Co-authors and contributors"), label=_("credit")),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_open"),
                FieldPanel("joining_link"),
                FieldPanel("will_be_recorded"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("captions"),
                FieldPanel("bsl"),
                FieldPanel("transcript_offered"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("wellbeing_contact_name"),
                FieldPanel("wellbeing_contact_email"),
                FieldPanel("if_difficult"),
            ],
            heading=_("Wellbeing"),
        ),
        InlinePanel("documents", heading=_("Slides and resources"), label=_("document")),
        MultiFieldPanel(
            [
                FieldPanel("recording_url"),
                FieldPanel("recording_document"),
                FieldPanel("transcript_document"),
                FieldPanel("audience"),
            ],
            heading=_("After the webinar"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description", boost=0.5),
        index.SearchField("speaker_names"),
        index.SearchField("searchable_credits"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("cancelled"),
    ]

    objects = PageManager.from_queryset(WebinarPageQuerySet)()
    base_form_class = WebinarPageForm

    template = "webinars/webinar_page.html"
    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types = []
    page_description = _("One webinar: when it is, who speaks, how to take part.")

    class Meta:
        verbose_name = _("webinar")

    def save(self, *args, **kwargs):
        self.set_end()
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        self.set_end()
        super().full_clean(*args, **kwargs)

    def set_end(self):
        """The end, `duration` real minutes after the start: added in UTC, because adding to
        a Europe/London time counts clock time and is an hour out across a clock change."""
        if self.start:
            self.end = self.start.astimezone(UTC) + timedelta(minutes=self.duration or 0)

    # Time --------------------------------------------------------------------------------

    def is_upcoming(self, now=None):
        return self.end > (now or timezone.now())

    def has_started(self, now=None):
        return self.start <= (now or timezone.now())

    def local_start(self):
        """The start in UK time (GMT or BST, whichever applies on the day)."""
        return timezone.localtime(self.start)

    def local_end(self):
        return timezone.localtime(self.end)

    # Speakers, as consent allows --------------------------------------------------------

    def speaker_holders(self, relations=("speakers", "agenda_items", "quotes")):
        """(object, field name) for every place a speaker is named: the chair and the rows
        of `relations` (those already fetched, or fetched now)."""
        holders = [(self, "chair")] if self.chair_id else []
        for relation in relations:
            items = getattr(self, relation).all()
            holders.extend((item, "speaker") for item in items if item.speaker_id)
        return holders

    def appearing_speakers(self):
        """Every Speaker taking part, chair first, without repeats (for consent checks)."""
        found = {}
        if self.chair_id:
            found[self.chair_id] = self.chair
        for item in self.speakers.all():
            if item.speaker_id:
                found.setdefault(item.speaker_id, item.speaker)
        for item in self.agenda_items.all():
            if item.speaker_id:
                found.setdefault(item.speaker_id, item.speaker)
        return list(found.values())

    def shown_speakers(self):
        """The speakers (not the chair) as `ShownSpeaker`s, in the editor's order."""
        return [item.speaker.shown() for item in self.speakers.all() if item.speaker_id]

    def shown_chair(self):
        return self.chair.shown() if self.chair_id else None

    def speaker_names(self):
        """Names that may be indexed for search: only those with consent."""
        names = [speaker.name for speaker in self.appearing_speakers() if speaker.consent_name]
        return " ".join(names)

    def searchable_credits(self):
        """Credited names that may be indexed for search: only those with consent."""
        return credited_names(self)

    def recording_allowed(self):
        """Everyone taking part has agreed to the recording being published."""
        return all(speaker.consent_recording for speaker in self.appearing_speakers())

    def shown_quotes(self):
        return [
            quote
            for quote in self.quotes.all()
            if quote.speaker_id and quote.speaker.consent_quotes
        ]

    def recording_embed_url(self):
        return privacy_enhanced_embed_url(self.recording_url)

    def has_recording(self):
        return bool(self.recording_url or self.recording_document_id)

    def consent_problems(self):
        """What this webinar would show without consent, as sentences for the editor.

        Publishing is refused while there are any (the admin form says why); the live site
        never shows such a use whatever is published, because it asks each speaker.
        """
        problems = []
        for speaker in self.appearing_speakers():
            if not speaker.consent_name:
                problems.append(
                    _("%(name)s has not agreed to their name being shown.") % {"name": speaker}
                )
        if self.has_recording():
            for speaker in self.appearing_speakers():
                if not speaker.consent_recording:
                    problems.append(
                        _("%(name)s has not agreed to the recording being published.")
                        % {"name": speaker}
                    )
        for quote in self.quotes.all():
            if quote.speaker_id and not quote.speaker.consent_quotes:
                problems.append(
                    _("%(name)s has not agreed to being quoted.") % {"name": quote.speaker}
                )
        return problems

    # Registration -------------------------------------------------------------------------

    def registration_webinar(self):
        """The copy registrations belong to: the default language's (one list for all).
        Worked out once per instance."""
        found = self.__dict__.get("_registration_webinar")
        if found is None or found.translation_key != self.translation_key:
            default = Locale.get_default()
            if self.locale_id == default.pk:
                found = self
            else:
                found = (
                    WebinarPage.objects.filter(
                        translation_key=self.translation_key, locale=default
                    ).first()
                    or self
                )
            self.__dict__["_registration_webinar"] = found
        return found

    # What the page shows -----------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_context(request))
        return context

    def sub_url(self, name, args=None):
        return (self.url or "") + self.reverse_subpage(name, args=args)

    def page_context(self, request, now=None):
        now = now or timezone.now()
        verdict = access.page_verdict(request, self)
        context = {
            "allowed": verdict.allowed,
            "refusal": "" if verdict.allowed else str(verdict),
            "page_url": self.url,
        }
        if not verdict.allowed:
            return context
        # Speakers (with their photos' renditions), chair, agenda and quotes in a fixed
        # number of queries, however many there are. Not in a preview: its speakers and
        # agenda are the editor's unsaved ones, held in memory.
        photo = Speaker.objects.select_related("photo").prefetch_related("photo__renditions")
        if self.pk and not getattr(request, "is_preview", False):
            models.prefetch_related_objects(
                [self],
                Prefetch("chair", queryset=photo),
                Prefetch(
                    "speakers",
                    queryset=WebinarSpeaker.objects.select_related("speaker__photo")
                    .prefetch_related("speaker__photo__renditions")
                    .order_by("sort_order"),
                ),
                Prefetch(
                    "agenda_items", queryset=AgendaItem.objects.select_related("speaker__photo")
                ),
                Prefetch(
                    "quotes",
                    queryset=WebinarQuote.objects.select_related("speaker__photo").order_by(
                        "sort_order"
                    ),
                ),
            )
        speakers_in_own_language([self])
        # A new webinar's preview has no row yet, so no registrations to ask about.
        saved = self.pk is not None
        standing = access.member_verdict(request.user)
        mine = None
        if standing.allowed and saved:
            mine = registration.registration_for(self, request.user)
        if mine is not None and mine.status == Registration.Status.CANCELLED:
            mine = None
        waiting = Registration.objects.none()
        counts = {"taken": 0, "waiting": 0}
        if saved:
            waiting = Registration.objects.filter(webinar=self.registration_webinar()).waiting()
            counts = Registration.objects.filter(webinar=self.registration_webinar()).aggregate(
                taken=Count("pk", filter=models.Q(status=Registration.Status.CONFIRMED)),
                waiting=Count("pk", filter=models.Q(status=Registration.Status.WAITING)),
            )
        documents = list(self.documents.select_related("document").order_by("sort_order"))
        for item in documents:
            item.download_url = self.sub_url("file", args=[item.pk])
        upcoming = self.is_upcoming(now)
        recording_shown = not upcoming and self.has_recording() and self.recording_allowed()
        context.update(
            upcoming=upcoming,
            started=self.has_started(now),
            standing=str(standing),
            may_register=standing.allowed,
            registration=mine,
            why_closed=registration.why_closed(self, now),
            places_left=registration.places_left(self, taken=counts["taken"]),
            waiting_count=counts["waiting"],
            # "You are number 3 on the waiting list": those who joined before, plus one.
            waiting_position=waiting.filter(
                models.Q(queued_at__lt=mine.queued_at)
                | models.Q(queued_at=mine.queued_at, pk__lt=mine.pk)
            ).count()
            + 1
            if mine is not None and mine.is_waiting
            else None,
            chair=self.shown_chair(),
            speakers=self.shown_speakers(),
            agenda=[
                {
                    "time": item.time,
                    "title": item.title,
                    "speaker": item.speaker.shown() if item.speaker_id else None,
                }
                for item in self.agenda_items.all()
            ],
            quotes=[
                {"text": quote.text, "speaker": quote.speaker.shown()}
                for quote in self.shown_quotes()
            ],
            themes=list(self.themes.order_by("name")),
            documents=documents,
            recording_shown=recording_shown,
            recording_embed_url=self.recording_embed_url() if recording_shown else "",
            recording_file_url=self.sub_url("recording")
            if recording_shown and self.recording_document_id
            else "",
            transcript_url=self.sub_url("transcript")
            if not upcoming and self.transcript_document_id
            else "",
            audience_figure=self.audience_figure() if not upcoming else None,
            register_url=self.sub_url("register"),
            cancel_url=self.sub_url("cancel"),
            calendar_url=self.sub_url("calendar"),
            listing=self.get_parent(),
        )
        return context

    def audience_figure(self):
        """The editor's figure, else the attendance marked; None when neither is known."""
        if self.audience is not None or self.pk is None:
            return self.audience
        attended = Registration.objects.filter(
            webinar=self.registration_webinar(), attended=True
        ).count()
        return attended or None

    # Routes ------------------------------------------------------------------------------

    def _refuse_unless_open(self, request):
        verdict = access.page_verdict(request, self)
        if verdict is access.Verdict.SIGN_IN:
            # Back to the page after signing in: the form's address takes only a POST.
            return redirect_to_login(self.url, resolve_url("account_login"))
        if not verdict.allowed:
            return access.refusal(request, verdict, self)
        return None

    def _back_to_registration(self):
        return HttpResponseRedirect((self.url or "/") + "#registration")

    @path("register/", name="register")
    def register(self, request):
        """One click (a POST): a place, or a place on the waiting list."""
        if request.method in serving.SAFE_METHODS:
            return self._back_to_registration()
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._refuse_unless_open(request)
        if refused:
            return refused
        standing = access.member_verdict(request.user)
        if standing is access.Verdict.SIGN_IN:
            return redirect_to_login(self.url, resolve_url("account_login"))
        if not standing.allowed:
            return access.refusal(request, standing, self)
        try:
            result = registration.register(self, request.user)
        except registration.NotOpen as closed:
            messages.error(request, closed.message)
        else:
            level = (
                messages.SUCCESS
                if result.outcome == registration.Outcome.REGISTERED
                else messages.INFO
            )
            messages.add_message(request, level, result.message)
        return self._back_to_registration()

    @path("cancel-registration/", name="cancel")
    def cancel_registration(self, request):
        """A POST: gives up the member's own place (there is no one else's to name)."""
        if request.method in serving.SAFE_METHODS:
            return self._back_to_registration()
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._refuse_unless_open(request)
        if refused:
            return refused
        if not request.user.is_authenticated:
            return redirect_to_login(self.url, resolve_url("account_login"))
        try:
            result = registration.cancel(self, request.user)
        except registration.NotOpen as closed:
            messages.error(request, closed.message)
        else:
            messages.info(request, result.message)
        return self._back_to_registration()

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """This webinar as a calendar file; with the joining link for someone with a place."""
        if request.method not in serving.SAFE_METHODS:
            return HttpResponseNotAllowed(serving.SAFE_METHODS)
        refused = self._refuse_unless_open(request)
        if refused:
            return refused
        mine = None
        if access.member_verdict(request.user).allowed:
            mine = registration.registration_for(self, request.user)
        joining = (
            self.joining_link if mine is not None and mine.has_place and not self.cancelled else ""
        )
        return calendars.ics_response(
            [self],
            self.title,
            f"{self.slug}.ics",
            joining_links={self.pk: joining},
            private=bool(joining) or request.user.is_authenticated,
        )

    @path("files/<int:item_id>/", name="file")
    def file(self, request, item_id):
        item = self.documents.filter(pk=item_id).select_related("document").first()
        return self.serve_document(request, item and item.document)

    @path("recording/", name="recording")
    def recording(self, request):
        """The recording file: members only, and only with every speaker's consent."""
        if self.is_upcoming() or not self.recording_allowed():
            raise Http404("No recording is available.")
        standing = access.member_verdict(request.user)
        if not standing.allowed:
            return access.refusal(request, standing, self)
        return self.serve_document(request, self.recording_document)

    @path("transcript/", name="transcript")
    def transcript(self, request):
        if self.is_upcoming():
            raise Http404("No transcript yet.")
        return self.serve_document(request, self.transcript_document)

    def serve_document(self, request, document):
        """`document`'s bytes if the one access rule allows them on this page."""
        if request.method not in serving.SAFE_METHODS:
            return HttpResponseNotAllowed(serving.SAFE_METHODS)
        if document is None or not document.file:
            raise Http404("No such file.")
        verdict = access.document_verdict(request, document, page=self)
        if not verdict.allowed:
            return access.refusal(request, verdict, self)
        response, sent = serving.file_response(request, document)
        if sent:
            document_served.send(sender=type(document), instance=document, request=request)
        return response

    def with_content_json(self, content):
        """A revision keeps the live cancellation and calendar sequence: publishing an older
        draft must not bring a cancelled webinar back."""
        page = super().with_content_json(content)
        page.cancelled = self.cancelled
        page.cancelled_reason = self.cancelled_reason
        page.sequence = self.sequence
        page.calendar_fingerprint = self.calendar_fingerprint
        return page

    def fingerprint(self):
        """A digest of what a calendar copy of this webinar holds."""
        held = "|".join(
            str(value)
            for value in (self.start.isoformat(), self.duration, self.title, self.joining_link)
        )
        return hashlib.sha256(held.encode()).hexdigest()

    def clean(self):
        super().clean()
        if self.duration is not None and self.duration < 5:
            raise ValidationError({"duration": _("A webinar lasts at least 5 minutes.")})


class WebinarSpeaker(Orderable):
    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="speakers")
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="appearances"
    )

    panels = [FieldPanel("speaker")]


class AgendaItem(Orderable):
    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="agenda_items")
    time = models.TimeField(_("time (UK)"))
    title = models.CharField(_("what happens"), max_length=200)
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("time"), FieldPanel("title")]), FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        ordering = ["time", "sort_order"]


class WebinarQuote(Orderable):
    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("quote"), max_length=600)

    panels = [FieldPanel("speaker"), FieldPanel("text")]


class WebinarDocument(Orderable):
    """Slides or a resource for the webinar, served through the page's `files/<id>/`."""

    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("document")]


__all__ = [
    "AgendaItem",
    "WebinarDocument",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarPageTag",
    "WebinarQuote",
    "WebinarSpeaker",
]
