"""Forms members fill in: sign-up with the profile questions, profile editing, sign-in and
password forms with plain error messages, account deletion, and the admin's decline reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms

from core.personal_data import erasure_choices

from .models import MemberProfile, Sector

PASSWORD_HINT = _(
    "Use at least 10 characters. A few unrelated words together are easy to remember "
    "and hard to guess."
)
EMAIL_INVALID = _("Enter an email address in the correct format, like name@example.org")


class PlainMessagesMixin:
    """Replaces Django's generic "This field is required." with a message for each field."""

    required_messages = {}
    invalid_messages = {}
    hints = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
            if name in self.invalid_messages:
                field.error_messages["invalid"] = self.invalid_messages[name]
            if name in self.hints:
                field.help_text = self.hints[name]
            # Placeholders disappear as people type; the label and hint say it instead.
            field.widget.attrs.pop("placeholder", None)


class ProfileQuestions(forms.Form):
    """What we ask everyone who joins, and what they can change later."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Enter your first name")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Enter your last name")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
    )
    job_role = forms.CharField(
        label=_("Job role"),
        max_length=150,
        help_text=_("For example, mental health nurse, teacher or peer support worker."),
        error_messages={"required": _("Enter your job role")},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("If you do not work for an organisation, write Independent."),
        error_messages={"required": _("Enter your organisation")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Choose a sector")), *Sector.choices],
        error_messages={
            "required": _("Choose the sector you work in"),
            "invalid_choice": _("Choose the sector you work in"),
        },
    )

    def profile_values(self):
        return {name: self.cleaned_data[name] for name in ("job_role", "organisation", "sector")}


class SignupForm(PlainMessagesMixin, ProfileQuestions, allauth_forms.SignupForm):
    """allauth's sign-up (email and password twice) with the profile questions around it."""

    field_order = [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "job_role",
        "organisation",
        "sector",
    ]
    required_messages = {
        "email": _("Enter your email address"),
        "password1": _("Enter a password"),
        "password2": _("Enter your password again"),
    }
    invalid_messages = {"email": EMAIL_INVALID}
    hints = {
        "email": _("Use your work email if you have one. You will use it to sign in."),
        "password1": PASSWORD_HINT,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["password2"].label = _("Confirm password")

    def signup(self, request, user):
        """Called by allauth once the user is saved (names and email already set on it)."""
        MemberProfile.objects.update_or_create(user=user, defaults=self.profile_values())


class ProfileForm(PlainMessagesMixin, ProfileQuestions):
    """A member changes their name and the profile answers they gave when joining."""

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        user = profile.user
        kwargs.setdefault(
            "initial",
            {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "job_role": profile.job_role,
                "organisation": profile.organisation,
                "sector": profile.sector,
            },
        )
        super().__init__(*args, **kwargs)

    def save(self):
        user = self.profile.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        for name, value in self.profile_values().items():
            setattr(self.profile, name, value)
        self.profile.save(update_fields=["job_role", "organisation", "sector"])
        return self.profile


class LoginForm(PlainMessagesMixin, allauth_forms.LoginForm):
    required_messages = {
        "login": _("Enter your email address"),
        "password": _("Enter your password"),
    }
    invalid_messages = {"login": EMAIL_INVALID}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class RequestLoginCodeForm(PlainMessagesMixin, allauth_forms.RequestLoginCodeForm):
    """Sign-in without the password: we email a code to the address."""

    required_messages = {"email": _("Enter your email address")}
    invalid_messages = {"email": EMAIL_INVALID}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")


class ConfirmLoginCodeForm(PlainMessagesMixin, allauth_forms.ConfirmLoginCodeForm):
    required_messages = {"code": _("Enter the code from the email")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Sign-in code")
        code.widget.attrs.update({"spellcheck": "false", "autocapitalize": "characters"})


class AddEmailForm(PlainMessagesMixin, allauth_forms.AddEmailForm):
    required_messages = {"email": _("Enter the email address you want to add")}
    invalid_messages = {"email": EMAIL_INVALID}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")


class ChangePasswordForm(PlainMessagesMixin, allauth_forms.ChangePasswordForm):
    required_messages = {
        "oldpassword": _("Enter your current password"),
        "password1": _("Enter a new password"),
        "password2": _("Enter your new password again"),
    }
    hints = {"password1": PASSWORD_HINT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = _("Current password")
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("Confirm new password")


class ResetPasswordForm(PlainMessagesMixin, allauth_forms.ResetPasswordForm):
    required_messages = {"email": _("Enter your email address")}
    invalid_messages = {"email": EMAIL_INVALID}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")


class ResetPasswordKeyForm(PlainMessagesMixin, allauth_forms.ResetPasswordKeyForm):
    required_messages = {
        "password1": _("Enter a new password"),
        "password2": _("Enter your new password again"),
    }
    hints = {"password1": PASSWORD_HINT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("Confirm new password")


class CodeMixin(PlainMessagesMixin):
    """The 6-digit code from the authenticator app: numeric keyboard, plain messages."""

    required_messages = {"code": _("Enter the 6-digit code from your authenticator app")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Code")
        code.widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})


class ActivateTOTPForm(CodeMixin, totp_forms.ActivateTOTPForm):
    pass


class MFAAuthenticateForm(CodeMixin, mfa_forms.AuthenticateForm):
    required_messages = {"code": _("Enter the code from your authenticator app")}


class MFAReauthenticateForm(CodeMixin, mfa_forms.ReauthenticateForm):
    pass


class DeleteAccountForm(forms.Form):
    """Asks for the password, so nobody at an unlocked computer can delete someone's account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        error_messages={"required": _("Enter your password to delete your account")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        # What the person wrote that others took part in: they choose what happens to it.
        self.choice_fields = []
        for choice in erasure_choices(user):
            self.fields[f"choice_{choice.name}"] = forms.ChoiceField(
                label=choice.label,
                help_text=choice.help_text,
                choices=choice.options,
                initial=choice.default,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose what happens to them.")},
            )
            self.choice_fields.append(f"choice_{choice.name}")
        self.order_fields([*self.choice_fields, "password"])

    def choices(self):
        """{choice name: option} from the valid form, for `erase_account`."""
        return {
            name.removeprefix("choice_"): self.cleaned_data[name] for name in self.choice_fields
        }

    def choice_bound_fields(self):
        return [self[name] for name in self.choice_fields]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That password is not right. Check it and try again."), code="incorrect"
            )
        return password


class DeclineForm(forms.Form):
    """The editor's optional reason, emailed to the person as written."""

    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        help_text=_(
            "We email this to them as you write it. Say what they could do next, if anything."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
