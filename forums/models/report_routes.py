"""A board's reporting routes (a mixin BoardPage inherits): a member reports a post.

`posts/<post id>/report/`: a GET shows the form (a reason, and more detail if they want), a
POST saves the report (forums.moderation.report, which holds the post once enough members
have reported it). Only approved members report, only posts others can read on a board
they can read, never their own; anything they may not see answers 404. Reporting twice
says, kindly, that they already did. Uses BoardRoutes' `_refused` and `_route_page`.
"""

from contextlib import suppress

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path

from core import access

from .. import forms, moderation, permissions
from .conversations import Post, hide_names_from
from .moderation import Report

REPORT_METHODS = ("GET", "HEAD", "POST")
THANK_YOU = _("Thank you. A moderator will look at it.")
ONLY_MEMBERS = _("Only approved members can report posts.")


class ReportRoutes:
    """The routes for reporting a post (RoutablePageMixin finds them on this mixin)."""

    def report_url(self, post):
        return self.sub_url("report", args=[post.pk])

    @path("posts/<int:post_id>/report/", name="report")
    def report_post(self, request, post_id):
        """The report form (a GET) and the report (a POST)."""
        if request.method not in REPORT_METHODS:
            return HttpResponseNotAllowed(REPORT_METHODS)
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        user = request.user
        post = (
            Post.objects.filter(topic__board=self.topic_board(), pk=post_id)
            .select_related("topic", "author__forum_identity")
            .first()
        )
        earlier = None
        if post is not None and user.is_authenticated:
            earlier = Report.objects.filter(post=post, reporter=user).first()
        # Only a published post can be reported; one the member reported stays theirs to
        # see here (it may be held for review since), without its text.
        if post is None or (post.status != Post.Status.PUBLISHED and earlier is None):
            raise Http404("No such post.")
        topic = post.topic
        back_url = self.post_location(post, user)
        read = permissions.may_read_topic(request, self, topic)
        if not read:
            return self._refused(request, read, heading=self.title, back_url=self.url)
        standing = access.member_verdict(user)
        if not standing.allowed:
            answer = permissions.Answer(False, ONLY_MEMBERS, standing)
            return self._refused(
                request, answer, heading=_("You cannot report this post"), back_url=back_url
            )
        if permissions.is_writer(user, post):
            answer = permissions.Answer(
                False,
                _(
                    "This is your own post, so you cannot report it. You can edit it or "
                    "delete it if you would like to change what it says."
                ),
            )
            return self._refused(
                request, answer, heading=_("You cannot report this post"), back_url=back_url
            )
        if earlier is not None:
            return self._reported_page(request, post, earlier, back_url)
        bound = request.POST if request.method == "POST" else None
        form = forms.ReportForm(bound)
        if bound is not None and form.is_valid():
            reason = form.cleaned_data["reason"]
            # The same report sent twice at once: the other request saved it.
            with suppress(moderation.AlreadyReported):
                moderation.report(
                    post, user, reason=reason, detail=form.cleaned_data["detail"], request=request
                )
            messages.success(request, THANK_YOU)
            if reason == Report.Reason.RISK:
                # Back here, where the support signposting is.
                return HttpResponseRedirect(self.report_url(post))
            return HttpResponseRedirect(self.post_location(post, user))
        hide_names_from(user, [post])
        access.mark_private(request)
        return self._route_page(
            request,
            "forums/report.html",
            {"form": form, "post": post, "topic": topic, "back_url": back_url},
        )

    def _reported_page(self, request, post, earlier, back_url):
        """They reported it before: say so, kindly (with the support signposting if they
        said someone may be at risk), and change nothing."""
        if request.method == "POST":
            messages.info(request, _("You have already reported this post. Thank you."))
            return HttpResponseRedirect(back_url)
        access.mark_private(request)
        return self._route_page(
            request,
            "forums/report_sent.html",
            {
                "post": post,
                "topic": post.topic,
                "back_url": back_url,
                "at_risk": earlier.reason == Report.Reason.RISK,
            },
        )
