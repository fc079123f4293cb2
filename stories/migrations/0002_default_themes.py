"""The themes every site starts with: the principles of trauma-informed care."""

from django.db import migrations

# Copied here rather than imported, so the migration keeps meaning what it meant.
DEFAULT_THEMES = [
    ("Safety", "safety"),
    ("Trust", "trust"),
    ("Choice", "choice"),
    ("Collaboration", "collaboration"),
    ("Empowerment", "empowerment"),
    ("Cultural and historical context", "cultural-and-historical-context"),
]


def add_themes(apps, schema_editor):
    StoryTheme = apps.get_model("stories", "StoryTheme")
    for name, slug in DEFAULT_THEMES:
        StoryTheme.objects.get_or_create(slug=slug, defaults={"name": name})


def remove_themes(apps, schema_editor):
    StoryTheme = apps.get_model("stories", "StoryTheme")
    StoryTheme.objects.filter(
        slug__in=[slug for _name, slug in DEFAULT_THEMES], stories__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
