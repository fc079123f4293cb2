"""The yearly consent review: one row each time a teller is asked (stories.consent_review)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0003_telling"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryConsentReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("asked_at", models.DateTimeField(verbose_name="asked")),
                (
                    "consent_version",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        verbose_name="consent wording version they had agreed to",
                    ),
                ),
                (
                    "answer",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("consent", "Keep it on the site"),
                            ("changed", "Change it"),
                            ("retracted", "Retract it"),
                        ],
                        max_length=16,
                        verbose_name="answer",
                    ),
                ),
                (
                    "answered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered"),
                ),
                (
                    "flagged_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Set when no answer came within 30 days. The story stays published.",
                        null=True,
                        verbose_name="flagged for the editors",
                    ),
                ),
                (
                    "resolved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="followed up"),
                ),
                (
                    "editors_note",
                    models.TextField(
                        blank=True,
                        help_text="For the editors only: how the teller was reached, and what they said.",
                        verbose_name="editors' note",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="story_consent_reviews",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="teller asked",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="followed up by",
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consent_reviews",
                        to="stories.storypage",
                        verbose_name="story",
                    ),
                ),
            ],
            options={
                "verbose_name": "story consent review",
                "verbose_name_plural": "story consent reviews",
                "ordering": ["-asked_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(
                            ("answered_at__isnull", True), ("resolved_at__isnull", True)
                        ),
                        fields=("story",),
                        name="one_open_consent_review_per_story",
                    )
                ],
            },
        ),
    ]
