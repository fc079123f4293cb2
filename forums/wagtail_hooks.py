"""Admin registration for the forums: the Community impact figures, the moderators' queue
(forums.admin_moderation) with its menu item, the moderation messages snippet, and the
moderation actions in the audit log."""

from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.reports import IMPACT_FIGURES_HOOK, Figure

from . import admin_moderation
from .models import ModerationMessage, Post, Report, Topic


@hooks.register(IMPACT_FIGURES_HOOK)
def forum_impact_figures():
    """Topics and posts members can read (published), and how many members wrote them."""
    published = Post.objects.published()
    totals = published.aggregate(posts=Count("pk"), writers=Count("author", distinct=True))
    topics = Topic.objects.filter(posts__status=Post.Status.PUBLISHED).distinct().count()
    return [
        Figure(
            key="forum_topics",
            label=_("Forum topics"),
            value=topics,
            help_text=_("Topics with at least one published post."),
            order=80,
        ),
        Figure(
            key="forum_posts",
            label=_("Forum posts"),
            value=totals["posts"],
            help_text=_("Published posts, opening posts included."),
            order=82,
        ),
        Figure(
            key="members_who_posted",
            label=_("Members who posted"),
            value=totals["writers"],
            help_text=_(
                "Members with at least one published post. Former members whose accounts "
                "were deleted are not counted."
            ),
            order=84,
        ),
    ]


# Moderation: the queue, its menu item, the moderation messages ---------------------------

register_permission_policy(ModerationMessage, admin_moderation.MODERATION_MESSAGE_POLICY)
register_snippet(admin_moderation.ModerationMessageViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    views = admin_moderation
    post_actions = [
        path(f"posts/<int:post_id>/{action}/", views.PostView.as_view(action=action), name=action)
        for action in ("approve", "restore", "dismiss", "reveal")
    ]
    urls = [
        path("", views.QueueView.as_view(), name="queue"),
        *post_actions,
        path("posts/<int:post_id>/hide/", views.HideView.as_view(), name="hide"),
        path("posts/<int:post_id>/versions/", views.VersionsView.as_view(), name="versions"),
        path("posts/<int:post_id>/pause/", views.PauseView.as_view(), name="pause"),
        path("pauses/<int:pause_id>/lift/", views.LiftPauseView.as_view(), name="lift"),
        path("topics/<int:topic_id>/", views.TopicView.as_view(), name="topic"),
    ]
    return [path("forum-moderation/", include((urls, "forums_moderation")))]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    """Shown only to people who may moderate (`core.moderate_forums`)."""
    return admin_moderation.ModeratorsMenuItem(
        _("Forum moderation"),
        reverse("forums_moderation:queue"),
        name="forum-moderation",
        icon_name="warning",
        order=250,
    )


# Moderation in the admin's history (site history and each object's) ---------------------


class ModerationFormatter(LogFormatter):
    """A moderation action: `label`, and `message` (said the same way each time)."""

    message = ""

    def format_message(self, log_entry):
        return self.message


def reason_label(log_entry):
    reason = (log_entry.data or {}).get("reason", "")
    return Report.Reason(reason).label if reason in Report.Reason.values else reason


class ReportFormatter(LogFormatter):
    label = _("Report forum post")

    def format_message(self, log_entry):
        count = (log_entry.data or {}).get("reports", 1)
        return ngettext(
            "Reported by a member (%(reason)s): %(count)s report waiting",
            "Reported by a member (%(reason)s): %(count)s reports waiting",
            count,
        ) % {"reason": reason_label(log_entry), "count": count}


class HoldFormatter(LogFormatter):
    label = _("Hold forum post for review")

    def format_message(self, log_entry):
        count = (log_entry.data or {}).get("reports", 0)
        return ngettext(
            "Held for a moderator after %(count)s report",
            "Held for a moderator after %(count)s reports",
            count,
        ) % {"count": count}


class HideFormatter(LogFormatter):
    label = _("Hide forum post")

    def format_message(self, log_entry):
        closed = (log_entry.data or {}).get("reports_closed", 0)
        if closed:
            return ngettext(
                "Hidden, the writer emailed, and %(count)s report closed",
                "Hidden, the writer emailed, and %(count)s reports closed",
                closed,
            ) % {"count": closed}
        return _("Hidden, and the writer emailed")


class RestoreFormatter(LogFormatter):
    label = _("Restore forum post")

    def format_message(self, log_entry):
        closed = (log_entry.data or {}).get("reports_dismissed", 0)
        return ngettext(
            "Published again, and %(count)s report closed as needing nothing more",
            "Published again, and %(count)s reports closed as needing nothing more",
            closed,
        ) % {"count": closed}


class DismissFormatter(LogFormatter):
    label = _("Close reports on forum post")

    def format_message(self, log_entry):
        closed = (log_entry.data or {}).get("reports_dismissed", 0)
        return ngettext(
            "%(count)s report closed: the post stays as it is",
            "%(count)s reports closed: the post stays as it is",
            closed,
        ) % {"count": closed}


class MoveFormatter(LogFormatter):
    label = _("Move forum topic")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Moved from %(from)s to %(to)s") % {
            "from": data.get("from", "?"),
            "to": data.get("to", "?"),
        }


class PauseFormatter(LogFormatter):
    label = _("Pause member's posting")

    def format_message(self, log_entry):
        until = (log_entry.data or {}).get("until", "")
        return _("Posting paused until %(until)s, and the member emailed") % {
            "until": until[:16].replace("T", " ")
        }


def simple(label, message):
    return type(
        "ModerationFormatter", (ModerationFormatter,), {"label": label, "message": message}
    )


MODERATION_FORMATTERS = {
    "forums.report": ReportFormatter,
    "forums.hold": HoldFormatter,
    "forums.approve": simple(_("Approve forum post"), _("Approved: members can read it")),
    "forums.hide": HideFormatter,
    "forums.restore": RestoreFormatter,
    "forums.dismiss_reports": DismissFormatter,
    "forums.reveal_pseudonym": simple(
        _("Show who wrote a forum post"),
        _("A moderator looked up who wrote this post under a pseudonym"),
    ),
    "forums.lock": simple(_("Lock forum topic"), _("Locked: no new replies")),
    "forums.unlock": simple(_("Unlock forum topic"), _("Unlocked: open for replies")),
    "forums.pin": simple(_("Pin forum topic"), _("Pinned first on its board")),
    "forums.unpin": simple(_("Unpin forum topic"), _("Unpinned")),
    "forums.move_topic": MoveFormatter,
    "forums.pause": PauseFormatter,
    "forums.lift_pause": simple(
        _("Lift pause on posting"), _("Pause lifted: they can post again")
    ),
}


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, formatter in MODERATION_FORMATTERS.items():
        actions.register_action(action)(formatter)
