"""What members do on a board: BoardPage's routes (a topic, the forms to start a topic,
reply, edit and delete, reactions, a link to one post), as a mixin BoardPage inherits.

Each route asks forums.permissions first and answers a refusal kindly (core.access's
standing, or the forums' reason), keeping what the person typed; the work is done by
forums.posting. Anything the person may not see answers 404. Routes expect the page's
`sub_url`, `topic_url`, `post_location`, `composer_context` and `pseudonym_url`.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path
from wagtail.models import Page

from core import access, serving

from .. import forms, permissions, posting
from .conversations import Post, Reaction, Topic, hide_names_from

POSTS_PER_PAGE = 20
FORM_METHODS = ("GET", "HEAD", "POST")


def id_or_none(value):
    """A post id from a query string (allow-listed: digits only), else None."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else None


class BoardRoutes:
    """The routes of a board (RoutablePageMixin finds them on this mixin)."""

    def _refused(self, request, answer, *, heading, back_url, kept=""):
        """The answer to a refused route: 404, sign in (a GET), else a kind 403 page that
        says why, keeping anything the person typed so it is not lost."""
        verdict = answer.verdict
        if verdict is access.Verdict.NOT_FOUND:
            raise Http404("Not found.")
        if verdict is access.Verdict.SIGN_IN and not kept:
            # Back here after signing in; a form that takes only a POST sends them back to
            # where they were.
            safe = request.method in serving.SAFE_METHODS
            return redirect_to_login(
                request.get_full_path() if safe else back_url, resolve_url("account_login")
            )
        access.mark_private(request)
        return TemplateResponse(
            request,
            "forums/not_allowed.html",
            {
                "page": self,
                "heading": heading,
                "refusal": "" if verdict.allowed else str(verdict),
                "reason": answer.reason,
                "back_url": back_url,
                "kept": kept,
            },
            status=403,
        )

    def _route_page(self, request, template, context):
        """A route's own page: the page's base context (not the board's listing) and more."""
        # Page's own context: not the board's listing, which only the board's page shows.
        page_context = Page.get_context(self, request)
        page_context.update(context)
        return TemplateResponse(request, template, page_context)

    def _readable_or_refused(self, request):
        read = permissions.may_read(request, self)
        if read:
            return None
        return self._refused(
            request, read, heading=self.title, back_url=self.url, kept=request.POST.get("body", "")
        )

    def _topic_or_404(self, request, topic_id):
        topic = Topic.objects.for_board(self).visible_to(request.user).filter(pk=topic_id).first()
        if topic is None:
            raise Http404("No such topic.")
        return topic

    def _post_or_404(self, request, post_id):
        """A post of this board listed for the person (their own, waiting, included)."""
        post = (
            Post.objects.filter(topic__board=self.topic_board(), pk=post_id)
            .listed_for(request.user)
            .select_related("topic")
            .first()
        )
        if post is None:
            raise Http404("No such post.")
        return post

    def _readable_post(self, topic, user, post_id):
        """A post of `topic` the person may read, to answer or quote; None otherwise."""
        if post_id is None:
            return None
        return topic.posts.visible_to(user).filter(pk=post_id).first()

    # A topic -----------------------------------------------------------------------------

    @path("<int:topic_id>/", name="topic")
    def topic_page(self, request, topic_id):
        """A topic's posts in order, 20 a page, with reactions and the reply form. A noted
        topic shows its content note first, and the posts once the reader chooses."""
        if request.method not in serving.SAFE_METHODS:
            return HttpResponseNotAllowed(serving.SAFE_METHODS)
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        topic = self._topic_or_404(request, topic_id)
        user = request.user
        shown = request.GET.get("shown") == "1"
        waiting_note = bool(topic.content_note) and not shown
        context = {
            "topic": topic,
            "waiting_note": waiting_note,
            "continue_url": self.topic_url(
                topic, page=id_or_none(request.GET.get("page")), shown=1
            ),
            "reply_url": self.sub_url("reply", args=[topic.pk]),
            **self.composer_context(request, topic),
        }
        if not waiting_note:
            posts = Paginator(topic.posts.listed_for(user).for_reading(), POSTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
            self._prepare_posts(request, topic, posts)
            context.update(
                posts=posts,
                query_string=urlencode({"shown": 1}) if topic.content_note else "",
                form=forms.ReplyForm(pseudonym=posting.pseudonym_of(user))
                if context["may_post"]
                else None,
            )
        return self._route_page(request, "forums/topic.html", context)

    def _prepare_posts(self, request, topic, posts):
        """What each listed post shows: reactions (counted in one query), the post it
        answers, and the writer's own links."""
        user = request.user
        hide_names_from(user, [*posts, *(post.in_reply_to for post in posts)])
        tally = Reaction.objects.tally([post.pk for post in posts], user)
        on_this_page = {post.pk for post in posts}
        for post in posts:
            post.topic = topic
            counts = tally.get(post.pk, {})
            post.reactions_shown = [
                {
                    "kind": kind.value,
                    "label": kind.label,
                    "count": counts.get(kind.value, (0, False))[0],
                    "mine": counts.get(kind.value, (0, False))[1],
                }
                for kind in Reaction.Kind
            ]
            post.reaction_total = sum(count for count, _mine in counts.values())
            post.may_react = bool(permissions.may_react(request, post))
            post.may_change = bool(permissions.may_change(request, post))
            post.react_url = self.sub_url("react", args=[post.pk])
            post.edit_url = self.sub_url("edit", args=[post.pk])
            post.delete_url = self.sub_url("delete", args=[post.pk])
            post.quote_url = (
                self.sub_url("reply", args=[topic.pk]) + f"?quote={post.pk}"
                if not post.is_gone
                else ""
            )
            target = post.in_reply_to
            post.answers = None
            if target is not None and target.topic_id == topic.pk:
                readable = target.is_readable_by(user)
                if readable or target.is_gone:
                    post.answers = {
                        "writer": target.shown_author() if readable else "",
                        "url": f"#post-{target.pk}"
                        if target.pk in on_this_page
                        else self.sub_url("post", args=[target.pk]),
                    }

    # Writing -----------------------------------------------------------------------------

    def _form_page(self, request, form, *, kind, topic=None, post=None, replying_to=None):
        titles = {
            "new": _("Start a topic"),
            "reply": _("Reply"),
            "edit": _("Edit your post"),
        }
        actions = {
            "new": lambda: self.sub_url("new_topic"),
            "reply": lambda: self.sub_url("reply", args=[topic.pk]),
            "edit": lambda: self.sub_url("edit", args=[post.pk]),
        }
        back = self.url
        if post is not None:
            back = self.post_location(post, request.user)
        elif topic is not None:
            back = self.topic_url(topic, shown=topic.content_note and 1)
        # No pseudonym yet: say where to choose one.
        offer = kind != "edit" and "as_pseudonym" not in form.fields
        return self._route_page(
            request,
            "forums/post_form.html",
            {
                "form": form,
                "pseudonym_url": self.pseudonym_url() if offer else "",
                "kind": kind,
                "heading": titles[kind],
                "action_url": actions[kind](),
                "back_url": back,
                "topic": topic,
                "replying_to": replying_to,
                **self.composer_context(request, topic),
            },
        )

    @path("new/", name="new_topic")
    def new_topic(self, request):
        """Start a topic: its title, content note and opening post."""
        if request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        write = permissions.may_write(request, self)
        if not write:
            return self._refused(
                request,
                write,
                heading=_("You cannot start a topic here"),
                back_url=self.url,
                kept=request.POST.get("body", ""),
            )
        user = request.user
        bound = request.POST if request.method == "POST" else None
        form = forms.TopicForm(bound, pseudonym=posting.pseudonym_of(user))
        if bound is not None and form.is_valid():
            data = form.cleaned_data
            post = posting.start_topic(
                self,
                user,
                title=data["title"],
                body=data["body"],
                content_note=data["content_note"],
                as_pseudonym=data.get("as_pseudonym", False),
            )
            messages.success(request, _("Your topic is posted."))
            return HttpResponseRedirect(self.post_location(post, user))
        return self._form_page(request, form, kind="new")

    @path("<int:topic_id>/reply/", name="reply")
    def reply_to_topic(self, request, topic_id):
        """The reply form (a GET, `?quote=<post id>` starts it with that post quoted) and
        the reply itself (a POST)."""
        if request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        topic = self._topic_or_404(request, topic_id)
        write = permissions.may_write(request, self, topic)
        if not write:
            return self._refused(
                request,
                write,
                heading=_("You cannot reply to this topic"),
                back_url=self.topic_url(topic, shown=topic.content_note and 1),
                kept=request.POST.get("body", ""),
            )
        user = request.user
        pseudonym = posting.pseudonym_of(user)
        if request.method == "POST":
            form = forms.ReplyForm(request.POST, pseudonym=pseudonym)
            replying_to = self._readable_post(
                topic, user, id_or_none(request.POST.get("in_reply_to"))
            )
            if form.is_valid():
                data = form.cleaned_data
                try:
                    post = posting.reply(
                        topic,
                        user,
                        body=data["body"],
                        content_note=data["content_note"],
                        as_pseudonym=data.get("as_pseudonym", False),
                        in_reply_to=replying_to,
                    )
                except posting.NotAllowed as closed:
                    form.add_error(None, closed.message)
                else:
                    messages.success(request, _("Your reply is posted."))
                    return HttpResponseRedirect(self.post_location(post, user))
        else:
            quoted = id_or_none(request.GET.get("quote"))
            replying_to = self._readable_post(
                topic, user, quoted or id_or_none(request.GET.get("to"))
            )
            initial = {}
            if replying_to is not None:
                initial["in_reply_to"] = replying_to.pk
                if quoted:
                    initial["body"] = replying_to.quoted()
            form = forms.ReplyForm(initial=initial, pseudonym=pseudonym)
        return self._form_page(request, form, kind="reply", topic=topic, replying_to=replying_to)

    # One post ----------------------------------------------------------------------------

    def _changeable_or_refused(self, request, post, answer, heading):
        if answer:
            return None
        if not request.user.is_authenticated:
            answer = permissions.Answer(False, "", access.Verdict.SIGN_IN)
        return self._refused(
            request,
            answer,
            heading=heading,
            back_url=self.post_location(post, request.user),
            kept=request.POST.get("body", ""),
        )

    @path("posts/<int:post_id>/", name="post")
    def post_link(self, request, post_id):
        """A lasting link to one post: to its topic's page that lists it."""
        if request.method not in serving.SAFE_METHODS:
            return HttpResponseNotAllowed(serving.SAFE_METHODS)
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        post = self._post_or_404(request, post_id)
        return HttpResponseRedirect(self.post_location(post, request.user))

    @path("posts/<int:post_id>/edit/", name="edit")
    def edit_post(self, request, post_id):
        """The writer edits their post; the version it replaces is kept."""
        if request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        post = self._post_or_404(request, post_id)
        refused = self._changeable_or_refused(
            request, post, permissions.may_change(request, post), _("You cannot edit this post")
        )
        if refused:
            return refused
        opening = posting.is_opening(post)
        note = post.topic.content_note if opening else post.content_note
        if request.method == "POST":
            form = forms.EditForm(request.POST)
            if form.is_valid():
                changed = posting.edit(
                    post,
                    body=form.cleaned_data["body"],
                    content_note=form.cleaned_data["content_note"],
                    opening=opening,
                )
                if changed:
                    messages.success(request, _("Your changes are saved."))
                return HttpResponseRedirect(self.post_location(post, request.user))
        else:
            form = forms.EditForm(initial={"body": post.body, "content_note": note})
        return self._form_page(request, form, kind="edit", topic=post.topic, post=post)

    @path("posts/<int:post_id>/delete/", name="delete")
    def delete_post(self, request, post_id):
        """The writer deletes their post (a GET asks first; a POST deletes)."""
        if request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        post = self._post_or_404(request, post_id)
        refused = self._changeable_or_refused(
            request, post, permissions.may_change(request, post), _("You cannot delete this post")
        )
        if refused:
            return refused
        if request.method == "POST":
            posting.delete(post)
            messages.success(request, _("Your post is deleted."))
            topic = Topic.objects.visible_to(request.user).filter(pk=post.topic_id).first()
            if topic is None:
                return HttpResponseRedirect(self.url)
            return HttpResponseRedirect(self.post_location(post, request.user))
        return self._route_page(
            request,
            "forums/delete_confirm.html",
            {
                "post": post,
                "topic": post.topic,
                "back_url": self.post_location(post, request.user),
            },
        )

    @path("posts/<int:post_id>/react/", name="react")
    def react_to_post(self, request, post_id):
        """A POST with `kind`: the member's reaction of that kind, added or taken back."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refused = self._readable_or_refused(request)
        if refused:
            return refused
        post = self._post_or_404(request, post_id)
        kind = request.POST.get("kind", "")
        if kind not in Reaction.Kind.values:
            return HttpResponseBadRequest("Unknown reaction.")
        refused = self._changeable_or_refused(
            request, post, permissions.may_react(request, post), _("You cannot react to this post")
        )
        if refused:
            return refused
        posting.toggle_reaction(post, request.user, kind)
        return HttpResponseRedirect(self.post_location(post, request.user))
