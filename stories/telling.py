"""Telling a story in the site: the four steps of the form, the consent wording, turning
what the member typed into a story for the editors, their stories' status, and retraction.

Every step keeps what was typed in the member's `StoryDraft` before it is checked, so
nothing is lost on a validation error or going back. Sending it creates (or, for a story
of theirs, revises) an unpublished `StoryPage` and sends it to the editors ("Story review",
stories.workflow). Editors publish it by approving; retraction takes it off the site.
"""

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Locale, PageLogEntry, WorkflowState
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail.users.models import UserProfile

from . import signals, workflow
from .models import Attribution, StoryDraft, StoryIndexPage, StoryKind, StoryPage

#: The wording the teller agrees to, and its version (recorded on the story). A change to
#: the words needs a new version.
CONSENT_VERSION = "2026-12"
CONSENT_TEXT = _(
    "I agree to Community of Action publishing this story on its website, to the readers I "
    "chose and under the name I chose, after the editors have read it. The editors may "
    "suggest changes, and nothing is published until they approve it. I can change my "
    "story or take it back (retract it) at any time from “Your stories”, and it then "
    "comes off the site at once."
)

#: What is kept after a retraction, for how long and why (for "Your stories" and the
#: retraction page; stories.retention deletes it when the time is up).
RETRACTION_KEEPS = _(
    "The saved versions of your story stay in the editors' records for 90 days, so that "
    "they can answer any question about what was published and when; they are never shown "
    "on the site again. After 90 days they are deleted, with the discussion about your "
    "story."
)

#: Suggested subjects for the content note, shown as checkboxes.
NOTE_TOPICS = [
    ("abuse", _("abuse")),
    ("self-harm", _("self-harm")),
    ("suicide", _("suicide")),
    ("bereavement", _("bereavement")),
    ("violence", _("violence")),
    ("racism", _("racism")),
    ("restraint", _("restraint")),
]

MEMBERS_ONLY, EVERYONE = "members", "everyone"


class StoryStep(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("A few words to name your story.")
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. One or two sentences shown in the list of stories."),
    )
    body = forms.CharField(
        label=_("Your story"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 15}),
        help_text=_("Leave an empty line between paragraphs."),
    )


class NoteStep(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("Does your story talk about any of these?"),
        choices=NOTE_TOPICS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose any that apply. Readers see them before your story."),
    )
    note = forms.CharField(
        label=_("Anything else readers should know first"),
        max_length=300,
        required=False,
        help_text=_("Optional. For example, “mentions a hospital stay”."),
    )


class ReadersStep(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who may read your story?"),
        choices=[(MEMBERS_ONLY, _("Members only")), (EVERYONE, _("Everyone"))],
        initial=MEMBERS_ONLY,
        widget=forms.RadioSelect,
    )
    attribution = forms.ChoiceField(
        label=_("How should we name you?"),
        choices=[
            (Attribution.ANONYMOUS, _("Anonymous")),
            (Attribution.NAME, _("My name")),
            (Attribution.PSEUDONYM, _("My pseudonym")),
        ],
        initial=Attribution.ANONYMOUS,
        widget=forms.RadioSelect,
    )
    pseudonym = forms.CharField(
        label=_("Your pseudonym"),
        max_length=80,
        required=False,
        help_text=_("Only if you chose a pseudonym: the name readers will see."),
    )
    comments_allowed = forms.BooleanField(
        label=_("Members may comment on my story"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("attribution") == Attribution.PSEUDONYM
            and not cleaned.get("pseudonym", "").strip()
        ):
            self.add_error("pseudonym", _("Give your pseudonym, or choose another way."))
        return cleaned


class ConsentStep(forms.Form):
    consent = forms.BooleanField(
        label=_("I agree to this"),
        error_messages={"required": _("Tick the box if you agree, to send your story.")},
    )


#: (slug in the address, heading, form) for each step, in order.
STEPS = [
    ("story", _("Your story"), StoryStep),
    ("content-note", _("A note for readers"), NoteStep),
    ("readers", _("Who may read it"), ReadersStep),
    ("consent", _("Your consent"), ConsentStep),
]
STEP_SLUGS = [slug for slug, _heading, _form in STEPS]


def step_form(slug):
    return STEPS[STEP_SLUGS.index(slug)][2]


# Drafts ------------------------------------------------------------------------------------


def find_draft(member, story=None):
    return StoryDraft.objects.filter(member=member, story=story).order_by("pk").first()


def draft_for(member, story=None):
    """The member's draft (for a new story, or for `story`), started from the story's
    latest version (what the editors have, which may be newer than what is live) when
    they begin changing it. It remembers that version, to warn them if the editors change
    the story while they are changing it (`editors_changed_since`)."""
    draft = find_draft(member, story)
    if draft is None:
        latest = story.get_latest_revision_as_object() if story is not None else None
        draft = StoryDraft(member=member, story=story, data=data_from_story(latest))
        if story is not None:
            draft.data[BASE_REVISION] = story.latest_revision_id
    return draft


#: Where a draft keeps the version of the story it started from.
BASE_REVISION = "_from_revision"


def editors_changed_since(draft):
    """Has anyone but the member saved a version of the story since the draft began?"""
    if draft.story_id is None or draft.pk is None:
        return False
    newer = draft.story.revisions.filter(pk__gt=draft.data.get(BASE_REVISION) or 0)
    return newer.exclude(user=draft.member).exists()


def start_again(draft):
    """Forget the member's changes, so the next step starts from the latest version."""
    if draft.pk is not None:
        draft.delete()


def keep(draft, slug, post):
    """Keep what was typed in step `slug` (as typed, unchecked)."""
    form_class = step_form(slug)
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            draft.data[name] = post.getlist(name)
        elif isinstance(field, forms.BooleanField):
            draft.data[name] = post.get(name) in ("on", "true", "1")
        else:
            draft.data[name] = post.get(name, "")[
                : (getattr(field, "max_length", None) or 100) * 2
            ]
    draft.save()


def bound(slug, data):
    """The step's form bound to what the draft holds (for checking), or None if empty."""
    form_class = step_form(slug)
    values = {}
    for name, field in form_class.base_fields.items():
        value = data.get(name)
        if isinstance(field, forms.BooleanField):
            if value:
                values[name] = "on"
        elif value not in (None, ""):
            values[name] = value
    return form_class(values)


def initial(slug, data):
    form_class = step_form(slug)
    return form_class(initial={k: v for k, v in data.items() if k in form_class.base_fields})


def body_text(story):
    paragraphs = []
    for block in story.body:
        if block.block_type == "paragraph":
            html = block.value.source.replace("<br>", "\n").replace("<br/>", "\n")
            paragraphs.append(strip_tags(html).strip())
        elif block.block_type == "heading":
            paragraphs.append(str(block.value))
    return "\n\n".join(p for p in paragraphs if p)


def split_note(text):
    """(topics, the rest) of a content note made by `content_note()`: the suggested topics
    it starts with (in the language it was written in, or the current one), ticked again
    when the teller changes their story, and whatever they added."""
    labels = {}
    for value, label in NOTE_TOPICS:
        labels[str(label).casefold()] = value
        with translation.override(settings.LANGUAGE_CODE):
            labels[str(label).casefold()] = value
    first, sep, rest = text.partition("; ")
    names = [name.strip().casefold() for name in first.split(",")]
    if first and all(name in labels for name in names):
        return list(dict.fromkeys(labels[name] for name in names)), rest.strip()
    return [], text.strip()


def data_from_story(story):
    if story is None:
        return {}
    topics, note = split_note(story.content_note)
    return {
        "title": story.title,
        "summary": story.summary,
        "body": body_text(story),
        "topics": topics,
        "note": note,
        "audience": MEMBERS_ONLY if story.members_only else EVERYONE,
        "attribution": story.attribution,
        "pseudonym": story.pseudonym,
        "comments_allowed": story.comments_allowed,
        "consent": False,
    }


# Sending it to the editors ----------------------------------------------------------------


def paragraphs(text):
    """Plain text, paragraphs split by empty lines, as the stream's paragraph blocks."""
    text = text.replace("\r\n", "\n")
    blocks = []
    for chunk in text.split("\n\n"):
        chunk = chunk.strip()
        if chunk:
            lines = "<br>".join(escape(line.strip()) for line in chunk.split("\n"))
            blocks.append(("paragraph", RichText(f"<p>{lines}</p>")))
    return blocks


def content_note(topics, note):
    labels = [str(label) for value, label in NOTE_TOPICS if value in topics]
    parts = [", ".join(labels)] if labels else []
    if note.strip():
        parts.append(note.strip())
    return "; ".join(parts)


def first_incomplete_step(data):
    """The first step whose answers are not ready, or None when all are."""
    for slug in STEP_SLUGS:
        if not bound(slug, data).is_valid():
            return slug
    return None


def stories_listing():
    return StoryIndexPage.objects.live().filter(locale=Locale.get_default()).first()


@transaction.atomic
def send(draft, user):
    """Create or revise the story from a complete draft and send it to the editors."""
    cleaned = {}
    for slug in STEP_SLUGS:
        form = bound(slug, draft.data)
        form.is_valid()
        cleaned.update(form.cleaned_data)
    fields = {
        "title": cleaned["title"],
        "summary": cleaned["summary"],
        "body": paragraphs(cleaned["body"]),
        "content_note": content_note(cleaned["topics"], cleaned["note"]),
        **choice_fields(cleaned),
        "consent_version": CONSENT_VERSION,
        "consent_given_at": timezone.now(),
    }
    story = draft.story
    if story is None:
        listing = stories_listing()
        story = StoryPage(
            kind=StoryKind.NARRATIVE,
            teller=user,
            live=False,
            slug=unique_slug(listing, cleaned["title"]),
            **fields,
        )
        listing.add_child(instance=story)
    else:
        # The latest version, so what editors saved and the form does not hold (themes,
        # sector, related pages) is kept.
        story = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(story, name, value)
    story.save_revision(user=user, log_action=True)
    draft.delete()
    quiet_admin_emails(user)
    workflow.send_for_review(story, user)
    return story


def choice_fields(cleaned):
    """The story's fields for the readers step's answers (`ReadersStep.cleaned_data`)."""
    pseudonym = cleaned["attribution"] == Attribution.PSEUDONYM
    return {
        "members_only": cleaned["audience"] == MEMBERS_ONLY,
        "attribution": cleaned["attribution"],
        "pseudonym": cleaned["pseudonym"].strip() if pseudonym else "",
        "comments_allowed": cleaned["comments_allowed"],
    }


def quiet_admin_emails(user):
    """The teller hears from us (stories.emails), not from the admin's own notifications,
    which name the page and quote the editors to anyone who submitted it."""
    profile = UserProfile.get_for_user(user)
    profile.submitted_notifications = False
    profile.approved_notifications = False
    profile.rejected_notifications = False
    profile.updated_comments_notifications = False
    profile.save()


def unique_slug(listing, title):
    base = slugify(title)[:60] or "story"
    slug, n = base, 1
    siblings = listing.get_children()
    while siblings.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# Status -------------------------------------------------------------------------------------

DRAFT, WITH_EDITORS, CHANGES, PUBLISHED, RETRACTED = (
    "draft",
    "with_editors",
    "changes",
    "published",
    "retracted",
)
STATUS_LABELS = {
    DRAFT: _("Draft"),
    WITH_EDITORS: _("With the editors"),
    CHANGES: _("Changes suggested"),
    PUBLISHED: _("Published"),
    RETRACTED: _("Retracted"),
}


def status_of(story):
    """(status, the editors' comment when they suggested changes)."""
    if story.is_retracted:
        return RETRACTED, ""
    state = story.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        return CHANGES, task_state.specific.get_comment() if task_state else ""
    if state is not None:
        return WITH_EDITORS, ""
    if story.live:
        return PUBLISHED, ""
    return DRAFT, ""


def own_stories(member):
    return StoryPage.objects.filter(teller=member, locale=Locale.get_default()).order_by(
        "-latest_revision_created_at", "-pk"
    )


def may_change(story):
    return not story.is_retracted


# Who may read it, and how the teller is named ---------------------------------------------


def choices_of(story):
    """The readers step's answers as `story` stands (its latest version)."""
    data = data_from_story(story.get_latest_revision_as_object())
    return {name: data[name] for name in ReadersStep.base_fields}


def set_everywhere(copies, fields):
    """Set `fields` on every copy and in every saved version of it, so that neither an older
    version nor the one with the editors brings the old values back."""
    for copy in copies:
        StoryPage.objects.filter(pk=copy.pk).update(**fields)
        for revision in copy.revisions.all():
            revision.content.update(
                {
                    name: value.isoformat() if hasattr(value, "isoformat") else value
                    for name, value in fields.items()
                }
            )
            revision.save(update_fields=["content"])


@transaction.atomic
def change_choices(story, user, cleaned):
    """Who may read the story, how its teller is named and whether members may comment are
    the teller's to change at any time: the change applies at once, without a review, to
    every language copy and saved version, and to a draft of changes they have started.
    Returns the copies, as they now are."""
    fields = choice_fields(cleaned)
    copies = list(StoryPage.objects.filter(translation_key=story.translation_key))
    set_everywhere(copies, fields)
    for draft in StoryDraft.objects.filter(story__in=copies):
        draft.data.update({name: cleaned[name] for name in ReadersStep.base_fields})
        draft.save(update_fields=["data", "updated_at"])
    copies = list(StoryPage.objects.filter(pk__in=[copy.pk for copy in copies]))
    for copy in copies:
        PageLogEntry.objects.log_action(copy, CHOICES_CHANGED, user=user)
        if copy.live:
            index.insert_or_update_object(copy)
    transaction.on_commit(lambda: purge_from_cache(copies))
    story.refresh_from_db()
    signals.choices_changed.send(sender=StoryPage, story=story, user=user)
    return copies


#: The audit log's name for a teller changing their choices (stories.wagtail_hooks).
CHOICES_CHANGED = "stories.choices_changed"


def purge_from_cache(copies):
    """Tell the front-end cache (WAGTAILFRONTENDCACHE, when set) to drop the story's pages,
    its listings and the home pages that list the newest stories."""
    pages = list(copies)
    for copy in copies:
        parent = copy.get_parent()
        pages.extend([parent, parent.get_parent()])
    purge_pages_from_cache(list({page.pk: page for page in pages}.values()))


# Retraction ------------------------------------------------------------------------------


@transaction.atomic
def retract(story, user):
    """Take the story off the site at once: marked retracted (in the page and its saved
    revisions, so publishing an old one cannot bring it back), any review cancelled,
    unpublished in every language, out of the search index, and its drafts gone."""
    now = timezone.now()
    workflow.cancel_review(story, user)
    copies = list(StoryPage.objects.filter(translation_key=story.translation_key))
    set_everywhere(copies, {"retracted_at": now})
    for copy in copies:
        copy.refresh_from_db()
        if copy.live:
            # The teller may take down their own story, without the admin's permission.
            UnpublishPageAction(copy, user=user, log_action=True).execute(
                skip_permission_checks=True
            )
        index.remove_object(copy)
    StoryDraft.objects.filter(story__in=copies).delete()
    transaction.on_commit(lambda: purge_from_cache(copies))
