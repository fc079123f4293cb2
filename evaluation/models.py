"""A narrative ("sense-making") evaluation: members tell a short story of a time the
community made a difference to their practice (or didn't), then interpret it themselves
with signifiers, and the editors look for patterns across the stories.

- `Evaluation`: its prompt and dates, and its `Signifier`s in the editors' order: a triad
  (a point in a triangle between three qualities), a slider (between two extremes) or a
  multiple choice (one of the options, written one a line).
- `Response`: one member's story (a member may tell several) and their `Answer` to each
  signifier: a triad as three whole percentages adding up to 100 (`a`, `b`, `c`, for the
  first, second and third quality), a slider as 0 to 100 (`value`), a choice as the
  option's wording when chosen (`choice`: an option reworded later keeps earlier answers
  under the old words, so no answer ever changes meaning), or "does not apply".

Nobody's name is shown with a story: editors read stories and patterns without names, and
only for groups of at least `Evaluation.MIN_GROUP` stories.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from core.mixins import ContentNoteMixin


class Evaluation(ContentNoteMixin, ClusterableModel):
    #: Patterns, exports and stories are shown only for at least this many stories.
    MIN_GROUP = 5

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"), max_length=80, unique=True, help_text=_("The evaluation's web address.")
    )
    introduction = models.TextField(
        _("introduction"),
        help_text=_(
            "A few plain sentences: why we ask, who reads the stories, and that names are "
            "never shown with them."
        ),
    )
    prompt = models.TextField(
        _("prompt"),
        max_length=600,
        default=_(
            "Tell us about a time when the community made a difference to your practice, "
            "or didn't."
        ),
        help_text=_("The question each story answers."),
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Leave empty to keep it open.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("prompt"),
        FieldPanel("content_note"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        InlinePanel(
            "signifiers",
            heading=_("Signifiers"),
            label=_("Signifier"),
            help_text=_(
                "What tellers use to interpret their own story, in this order: triads, "
                "sliders and multiple choices."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("narrative evaluation")
        verbose_name_plural = _("narrative evaluations")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="evaluation_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("An evaluation closes after it opens.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    def has_opened(self, now=None):
        return self.opens_at <= (now or timezone.now())


class Signifier(Orderable):
    class Kind(models.TextChoices):
        TRIAD = "triad", _("Triad: a point in a triangle between three qualities")
        SLIDER = "slider", _("Slider: between two extremes")
        CHOICE = "choice", _("Multiple choice: one of several options")

    evaluation = ParentalKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="signifiers",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    question = models.CharField(
        _("question"),
        max_length=300,
        help_text=_('For example: "In my story, what mattered most was…"'),
    )
    label_a = models.CharField(
        _("first quality, or the slider's left end"), max_length=80, blank=True
    )
    label_b = models.CharField(
        _("second quality, or the slider's right end"), max_length=80, blank=True
    )
    label_c = models.CharField(_("third quality (triads only)"), max_length=80, blank=True)
    options = models.TextField(
        _("options (multiple choice only)"),
        blank=True,
        help_text=_(
            "One a line. Rewording an option after stories were told keeps the earlier "
            "answers under the old words."
        ),
    )
    allow_not_applicable = models.BooleanField(
        _("tellers may say it does not apply"), default=True
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("label_a"), FieldPanel("label_b"), FieldPanel("label_c")]),
        FieldPanel("options"),
        FieldPanel("allow_not_applicable"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("signifier")
        verbose_name_plural = _("signifiers")

    def __str__(self):
        return self.question

    @property
    def labels(self):
        """The corners of a triad (top, bottom left, bottom right) or a slider's two ends."""
        if self.kind == self.Kind.TRIAD:
            return [self.label_a, self.label_b, self.label_c]
        if self.kind == self.Kind.SLIDER:
            return [self.label_a, self.label_b]
        return []

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        errors = {}
        if self.kind in (self.Kind.TRIAD, self.Kind.SLIDER):
            needed = ["label_a", "label_b"] + (["label_c"] if self.kind == self.Kind.TRIAD else [])
            for name in needed:
                if not getattr(self, name).strip():
                    errors[name] = _("Give each quality or end a name.")
        if self.kind == self.Kind.CHOICE:
            options = self.option_list
            if len(options) < 2:
                errors["options"] = _("Give at least two options, one a line.")
            elif len(set(options)) < len(options):
                errors["options"] = _("Each option once, please.")
            elif any(len(option) > 200 for option in options):
                errors["options"] = _("Keep each option under 200 characters.")
        if errors:
            raise ValidationError(errors)


class Response(models.Model):
    """One member's story and their answers. Submitted once the signifiers are answered;
    until then it is theirs to finish, and nobody else sees it."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teller"),
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
    )
    title = models.CharField(_("a title for your story"), max_length=200, blank=True)
    story = models.TextField(_("your story"), max_length=5000)
    created_at = models.DateTimeField(_("told"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title or str(_("A story"))

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("story"), on_delete=models.CASCADE, related_name="answers"
    )
    signifier = models.ForeignKey(
        Signifier,
        verbose_name=_("signifier"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    a = models.PositiveSmallIntegerField(null=True, blank=True)
    b = models.PositiveSmallIntegerField(null=True, blank=True)
    c = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=200, blank=True)
    not_applicable = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "signifier"], name="one_answer_a_signifier_a_story"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(a__isnull=True, b__isnull=True, c__isnull=True)
                    | models.Q(a__isnull=False, b__isnull=False, c__isnull=False)
                    & models.Q(a__lte=100, b__lte=100, c__lte=100)
                    & models.Q(a=100 - models.F("b") - models.F("c"))
                ),
                name="a_triad_adds_up_to_100",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__lte=100),
                name="a_slider_is_0_to_100",
            ),
        ]

    def __str__(self):
        return str(_("An answer"))

    @property
    def weights(self):
        return None if self.a is None else (self.a, self.b, self.c)
