"""A consensus study (a Delphi process): statements in sections, rated by its participants
over rounds until they agree, or the editors stop.

- `Study`: what it is for, who takes part (every approved member, or an invited panel),
  its rating scale and its consensus rule (`Study.rule()`, checked by `stats.Rule`).
- `Section` and `Statement`: what is rated, in the editors' order.
- `Round`: one round's dates. Opening it fixes which statements it asks about, as worded
  then (`RoundStatement.text`): those not yet agreed, revised or added by the editors from
  the last round's comments. Closing it stores each statement's result on its
  `RoundStatement`, computed once (`stats.summarise`), so results never change afterwards.
- `Participant` and `Rating`: one rating (or "no opinion") and an optional comment per
  participant, statement and round, enforced by the database. Nobody, editors included,
  is shown one person's ratings: pages and exports show only results of at least
  `Study.MIN_RATERS` raters, and comments without names.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import stats


class Study(models.Model):
    class Audience(models.TextChoices):
        MEMBERS = "members", _("Every approved member")
        PANEL = "panel", _("An invited panel")

    #: Results of fewer raters with an opinion are never shown.
    MIN_RATERS = stats.DEFAULT_RULE.min_raters

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"), max_length=80, unique=True, help_text=_("The study's web address.")
    )
    purpose = models.TextField(
        _("purpose"),
        help_text=_("A few plain sentences: why we ask, and what we will do with it."),
    )
    audience = models.CharField(
        _("who takes part"), max_length=16, choices=Audience.choices, default=Audience.MEMBERS
    )
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited panel"),
        blank=True,
        related_name="consensus_panels",
        help_text=_("Only for a study with an invited panel: the approved members invited."),
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest rating"), default=stats.DEFAULT_RULE.scale_max
    )
    disagree_up_to = models.PositiveSmallIntegerField(
        _("disagree: 1 up to"), default=stats.DEFAULT_RULE.disagree_up_to
    )
    agree_from = models.PositiveSmallIntegerField(
        _("agree: from"), default=stats.DEFAULT_RULE.agree_from
    )
    agree_at_least = models.PositiveSmallIntegerField(
        _("consensus: at least this percentage agree"), default=stats.DEFAULT_RULE.agree_at_least
    )
    disagree_below = models.PositiveSmallIntegerField(
        _("consensus: under this percentage disagree"), default=stats.DEFAULT_RULE.disagree_below
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Set when the editors say no more rounds will follow (rounds.finish).
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("consensus study")
        verbose_name_plural = _("consensus studies")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_finished(self):
        return self.finished_at is not None

    def rule(self):
        return stats.Rule(
            scale_max=self.scale_max,
            disagree_up_to=self.disagree_up_to,
            agree_from=self.agree_from,
            agree_at_least=self.agree_at_least,
            disagree_below=self.disagree_below,
            min_raters=self.MIN_RATERS,
        )

    def clean(self):
        super().clean()
        try:
            self.rule()
        except ValueError:
            raise ValidationError(
                _(
                    "Check the scale and the rule: ratings start at 1, the disagree band ends "
                    "below the agree band, the agree band ends at the highest rating, and "
                    "percentages are from 0 to 100."
                )
            ) from None


class Section(models.Model):
    study = models.ForeignKey(
        Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=200)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title


class Statement(models.Model):
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="statements"
    )
    text = models.TextField(_("statement"), max_length=600)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    # Taken out by the editors (it stays in the rounds that asked it).
    withdrawn = models.BooleanField(_("no longer asked"), default=False)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["section__sort_order", "section_id", "sort_order", "pk"]

    def __str__(self):
        return self.text[:80]


class Round(models.Model):
    study = models.ForeignKey(
        Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Set when it closed and its results were worked out (never before).
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    statements = models.ManyToManyField(
        Statement, through="RoundStatement", related_name="rounds", verbose_name=_("statements")
    )

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["study", "number"]
        constraints = [
            models.UniqueConstraint(fields=["study", "number"], name="one_round_number_a_study"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.study} – {self.number}"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A round closes after it opens.")})

    @property
    def is_closed(self):
        return self.closed_at is not None

    def is_open(self, now=None):
        now = now or timezone.now()
        return not self.is_closed and self.opens_at <= now < self.closes_at


class RoundStatement(models.Model):
    """A statement as one round asked it, and, once the round closed, the group's result."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="asked"
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="asked"
    )
    text = models.TextField(_("as worded in this round"), max_length=600)
    # The result, stored when the round closes (stats.Result's fields).
    raters = models.PositiveIntegerField(null=True, editable=False)
    no_opinion = models.PositiveIntegerField(null=True, editable=False)
    distribution = models.JSONField(null=True, editable=False)
    median = models.FloatField(null=True, editable=False)
    q1 = models.FloatField(null=True, editable=False)
    q3 = models.FloatField(null=True, editable=False)
    agree_percent = models.FloatField(null=True, editable=False)
    unsure_percent = models.FloatField(null=True, editable=False)
    disagree_percent = models.FloatField(null=True, editable=False)
    consensus = models.BooleanField(null=True, editable=False)

    class Meta:
        verbose_name = _("statement in a round")
        verbose_name_plural = _("statements in a round")
        ordering = ["round", "statement"]
        constraints = [
            models.UniqueConstraint(fields=["round", "statement"], name="a_statement_once_a_round")
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def counted(self):
        if self.raters is None:
            return None
        return self.raters - self.no_opinion

    @property
    def iqr(self):
        if self.q1 is None:
            return None
        return self.q3 - self.q1

    @property
    def shown(self):
        """Is the result shown? Only once worked out, from enough raters with an opinion."""
        return self.raters is not None and self.counted >= Study.MIN_RATERS


class Participant(models.Model):
    """A member taking part in a study (they joined it by rating, or were invited)."""

    study = models.ForeignKey(
        Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="consensus_participations",
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrew"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["study", "member"], name="one_participant_a_member")
        ]

    def __str__(self):
        return str(_("Participant %(number)s")) % {"number": self.pk}


class Rating(models.Model):
    """One participant's rating of one statement in one round; `value` None is "no opinion"."""

    asked = models.ForeignKey(
        RoundStatement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    value = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["asked", "participant"], name="one_rating_a_statement_a_round"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1),
                name="a_rating_is_at_least_one",
            ),
        ]

    def __str__(self):
        return str(_("A rating"))
