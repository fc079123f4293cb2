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
    HttpResponse,
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

from .. import drafts, forms, limits, permissions, posting, reading
from ..watching import face_of, muted_faces
from .conversations import Post, Reaction, Topic, hide_names_from

POSTS_PER_PAGE = 20
FORM_METHODS = ("GET", "HEAD", "POST")
DRAFT_SAVED = _(
    "Your draft is saved. It will be here when you come back, ready to post when you are."
)


def posted_message(post, message):
    """What the writer is told once a post is saved: `message`, or that it waits."""
    if post.is_pending:
        return _(
            "Thank you for posting. A new member's first posts are read by a moderator "
            "before others can see them, usually within a day. Until then it is marked "
            "“Waiting for approval”, and only you can see it."
        )
    return message


def saving_draft(request):
    """Did the member press "Save and post later" (or did their browser save the draft as
    they left the page: `autosave`)?"""
    return request.method == "POST" and (
        "save_draft" in request.POST or "autosave" in request.POST
    )


def draft_saved(request, url):
    """The answer once a draft is saved: back to `url`, or nothing to a browser that saved
    it by itself as the member left."""
    if "autosave" in request.POST:
        return HttpResponse(status=204)
    messages.success(request, DRAFT_SAVED)
    return HttpResponseRedirect(url)


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
        """A topic of this board the person may read (a "Discuss this" topic also needs the
        page it discusses open to them: permissions.may_read_topic)."""
        topic = (
            Topic.objects.for_board(self)
            .visible_to(request.user)
            .select_related("about_page")
            .filter(pk=topic_id)
            .first()
        )
        if topic is None or not permissions.may_read_topic(request, self, topic):
            raise Http404("No such topic.")
        return topic

    def _post_or_404(self, request, post_id):
        """A post of this board listed for the person (their own, waiting, included)."""
        post = (
            Post.objects.filter(topic__board=self.topic_board(), pk=post_id)
            .listed_for(request.user)
            .select_related("topic__about_page")
            .first()
        )
        if post is None or not permissions.may_read_topic(request, self, post.topic):
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
            reading.record_visit(user, topic)
            context.update(
                posts=posts,
                query_string=urlencode({"shown": 1}) if topic.content_note else "",
            )
            if context["may_post"]:
                draft = drafts.find(user, self, topic)
                context.update(
                    draft=draft,
                    form=forms.ReplyForm(
                        initial=drafts.initial(draft), pseudonym=posting.pseudonym_of(user)
                    ),
                )
        return self._route_page(request, "forums/topic.html", context)

    def _prepare_posts(self, request, topic, posts):
        """What each listed post shows: reactions (counted in one query), the post it
        answers, and the writer's own links."""
        user = request.user
        hide_names_from(user, [*posts, *(post.in_reply_to for post in posts)])
        tally = Reaction.objects.tally([post.pk for post in posts], user)
        on_this_page = {post.pk for post in posts}
        muted = muted_faces(user)  # one query: whose posts are folded for the person
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
            mine = permissions.is_writer(user, post)
            post.may_report = (
                post.status == Post.Status.PUBLISHED
                and not mine
                and access.is_approved_member(user)
            )
            post.report_url = self.sub_url("report", args=[post.pk])
            post.writer_muted = face_of(post) in muted
            post.may_mute = (
                post.author_id is not None and not mine and access.is_approved_member(user)
            )
            post.mute_url = self.sub_url("mute", args=[post.pk])
            # A moderator's words to the writer of a hidden post: for the writer alone.
            post.moderator_words = (
                post.moderation_message if mine and post.status == Post.Status.HIDDEN else ""
            )
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

    def _form_page(
        self, request, form, *, kind, topic=None, post=None, replying_to=None, draft=None
    ):
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
                "draft": draft,
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
        if saving_draft(request):
            drafts.save(user, self, request.POST)
            return draft_saved(request, self.url)
        bound = request.POST if request.method == "POST" else None
        draft = drafts.find(user, self)
        form = forms.TopicForm(
            bound,
            initial=drafts.initial(draft) if bound is None else None,
            pseudonym=posting.pseudonym_of(user),
        )
        if bound is not None and form.is_valid() and self._within_limits(user, form):
            data = form.cleaned_data
            post = posting.start_topic(
                self,
                user,
                title=data["title"],
                body=data["body"],
                content_note=data["content_note"],
                as_pseudonym=data.get("as_pseudonym", False),
            )
            drafts.discard(user, self)
            messages.success(request, posted_message(post, _("Your topic is posted.")))
            return HttpResponseRedirect(self.post_location(post, user))
        return self._form_page(request, form, kind="new", draft=draft if bound is None else None)

    def _within_limits(self, user, form):
        """Is the member within the posting limits? If not, the form says how long to wait
        (and keeps everything in it)."""
        wait = limits.wait_before_posting(user)
        if wait is None:
            return True
        form.add_error(None, limits.wait_message(wait))
        return False

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
        draft = None
        if request.method == "POST":
            form = forms.ReplyForm(request.POST, pseudonym=pseudonym)
            replying_to = self._readable_post(
                topic, user, id_or_none(request.POST.get("in_reply_to"))
            )
            if saving_draft(request):
                drafts.save(user, self, request.POST, topic=topic, in_reply_to=replying_to)
                return draft_saved(request, self.topic_url(topic, shown=topic.content_note and 1))
            if form.is_valid() and self._within_limits(user, form):
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
                    drafts.discard(user, self, topic)
                    messages.success(request, posted_message(post, _("Your reply is posted.")))
                    return HttpResponseRedirect(self.post_location(post, user))
        else:
            quoted = id_or_none(request.GET.get("quote"))
            asked = quoted or id_or_none(request.GET.get("to"))
            draft = drafts.find(user, self, topic)
            initial = drafts.initial(draft)
            replying_to = self._readable_post(topic, user, asked or initial.get("in_reply_to"))
            if replying_to is not None:
                initial["in_reply_to"] = replying_to.pk
                if quoted:
                    # A quote goes after anything already written in the draft.
                    initial["body"] = initial.get("body", "") + replying_to.quoted()
            form = forms.ReplyForm(initial=initial, pseudonym=pseudonym)
        return self._form_page(
            request, form, kind="reply", topic=topic, replying_to=replying_to, draft=draft
        )

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
        form_class = forms.EditOpeningForm if opening else forms.EditForm
        if request.method == "POST":
            form = form_class(request.POST)
            if form.is_valid():
                changed = posting.edit(
                    post,
                    body=form.cleaned_data["body"],
                    content_note=form.cleaned_data["content_note"],
                    title=form.cleaned_data.get("title"),
                    opening=opening,
                )
                if changed:
                    messages.success(request, _("Your changes are saved."))
                return HttpResponseRedirect(self.post_location(post, request.user))
        else:
            form = form_class(
                initial={"body": post.body, "content_note": note, "title": post.topic.title}
            )
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
