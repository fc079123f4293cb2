"""The themes editors tag stories with, to learn from them (a snippet editors add to)."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

#: (name, slug) of the themes every site starts with (the data migration 0002 adds them):
#: the principles of trauma-informed care. Editors add their own.
DEFAULT_THEMES = [
    ("Safety", "safety"),
    ("Trust", "trust"),
    ("Choice", "choice"),
    ("Collaboration", "collaboration"),
    ("Empowerment", "empowerment"),
    ("Cultural and historical context", "cultural-and-historical-context"),
]


class StoryTheme(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in the listing's filter links. Made from the name if left empty."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("story theme")
        verbose_name_plural = _("story themes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)
