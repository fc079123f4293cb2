"""Accounts (email is the login) and each member's profile and membership status."""

from typing import NamedTuple

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from . import roles
from .emails import send_membership_approved, send_membership_declined

#: Accounts deleted by their owner keep their row (so what they wrote stays attributed to
#: "Former member") with an address at this reserved, never-routable domain (RFC 2606).
ERASED_EMAIL_DOMAIN = "erased.invalid"


class EmailUserManager(UserManager):
    """Creates users who sign in with their email address rather than a username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.display_name

    @property
    def is_former_member(self):
        """Has this person deleted their account? Their row stays, anonymised."""
        return self.email.endswith("@" + ERASED_EMAIL_DOMAIN)

    @property
    def display_name(self):
        """The name shown beside anything this person wrote."""
        if self.is_former_member:
            return str(_("Former member"))
        return self.get_full_name() or self.email

    @property
    def membership_status(self):
        profile = getattr(self, "member_profile", None)
        return profile.status if profile else None

    @property
    def is_approved_member(self):
        """May this person open members-only areas? Superusers always may."""
        if not self.is_active:
            return False
        return self.is_superuser or self.membership_status == MemberProfile.Status.APPROVED


class Sector(models.TextChoices):
    HEALTH = "health", _("Health")
    SOCIAL_CARE = "social_care", _("Social care")
    EDUCATION = "education", _("Education")
    JUSTICE = "justice", _("Justice and policing")
    HOUSING = "housing", _("Housing")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    VOLUNTARY = "voluntary", _("Voluntary and community sector")
    LIVED_EXPERIENCE = "lived_experience", _("Expert by experience")
    OTHER = "other", _("Other")


class Decision(NamedTuple):
    """What an approve or decline did: whether the status changed, and the email went."""

    changed: bool
    notified: bool


class MemberProfileQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MemberProfile.Status.PENDING)

    def approved(self):
        return self.filter(status=MemberProfile.Status.APPROVED)

    def declined(self):
        return self.filter(status=MemberProfile.Status.DECLINED)


class MemberProfile(models.Model):
    """What a member told us when they joined, and where their membership stands."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        SUSPENDED = "suspended", _("Suspended")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="member_profile")
    job_role = models.CharField(_("job role"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    status = models.CharField(
        _("membership status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    objects = MemberProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.user)

    def member_name(self):
        return str(self.user)

    member_name.short_description = _("Name")
    member_name.admin_order_field = "user__last_name"

    # Status changes happen only through these methods, so every way in (the admin's
    # single and bulk actions, later moderation tools) records who decided, when, keeps the
    # Members group in step, and tells the member.

    @property
    def can_be_approved(self):
        return self.status != self.Status.APPROVED

    @property
    def can_be_declined(self):
        return self.status in (self.Status.PENDING, self.Status.APPROVED)

    def approve(self, *, by, notify=True):
        """Make this person a member and tell them so."""
        if not self.can_be_approved:
            return Decision(changed=False, notified=False)
        with transaction.atomic():
            self._set_status(self.Status.APPROVED, by=by, reason="")
            self.user.groups.add(roles.get_group(roles.MEMBERS))
            log(self, "members.approve", user=by)
        return Decision(changed=True, notified=notify and send_membership_approved(self))

    def decline(self, *, by, reason="", notify=True):
        """Turn down a request (or end a membership), with an optional reason for them."""
        if not self.can_be_declined:
            return Decision(changed=False, notified=False)
        with transaction.atomic():
            self._set_status(self.Status.DECLINED, by=by, reason=reason.strip())
            self.user.groups.remove(roles.get_group(roles.MEMBERS))
            log(self, "members.decline", user=by)
        return Decision(changed=True, notified=notify and send_membership_declined(self))

    def _set_status(self, status, *, by, reason):
        self.status = status
        self.decided_by = by
        self.decline_reason = reason
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "decided_by", "decline_reason", "status_changed_at"])
