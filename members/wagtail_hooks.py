"""Admin registration for members: the Members listing, its bulk Approve, and log actions."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from home.impact import IMPACT_FIGURES_HOOK, Figure

from .admin_views import ApproveBulkAction, DeleteMembersBulkAction, MemberViewSet
from .models import MemberProfile

register_snippet(MemberViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
# Registered after Wagtail's own snippet delete action, so it replaces it for members.
hooks.register("register_bulk_action", DeleteMembersBulkAction, order=100)


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    actions.register_action("members.approve", _("Approve membership"), _("Membership approved"))
    actions.register_action("members.decline", _("Decline membership"), _("Membership declined"))


@hooks.register(IMPACT_FIGURES_HOOK)
def members_impact_figures():
    approved = MemberProfile.objects.approved().filter(user__is_active=True).count()
    return [
        Figure(
            key="approved_members",
            label=_("Approved members"),
            value=approved,
            help_text=_("People whose membership an editor has approved, with an open account."),
            order=10,
        )
    ]
