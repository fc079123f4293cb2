"""The story pages: the listing (StoryIndexPage) and one story (StoryPage).

Who may open a story is core.access's answer (a story may be members only); a retracted
story is never served or listed, whoever asks (`StoryPageQuerySet.live_stories`). What a
story says of its teller is `StoryPage.shown_attribution()`: their name only when they
chose it. The teller's name is never indexed for search.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core import access
from core.pages import BasePage, ContentNoteMixin, ListingPage, MembersOnlyMixin
from members.models import Sector

from .. import feeds
from ..blocks import StoryBodyBlock
from .themes import StoryTheme

STORIES_PER_PAGE = 10

#: The page types a story may point readers to, as "app_label.ModelName".
RELATED_PAGE_TYPES = ("resources.ResourcePage", "webinars.WebinarPage")


class StoryKind(models.TextChoices):
    BLOG = "blog", _("Blog post")
    CASE_STUDY = "case_study", _("Case study")
    NARRATIVE = "narrative", _("Personal narrative")


class Attribution(models.TextChoices):
    NAME = "name", _("My name")
    PSEUDONYM = "pseudonym", _("My pseudonym")
    ANONYMOUS = "anonymous", _("Anonymous")


class StoryPageQuerySet(PageQuerySet):
    def not_retracted(self):
        return self.filter(retracted_at__isnull=True)

    def live_stories(self):
        """Stories anyone might be shown: live, not behind Wagtail privacy, not retracted.
        (Members-only stories are among them: listings show those by title alone.)"""
        return self.live().public().not_retracted()


class StoryIndexPage(RoutablePageMixin, ListingPage):
    """Every story below it, newest first, with filters by kind, theme and sector; its
    feeds (`feed/`, `feed/atom/`) hold the stories everyone may read."""

    template = "stories/story_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1
    page_description = _("The stories listing: holds blog posts, case studies and narratives.")

    class Meta:
        verbose_name = _("stories listing")

    def stories(self):
        return StoryPage.objects.child_of(self).live_stories()

    @path("feed/", name="rss")
    def rss(self, request):
        return feeds.StoryFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        return feeds.StoryAtomFeed(self)(request)

    def listing_context(self, request):
        """One page of stories and the filters, in the same number of queries however many
        stories there are: the options (three counting queries), the page and its count,
        and the themes of the stories shown."""
        stories = self.stories()
        kind_counts = dict(
            stories.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
        )
        sector_counts = dict(
            stories.exclude(sector="")
            .order_by()
            .values_list("sector")
            .annotate(n=Count("pk"))
            .values_list("sector", "n")
        )
        theme_options = list(
            StoryTheme.objects.filter(stories__in=stories.values("pk"))
            .annotate(n=Count("stories", distinct=True))
            .order_by("name")
        )
        kind_options = [
            {"value": value, "label": label, "count": kind_counts[value]}
            for value, label in StoryKind.choices
            if value in kind_counts
        ]
        sector_options = [
            {"value": value, "label": label, "count": sector_counts[value]}
            for value, label in Sector.choices
            if value in sector_counts
        ]

        # Only values offered on the page are used; anything else is ignored, not an error.
        chosen = {
            "kind": request.GET.get("kind", ""),
            "theme": request.GET.get("theme", ""),
            "sector": request.GET.get("sector", ""),
        }
        if chosen["kind"] not in kind_counts:
            chosen["kind"] = ""
        if chosen["theme"] not in {theme.slug for theme in theme_options}:
            chosen["theme"] = ""
        if chosen["sector"] not in sector_counts:
            chosen["sector"] = ""
        if chosen["kind"]:
            stories = stories.filter(kind=chosen["kind"])
        if chosen["theme"]:
            stories = stories.filter(themes__slug=chosen["theme"])
        if chosen["sector"]:
            stories = stories.filter(sector=chosen["sector"])

        listing = (
            stories.defer_streamfields()
            .select_related("teller")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk")
        )
        page_obj = Paginator(listing, STORIES_PER_PAGE).get_page(request.GET.get("page"))
        for story in page_obj:
            # Asked of the policy, which knows the closed areas once per request.
            story.is_members_only = access.is_members_only(request, story)
            verdict = access.page_verdict(request, story)
            story.allowed = verdict.allowed
            story.refusal = "" if verdict.allowed else str(verdict)
        return {
            "rss_url": self.url + self.reverse_subpage("rss"),
            "atom_url": self.url + self.reverse_subpage("atom"),
            "stories": page_obj,
            "kind_options": kind_options,
            "theme_options": theme_options,
            "sector_options": sector_options,
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "query_string": urlencode({key: value for key, value in chosen.items() if value}),
        }


class StoryPage(MembersOnlyMixin, ContentNoteMixin, BasePage):
    """One story: a blog post, a case study or a personal narrative."""

    kind = models.CharField(
        _("kind of story"), max_length=16, choices=StoryKind.choices, default=StoryKind.NARRATIVE
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("story"), blank=True)
    themes = ParentalManyToManyField(
        StoryTheme,
        verbose_name=_("themes"),
        blank=True,
        related_name="stories",
        help_text=_("For the listing's filter, and to learn from stories."),
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)

    # Who tells it, and how they are named
    teller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("told by (member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="told_stories",
        help_text=_(
            "The member whose story this is. Never shown unless they chose to be named. "
            "Leave empty for a post written by the editors."
        ),
    )
    attribution = models.CharField(
        _("how the teller is named"),
        max_length=16,
        choices=Attribution.choices,
        default=Attribution.ANONYMOUS,
    )
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=80,
        blank=True,
        help_text=_("Shown instead of the teller's name when they chose a pseudonym."),
    )
    author_name = models.CharField(
        _("author"),
        max_length=120,
        blank=True,
        help_text=_("For a post written by the editors or a guest, with no member as teller."),
    )
    comments_allowed = models.BooleanField(
        _("members may comment"),
        default=False,
        help_text=_("Offers “Discuss this”: a topic on the forum's discussion board."),
    )
    consent_version = models.CharField(_("consent wording version"), max_length=20, blank=True)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    # Set when the teller takes their story back: it is never served or listed again.
    retracted_at = models.DateTimeField(_("retracted"), null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("content_note"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("themes", widget=forms.CheckboxSelectMultiple), FieldPanel("sector")],
            heading=_("About this story"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("teller"),
                FieldRowPanel([FieldPanel("attribution"), FieldPanel("pseudonym")]),
                FieldPanel("author_name"),
                FieldPanel("comments_allowed"),
                FieldRowPanel([FieldPanel("consent_version"), FieldPanel("consent_given_at")]),
            ],
            heading=_("Teller and consent"),
        ),
        InlinePanel(
            "related_pages", heading=_("Related resources and webinars"), label=_("related page")
        ),
        InlinePanel("credits", heading=_("Co-authors and contributors"), label=_("credit")),
    ]
    # Only what the story says, never who told it: no teller, pseudonym or author fields.
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("kind"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("sector"),
        index.FilterField("retracted_at"),
    ]

    objects = PageManager.from_queryset(StoryPageQuerySet)()

    template = "stories/story_page.html"
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    page_description = _("One story: a blog post, a case study or a personal narrative.")

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self):
        super().clean()
        if self.attribution == Attribution.PSEUDONYM and not self.pseudonym.strip():
            raise ValidationError(
                {"pseudonym": _("Give the pseudonym the teller chose, or choose another way.")}
            )

    # Attribution -------------------------------------------------------------------------

    def shown_attribution(self):
        """Who the story is shown as being by. A member's real name only when they chose
        it; a post with no member as teller shows its author, if one is given."""
        anonymous = gettext("Anonymous")
        if self.teller_id is None:
            if self.attribution == Attribution.PSEUDONYM and self.pseudonym:
                return self.pseudonym
            return self.author_name or anonymous
        if self.attribution == Attribution.NAME:
            return self.teller.get_full_name() or anonymous
        if self.attribution == Attribution.PSEUDONYM and self.pseudonym:
            return self.pseudonym
        return anonymous

    # Serving -----------------------------------------------------------------------------

    @classmethod
    def get_indexed_objects(cls):
        # A retracted story is never (re)indexed, whatever later saves it.
        return super().get_indexed_objects().filter(retracted_at__isnull=True)

    @property
    def is_retracted(self):
        return self.retracted_at is not None

    def serve(self, request, *args, **kwargs):
        # Editors still see it in the admin's preview, which does not come through here.
        if self.is_retracted:
            raise Http404("This story has been retracted.")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if self.is_retracted:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_context(request))
        return context

    def page_context(self, request):
        verdict = access.page_verdict(request, self)
        context = {
            "allowed": verdict.allowed,
            "refusal": "" if verdict.allowed else str(verdict),
            "page_url": self.url,
        }
        if not verdict.allowed:
            return context
        # Choice before exposure: with a content note the story waits until the reader
        # chooses to go on (`?shown=1`); an editor's preview shows it at once.
        shown = (
            not self.content_note
            or request.GET.get("shown") == "1"
            or getattr(request, "is_preview", False)
        )
        context.update(
            shown=shown,
            listing=self.get_parent(),
            attribution=self.shown_attribution(),
        )
        if shown:
            context.update(
                themes=list(self.themes.order_by("name")),
                related=self.related_for(request),
            )
        return context

    def related_for(self, request):
        """The related resources and webinars the person may open, live, in the editor's
        order (two queries: the pages, and their specific fields)."""
        wanted = [item.target_id for item in self.related_pages.all() if item.target_id]
        if not wanted:
            return []
        pages = access.exclude_closed(
            request, Page.objects.live().public().filter(pk__in=wanted)
        ).specific()
        by_pk = {page.pk: page for page in pages if page.specific_class is not None}
        return [
            by_pk[pk]
            for pk in dict.fromkeys(wanted)
            if pk in by_pk and by_pk[pk]._meta.label in RELATED_PAGE_TYPES
        ]


class StoryRelatedPage(Orderable):
    """A resource or webinar a story points its readers to."""

    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("resource or webinar"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("target", list(RELATED_PAGE_TYPES))]

    class Meta(Orderable.Meta):
        verbose_name = _("related resource or webinar")

    def clean(self):
        super().clean()
        if self.target_id and self.target.specific_class._meta.label not in RELATED_PAGE_TYPES:
            raise ValidationError({"target": _("Choose a resource or a webinar.")})
