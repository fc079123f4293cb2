"""A board's "Discuss this" route, `discuss/<page id>/`, as a mixin BoardPage inherits: the
one topic about a resource, webinar or story page, opened if it exists, else started by a
member.

Only on the board the forum settings name for discussions, and only for a resource, webinar
or story page (a story whose teller allows comments) the person may open (404 for one they
cannot see, as for anything else closed). The work and the rules are forums.discussions';
the form is a board's new-topic form with the page's title fixed (and no draft kept).
Routes expect BoardRoutes' helpers beside them (`_readable_or_refused`, `_refused`,
`_form_page`, `_within_limits`).
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path
from wagtail.models import Page

from core import access

from .. import discussions, forms, permissions, posting
from .board_routes import FORM_METHODS, posted_message, saving_draft
from .moderation import ForumSettings

#: A page the person may not open is not there for them.
UNSEEN = (access.Verdict.NOT_FOUND, access.Verdict.PRIVATE)


class DiscussionRoutes:
    """The "Discuss this" route of a board (RoutablePageMixin finds it on this mixin)."""

    @path("discuss/<int:page_id>/", name="discuss")
    def discuss_page(self, request, page_id):
        """To the topic about the page if there is one; else the form to start it (a GET)
        and the topic itself (a POST), for approved members."""
        if request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        if ForumSettings.current(request).discussion_board_id not in {
            self.pk,
            self.topic_board().pk,
        }:
            raise Http404("Discussions are not held on this board.")
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        page = self._discussable_or_404(request, page_id)
        kept = request.POST.get("body", "")
        verdict = access.page_verdict(request, page)
        if not verdict.allowed:
            return self._refused(
                request,
                permissions.Answer(False, "", verdict),
                heading=_("You cannot start this discussion"),
                back_url=self.url,
                kept=kept,
            )
        user = request.user
        topic = discussions.topic_about(page, user)
        if topic is not None:
            return self._to_discussion(request, topic, page)
        write = permissions.may_write(request, self)
        if not write:
            return self._refused(
                request,
                write,
                heading=_("You cannot start this discussion"),
                back_url=page.get_url(request),
                kept=kept,
            )
        # A discussion keeps no draft (drafts belong to a board's own topics): anything sent
        # to be saved for later comes back in the form, and nothing is posted.
        keep = saving_draft(request)
        bound = request.POST if request.method == "POST" and not keep else None
        form = forms.TopicForm(
            bound,
            initial={"title": page.title, **({"body": kept} if keep else {})},
            pseudonym=posting.pseudonym_of(user),
        )
        # The topic is named after the page: its title is shown, not typed.
        form.fields["title"].disabled = True
        if bound is not None and form.is_valid() and self._within_limits(user, form):
            data = form.cleaned_data
            topic, post = discussions.start(
                self,
                user,
                page,
                title=data["title"],
                body=data["body"],
                content_note=data["content_note"],
                as_pseudonym=data.get("as_pseudonym", False),
            )
            if post is None:
                return self._to_discussion(request, topic, page)
            messages.success(request, posted_message(post, _("Your discussion is started.")))
            return HttpResponseRedirect(self.post_location(post, user))
        response = self._form_page(request, form, kind="new")
        response.context_data.update(self._discussing(request, page))
        return response

    def _discussable_or_404(self, request, page_id):
        """The resource, webinar or story page `page_id`, unless the person may not see it
        (or it may not be discussed)."""
        page = Page.objects.filter(pk=page_id).specific().first()
        if page is None or not discussions.discussable(page):
            raise Http404("No such page to discuss.")
        if access.page_verdict(request, page) in UNSEEN:
            raise Http404("No such page to discuss.")
        return page

    def _discussing(self, request, page):
        """What the form says of the page it is about, and where it goes."""
        return {
            "heading": _("Start a discussion"),
            "action_url": self.sub_url("discuss", args=[page.pk]),
            "back_url": page.get_url(request),
            "discussing": page,
            "discussing_url": page.get_url(request),
            "discussing_members_only": access.is_members_only(request, page),
        }

    def _to_discussion(self, request, topic, page):
        """The topic about the page exists: to it. If the person had written an opening post
        (someone started the topic a moment before them), their words come back in the
        reply form, so nothing is lost."""
        if not topic.has_readable_post:
            messages.info(
                request,
                _(
                    "Someone has started a discussion about this page. It will appear once a "
                    "moderator has looked at it."
                ),
            )
            return HttpResponseRedirect(page.get_url(request))
        board = topic.board
        body = request.POST.get("body", "") if request.method == "POST" else ""
        if not body.strip() or not permissions.may_read_topic(request, board, topic):
            return HttpResponseRedirect(board.topic_url(topic, shown=topic.content_note and 1))
        messages.info(
            request,
            _(
                "Someone started a discussion about this page a moment before you. What you "
                "wrote is below: you can post it as a reply."
            ),
        )
        form = forms.ReplyForm(
            initial={"body": body, "content_note": request.POST.get("content_note", "")},
            pseudonym=posting.pseudonym_of(request.user),
        )
        return board._form_page(request, form, kind="reply", topic=topic)
