"""Accounts (email is the login) and each member's profile and membership status."""

import datetime
from typing import NamedTuple

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from core import access
from core.access import Verdict

from . import roles
from .emails import (
    send_membership_approved,
    send_membership_declined,
    send_membership_reinstated,
    send_membership_suspended,
)

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
    def access_standing(self):
        """Where this person's membership stands, as core's access policy reads it."""
        profile = getattr(self, "member_profile", None)
        if profile is None:
            return Verdict.AWAITING_APPROVAL
        return profile.access_standing

    @property
    def is_approved_member(self):
        """May this person open members-only areas? Superusers always may."""
        return access.is_approved_member(self)


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
    """What a decision (approve, decline, suspend, reinstate) did: whether the status
    changed, and whether the email to the member went."""

    changed: bool
    notified: bool


class MemberProfileQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MemberProfile.Status.PENDING)

    def approved(self):
        return self.filter(status=MemberProfile.Status.APPROVED)

    def declined(self):
        return self.filter(status=MemberProfile.Status.DECLINED)

    def suspended(self):
        return self.filter(status=MemberProfile.Status.SUSPENDED)

    def suspension_over(self, now=None):
        """Suspended members whose end date has passed: `manage.py end_suspensions`."""
        return self.suspended().filter(suspended_until__lte=now or timezone.now())


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
    # Its own field: a suspension is a pause of a membership, shown to the member on their
    # account page while it lasts, and not the same thing as turning a request down.
    suspension_reason = models.TextField(_("reason for suspending"), blank=True)
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

    @property
    def access_standing(self):
        """This membership as a core.access Verdict. A suspension whose end date has passed
        no longer closes anything, even before `manage.py end_suspensions` records it."""
        Status = self.Status
        if self.status == Status.APPROVED:
            return Verdict.ALLOWED
        if self.status == Status.SUSPENDED:
            if self.suspended_until is not None and self.suspended_until <= timezone.now():
                return Verdict.ALLOWED
            return Verdict.SUSPENDED
        if self.status == Status.DECLINED:
            return Verdict.DECLINED
        return Verdict.AWAITING_APPROVAL

    member_name.short_description = _("Name")
    member_name.admin_order_field = "user__last_name"

    # Status changes happen only through these methods, so every way in (the admin's
    # single and bulk actions, `manage.py end_suspensions`, later moderation tools) records
    # who decided, when, keeps the Members group in step, logs it and tells the member.
    # Each change is one UPDATE guarded by the status it starts from, so two editors (or an
    # editor and the timer) deciding at once change it, and email the person, only once.

    @property
    def can_be_approved(self):
        return self.status in (self.Status.PENDING, self.Status.DECLINED)

    @property
    def can_be_declined(self):
        return self.status in (self.Status.PENDING, self.Status.APPROVED)

    @property
    def can_be_suspended(self):
        return self.status == self.Status.APPROVED

    @property
    def can_be_reinstated(self):
        return self.status == self.Status.SUSPENDED

    def approve(self, *, by, notify=True):
        """Make this person a member and tell them so."""
        with transaction.atomic():
            if not self._change_status(
                self.Status.APPROVED,
                by=by,
                allowed_from=(self.Status.PENDING, self.Status.DECLINED),
                decline_reason="",
            ):
                return Decision(changed=False, notified=False)
            self.user.groups.add(roles.get_group(roles.MEMBERS))
            log(self, "members.approve", user=by)
        return Decision(changed=True, notified=notify and send_membership_approved(self))

    def decline(self, *, by, reason="", notify=True):
        """Turn down a request (or end a membership), with an optional reason for them."""
        with transaction.atomic():
            if not self._change_status(
                self.Status.DECLINED,
                by=by,
                allowed_from=(self.Status.PENDING, self.Status.APPROVED),
                decline_reason=reason.strip(),
            ):
                return Decision(changed=False, notified=False)
            self.user.groups.remove(roles.get_group(roles.MEMBERS))
            log(self, "members.decline", user=by)
        return Decision(changed=True, notified=notify and send_membership_declined(self))

    def suspend(self, *, by, reason, until=None, notify=True):
        """Pause an approved membership, with the reason the member is shown.

        `until` (optional) is when it ends by itself: a datetime, or a date meaning the
        start of that day in the site's time zone. It must be in the future; without it the
        pause lasts until an editor reinstates them. Public pages stay open to them.
        """
        if until is not None:
            until = _as_moment(until)
            if until <= timezone.now():
                raise ValueError("A suspension must end in the future.")
        with transaction.atomic():
            if not self._change_status(
                self.Status.SUSPENDED,
                by=by,
                allowed_from=(self.Status.APPROVED,),
                suspension_reason=reason.strip(),
                suspended_until=until,
            ):
                return Decision(changed=False, notified=False)
            self.user.groups.remove(roles.get_group(roles.MEMBERS))
            log(
                self,
                "members.suspend",
                user=by,
                data={"until": until.isoformat() if until else None},
            )
        return Decision(changed=True, notified=notify and send_membership_suspended(self))

    def reinstate(self, *, by=None, notify=True, automatic=False):
        """End a suspension: they are a member again. `automatic` when the end date has
        passed and nobody decided (`manage.py end_suspensions`, with no `by`)."""
        with transaction.atomic():
            if not self._change_status(
                self.Status.APPROVED,
                by=by,
                allowed_from=(self.Status.SUSPENDED,),
                suspension_reason="",
                suspended_until=None,
            ):
                return Decision(changed=False, notified=False)
            self.user.groups.add(roles.get_group(roles.MEMBERS))
            log(self, "members.reinstate", user=by, data={"automatic": automatic})
        return Decision(changed=True, notified=notify and send_membership_reinstated(self))

    def _change_status(self, status, *, by, allowed_from, **fields):
        """Move to `status` if the row is still in one of `allowed_from`; say if it moved."""
        values = {"status": status, "decided_by": by, "status_changed_at": timezone.now()}
        values.update(fields)
        changed = (
            MemberProfile.objects.filter(pk=self.pk, status__in=allowed_from).update(**values) == 1
        )
        if changed:
            for name, value in values.items():
                setattr(self, name, value)
        else:
            self.refresh_from_db(fields=["status"])
        return changed


def _as_moment(when):
    """A datetime as it is; a date as midnight at its start in the current time zone."""
    if isinstance(when, datetime.datetime):
        return when
    return timezone.make_aware(datetime.datetime.combine(when, datetime.time.min))
