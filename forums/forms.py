"""What members fill in: a new topic (with its opening post), a reply, an edit, a pseudonym.

Titles and posts are cleaned of control and direction-override characters before they are
checked (forums.markdown); lengths are limited with messages that say the limit. Nothing
typed is lost when a form comes back with an error: it is re-shown with what was sent.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import markdown
from .models.following import NotificationPreference
from .models.moderation import Report

CONTENT_NOTE_HELP = _(
    "If your post talks about something that may be hard to read, such as abuse, self-harm "
    "or suicide, name it here. Your post is then folded away until each reader chooses to "
    "open it."
)


class PostFields(forms.Form):
    body = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=markdown.MAX_BODY_LENGTH,
        help_text=_(
            "You can use Markdown: *italic*, **bold**, > for a quote, - for a list. To let "
            "someone in the conversation know, write @ and their name without spaces, or "
            "their pseudonym: @SamRivers."
        ),
        error_messages={
            "required": _("Write something before posting."),
            "max_length": _(
                "Posts can be up to %(limit_value)d characters: yours has %(show_value)d."
            ),
        },
    )
    content_note = forms.CharField(
        label=_("Content note (optional)"),
        max_length=200,
        required=False,
        help_text=CONTENT_NOTE_HELP,
    )
    as_pseudonym = forms.BooleanField(label=_("Post under my pseudonym"), required=False)

    def __init__(self, *args, pseudonym=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pseudonym:
            self.fields["as_pseudonym"].label = _("Post as “%(pseudonym)s”") % {
                "pseudonym": pseudonym
            }
            self.fields["as_pseudonym"].help_text = _(
                "Other members see your pseudonym instead of your name. Moderators can see "
                "who wrote it."
            )
        else:
            del self.fields["as_pseudonym"]

    def clean_body(self):
        body = markdown.clean_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Write something before posting."))
        return body

    def clean_content_note(self):
        return markdown.clean_title(self.cleaned_data["content_note"])


class TopicForm(PostFields):
    title = forms.CharField(
        label=_("Title"),
        max_length=markdown.MAX_TITLE_LENGTH,
        error_messages={
            "required": _("Give your topic a title."),
            "max_length": _(
                "Titles can be up to %(limit_value)d characters: yours has %(show_value)d."
            ),
        },
    )
    field_order = ["title", "body", "content_note", "as_pseudonym"]

    def clean_title(self):
        title = markdown.clean_title(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give your topic a title."))
        return title


class ReplyForm(PostFields):
    # A hidden field the person cannot correct: anything but a post id means "no post".
    in_reply_to = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_in_reply_to(self):
        value = self.cleaned_data["in_reply_to"].strip()
        return int(value) if value.isdigit() and len(value) < 19 else None


class EditForm(PostFields):
    pass


class EditOpeningForm(EditForm):
    """Editing a topic's opening post: its title too."""

    title = TopicForm.base_fields["title"]
    field_order = ["title", "body", "content_note"]
    clean_title = TopicForm.clean_title


PSEUDONYM_MIN, PSEUDONYM_MAX = 2, 30
#: Names the site itself uses for people: nobody may post as one of them.
RESERVED_NAMES = frozenset(
    {"a member", "a former member", "moderator", "moderators", "admin", "administrator"}
)


class PseudonymForm(forms.Form):
    """A member's pseudonym: set once, 2 to 30 characters, nobody else's, not their name."""

    pseudonym = forms.CharField(
        label=_("Your pseudonym"),
        help_text=_(
            "2 to 30 characters. Choose a name that does not say who you are or where you work."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": PSEUDONYM_MAX}
        ),
        error_messages={"required": _("Enter the pseudonym you would like.")},
    )

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_pseudonym(self):
        name = markdown.clean_title(self.cleaned_data["pseudonym"])
        if not PSEUDONYM_MIN <= len(name) <= PSEUDONYM_MAX:
            raise forms.ValidationError(
                _("A pseudonym is %(min)d to %(max)d characters: yours has %(count)d.")
                % {"min": PSEUDONYM_MIN, "max": PSEUDONYM_MAX, "count": len(name)}
            )
        if not any(character.isalnum() for character in name):
            raise forms.ValidationError(_("A pseudonym needs at least one letter or number."))
        folded = name.casefold()
        if folded in RESERVED_NAMES:
            raise forms.ValidationError(_("That name is used by the site. Try another."))
        if self.member is not None and folded in _own_names(self.member):
            raise forms.ValidationError(
                _("That is your own name. Choose one that does not say who you are.")
            )
        return name


def _own_names(member):
    """The member's own name, as others might see it written (other members' names are not
    checked: refusing one would tell the person that someone of that name is a member)."""
    first, last = member.first_name.strip(), member.last_name.strip()
    names = {f"{first} {last}", f"{last} {first}", f"{first}{last}"}
    return {" ".join(name.split()).casefold() for name in names if name.strip()}


class ReportForm(forms.Form):
    """A member's report of a post: why (one reason), and more detail if they want."""

    reason = forms.ChoiceField(
        label=_("Why are you reporting this post?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason that fits best.")},
    )
    detail = forms.CharField(
        label=_("Anything else a moderator should know (optional)"),
        help_text=_("Only moderators read this. Up to 1000 characters."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        required=False,
        error_messages={
            "max_length": _(
                "This can be up to %(limit_value)d characters: yours has %(show_value)d."
            ),
        },
    )

    def clean_detail(self):
        return markdown.clean_text(self.cleaned_data["detail"]).strip()


class NotificationPreferenceForm(forms.ModelForm):
    """How a member hears from the forums: how often, and whether emails are private."""

    class Meta:
        model = NotificationPreference
        fields = ["frequency", "private_email"]
        labels = {
            "frequency": _("How would you like to hear about new posts?"),
            "private_email": _("Keep my forum emails private"),
        }
        widgets = {"frequency": forms.RadioSelect}
        error_messages = {"frequency": {"required": _("Choose how often we email you.")}}
