"""The moderators' side of the Wagtail admin: the queue of posts waiting for a moderator,
and what a moderator does about each (approve, hide with a kind message, restore, close
the reports, read the earlier versions), a topic (lock, pin, move) and its writer (pause
their posting, lift a pause). Also the moderation messages snippet's permission policy.

Registered in `wagtail_hooks.py`. Everything here needs the `core.moderate_forums`
permission (the Moderators role has it: members/migrations/0003_role_permissions.py), asked
of the person, never of a group's name. The work is forums.moderation's, which logs it.

Reporters are never named here: reports are counted, with their reasons and details. A
post written under a pseudonym shows the pseudonym; "Show who wrote this" (a POST, logged)
shows the real name on the next page only.
"""

from collections import Counter

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from . import moderation
from .models import BoardPage, ModerationMessage, Post, PostingPause, Report, Topic

MODERATE_FORUMS = "core.moderate_forums"
POSTS_PER_PAGE = 20
REVEALED = "forums_revealed_writers"


def may_moderate(user):
    return bool(user.is_authenticated and user.is_active and user.has_perm(MODERATE_FORUMS))


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_moderate(request.user)


class ModeratorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Moderation messages, a snippet moderators edit ----------------------------------------


class ModeratorsPermissionPolicy(ModelPermissionPolicy):
    """The model's own permissions, and every action for whoever may moderate."""

    def user_has_permission(self, user, action):
        return may_moderate(user) or super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        condition = self._get_users_with_any_permission_codenames_filter(
            self._get_permission_codenames(actions)
        )
        app_label, codename = MODERATE_FORUMS.split(".")
        moderators = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
        condition |= (
            Q(user_permissions__in=moderators) | Q(groups__permissions__in=moderators)
        ) & Q(is_active=True)
        return get_user_model().objects.filter(condition).distinct()


MODERATION_MESSAGE_POLICY = ModeratorsPermissionPolicy(ModerationMessage)


class ModerationMessageViewSet(SnippetViewSet):
    model = ModerationMessage
    icon = "comment"
    menu_label = _("Moderation messages")
    list_display = ["title", "message"]
    search_fields = ["title", "message"]

    @property
    def permission_policy(self):
        return MODERATION_MESSAGE_POLICY


# What the queue shows ------------------------------------------------------------------


def queued_posts():
    """Posts waiting for approval, and posts with reports no moderator has looked at yet
    (held or not), the longest waiting first."""
    waiting = Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    open_reports = Q(reports__resolved_at__isnull=True)
    return (
        Post.objects.filter(Q(status=Post.Status.PENDING) | Exists(waiting))
        .annotate(
            report_count=Count("reports", filter=open_reports),
            waiting_since=Coalesce(
                Min("reports__created_at", filter=open_reports), F("created_at")
            ),
        )
        .select_related("topic__board", "author__forum_identity")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(resolved_at__isnull=True).order_by("created_at"),
                to_attr="open_reports",
            )
        )
        .order_by("waiting_since", "pk")
    )


def revealed_writers(request):
    """The posts whose writer a moderator asked to see, once: shown on this page only."""
    return set(request.session.pop(REVEALED, []))


def writer_of(post, revealed=()):
    """What a moderator sees of the writer: {"name", "pseudonym", "may_reveal"}."""
    if post.author_id is None:
        return {"name": gettext("A former member"), "pseudonym": "", "may_reveal": False}
    if post.under_pseudonym:
        pseudonym = post.author.forum_identity.pseudonym
        if post.pk in revealed:
            return {"name": real_name(post.author), "pseudonym": pseudonym, "may_reveal": False}
        return {"name": "", "pseudonym": pseudonym, "may_reveal": True}
    return {"name": real_name(post.author), "pseudonym": "", "may_reveal": False}


def real_name(user):
    return user.get_full_name() or user.email


def paused_member_shown(member):
    """A paused member's name in the list of pauses, unless they have a pseudonym: then
    the name would tie it to their pseudonymous posts (only "Show who wrote this", which
    is logged, does that)."""
    if getattr(member, "forum_identity", None) is not None:
        return gettext("A member who posts under a pseudonym")
    return real_name(member)


def content_note_of(post):
    """The note that folds the post's text away: its own, else its topic's."""
    return post.content_note or post.topic.content_note


def live_topic_url(topic):
    board = topic.board
    return board.sub_url("topic", args=[topic.pk]) if board.url else ""


def prepare(post, revealed):
    """Everything the queue and a post's pages show of `post`."""
    post.writer = writer_of(post, revealed)
    post.note = content_note_of(post)
    reports = getattr(post, "open_reports", None)
    if reports is None:
        reports = list(moderation.unresolved_reports(post))
    post.reasons = [
        {"label": Report.Reason(reason).label, "count": count}
        for reason, count in Counter(report.reason for report in reports).most_common()
    ]
    post.details = [report for report in reports if report.detail]
    post.report_total = len(reports)
    post.topic_url = live_topic_url(post.topic)
    post.urls = {
        name: reverse(f"forums_moderation:{name}", args=[post.pk])
        for name in ("approve", "hide", "restore", "dismiss", "reveal", "versions", "pause")
    }
    post.urls["topic"] = reverse("forums_moderation:topic", args=[post.topic_id])
    return post


def safe_next(request, default):
    """Where a POST goes back to: the page it came from (this site's), else `default`."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


def queue_url():
    return reverse("forums_moderation:queue")


# Views ---------------------------------------------------------------------------------


class ModerationPageMixin(ModeratorsOnlyMixin, WagtailAdminTemplateMixin):
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.page_title != QueueView.page_title:
            items.append({"url": queue_url(), "label": QueueView.page_title})
        return [*items, {"url": "", "label": self.get_page_title()}]


class QueueView(ModerationPageMixin, TemplateView):
    """Posts waiting for a moderator, the longest waiting first, and the pauses in force."""

    template_name = "forums/admin/queue.html"
    page_title = _("Forum moderation")

    def get_context_data(self, **kwargs):
        revealed = revealed_writers(self.request)
        posts = Paginator(queued_posts(), POSTS_PER_PAGE).get_page(self.request.GET.get("p"))
        for post in posts:
            prepare(post, revealed)
        pauses = list(
            PostingPause.objects.in_force()
            .select_related("member__forum_identity", "paused_by")
            .order_by("ends_at")
        )
        for pause_on_posting in pauses:
            pause_on_posting.member_shown = paused_member_shown(pause_on_posting.member)
        return super().get_context_data(
            posts=posts,
            pauses=pauses,
            messages_url=reverse(ModerationMessageViewSet().get_url_name("list")),
            **kwargs,
        )


class PostView(ModeratorsOnlyMixin, View):
    """A POST about one post: approve it, restore it, close its reports, or show who wrote
    it. Back to the page the moderator came from."""

    http_method_names = ["post"]
    action = ""

    def post(self, request, post_id):
        post = get_object_or_404(Post.objects.select_related("topic", "author"), pk=post_id)
        user = request.user
        back = safe_next(request, queue_url())
        try:
            if self.action == "reveal":
                moderation.reveal_pseudonym(post, user)
                revealed = request.session.get(REVEALED, [])
                request.session[REVEALED] = [*revealed, post.pk]
                return redirect(back)
            if self.action == "approve":
                moderation.approve(post, user)
                messages.success(request, _("Post approved: members can read it now."))
            elif self.action == "restore":
                moderation.restore(post, user)
                messages.success(request, _("Post restored: members can read it again."))
            elif self.action == "dismiss":
                moderation.dismiss_reports(post, user)
                messages.success(request, _("Reports closed: the post stays as it is."))
        except moderation.NotChanged as unchanged:
            messages.warning(request, unchanged.message)
        return redirect(back)

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


class HideForm(forms.Form):
    start_from = forms.ModelChoiceField(
        label=_("Start from a message"),
        queryset=ModerationMessage.objects.all(),
        required=False,
        help_text=_("Used as it is if you leave the message below empty."),
    )
    message = forms.CharField(
        label=_("Message to the writer"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=2000,
        required=False,
        help_text=_(
            "The writer is emailed this, and sees it beside their post. Say what happened "
            "and why, kindly, and what they can do next."
        ),
    )

    def clean(self):
        data = super().clean()
        chosen = data.get("start_from")
        if not (data.get("message") or "").strip():
            if chosen is None:
                raise forms.ValidationError(
                    _("Write a message to the writer, or choose one to start from.")
                )
            data["message"] = chosen.message
        return data


class OnePostMixin(ModerationPageMixin):
    def dispatch(self, request, *args, **kwargs):
        if not may_moderate(request.user):
            raise PermissionDenied
        self.post_shown = get_object_or_404(
            Post.objects.select_related("topic__board", "author__forum_identity"),
            pk=kwargs["post_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            post=prepare(self.post_shown, revealed_writers(self.request)),
            topic=self.post_shown.topic,
            **kwargs,
        )


class HideView(OnePostMixin, FormView):
    """Hide a post, with a kind message to its writer (started from a moderation message,
    `?start=<id>`, or written here)."""

    template_name = "forums/admin/hide.html"
    form_class = HideForm
    page_title = _("Hide a post")

    def get_initial(self):
        start = self.request.GET.get("start", "")
        chosen = ModerationMessage.objects.filter(pk=start).first() if start.isdigit() else None
        if chosen is None:
            return {}
        return {"start_from": chosen, "message": chosen.message}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            moderation_messages=ModerationMessage.objects.all(), **kwargs
        )

    def form_valid(self, form):
        try:
            moderation.hide(self.post_shown, self.request.user, form.cleaned_data["message"])
        except moderation.NotChanged as unchanged:
            messages.warning(self.request, unchanged.message)
        else:
            messages.success(
                self.request, _("Post hidden. We are emailing the writer your message.")
            )
        return redirect(queue_url())


class VersionsView(OnePostMixin, TemplateView):
    """The post as it is now, and every earlier version its writer replaced."""

    template_name = "forums/admin/versions.html"
    page_title = _("Earlier versions of a post")

    def get_context_data(self, **kwargs):
        return super().get_context_data(revisions=self.post_shown.revisions.all(), **kwargs)


class PauseForm(forms.Form):
    length = forms.ChoiceField(
        label=_("Pause their posting for"),
        choices=[(key, label) for key, (_period, label) in moderation.PAUSE_LENGTHS.items()],
        widget=forms.RadioSelect,
        initial="day",
    )
    reason = forms.CharField(
        label=_("Why (sent to the member)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
        help_text=_(
            "Kindly, what happened and why. We tell them they can still read the forums, "
            "and until when the pause lasts."
        ),
        error_messages={"required": _("Say why, so the member understands.")},
    )


class PauseView(OnePostMixin, FormView):
    """Pause the posting of a post's writer (they can still read), or lift a pause on it."""

    template_name = "forums/admin/pause.html"
    form_class = PauseForm
    page_title = _("Pause a member's posting")

    def get_context_data(self, **kwargs):
        author = self.post_shown.author
        pauses = (
            PostingPause.objects.in_force().filter(member=author).order_by("ends_at")
            if author is not None
            else PostingPause.objects.none()
        )
        return super().get_context_data(pauses=pauses, **kwargs)

    def form_valid(self, form):
        author = self.post_shown.author
        if author is None:
            messages.warning(self.request, _("This member's account has been deleted."))
            return redirect(queue_url())
        made = moderation.pause(
            author,
            self.request.user,
            length=form.cleaned_data["length"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _("Posting paused until %(when)s. We are emailing the member to say why.")
            % {"when": date_format(timezone.localtime(made.ends_at), "j F Y, H:i")},
        )
        return redirect(queue_url())


class LiftPauseView(ModeratorsOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request, pause_id):
        pause_on_posting = get_object_or_404(PostingPause, pk=pause_id)
        try:
            moderation.lift(pause_on_posting, request.user)
        except moderation.NotChanged as unchanged:
            messages.warning(request, unchanged.message)
        else:
            messages.success(request, _("Pause lifted: the member can post again."))
        return redirect(safe_next(request, queue_url()))


class MoveForm(forms.Form):
    board = forms.ModelChoiceField(label=_("Move to"), queryset=BoardPage.objects.none())

    def __init__(self, *args, topic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = (
            BoardPage.objects.filter(locale=Locale.get_default())
            .exclude(pk=topic.board_id)
            .order_by("path")
        )


class TopicView(ModerationPageMixin, TemplateView):
    """A topic: lock or unlock it, pin or unpin it, move it to another board (POSTs with
    `action`)."""

    template_name = "forums/admin/topic.html"
    page_title = _("Manage a topic")
    ACTIONS = {
        "lock": (moderation.lock, _("Topic locked: no new replies can be added.")),
        "unlock": (moderation.unlock, _("Topic unlocked: members can reply again.")),
        "pin": (moderation.pin, _("Topic pinned: it comes first on its board.")),
        "unpin": (moderation.unpin, _("Topic unpinned.")),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_moderate(request.user):
            raise PermissionDenied
        topics = Topic.objects.select_related("board")
        self.topic = get_object_or_404(topics, pk=kwargs["topic_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, move_form=None, **kwargs):
        topic = self.topic
        return super().get_context_data(
            topic=topic,
            topic_url=live_topic_url(topic),
            move_form=move_form or MoveForm(topic=topic),
            **kwargs,
        )

    def post(self, request, topic_id):
        action = request.POST.get("action", "")
        if action == "move":
            form = MoveForm(request.POST, topic=self.topic)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(move_form=form))
            board = form.cleaned_data["board"]
            try:
                moderation.move_topic(self.topic, board, request.user)
            except moderation.NotChanged as unchanged:
                messages.warning(request, unchanged.message)
            else:
                messages.success(request, _("Topic moved to %(board)s.") % {"board": board.title})
        elif action in self.ACTIONS:
            change, done = self.ACTIONS[action]
            change(self.topic, request.user)
            messages.success(request, done)
        return redirect(reverse("forums_moderation:topic", args=[self.topic.pk]))
