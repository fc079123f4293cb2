"""The teller's forms: their story, then the signifiers they interpret it with.

A triad is three weights (`TriadField`), one number for each quality, which is also what the
triangle widget fills in when a point is placed with a pointer or the keyboard
(static/evaluation/js/triad.js): all three ways send the same three numbers, and
`triads.as_percentages` stores them as percentages adding up to 100. A slider is a range
input from 0 to 100; a multiple choice is radio buttons. Each may be answered "does not
apply" where the editors allowed it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import triads
from .models import Answer, Response, Signifier

NOT_APPLICABLE = "__not_applicable__"


class StoryForm(forms.ModelForm):
    class Meta:
        model = Response
        fields = ["title", "story"]
        widgets = {"story": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "title": _("Optional: a few words to remember it by."),
            "story": _(
                "In your own words, as much or as little as you like. Please leave out "
                "names and anything that would tell others who the people in it are."
            ),
        }


class TriadWidget(forms.MultiWidget):
    template_name = "evaluation/widgets/triad.html"

    def __init__(self, labels, attrs=None):
        self.labels = labels
        weight = {
            "min": 0,
            "max": 100,
            "step": 1,
            "inputmode": "numeric",
            "class": "nhsuk-input nhsuk-input--width-3",
        }
        super().__init__([forms.NumberInput(attrs=weight) for _label in labels], attrs)

    def decompress(self, value):
        return list(value) if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        context["widget"]["labels"] = self.labels
        context["widget"]["size"] = triads.SIZE
        context["widget"]["corners"] = triads.CORNERS
        return context


class TriadField(forms.MultiValueField):
    """Three weights from 0 to 100; the answer is their proportions as percentages."""

    default_error_messages = {
        "incomplete": _("Give each of the three qualities a number from 0 to 100."),
        "all_zero": _("Give at least one of the three qualities some weight."),
    }

    def __init__(self, labels, **kwargs):
        weight = {"min_value": 0, "max_value": 100}
        fields = [forms.IntegerField(**weight) for _label in labels]
        super().__init__(fields, widget=TriadWidget(labels), require_all_fields=True, **kwargs)

    def compress(self, data_list):
        if not data_list or all(weight is None for weight in data_list):
            return None
        if any(weight is None for weight in data_list):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        if not any(data_list):
            raise forms.ValidationError(self.error_messages["all_zero"], code="all_zero")
        return triads.as_percentages(data_list)


class SliderWidget(forms.NumberInput):
    input_type = "range"
    template_name = "evaluation/widgets/slider.html"

    def __init__(self, labels, attrs=None):
        self.labels = labels
        super().__init__({"min": 0, "max": 100, "step": 1, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["labels"] = self.labels
        return context


def field_name(signifier):
    return f"signifier_{signifier.pk}"


def not_applicable_name(signifier):
    return f"signifier_{signifier.pk}_not_applicable"


def moved_name(signifier):
    """Sent by the slider's script: "0" while the slider was not moved (without the script a
    range input always sends its value, which is then taken as the answer)."""
    return f"signifier_{signifier.pk}_moved"


class SignifiersForm(forms.Form):
    """One field for each of the evaluation's signifiers (and a "does not apply" box for a
    triad or a slider where allowed), filled in with the story's answers so far."""

    def __init__(self, *args, signifiers, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.signifiers = list(signifiers)
        answers = answers or {}
        #: The sliders shown as not moved yet: unanswered, or sent unmoved.
        self.unmoved_sliders = {
            signifier.pk
            for signifier in self.signifiers
            if signifier.kind == Signifier.Kind.SLIDER
            and (
                self.data.get(moved_name(signifier)) == "0"
                if self.is_bound
                else signifier.pk not in answers
            )
        }
        for signifier in self.signifiers:
            answer = answers.get(signifier.pk)
            name = field_name(signifier)
            if signifier.kind == Signifier.Kind.CHOICE:
                choices = [(option, option) for option in signifier.option_list]
                if signifier.allow_not_applicable:
                    choices.append((NOT_APPLICABLE, _("Does not apply to my story")))
                self.fields[name] = forms.ChoiceField(
                    label=signifier.question, choices=choices, widget=forms.RadioSelect
                )
                if answer:
                    self.initial[name] = NOT_APPLICABLE if answer.not_applicable else answer.choice
                continue
            required = not signifier.allow_not_applicable
            if signifier.kind == Signifier.Kind.TRIAD:
                self.fields[name] = TriadField(
                    signifier.labels, label=signifier.question, required=required
                )
                if answer and answer.weights:
                    self.initial[name] = answer.weights
            else:
                self.fields[name] = forms.IntegerField(
                    label=signifier.question,
                    min_value=0,
                    max_value=100,
                    initial=50,
                    required=required,
                    widget=SliderWidget(signifier.labels),
                )
                if answer and answer.value is not None:
                    self.initial[name] = answer.value
            if signifier.allow_not_applicable:
                self.fields[not_applicable_name(signifier)] = forms.BooleanField(
                    label=_("Does not apply to my story"), required=False
                )
                if answer:
                    self.initial[not_applicable_name(signifier)] = answer.not_applicable

    def clean(self):
        cleaned = super().clean()
        for signifier in self.signifiers:
            name = field_name(signifier)
            if signifier.kind == Signifier.Kind.CHOICE or name in self.errors:
                continue
            if cleaned.get(not_applicable_name(signifier)):
                continue
            if signifier.pk in self.unmoved_sliders:
                self.add_error(name, unmoved_message(signifier))
            elif cleaned.get(name) is None and signifier.allow_not_applicable:
                self.add_error(
                    name,
                    _("Place your story here, or tick “Does not apply to my story”."),
                )
        return cleaned

    def rows(self):
        """(signifier, its field, its "does not apply" field or None), in order."""
        for signifier in self.signifiers:
            extra = not_applicable_name(signifier)
            yield (
                signifier,
                self[field_name(signifier)],
                (self[extra] if extra in self.fields else None),
            )

    def answers(self):
        """The cleaned answers as unsaved Answer field values, by signifier."""
        values = {}
        for signifier in self.signifiers:
            value = self.cleaned_data.get(field_name(signifier))
            fields = {
                "a": None,
                "b": None,
                "c": None,
                "value": None,
                "choice": "",
                "not_applicable": False,
            }
            if signifier.kind == Signifier.Kind.CHOICE:
                if value == NOT_APPLICABLE:
                    fields["not_applicable"] = True
                else:
                    fields["choice"] = value
            elif self.cleaned_data.get(not_applicable_name(signifier)):
                fields["not_applicable"] = True
            elif signifier.kind == Signifier.Kind.TRIAD:
                fields["a"], fields["b"], fields["c"] = value
            else:
                fields["value"] = value
            values[signifier.pk] = fields
        return values


def unmoved_message(signifier):
    if signifier.allow_not_applicable:
        return _("Move the slider to where your story sits, or tick “Does not apply to my story”.")
    return _("Move the slider to where your story sits.")


def answers_by_signifier(response):
    return {answer.signifier_id: answer for answer in Answer.objects.filter(response=response)}
