"""The forum pages: the forums' index (ForumIndexPage, with `pseudonym/`) and a board
(BoardPage; its routes, where members read topics and post, are forums.models.board_routes).

Who may read and write is forums.permissions' answer (core.access underneath); the work of
posting is forums.posting's; what a page lists comes from the querysets beside these pages
(forums.models.conversations). Anything the person may not see answers 404.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.models.view_restrictions import BaseViewRestriction
from wagtail.search import index

from core import access
from core.pages import BasePage, MembersOnlyMixin

from .. import discussions, drafts, forms, permissions, posting, reading
from .board_routes import FORM_METHODS, POSTS_PER_PAGE, BoardRoutes
from .conversations import Post, Topic, hide_names_from
from .discussion_routes import DiscussionRoutes
from .following_routes import BoardFollowingRoutes, IndexFollowingRoutes
from .report_routes import ReportRoutes

TOPICS_PER_PAGE = 20


class ForumIndexPage(MembersOnlyMixin, IndexFollowingRoutes, RoutablePageMixin, BasePage):
    """ "Forums": the boards, with their topic and post counts and latest activity.
    Sub-URL: `pseudonym/`, where a member chooses the name they may post under."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    template = "forums/forum_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["forums.BoardPage"]
    max_count_per_parent = 1
    page_description = _("The forums: holds the boards.")

    class Meta:
        verbose_name = _("forums")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        verdict = access.page_verdict(request, self)
        approved = verdict.allowed and access.is_approved_member(request.user)
        context.update(
            allowed=verdict.allowed,
            refusal="" if verdict.allowed else str(verdict),
            boards=self.boards_for(request),
            pseudonym=posting.pseudonym_of(request.user) if approved else "",
            may_choose_pseudonym=approved,
            pseudonym_url=self.sub_url("pseudonym"),
        )
        return context

    def sub_url(self, name, args=None):
        return (self.url or "") + self.reverse_subpage(name, args=args)

    def boards_for(self, request):
        """Live boards in the editors' order, each with its topic and post counts and latest
        activity, in one query. Members-only boards are listed to everyone, marked; a board
        that Wagtail's privacy closes to the person is left out (its name may be private)."""
        areas = access.closed_areas(request)
        topics = (
            Topic.objects.counted()
            .filter(board__translation_key=OuterRef("translation_key"))
            .order_by()
            .values("board__translation_key")
        )
        boards = (
            access.live_now(BoardPage.objects.child_of(self))
            .annotate(
                topic_total=Coalesce(Subquery(topics.annotate(n=Count("pk")).values("n")), 0),
                post_total=Coalesce(Subquery(topics.annotate(n=Sum("post_count")).values("n")), 0),
                latest_activity=Subquery(
                    topics.annotate(latest=Max("last_activity_at")).values("latest")
                ),
            )
            .order_by("path")
        )
        shown = []
        for board in boards:
            rules = areas.restrictions_of(board.path)
            if not all(rule.accept_request(request) for rule in rules):
                continue
            board.is_members_only = areas.members_path_of(board.path)
            shown.append(board)
        return shown

    @path("pseudonym/", name="pseudonym")
    def choose_pseudonym(self, request):
        """Choose a pseudonym, once (an approved member; the page says it cannot change)."""
        if request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        verdict = access.page_verdict(request, self)
        if verdict.allowed:
            verdict = access.member_verdict(request.user)
        if not verdict.allowed:
            return access.refusal(request, verdict, self)
        pseudonym = posting.pseudonym_of(request.user)
        form = None
        if not pseudonym:
            bound = request.POST if request.method == "POST" else None
            form = forms.PseudonymForm(bound, member=request.user)
            if bound is not None and form.is_valid():
                try:
                    posting.choose_pseudonym(request.user, form.cleaned_data["pseudonym"])
                except posting.NotAllowed as refused:
                    form.add_error("pseudonym", refused.message)
                else:
                    messages.success(request, _("Your pseudonym is saved."))
                    return HttpResponseRedirect(self.sub_url("pseudonym"))
        context = super().get_context(request)  # the page's own, without the boards
        context.update(form=form, pseudonym=pseudonym)
        return TemplateResponse(request, "forums/pseudonym.html", context)


class BoardPage(
    MembersOnlyMixin,
    BoardRoutes,
    ReportRoutes,
    BoardFollowingRoutes,
    DiscussionRoutes,
    RoutablePageMixin,
    BasePage,
):
    """One board: its topics (pinned first, then by latest activity) and how to post.

    Topics belong to the default language's copy of the board (`topic_board`), so the
    Welsh board shows the same conversation. Sub-URLs: `new/`, `<topic id>/`,
    `<topic id>/reply/`, and `posts/<post id>/` (a link to a post), `.../edit/`,
    `.../delete/` and `.../react/`.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    guidelines = RichTextField(
        _("posting guidelines"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown beside the composer: what this board is for, and how we talk here."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("guidelines")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    template = "forums/board_page.html"
    parent_page_types = ["forums.ForumIndexPage"]
    subpage_types = []
    page_description = _("A board of topics, such as 'Practice questions'.")

    class Meta:
        verbose_name = _("board")

    def topic_board(self):
        """The copy topics belong to: the default language's. Worked out once per object."""
        found = self.__dict__.get("_topic_board")
        if found is None:
            default = Locale.get_default()
            if self.locale_id == default.pk:
                found = self
            else:
                found = (
                    BoardPage.objects.filter(
                        translation_key=self.translation_key, locale=default
                    ).first()
                    or self
                )
            self.__dict__["_topic_board"] = found
        return found

    # Addresses ---------------------------------------------------------------------------

    def sub_url(self, name, args=None):
        return (self.url or "") + self.reverse_subpage(name, args=args)

    def topic_url(self, topic, **query):
        """A topic's address; `shown=1` once the reader has chosen to open a noted topic."""
        kept = {key: value for key, value in query.items() if value}
        suffix = f"?{urlencode(kept)}" if kept else ""
        return self.sub_url("topic", args=[topic.pk]) + suffix

    def post_location(self, post, user):
        """Where `post` is: its topic's page that lists it, at the post (one query)."""
        before = Post.objects.filter(topic_id=post.topic_id).listed_for(user).before(post)
        number = before.count() // POSTS_PER_PAGE + 1
        url = self.topic_url(
            post.topic, page=number if number > 1 else None, shown=post.topic.content_note and 1
        )
        return f"{url}#post-{post.pk}"

    # Who reads, who writes ---------------------------------------------------------------

    def readers(self, request):
        """Who can read this board, for the composer to say before anyone posts."""
        areas = access.closed_areas(request)
        rules = areas.restrictions_of(self.path)
        if any(rule.restriction_type != BaseViewRestriction.LOGIN for rule in rules):
            return "private"
        if access.is_members_only(request, self):
            return "members"
        return "signed_in" if rules else "everyone"

    def pseudonym_url(self):
        """Where a member chooses a pseudonym: the forums' index page's `pseudonym/`."""
        parent = self.get_parent()
        return parent.url + ForumIndexPage.get_resolver().reverse("pseudonym")

    def composer_context(self, request, topic=None):
        write = permissions.may_write(request, self, topic)
        return {
            "may_post": write.allowed,
            "why_not": write.reason,
            "standing": str(access.member_verdict(request.user)),
            "readers": self.readers(request),
            "new_topic_url": self.sub_url("new_topic"),
        }

    # The board ---------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        if context["may_post"]:
            context["draft"] = drafts.find(request.user, self)
        return context

    def listing_context(self, request):
        """The topics (20 a page) with their opening post's writer and their counts, in a
        fixed number of queries. Someone who may not read the board sees why, and no titles
        (a topic's title can say something personal); a "Discuss this" topic about a page
        they may not open is left out (forums.discussions.readable)."""
        read = permissions.may_read(request, self)
        context = {
            "allowed": read.allowed,
            "refusal": "" if read else str(read.verdict),
            **self.composer_context(request),
        }
        if not read:
            return context
        user = request.user
        topics = Paginator(
            discussions.readable(request, Topic.objects.for_board(self))
            .visible_to(user)
            .with_opening_post_id()
            .with_seen_by(user)
            .in_board_order(),
            TOPICS_PER_PAGE,
        ).get_page(request.GET.get("page"))
        openings = {
            post.pk: post
            for post in Post.objects.filter(pk__in=[topic.opening_post_id for topic in topics])
            .visible_to(user)
            .select_related("author__forum_identity")
            .defer("body")
        }
        hide_names_from(user, openings.values())
        for topic in topics:
            topic.opening = openings.get(topic.opening_post_id)
            published = topic.opening is not None and topic.opening.status == Post.Status.PUBLISHED
            topic.reply_count = max(topic.post_count - published, 0)
            topic.url = self.topic_url(topic)
        reading.mark(topics, user)
        context["topics"] = topics
        return context
