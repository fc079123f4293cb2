"""The support message: a translatable snippet the safety settings point at."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

import wagtail.fields


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_editors_change_safety_settings"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SupportMessage",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("heading", models.CharField(max_length=120, verbose_name="heading")),
                (
                    "text",
                    wagtail.fields.RichTextField(
                        help_text="Short, plain words: who to contact in a crisis and how.",
                        verbose_name="text",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "support message",
                "verbose_name_plural": "support messages",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.AddField(
            model_name="safetysettings",
            name="support_message",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Each language shows its translation of this message: translate it under "
                    "Settings, Support messages, with 'Translate'. Without one, the built-in "
                    "message is shown."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="home.supportmessage",
                verbose_name="support message",
            ),
        ),
    ]
