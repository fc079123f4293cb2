"""A member's own account pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def account(request):
    return render(
        request, "members/account.html", {"profile": getattr(request.user, "member_profile", None)}
    )
