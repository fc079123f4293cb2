"""Forms members fill in: sign-up with the profile questions, and profile editing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MemberProfile, Sector


class SignupForm(forms.Form):
    """Extra sign-up questions; allauth adds email and password fields around these."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    job_role = forms.CharField(label=_("Job role"), max_length=150)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Choose a sector")), *Sector.choices]
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        MemberProfile.objects.update_or_create(
            user=user,
            defaults={
                "job_role": self.cleaned_data["job_role"],
                "organisation": self.cleaned_data["organisation"],
                "sector": self.cleaned_data["sector"],
            },
        )
