"""Every admin way of deleting a person's account erases it instead (personal_data).

Deleting the User row would take with it what they wrote, and skip what other apps must
forget. So the Members admin's Delete (one person, or ticked people) and Wagtail's Users
admin Delete (one user through the `before_delete_user` hook, or ticked users) all call
`personal_data.erase_account`, as the member's own "Delete your account" does. Only people
Wagtail lets delete users may do it, and nobody can erase themselves from here. The Django
admin has no user model registered, so it offers no way round (a test checks it).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404, redirect
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views import snippets as snippet_views
from wagtail.users.utils import delete_user_perm, user_can_delete_user
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

from . import personal_data
from .models import MemberProfile


def erased_message(count):
    return ngettext(
        "%(count)d account has been erased: their personal data is deleted, and anything "
        "they wrote now shows as “Former member”.",
        "%(count)d accounts have been erased: their personal data is deleted, and anything "
        "they wrote now shows as “Former member”.",
        count,
    ) % {"count": count}


def erase_user_instead_of_deleting(request, user):
    """Wagtail's `before_delete_user` hook: on the confirmed POST, erase and go back."""
    if request.method != "POST":
        return None  # the confirmation page (templates/wagtailusers/users/members/user/)
    personal_data.erase_account(user, by=request.user)
    messages.success(request, erased_message(1))
    return redirect("wagtailusers_users:index")


class MemberDeleteView(snippet_views.DeleteView):
    """Delete in a member's row: erases their account, not only the profile."""

    page_title = gettext_lazy("Delete account")

    def dispatch(self, request, *args, **kwargs):
        if not user_can_delete_user(request.user, self.object.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # Nothing others could point at is deleted: the row stays, so there is no usage to show.
    def get_usage_url(self):
        return None

    def get_usage(self):
        return None

    def delete_action(self):
        personal_data.erase_account(self.object.user, by=self.request.user)

    def get_success_message(self):
        return erased_message(1)


class DeleteMembersBulkAction(SnippetBulkAction):
    """Delete for the ticked members: erases each person's account. Its confirmation page
    lists the chosen members' names, so only people who may delete users can open it."""

    display_name = gettext_lazy("Delete accounts")
    action_type = "delete"
    aria_label = gettext_lazy("Delete the selected members' accounts")
    template_name = "members/admin/confirm_bulk_erase.html"
    action_priority = 30
    classes = {"serious"}
    models = [MemberProfile]

    def dispatch(self, request, *args, **kwargs):
        allowed = self.permission_policy.user_has_permission(request.user, "delete")
        if not (allowed and request.user.has_perm(delete_user_perm)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ids that are not numbers (a hand-edited URL) find nobody rather than failing.
        ids = [value for value in object_ids if str(value).isdigit()]
        return get_list_or_404(model.objects.select_related("user"), pk__in=ids)

    def check_perm(self, profile):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "delete", profile
        ) and user_can_delete_user(self.request.user, profile.user)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for profile in objects:
            personal_data.erase_account(profile.user, by=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return erased_message(num_parent_objects)


class EraseUsersBulkAction(UserBulkAction):
    """Wagtail's Users listing: Delete for the ticked users erases each of them."""

    display_name = gettext_lazy("Delete")
    action_type = "delete"
    aria_label = gettext_lazy("Delete the selected users' accounts")
    template_name = "members/admin/confirm_bulk_erase_users.html"
    action_priority = 10
    classes = {"serious"}

    def check_perm(self, user):
        return user_can_delete_user(self.request.user, user)

    def get_execution_context(self):
        return {**super().get_execution_context(), "by": self.request.user}

    @classmethod
    def execute_action(cls, objects, by=None, **kwargs):
        for user in objects:
            personal_data.erase_account(user, by=by)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return erased_message(num_parent_objects)
