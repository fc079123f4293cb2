"""The support texts now live in support messages (0005 moved them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0005_support_message_from_settings")]

    operations = [
        migrations.RemoveField(model_name="safetysettings", name="support_heading"),
        migrations.RemoveField(model_name="safetysettings", name="support_heading_cy"),
        migrations.RemoveField(model_name="safetysettings", name="support_text"),
        migrations.RemoveField(model_name="safetysettings", name="support_text_cy"),
    ]
