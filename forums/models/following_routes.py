"""Routes for what a member follows and mutes (mixins the forum pages inherit).

A board's: `<topic id>/watch/` and `watch/` start or stop watching a topic or the board;
`posts/<post id>/mute/` mutes or unmutes the writer of a post (by the post, so a writer
under a pseudonym can be muted without anyone learning who they are; the writer is never
told). The forums index's: `notifications/`, a member's email settings, what they watch
and whom they muted, with `notifications/watches/<id>/stop/` and
`notifications/mutes/<id>/unmute/`.

Each is for approved members and takes a POST (the settings page also a GET); a form may
send `watch` or `mute` as "1" or "0" so that a second click changes nothing. Anything the
person may not read answers 404, as if it were not there.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path
from wagtail.models import Page

from core import access

from .. import forms, permissions, watching
from .conversations import Post, Topic
from .following import Mute, NotificationPreference, Watch

FORM_METHODS = ("GET", "HEAD", "POST")
UNMUTED = _("You unmuted this writer. You will see their posts again.")


def wanted(request, name):
    """ "1" or "0" from the form (the state the button asks for), else None: the other way
    round from now."""
    return {"1": True, "0": False}.get(request.POST.get(name, ""))


def _refusal(request, verdict, page, back_url):
    """Signed out: sign in and come back to `back_url` (a POST cannot be repeated after
    signing in); otherwise core.access's kind page, or 404."""
    if verdict is access.Verdict.SIGN_IN:
        access.mark_private(request)
        return redirect_to_login(back_url, resolve_url("account_login"))
    return access.refusal(request, verdict, page)


class BoardFollowingRoutes:
    """A board's routes for watching topics and the board, and muting a post's writer."""

    def _following_refused(self, request):
        """None if the person may read this board and is an approved member."""
        read = permissions.may_read(request, self)
        verdict = read.verdict if not read else access.member_verdict(request.user)
        if verdict.allowed:
            return None
        return _refusal(request, verdict, self, self.url)

    @path("<int:topic_id>/watch/", name="watch_topic")
    def watch_topic(self, request, topic_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._following_refused(request)
        if refused:
            return refused
        topic = Topic.objects.for_board(self).visible_to(request.user).filter(pk=topic_id).first()
        if topic is None or not permissions.may_read_topic(request, self, topic):
            raise Http404("No such topic.")
        if watching.set_watching(request.user, wanted(request, "watch"), topic=topic):
            messages.success(
                request,
                _("You are watching this topic. We will let you know about new replies."),
            )
        else:
            messages.success(request, _("You have stopped watching this topic."))
        return HttpResponseRedirect(self.topic_url(topic, shown=topic.content_note and 1))

    @path("watch/", name="watch_board")
    def watch_board(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._following_refused(request)
        if refused:
            return refused
        board = self.topic_board()  # the copy topics belong to, in every language
        if watching.set_watching(request.user, wanted(request, "watch"), board=board):
            messages.success(
                request,
                _("You are watching this board. We will let you know about new topics."),
            )
        else:
            messages.success(request, _("You have stopped watching this board."))
        return HttpResponseRedirect(self.url)

    @path("posts/<int:post_id>/mute/", name="mute")
    def mute_writer(self, request, post_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._following_refused(request)
        if refused:
            return refused
        user = request.user
        post = (
            Post.objects.filter(topic__board=self.topic_board(), pk=post_id)
            .visible_to(user)
            .select_related("topic", "author__forum_identity")
            .first()
        )
        if post is None or not permissions.may_read_topic(request, self, post.topic):
            raise Http404("No such post.")
        back = self.post_location(post, user)
        if post.author_id is None:
            messages.info(
                request, _("This writer has left the community, so there is no one to mute.")
            )
        elif post.author_id == user.pk:
            messages.info(request, _("This is your own post: you cannot mute yourself."))
        elif watching.set_muted(user, post, wanted(request, "mute")):
            messages.success(
                request,
                _(
                    "You muted this writer. Their posts are folded away for you, and you "
                    "will not get emails about them. They are not told."
                ),
            )
        else:
            messages.success(
                request, _("You unmuted this writer. You will see their posts again.")
            )
        return HttpResponseRedirect(back)


class IndexFollowingRoutes:
    """The forums index's routes: a member's email settings, watches and mutes."""

    def _settings_refused(self, request):
        verdict = access.page_verdict(request, self)
        if verdict.allowed:
            verdict = access.member_verdict(request.user)
        if verdict.allowed:
            return None
        return _refusal(request, verdict, self, self.sub_url("notifications"))

    @path("notifications/", name="notifications")
    def notification_settings(self, request):
        """How often the member hears (straight away, a daily digest or never), private
        email, the topics and boards they watch and the writers they muted."""
        if request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        refused = self._settings_refused(request)
        if refused:
            return refused
        user = request.user
        preference = NotificationPreference.objects.filter(member=user).first()
        if request.method == "POST":
            form = forms.NotificationPreferenceForm(request.POST, instance=preference)
            if form.is_valid():
                NotificationPreference.objects.update_or_create(
                    member=user,
                    defaults={
                        "frequency": form.cleaned_data["frequency"],
                        "private_email": form.cleaned_data["private_email"],
                    },
                )
                messages.success(request, _("Your forum email settings are saved."))
                return HttpResponseRedirect(self.sub_url("notifications"))
        else:
            form = forms.NotificationPreferenceForm(
                instance=preference or NotificationPreference(member=user)
            )
        context = Page.get_context(self, request)  # the page's own, without the boards
        context.update(
            form=form,
            watched_topics=self._watched_topics(request),
            watched_boards=self._watched_boards(request),
            mutes=self._mutes(request),
        )
        access.mark_private(request)
        return TemplateResponse(request, "forums/notifications.html", context)

    def _watched_topics(self, request):
        """The member's watched topics, newest first; one they can no longer read is listed
        without its title (it may have moved somewhere closed to them)."""
        user = request.user
        watches = list(
            Watch.objects.filter(member=user, topic__isnull=False)
            .select_related("topic__board")
            .order_by("-created_at", "-pk")
        )
        readable = set(
            Topic.objects.visible_to(user)
            .filter(pk__in=[watch.topic_id for watch in watches])
            .values_list("pk", flat=True)
        )
        for watch in watches:
            topic, board = watch.topic, watch.topic.board
            watch.readable = topic.pk in readable and bool(
                permissions.may_read_topic(request, board, topic)
            )
            watch.url = board.topic_url(topic) if watch.readable else ""
            watch.stop_url = self.sub_url("stop_watching", args=[watch.pk])
        return watches

    def _watched_boards(self, request):
        watches = list(
            Watch.objects.filter(member=request.user, board__isnull=False)
            .select_related("board")
            .order_by("board__path")
        )
        for watch in watches:
            watch.readable = bool(permissions.may_read(request, watch.board))
            watch.url = watch.board.url if watch.readable else ""
            watch.stop_url = self.sub_url("stop_watching", args=[watch.pk])
        return watches

    def _mutes(self, request):
        mutes = list(
            Mute.objects.filter(member=request.user)
            .select_related("muted__forum_identity")
            .order_by("-created_at", "-pk")
        )
        names = watching.muted_names(mutes)
        for mute in mutes:
            mute.name = names[mute.pk]
            mute.unmute_url = self.sub_url("unmute", args=[mute.pk])
        return mutes

    @path("notifications/watches/<int:watch_id>/stop/", name="stop_watching")
    def stop_watching(self, request, watch_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._settings_refused(request)
        if refused:
            return refused
        stopped, _rows = Watch.objects.filter(pk=watch_id, member=request.user).delete()
        if stopped:
            messages.success(request, _("You have stopped watching it."))
        return HttpResponseRedirect(self.sub_url("notifications"))

    @path("notifications/mutes/<int:mute_id>/unmute/", name="unmute")
    def unmute(self, request, mute_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._settings_refused(request)
        if refused:
            return refused
        removed, _rows = Mute.objects.filter(pk=mute_id, member=request.user).delete()
        if removed:
            messages.success(
                request, _("You unmuted this writer. You will see their posts again.")
            )
        return HttpResponseRedirect(self.sub_url("notifications"))
