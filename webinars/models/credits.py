"""Co-production credits: the co-authors and contributors of a resource, webinar or story.

One orderable model for every page type: `Credit.page` is a ParentalKey to Wagtail's Page,
so a page type lists its credits with `InlinePanel("credits")` and needs no model of its
own; the rows travel with the page's revisions, copies and translations (wagtail-localize
synchronises them, as it does a webinar's speakers). The person is a Speaker, and what is
shown of them is their consent (`Speaker.shown()`): their name, else the pseudonym they
chose, else plain words; "expert by experience" only with their consent to the label.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .speakers import Speaker


class CreditRole(models.TextChoices):
    CO_AUTHOR = "co_author", _("Co-author")
    CONTRIBUTOR = "contributor", _("Contributor")


#: What a credit says of someone who is neither named nor gave a pseudonym.
ANONYMOUS = {
    CreditRole.CO_AUTHOR: _("A co-author who has asked not to be named"),
    CreditRole.CONTRIBUTOR: _("A contributor who has asked not to be named"),
}


class Credit(Orderable):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="credits")
    # CASCADE, as for a webinar's speakers: deleting a person (an erasure) is never blocked
    # by a page that credits them, and an older revision that still credits them loses that
    # credit when restored (modelcluster drops a child row whose CASCADE target is gone,
    # where a PROTECT key would stop the restore).
    person = models.ForeignKey(
        Speaker,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="credits",
        help_text=_(
            "From Speakers and contributors. They are shown by name, by their pseudonym or "
            "anonymously, as their consent there says."
        ),
    )
    role = models.CharField(
        _("part"), max_length=16, choices=CreditRole.choices, default=CreditRole.CONTRIBUTOR
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        # The pk settles credits of the same place (rows made without a form have no
        # sort_order): PostgreSQL returns ties in any order.
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


@dataclass(frozen=True)
class ShownCredit:
    """A credit as the public may see it: `name` is the name, pseudonym or plain words."""

    role: str
    name: str
    named: bool
    role_and_organisation: str
    expert_by_experience: bool


def shown_credit(credit):
    shown = credit.person.shown()
    return ShownCredit(
        role=credit.role,
        name=shown.shown_as(ANONYMOUS.get(credit.role, ANONYMOUS[CreditRole.CONTRIBUTOR])),
        named=shown.named,
        role_and_organisation=", ".join(part for part in (shown.role, shown.organisation) if part),
        expert_by_experience=shown.expert_by_experience,
    )


def credits_of(page, preview=False):
    """`page`'s credits with their people, in the editor's order: one query (two for a
    translated page whose people have translations), however many there are.

    A preview's credits are the editor's unsaved ones, held in memory. A translated page's
    rows may point at the source language's people (wagtail-localize copies them as they
    are): they are swapped, in memory, for that language's copies where those exist.
    Consent is the same on every copy of a person.
    """
    if preview or page.pk is None:
        items = [item for item in page.credits.all() if item.person_id]
    else:
        items = list(
            Credit.objects.filter(page_id=page.pk)
            .select_related("person")
            .order_by("sort_order", "pk")
        )
    keys = {
        item.person.translation_key for item in items if item.person.locale_id != page.locale_id
    }
    if keys:
        copies = {
            copy.translation_key: copy
            for copy in Speaker.objects.filter(locale_id=page.locale_id, translation_key__in=keys)
        }
        for item in items:
            copy = copies.get(item.person.translation_key)
            if copy is not None and item.person.locale_id != page.locale_id:
                item.person = copy
    return items


def shown_credits(page, preview=False):
    """{"co_authors": [...], "contributors": [...]}: `page`'s credits as `ShownCredit`s."""
    shown = [shown_credit(item) for item in credits_of(page, preview=preview)]
    return {
        "co_authors": [item for item in shown if item.role == CreditRole.CO_AUTHOR],
        "contributors": [item for item in shown if item.role != CreditRole.CO_AUTHOR],
    }


def credited_names(page):
    """The names of `page`'s credited people that may be indexed for search: only those
    who agreed to their name being shown (never a pseudonym or an unconsented name)."""
    items = page.credits.select_related("person")
    names = [item.person.name for item in items if item.person_id and item.person.consent_name]
    return " ".join(names)


__all__ = [
    "ANONYMOUS",
    "Credit",
    "CreditRole",
    "ShownCredit",
    "credited_names",
    "credits_of",
    "shown_credit",
    "shown_credits",
]
