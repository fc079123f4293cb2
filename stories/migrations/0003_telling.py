"""Telling a story: drafts kept between steps, and the "Story review" workflow for editors."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

EDITORS = "Core action group editors"


def create_story_review(apps, schema_editor):
    """The "Story review" workflow (the editors approve), on every stories listing."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    StoryIndexPage = apps.get_model("stories", "StoryIndexPage")

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    workflow, _created = Workflow.objects.get_or_create(name="Story review")
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name="Editors review the story", content_type=task_type, active=True
        )
        task.groups.add(editors)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for listing in StoryIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=listing.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_default_themes"),
        ("members", "0002_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(create_story_review, migrations.RunPython.noop),
        migrations.CreateModel(
            name="StoryDraft",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "data",
                    models.JSONField(blank=True, default=dict, verbose_name="what they typed"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last saved")),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="story_drafts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="member",
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="drafts",
                        to="stories.storypage",
                        verbose_name="story",
                    ),
                ),
            ],
            options={
                "verbose_name": "story draft",
                "verbose_name_plural": "story drafts",
            },
        ),
    ]
