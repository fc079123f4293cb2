"""The editors' form for a narrative evaluation (evaluation.admin_views): the evaluation
with its signifiers (an InlinePanel), keeping the meaning of every answer already given.

A signifier that has answers keeps its kind and cannot be removed: its answers would
change meaning or go. Its question, names and options may still be reworded (a reworded
option keeps earlier answers under the old words). When a removal is refused, the
signifier is shown again on the form, so nothing is lost.
"""

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from .models import Answer

KIND_KEPT = _(
    "Stories have already been told with this signifier, so its kind stays as it was: "
    "their answers would lose their meaning. Add a new signifier instead."
)
REMOVAL_REFUSED = _(
    "“%(question)s” already has answers, so it stays: removing it would remove them too. "
    "It is back on the form below."
)


def answered_signifiers(pks):
    """Which of the signifiers `pks` have answers (one query)."""
    if not pks:
        return set()
    return set(
        Answer.objects.filter(signifier__in=pks).values_list("signifier_id", flat=True).distinct()
    )


class EvaluationAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        signifiers = self.formsets.get("signifiers")
        if signifiers is not None:
            self.keep_answered_signifiers(signifiers)
        return cleaned

    def keep_answered_signifiers(self, formset):
        saved = [form for form in formset.forms if form.instance.pk]
        answered = answered_signifiers([form.instance.pk for form in saved])
        removed = [form for form in formset.deleted_forms if form.instance.pk in answered]
        for form in saved:
            changed_kind = form["kind"].value() != form.initial.get("kind")
            if form.instance.pk in answered and form not in removed and changed_kind:
                form.add_error("kind", KIND_KEPT)
        if removed:
            self.show_again(formset, removed)
            for form in removed:
                self.add_error(None, REMOVAL_REFUSED % {"question": form.initial["question"]})

    def show_again(self, formset, forms):
        """Untick "delete" for `forms` in the data shown again, so they reappear."""
        data = formset.data.copy()
        for form in forms:
            data[form.add_prefix(DELETION_FIELD_NAME)] = ""
        formset.data = data
        for form in formset.forms:
            form.data = data
