"""The forms members fill in to take part in a consensus study: one round's ratings (a
rating and an optional comment for each statement the round asks), and the words for the
study's scale.

A rating is posted as "1".."scale_max", or "none" for "No opinion"; fields are named by the
statement as this round asked it (`rating-<RoundStatement pk>`, `comment-<pk>`), so a value
for a statement of another round or study is never taken for one of these.
"""

from django import forms
from django.utils.translation import gettext as _

from . import stats

NO_OPINION = "none"
COMMENT_MAX = 2000


def band_word(value, rule):
    """The band of a rating in plain words: "disagree strongly" … "agree strongly"."""
    kind = stats.band(value, rule)
    if kind == stats.DISAGREE:
        return _("disagree strongly") if value == 1 else _("disagree")
    if kind == stats.AGREE:
        return _("agree strongly") if value == rule.scale_max else _("agree")
    return _("unsure")


def rating_choices(rule):
    choices = [
        (str(value), _("%(value)s – %(band)s") % {"value": value, "band": band_word(value, rule)})
        for value in range(1, rule.scale_max + 1)
    ]
    choices.append((NO_OPINION, _("No opinion")))
    return choices


def scale_bands(rule):
    """The scale's bands as (kind, first, last), in order (kind: stats.DISAGREE, UNSURE or
    AGREE); a scale may have no unsure band."""
    bands = [(stats.DISAGREE, 1, rule.disagree_up_to)]
    if rule.agree_from - rule.disagree_up_to > 1:
        bands.append((stats.UNSURE, rule.disagree_up_to + 1, rule.agree_from - 1))
    bands.append((stats.AGREE, rule.agree_from, rule.scale_max))
    return bands


def value_of(choice):
    """A cleaned rating choice as save_rating takes it: an int, or None for no opinion."""
    return None if choice == NO_OPINION else int(choice)


def choice_of(value):
    """A stored rating as the form shows it."""
    return NO_OPINION if value is None else str(value)


class RatingRadios(forms.RadioSelect):
    """Radios whose field id is the first radio's, so the error summary's link lands on it."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class RoundForm(forms.Form):
    """A rating and a comment for each statement `asked` in one round (RoundStatements, in
    the order shown). Nothing is required: people answer as many as they like each time.
    A comment needs a rating (or "No opinion") to be kept with."""

    def __init__(self, *args, asked, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked = list(asked)
        self.rule = rule
        choices = rating_choices(rule)
        invalid = _("Choose a rating from 1 to %(max)s, or “No opinion”.") % {
            "max": rule.scale_max
        }
        hint = _("1 means you disagree strongly, %(max)s that you agree strongly.") % {
            "max": rule.scale_max
        }
        comment_hint = _(
            "Why you rated it so, or how you would word it. It may be shared without your name."
        )
        for number, item in enumerate(self.asked, start=1):
            self.fields[self.rating_name(item)] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                required=False,
                widget=RatingRadios,
                help_text=hint,
                error_messages={"invalid_choice": invalid},
            )
            self.fields[self.comment_name(item)] = forms.CharField(
                label=_("Comment on statement %(number)s (optional)") % {"number": number},
                help_text=comment_hint,
                required=False,
                max_length=COMMENT_MAX,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": _("A comment must be %(max)s characters or fewer.")
                    % {"max": f"{COMMENT_MAX:,}"}
                },
            )

    @staticmethod
    def rating_name(item):
        return f"rating-{item.pk}"

    @staticmethod
    def comment_name(item):
        return f"comment-{item.pk}"

    @classmethod
    def initial_for(cls, ratings):
        """Initial data from the participant's ratings in this round, {asked pk: Rating}."""
        initial = {}
        for asked_id, rating in ratings.items():
            initial[f"rating-{asked_id}"] = choice_of(rating.value)
            initial[f"comment-{asked_id}"] = rating.comment
        return initial

    def clean(self):
        cleaned = super().clean()
        for item in self.asked:
            rating_name, comment_name = self.rating_name(item), self.comment_name(item)
            if (
                cleaned.get(comment_name)
                and not cleaned.get(rating_name)
                and rating_name not in self.errors
            ):
                self.add_error(
                    rating_name,
                    _("Choose a rating, or “No opinion”, so that we can keep your comment."),
                )
        return cleaned

    def rows(self):
        """Each statement with its two bound fields, for the template."""
        return [
            (item, self[self.rating_name(item)], self[self.comment_name(item)])
            for item in self.asked
        ]

    def answers(self):
        """{RoundStatement: (value, comment)} of each statement answered without an error
        (on a bound form, after is_valid()): what may be saved even when others are wrong."""
        answers = {}
        for item in self.asked:
            rating_name, comment_name = self.rating_name(item), self.comment_name(item)
            if rating_name in self.errors or comment_name in self.errors:
                continue
            choice = self.cleaned_data.get(rating_name)
            if choice:
                answers[item] = (value_of(choice), self.cleaned_data.get(comment_name, ""))
        return answers


class OneRatingForm(forms.Form):
    """One statement's rating, as the autosave sends it (`statement` is the RoundStatement
    pk; the view checks it is in the round)."""

    statement = forms.IntegerField(min_value=1)
    rating = forms.ChoiceField(choices=())
    comment = forms.CharField(required=False, max_length=COMMENT_MAX, strip=True)

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule
        self.fields["rating"].choices = rating_choices(rule)
        invalid = _("Choose a rating from 1 to %(max)s, or “No opinion”.") % {
            "max": rule.scale_max
        }
        self.fields["rating"].error_messages.update(
            {"invalid_choice": invalid, "required": invalid}
        )
        self.fields["statement"].error_messages.update(
            {
                "invalid": _("That statement is not in this round."),
                "min_value": _("That statement is not in this round."),
                "required": _("That statement is not in this round."),
            }
        )
        self.fields["comment"].error_messages["max_length"] = _(
            "A comment must be %(max)s characters or fewer."
        ) % {"max": f"{COMMENT_MAX:,}"}

    def value(self):
        return value_of(self.cleaned_data["rating"])

    def first_error(self):
        for errors in self.errors.values():
            return errors[0]
        return ""
