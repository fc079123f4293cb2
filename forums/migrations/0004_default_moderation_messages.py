"""Three kind moderation messages to start from (moderators edit them as a snippet)."""

from django.db import migrations

MESSAGES = [
    (
        "Sharing someone else's story",
        "Thank you for taking part. We have hidden your post because it shares details "
        "about someone else (their story, their name, or things that could identify them) "
        "without their agreement. We know you may have shared it to help, and that matters. "
        "You are very welcome to post again, talking about your own experience, or "
        "describing the situation without details that could identify anyone.",
    ),
    (
        "Needs a content note",
        "Thank you for your post. We have hidden it for now because it talks about "
        "something that may be hard for others to read, and it did not have a content "
        "note. You are welcome to post it again with a content note (for example "
        '"self-harm" or "abuse"), so each reader can choose when to open it.',
    ),
    (
        "Not in keeping with our guidelines",
        "Thank you for being part of the community. We have hidden your post because "
        "parts of it did not fit our posting guidelines, which ask us all to be kind and "
        "respectful, even when we disagree. We know conversations about hard subjects can "
        "bring up strong feelings. You are welcome to keep posting, and if you would like "
        "to talk about this decision, please get in touch with us.",
    ),
]


def add_messages(apps, schema_editor):
    ModerationMessage = apps.get_model("forums", "ModerationMessage")
    for title, message in MESSAGES:
        ModerationMessage.objects.get_or_create(title=title, defaults={"message": message})


def remove_messages(apps, schema_editor):
    ModerationMessage = apps.get_model("forums", "ModerationMessage")
    ModerationMessage.objects.filter(title__in=[title for title, _message in MESSAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_moderation_following_discussions")]

    operations = [migrations.RunPython(add_messages, remove_messages)]
