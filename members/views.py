"""A member's own account pages: status, profile, their data, deleting the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from allauth.mfa.utils import is_mfa_enabled

from . import personal_data
from .emails import send_account_deleted
from .forms import DeleteAccountForm, ProfileForm
from .middleware import RETURN_TO_SESSION_KEY
from .models import MemberProfile


def posted(request):
    """The submitted data, even when empty, so an empty POST shows each field's error."""
    return request.POST if request.method == "POST" else None


def own_profile(user):
    return MemberProfile.objects.filter(user=user).first()


@login_required
def account(request):
    profile = own_profile(request.user)
    return render(
        request,
        "members/account.html",
        {
            "profile": profile,
            # As core.access reads it: a suspension past its end date is already over.
            "standing": profile.access_standing if profile else None,
            "two_factor": is_mfa_enabled(request.user),
        },
    )


@login_required
def edit_profile(request):
    profile = own_profile(request.user)
    if profile is None:
        messages.info(request, _("This account has no member profile to change."))
        return redirect("members:account")
    form = ProfileForm(posted(request), profile=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been updated."))
        return redirect("members:account")
    return render(request, "members/edit_profile.html", {"form": form})


@login_required
@never_cache
@require_GET
def download_data(request):
    data = personal_data.export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"community-of-action-your-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@never_cache
def delete_account(request):
    form = DeleteAccountForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        # Read before erasing: the address and name are gone afterwards. The email goes once
        # the erasure has succeeded, so it never says "deleted" about an account that is not.
        address, first_name = request.user.email, request.user.first_name
        personal_data.erase_account(request.user, by=request.user, choices=form.choices())
        logout(request)
        send_account_deleted(address, first_name)
        return redirect("members:account_deleted")
    return render(request, "members/delete_account.html", {"form": form})


def account_deleted(request):
    return render(request, "members/account_deleted.html")


@login_required
def after_two_factor(request):
    """Back to the admin page that asked for two-factor set-up, once it is done."""
    target = request.session.pop(RETURN_TO_SESSION_KEY, None)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("members:account")
